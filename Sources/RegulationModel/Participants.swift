import RegulationDiagnostics

/// A participant: curator, operator, executor, co-executor, coordinating body, head.
public struct Role: Sendable, Hashable {
  public var id: String
  public var name: String
  public var clause: ClauseReference?
  public var duties: [String]
  /// Whether the act requires a substitute during absence, and who it is if named.
  public var substitutes: String?
  public var outside: Bool
  public var schedule: String?
  public var range: SourceRange
  /// Who or what the role is; a `system` dispatches (the clock of the next step starts at its dispatch).
  public var actor: Actor = .person
  public var quote: String?
  public var assumption: Assumption?

  public init(id: String, name: String, clause: ClauseReference?, duties: [String], substitutes: String?, outside: Bool, schedule: String?, range: SourceRange) {
    self.id = id
    self.name = name
    self.clause = clause
    self.duties = duties
    self.substitutes = substitutes
    self.outside = outside
    self.schedule = schedule
    self.range = range
  }
}

/// A kind of message (incident found by monitoring software, publication found by the administration, …).
public struct MessageKind: Sendable, Hashable {
  public var id: String
  public var name: String
  public var clause: ClauseReference?
  public var range: SourceRange
  public var assumption: Assumption?

  public init(id: String, name: String, clause: ClauseReference?, range: SourceRange) {
    self.id = id
    self.name = name
    self.clause = clause
    self.range = range
  }
}

/// Where messages come from and where answers go (a network, public comments or private messages).
public struct Channel: Sendable, Hashable {
  public var id: String
  public var name: String
  public var visibility: String?
  public var clause: ClauseReference?
  public var range: SourceRange
  public var assumption: Assumption?

  public init(id: String, name: String, visibility: String?, clause: ClauseReference?, range: SourceRange) {
    self.id = id
    self.name = name
    self.visibility = visibility
    self.clause = clause
    self.range = range
  }
}

/// A message category («обычные», «решаемые»/«фаст-трек», «повышенной важности»).
public struct Category: Sendable, Hashable {
  public var id: String
  public var name: String
  public var aliases: [Located<String>]
  /// An overlay category is laid over base categories and its rules take precedence.
  public var overlay: Bool
  public var appliesTo: [Located<String>]
  public var definition: String?
  public var clause: ClauseReference?
  public var range: SourceRange
  /// The axis of classification (level, type) this category belongs to; nil: the common one.
  public var group: String?
  public var assumption: Assumption?

  public init(id: String, name: String, aliases: [Located<String>], overlay: Bool, appliesTo: [Located<String>], definition: String?, clause: ClauseReference?, range: SourceRange) {
    self.id = id
    self.name = name
    self.aliases = aliases
    self.overlay = overlay
    self.appliesTo = appliesTo
    self.definition = definition
    self.clause = clause
    self.range = range
  }
}

/// A circumstance of an incident that switches steps on: co-executors, an interim answer, a repeat message, …
public struct Situation: Sendable, Hashable {
  public var id: String
  public var name: String
  public var clause: ClauseReference?
  public var range: SourceRange
  public var assumption: Assumption?

  public init(id: String, name: String, clause: ClauseReference?, range: SourceRange) {
    self.id = id
    self.name = name
    self.clause = clause
    self.range = range
  }
}

/// Messages the procedure does not process, and what happens to them instead.
public struct Exclusion: Sendable, Hashable {
  public var id: String
  public var name: String
  public var grounds: [String]
  /// `no-answer`, `law-59fz`, `explanation`, `convert-to-appeal`; `nil` when the act states none.
  public var consequence: Located<String>?
  public var step: Located<String>?
  public var clause: ClauseReference?
  public var range: SourceRange
  /// «допускается не отвечать»: the act permits, not orders, leaving such messages unanswered.
  public var permissive: Bool = false
  public var assumption: Assumption?
  public var validity = Validity()

  public init(id: String, name: String, grounds: [String], consequence: Located<String>?, step: Located<String>?, clause: ClauseReference?, range: SourceRange) {
    self.id = id
    self.name = name
    self.grounds = grounds
    self.consequence = consequence
    self.step = step
    self.clause = clause
    self.range = range
  }
}
