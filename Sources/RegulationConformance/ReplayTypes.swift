import WorkingTime

/// One recorded step completion of a case, as the replay sees it: a step index, a local time, who and where.
public struct ReplayEvent: Sendable, Hashable {
  public var step: Int
  public var at: LocalTimestamp
  public var actor: String?
  public var role: String?
  public var department: String?

  public init(step: Int, at: LocalTimestamp, actor: String? = nil, role: String? = nil, department: String? = nil) {
    self.step = step
    self.at = at
    self.actor = actor
    self.role = role
    self.department = department
  }
}

/// The engine's verdict on one recorded event: its deadline and by how much it was met or missed.
public struct ReplayVerdict: Sendable, Hashable {
  /// Index into the events handed to the replay.
  public var event: Int
  public var step: Int
  /// 1 for the first time the step occurs in the case, 2 for the second, …
  public var occurrence: Int
  public var due: LocalTimestamp?
  public var clause: String?
  public var lateBySeconds: Int
  public var lateByWorkingSeconds: Int
  public var beforeDetection: Bool
  public var isLate: Bool { due != nil && lateBySeconds > 0 }
}

/// The engine's verdict on one overall limit of the act ("answer within 9 working hours").
public struct ReplayLimitVerdict: Sendable, Hashable {
  public var limit: Int
  public var due: LocalTimestamp?
  public var reachedAt: LocalTimestamp?
  public var lateBySeconds: Int?
  public var lateByWorkingSeconds: Int?
  public var clause: String?
}

/// A step that is due next, with its deadline.
public struct ReplayDue: Sendable, Hashable {
  public var step: Int
  public var occurrence: Int
  public var due: LocalTimestamp?
  public var clause: String?
}

/// Everything the engine says about one case history.
public struct ReplayOutcome: Sendable {
  public var events: [ReplayVerdict]
  public var limits: [ReplayLimitVerdict]
  public var pending: [ReplayDue]
}

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
