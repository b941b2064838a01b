import RegulationDiagnostics

/// Another act this one replaces or implements.
public struct RelatedAct: Sendable, Hashable {
  public var title: String
  public var body: String?
  public var number: String?
  public var date: String?
  public var clause: ClauseReference?
  public var range: SourceRange
  /// v1.1: an id (in `related_acts`), how it relates to this act, the Reglament file holding it, what we hold of it.
  public var id: String?
  /// `approves`, `approved-by`, `amends`, `amended-by`, `implements`, `replaces`, `refers-to`, `annex-of`.
  public var relation: String?
  public var file: String?
  public var held: TextHolding?
  public var source: String?
  public var assumption: Assumption?
  /// `date` read as a possibly approximate date.
  public var dateValue: ApproximateDate? { date.flatMap(ApproximateDate.init(text:)) }

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
  /// What we hold of the text (nil: not stated; read as verbatim).
  public var text: Provenance?
  public var annexes: [Annex] = []
  /// Editions (amendments) with their effective dates, oldest first.
  public var editions: [Edition] = []
  public var assumption: Assumption?
  /// `date` read as a possibly approximate date («около 2020-02-24»).
  public var dateValue: ApproximateDate? { date.flatMap(ApproximateDate.init(text:)) }
  /// Whether our copy of the text may lack what the act says (a fragment or a paraphrase).
  public var textIsIncomplete: Bool { text?.isIncomplete ?? false }

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
