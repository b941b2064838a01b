import RegulationDiagnostics
import WorkingTime

/// When a rule applies: to which categories, kinds, channels and situations (all given lists must match).
public struct Condition: Sendable, Hashable {
  public var categories: [Located<String>]
  public var kinds: [Located<String>]
  public var channels: [Located<String>]
  public var situations: [Located<String>]
  public var range: SourceRange?
  /// v1.1: groups that must all match (AND); a group matches when any of its categories does (OR).
  /// `when: {all_of: [regional, [critical, urgent]]}` → [[regional], [critical, urgent]].
  public var allOf: [[Located<String>]] = []

  public init(range: SourceRange? = nil) {
    categories = []
    kinds = []
    channels = []
    situations = []
    self.range = range
  }

  public var isEmpty: Bool { categories.isEmpty && kinds.isEmpty && channels.isEmpty && situations.isEmpty && allOf.isEmpty }
}

/// What a deadline is counted from.
public enum Anchor: Sendable, Hashable {
  /// The moment the message was detected (the incident's `detected` time).
  case detected
  /// The moment the author posted the message (defaults to `detected` when not recorded).
  case posted
  /// The completion of a step.
  case step(String)

  public init(_ text: String) {
    switch text {
    case "detected": self = .detected
    case "posted": self = .posted
    default: self = .step(text)
    }
  }

  public var name: String {
    switch self {
    case .detected: "detected"
    case .posted: "posted"
    case .step(let s): s
    }
  }
}

/// One deadline rule: an amount on a clock from an anchor, or relative to another deadline, under a condition.
public struct DeadlineRule: Sendable, Hashable {
  public var period: Period
  public var amountRange: SourceRange
  public var clockRange: SourceRange
  /// Counted forward from this anchor (the latest of several: "from receipt of the draft", which comes from the first
  /// draft or from a rework) …
  public var anchors: [Located<Anchor>]
  /// … or backwards from the deadline of this step or limit ("за 4 часа до истечения срока").
  public var before: Located<String>?
  /// Capped by the deadline of this step or limit ("но не позднее срока, предусмотренного пунктом 11").
  public var notLaterThan: Located<String>?
  /// For co-executors: the period applies to each of them.
  public var each: Bool
  public var condition: Condition
  public var clause: ClauseReference?
  public var assumption: Assumption?
  public var quote: String?
  public var range: SourceRange
  /// v1.1: the editions this rule is in force in.
  public var validity = Validity()
  public var held: TextHolding?

  public init(period: Period, amountRange: SourceRange, clockRange: SourceRange, anchors: [Located<Anchor>], before: Located<String>?, notLaterThan: Located<String>?, each: Bool, condition: Condition, clause: ClauseReference?, assumption: Assumption?, quote: String?, range: SourceRange) {
    self.period = period
    self.amountRange = amountRange
    self.clockRange = clockRange
    self.anchors = anchors
    self.before = before
    self.notLaterThan = notLaterThan
    self.each = each
    self.condition = condition
    self.clause = clause
    self.assumption = assumption
    self.quote = quote
    self.range = range
  }
}

extension DeadlineRule {
  /// The first anchor (the usual one when nothing else happened).
  public var anchor: Located<Anchor>? { anchors.first }
}

/// A step's deadline: rules (usually one; several when categories differ) or an explicit statement that the act
/// gives none.
public enum StepDeadline: Sendable, Hashable {
  case rules([DeadlineRule])
  case none(reason: String, range: SourceRange)
}

/// Where a step leads on a given outcome.
public struct Outcome: Sendable, Hashable {
  /// `done`, `approved`, `rework`, `not-competent`, `interim`, `clarify`, `final`, `excluded`.
  public var on: String
  /// A step id, or `end`.
  public var to: Located<String>?
  public var clause: ClauseReference?
  public var range: SourceRange
  public var assumption: Assumption?

  public init(on: String, to: Located<String>?, clause: ClauseReference?, range: SourceRange) {
    self.on = on
    self.to = to
    self.clause = clause
    self.range = range
  }
}

/// How co-executors work together (Ставрополь п. 18, Липецк п. 14, Красноуфимск п. 17).
public struct CoExecution: Sendable, Hashable {
  /// `parallel` or `sequential`.
  public var order: String
  public var orderSetBy: Located<String>?
  /// `main` (the main executor) or `last` (the last in order).
  public var commonAnswerBy: String?
  public var range: SourceRange

  public init(order: String, orderSetBy: Located<String>?, commonAnswerBy: String?, range: SourceRange) {
    self.order = order
    self.orderSetBy = orderSetBy
    self.commonAnswerBy = commonAnswerBy
    self.range = range
  }
}

/// One action of the procedure: who does it, when it applies, its deadline, where it leads.
public struct Step: Sendable, Hashable {
  public var id: String
  public var name: String
  public var action: String?
  public var role: Located<String>?
  public var condition: Condition
  public var deadline: StepDeadline?
  public var outcomes: [Outcome]
  public var coExecution: CoExecution?
  public var clause: ClauseReference?
  public var quote: String?
  public var range: SourceRange
  public var idRange: SourceRange
  /// v1.1: the step's own assumption (who does it when the act names nobody, …). Never a reading of the deadline's
  /// clock: that is the deadline rule's `assumption`.
  public var assumption: Assumption?
  /// How to choose among deadline rules that match one message; nil: the act says nothing (reported when rules overlap).
  public var overlap: Located<OverlapChoice>?
  public var validity = Validity()

  public init(id: String, name: String, action: String?, role: Located<String>?, condition: Condition, deadline: StepDeadline?, outcomes: [Outcome], coExecution: CoExecution?, clause: ClauseReference?, quote: String?, range: SourceRange, idRange: SourceRange) {
    self.id = id
    self.name = name
    self.action = action
    self.role = role
    self.condition = condition
    self.deadline = deadline
    self.outcomes = outcomes
    self.coExecution = coExecution
    self.clause = clause
    self.quote = quote
    self.range = range
    self.idRange = idRange
  }
}

/// An overall deadline spanning several steps: from an anchor until a step is complete (п. 9: "подготовка и
/// размещение ответа не позднее 8 рабочих часов с момента выявления").
public struct Limit: Sendable, Hashable {
  public var id: String
  public var name: String
  public var until: Located<String>
  public var deadline: StepDeadline
  public var clause: ClauseReference?
  public var quote: String?
  public var range: SourceRange
  public var idRange: SourceRange
  public var assumption: Assumption?
  public var overlap: Located<OverlapChoice>?
  public var validity = Validity()

  public init(id: String, name: String, until: Located<String>, deadline: StepDeadline, clause: ClauseReference?, quote: String?, range: SourceRange, idRange: SourceRange) {
    self.id = id
    self.name = name
    self.until = until
    self.deadline = deadline
    self.clause = clause
    self.quote = quote
    self.range = range
    self.idRange = idRange
  }
}

/// A reporting duty: to the head immediately, or a quarterly timeliness report.
public struct Duty: Sendable, Hashable {
  public var id: String
  public var name: String
  public var role: Located<String>?
  public var recipient: Located<String>?
  public var every: String?
  public var condition: Condition
  public var deadline: StepDeadline?
  public var clause: ClauseReference?
  public var range: SourceRange
  public var quote: String?
  public var assumption: Assumption?

  public init(id: String, name: String, role: Located<String>?, recipient: Located<String>?, every: String?, condition: Condition, deadline: StepDeadline?, clause: ClauseReference?, range: SourceRange) {
    self.id = id
    self.name = name
    self.role = role
    self.recipient = recipient
    self.every = every
    self.condition = condition
    self.deadline = deadline
    self.clause = clause
    self.range = range
  }
}

/// How repeat messages by the same author are handled.
public struct RepeatRule: Sendable, Hashable {
  public var steps: [Located<String>]
  public var requirement: String?
  public var clause: ClauseReference?
  public var range: SourceRange

  public init(steps: [Located<String>], requirement: String?, clause: ClauseReference?, range: SourceRange) {
    self.steps = steps
    self.requirement = requirement
    self.clause = clause
    self.range = range
  }
}
