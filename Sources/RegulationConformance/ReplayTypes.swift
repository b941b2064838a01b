import WorkingTime

// The audit replays through the engine's own types: `CaseRun` records `CaseEvent`s and fills a `CaseEvaluation`
// (`EventVerdict`, `LimitVerdict`, `DueStep`); no mirror of them is kept here. What follows is the audit's view of
// the act's flow, which the engine does not describe this way.

/// The regulation's flow as the audit needs it: step names, roles, clauses, and the graph of outcomes.
public struct ReplayStepInfo: Sendable, Hashable {
  public var id: String
  public var name: String
  public var role: String?
  public var clause: String?
  /// The situation ids the step's condition requires (a return only when `not-competent`).
  public var situations: [String]
  public var successors: [Int]
  public var predecessors: [Int]
  /// The step has an outcome that ends the case (an answer published, a message excluded).
  public var ends: Bool
  /// Reached only through an outcome that goes back (rework, a return): a repeat round.
  public var isRework: Bool
  /// An outcome `excluded` leads from it (a message excluded by a check).
  public var excludes: Bool
}

/// An overall limit of the act.
public struct ReplayLimitInfo: Sendable, Hashable {
  public var id: String
  public var name: String
  public var until: Int
  public var clause: String?
}
