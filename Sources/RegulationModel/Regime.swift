import RegulationDiagnostics

/// Who or what a role is. A `system` (monitoring software) records and dispatches messages; it keeps no working hours
/// and a step it performs is instantaneous unless the act says otherwise.
public enum Actor: String, Sendable, Hashable, CaseIterable {
  case person, body, system
}

/// How a step or limit chooses among its deadline rules when several match one message.
public enum OverlapChoice: String, Sendable, Hashable, CaseIterable {
  /// The rule whose due instant comes first.
  case earliest
  /// The rule whose due instant comes last.
  case latest
  /// A rule of an overlay category («повышенной важности») over a base category's rule; among the rest, an error.
  case overlayFirst = "overlay-first"
  /// The first matching rule in the order written.
  case listedFirst = "listed-first"
}

/// An obligation that is neither a step of the procedure nor a report: coordination, control, "ensure interaction".
public struct Obligation: Sendable, Hashable {
  public var id: String
  public var name: String
  /// `coordination`, `control`, `interaction`, `methodology`, `monitoring`, `other`.
  public var kind: String
  public var role: Located<String>?
  public var with: [Located<String>]
  /// `day`, `week`, `month`, `quarter`, `year`, when the act sets a period.
  public var every: String?
  public var deadline: StepDeadline?
  public var clause: ClauseReference?
  public var quote: String?
  public var assumption: Assumption?
  public var validity: Validity
  public var range: SourceRange

  public init(id: String, name: String, kind: String, role: Located<String>?, with: [Located<String>], every: String?,
    deadline: StepDeadline?, clause: ClauseReference?, quote: String?, assumption: Assumption?, validity: Validity,
    range: SourceRange) {
    self.id = id
    self.name = name
    self.kind = kind
    self.role = role
    self.with = with
    self.every = every
    self.deadline = deadline
    self.clause = clause
    self.quote = quote
    self.assumption = assumption
    self.validity = validity
    self.range = range
  }
}

/// The act's statement on Federal Law 59-FZ: `applies == false` is «на сообщения не распространяется».
public struct Law59Statement: Sendable, Hashable {
  public var applies: Bool
  public var clause: ClauseReference?
  public var quote: String?
  public var assumption: Assumption?
  public var range: SourceRange

  public init(applies: Bool, clause: ClauseReference?, quote: String?, assumption: Assumption?, range: SourceRange) {
    self.applies = applies
    self.clause = clause
    self.quote = quote
    self.assumption = assumption
    self.range = range
  }
}

/// Which messages the act covers («сообщения критического характера», «регионального уровня»); all filters together.
public struct ScopeFilter: Sendable, Hashable {
  public var id: String
  public var name: String
  public var categories: [Located<String>]
  public var clause: ClauseReference?
  public var quote: String?
  public var assumption: Assumption?
  public var range: SourceRange

  public init(id: String, name: String, categories: [Located<String>], clause: ClauseReference?, quote: String?,
    assumption: Assumption?, range: SourceRange) {
    self.id = id
    self.name = name
    self.categories = categories
    self.clause = clause
    self.quote = quote
    self.assumption = assumption
    self.range = range
  }
}

/// The act's regime: whether 59-FZ applies and which messages it covers.
public struct Regime: Sendable, Hashable {
  public var law59: Law59Statement?
  public var scope: [ScopeFilter]
  public var range: SourceRange

  public init(law59: Law59Statement?, scope: [ScopeFilter], range: SourceRange) {
    self.law59 = law59
    self.scope = scope
    self.range = range
  }
}

/// A requirement on the answer's content or form (on the merits, in the network's format, photo or video as proof),
/// checked by an audit against the attribute `attribute` recorded for each answer.
public struct AnswerRequirement: Sendable, Hashable {
  public var id: String
  public var name: String
  /// The name of the recorded attribute: `on_merits`, `format`, `evidence`.
  public var attribute: String
  /// Allowed values of the attribute; empty: the attribute is yes/no and must be yes.
  public var values: [String]
  public var condition: Condition
  public var clause: ClauseReference?
  public var quote: String?
  public var assumption: Assumption?
  public var validity: Validity
  public var range: SourceRange

  public init(id: String, name: String, attribute: String, values: [String], condition: Condition,
    clause: ClauseReference?, quote: String?, assumption: Assumption?, validity: Validity, range: SourceRange) {
    self.id = id
    self.name = name
    self.attribute = attribute
    self.values = values
    self.condition = condition
    self.clause = clause
    self.quote = quote
    self.assumption = assumption
    self.validity = validity
    self.range = range
  }
}
