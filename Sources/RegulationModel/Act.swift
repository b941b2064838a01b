import RegulationDiagnostics

/// Another act this one replaces or implements.
public struct RelatedAct: Sendable, Hashable {
  public var title: String
  public var body: String?
  public var number: String?
  public var date: String?
  public var clause: ClauseReference?
  public var range: SourceRange

  public init(title: String, body: String?, number: String?, date: String?, clause: ClauseReference?, range: SourceRange) {
    self.title = title
    self.body = body
    self.number = number
    self.date = date
    self.clause = clause
    self.range = range
  }
}

/// The act itself: who issued it, what it is, when it applies.
public struct Act: Sendable, Hashable {
  public var id: String
  public var title: String
  public var body: String
  public var kind: String
  public var number: String?
  public var date: String?
  public var status: String
  public var jurisdiction: String
  public var region: String?
  public var municipality: String?
  public var effectiveFrom: String?
  public var effectiveUntil: String?
  public var replaces: [RelatedAct]
  public var implements: [RelatedAct]
  public var source: String?
  public var range: SourceRange

  public init(range: SourceRange) {
    id = ""
    title = ""
    body = ""
    kind = ""
    status = "adopted"
    jurisdiction = "municipal"
    replaces = []
    implements = []
    self.range = range
  }
}
