import RegulationModel
import WorkingTime

/// A condition with every name resolved to an index: which categories (any of), kinds (any of), channels (any of)
/// and situations (all of) a rule or step needs.
public struct CompiledCondition: Sendable, Hashable {
  public var categories: [Int] = []
  public var kinds: [Int] = []
  public var channels: [Int] = []
  public var situations: [Int] = []
  /// Groups that must all match, each by any of its categories (`all_of`: level AND type).
  public var allOf: [[Int]] = []
  /// Categories of this condition that are overlays («повышенной важности»): a rule naming one takes precedence.
  public var overlayCategories: [Int] = []

  public var isEmpty: Bool {
    categories.isEmpty && kinds.isEmpty && channels.isEmpty && situations.isEmpty && allOf.isEmpty
  }

  /// Whether the condition holds for an incident profile. A profile that does not say its kind, channel or
  /// situations matches any (it stands for "every incident of these categories").
  public func matches(_ p: IncidentProfile) -> Bool {
    if !categories.isEmpty, !categories.contains(where: p.categories.contains) { return false }
    if !allOf.allSatisfy({ $0.contains(where: p.categories.contains) }) { return false }
    if !kinds.isEmpty, let k = p.kind, !kinds.contains(k) { return false }
    if !channels.isEmpty, let c = p.channel, !channels.contains(c) { return false }
    if !situations.isEmpty, let active = p.situations, !situations.allSatisfy(active.contains) { return false }
    return true
  }

  /// Whether the condition names an overlay category the profile has.
  public func isOverlayMatch(_ p: IncidentProfile) -> Bool { overlayCategories.contains(where: p.categories.contains) }
}

/// What a deadline counts from, resolved.
public enum CompiledAnchor: Sendable, Hashable {
  case detected
  case posted
  case step(Int)
}

/// Another deadline a rule refers to (`before:`, `not_later_than:`).
public enum DeadlineReference: Sendable, Hashable {
  case step(Int)
  case limit(Int)
}

/// One deadline rule with every reference resolved to an index. A class: the evaluator's hot path passes it around
/// with one reference count instead of copying every field.
public final class CompiledRule: Sendable {
  public let period: Period
  /// Counted from the latest of these (empty: from detection).
  public let anchors: [CompiledAnchor]
  public let before: DeadlineReference?
  public let notLaterThan: DeadlineReference?
  /// Co-executors: the period applies to each of them.
  public let each: Bool
  public let condition: CompiledCondition
  /// The rule's clause, else its step's or limit's.
  public let clause: String?
  /// The rule as written (source range, assumption, quote).
  public let source: DeadlineRule

  init(period: Period, anchors: [CompiledAnchor], before: DeadlineReference?, notLaterThan: DeadlineReference?, each: Bool,
    condition: CompiledCondition, clause: String?, source: DeadlineRule)
  {
    self.period = period
    self.anchors = anchors
    self.before = before
    self.notLaterThan = notLaterThan
    self.each = each
    self.condition = condition
    self.clause = clause
    self.source = source
  }
}

/// A step's, limit's or duty's deadline, resolved.
public enum CompiledDeadline: Sendable {
  case rules([CompiledRule])
  /// The act states that there is none (`none:`), with its reason.
  case none(reason: String)
  /// The file gives no deadline at all.
  case missing
}

/// What an outcome is: the typed `if:` of an outcome.
public enum OutcomeKind: Sendable, Hashable {
  case done, approved, rework, notCompetent, interim, clarify, final, excluded
  case other(String)

  public init(_ text: String) {
    switch text {
    case "done": self = .done
    case "approved": self = .approved
    case "rework": self = .rework
    case "not-competent": self = .notCompetent
    case "interim": self = .interim
    case "clarify": self = .clarify
    case "final": self = .final
    case "excluded": self = .excluded
    default: self = .other(text)
    }
  }
}

/// Where an outcome leads.
public enum OutcomeTarget: Sendable, Hashable {
  case step(Int)
  /// The case ends.
  case end
}

/// An outcome of a step, typed.
public struct CompiledOutcome: Sendable, Hashable {
  public let kind: OutcomeKind
  public let target: OutcomeTarget
  public let clause: String?
}

/// How co-executors work together.
public enum CoExecutionMode: Sendable, Hashable {
  case parallel
  /// In an order set by a role (Липецк п. 14): each co-executor's time starts when the previous one finishes.
  case sequential(orderSetBy: String?)
}

/// A step with every reference resolved.
public struct CompiledStep: Sendable {
  public let index: Int
  public let id: String
  public let name: String
  public let role: String?
  public let clause: String?
  public let condition: CompiledCondition
  public let deadline: CompiledDeadline
  public let outcomes: [CompiledOutcome]
  public let coExecution: CoExecutionMode?
  /// Index of the clock its deadlines count in (its role's schedule, or the organisation's: 0).
  public let clock: Int
  /// How the act chooses when several of its rules match (`overlap:`); `nil`: it does not say.
  public let overlap: OverlapChoice?
  public let source: Step

  /// Whether occurrence k of this step is anchored on occurrence k−1 (sequential co-executors, each with a period).
  var chainsOccurrences: Bool {
    if case .sequential? = coExecution { return true }
    return false
  }
}

/// An overall deadline with every reference resolved.
public struct CompiledLimit: Sendable {
  public let index: Int
  public let id: String
  public let name: String
  /// The step that meets it (`nil` only in a file with reference errors, which is never compiled).
  public let until: Int
  public let clause: String?
  public let deadline: CompiledDeadline
  public let overlap: OverlapChoice?
  public let source: Limit
}

/// A reporting duty with every reference resolved.
public struct CompiledDuty: Sendable {
  public let index: Int
  public let id: String
  public let name: String
  public let role: String?
  public let clause: String?
  public let condition: CompiledCondition
  public let deadline: CompiledDeadline
  public let source: Duty
}
