import WorkingTime

/// One recorded event of a case: step `step` was completed at `at`.
public struct CaseEvent: Sendable, Hashable {
  /// Step index in the compiled regulation.
  public var step: Int
  /// Local time of the regulation's time zone.
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

/// What happened in one case so far: when it was detected (and posted), and its events. A step may occur several
/// times: rework rounds, returns to the router, co-executors one after another, a repeat message.
public struct CaseHistory: Sendable {
  public var detected: LocalTimestamp
  /// When the author posted the message; `nil`: taken as the detection.
  public var posted: LocalTimestamp?
  /// In any order; the evaluator orders them by time (ties keep the recorded order).
  public var events: [CaseEvent]

  public init(detected: LocalTimestamp, posted: LocalTimestamp? = nil, events: [CaseEvent] = []) {
    self.detected = detected
    self.posted = posted
    self.events = events
  }

  /// Event indices in time order (stable).
  func timeOrder() -> [Int] {
    var sorted = true
    for i in events.indices.dropFirst() where events[i].at < events[i - 1].at {
      sorted = false
      break
    }
    if sorted { return Array(events.indices) }
    return events.indices.sorted { (events[$0].at, $0) < (events[$1].at, $1) }
  }
}

/// Why a deadline has no instant.
public enum DueIssue: Sendable, Hashable {
  /// The act states there is none (`none:` with its reason) or the file gives none.
  case noDeadline(reason: String?)
  /// The step has deadline rules, but none applies to this incident.
  case noRuleApplies
  /// Counted from a step that has no deadline and no recorded time.
  case anchorUnknown(step: Int)
  /// Counted from (or capped by) a deadline that cannot be computed.
  case referenceUnknown(DeadlineReference)
  /// Falls outside the production calendar's years.
  case outsideCalendar(CivilDate)
  /// Deadlines that refer to each other in a circle.
  case cycle
}

/// A deadline: its instant, or why there is none.
public struct Due: Sendable, Hashable {
  public var instant: LocalTimestamp?
  public var issue: DueIssue?

  public init(_ instant: LocalTimestamp) {
    self.instant = instant
    issue = nil
  }
  public init(issue: DueIssue) {
    instant = nil
    self.issue = issue
  }
}

/// The verdict on one recorded event: the deadline it had and whether it was met.
public struct EventVerdict: Sendable, Hashable {
  /// Index into `CaseHistory.events`.
  public var event: Int
  public var step: Int
  /// 1 the first time this step occurs in the case, 2 the second, …
  public var occurrence: Int
  public var due: Due
  public var clause: String?
  /// Positive: late by that many seconds of elapsed time; zero or negative: on time.
  public var lateBySeconds: Int
  /// The same, counted in the working time of the step's role.
  public var lateByWorkingSeconds: Int
  /// Recorded before the case was detected.
  public var beforeDetection: Bool

  public var isLate: Bool { lateBySeconds > 0 }
}

/// An `EventVerdict` as plain values, for a caller that only counts (`EvaluationNeeds.compactVerdicts`): no `Due`
/// (whose issue may hold a string) and no clause, so that building, copying and dropping one retains and releases
/// nothing.
public struct CompactEventVerdict: Sendable, Hashable {
  /// Index into `CaseHistory.events`.
  public var event: Int
  public var step: Int
  /// 1 the first time this step occurs in the case, 2 the second, …
  public var occurrence: Int
  /// The due instant's local seconds; `Int.min`: the step has no due instant (`EventVerdict.due.instant == nil`).
  public var dueSeconds: Int
  /// As `EventVerdict.lateBySeconds` (0 when there is no due instant).
  public var lateBySeconds: Int
  public var beforeDetection: Bool

  public init(event: Int, step: Int, occurrence: Int, dueSeconds: Int, lateBySeconds: Int, beforeDetection: Bool) {
    self.event = event
    self.step = step
    self.occurrence = occurrence
    self.dueSeconds = dueSeconds
    self.lateBySeconds = lateBySeconds
    self.beforeDetection = beforeDetection
  }

  /// The compact form of a full verdict.
  public init(_ v: EventVerdict) {
    self.init(event: v.event, step: v.step, occurrence: v.occurrence, dueSeconds: v.due.instant?.seconds ?? Int.min,
      lateBySeconds: v.lateBySeconds, beforeDetection: v.beforeDetection)
  }

  public var isLate: Bool { lateBySeconds > 0 }
  public var due: LocalTimestamp? { dueSeconds == Int.min ? nil : LocalTimestamp(seconds: dueSeconds) }
}

/// The verdict on an overall limit.
public struct LimitVerdict: Sendable, Hashable {
  public var limit: Int
  public var due: Due
  /// The first completion of the limit's `until` step, if recorded.
  public var reachedAt: LocalTimestamp?
  public var lateBySeconds: Int?
  public var lateByWorkingSeconds: Int?
  public var clause: String?
}

/// A deadline in force for a step not done yet.
public struct DueStep: Sendable, Hashable {
  public var step: Int
  public var occurrence: Int
  public var due: Due
  public var clause: String?
}

/// What a caller reads of a `CaseEvaluation`: what it does not read is not computed (the audit, when it only counts
/// violations, reads neither clauses nor working-time lateness).
public struct EvaluationNeeds: Sendable, Hashable {
  public enum WorkingLateness: Sendable, Hashable {
    /// Of every event and limit.
    case all
    /// Of late ones only: on-time ones carry their elapsed lateness (zero or negative) there.
    case lateOnly
    /// Of none: every verdict carries its elapsed lateness there.
    case none
  }
  public var workingLateness: WorkingLateness
  /// The clause each verdict cites (`false`: `nil`).
  public var clauses: Bool
  /// What may come next (`false`: `pending` is left empty).
  public var pending: Bool
  /// The full verdict of every event in `events` (`false`: `events` is left empty).
  public var eventVerdicts: Bool
  /// The compact verdict of every event in `compactEvents` (`false`: `compactEvents` is left empty).
  public var compactVerdicts: Bool

  public init(workingLateness: WorkingLateness = .all, clauses: Bool = true, pending: Bool = true,
    eventVerdicts: Bool = true, compactVerdicts: Bool = false)
  {
    self.workingLateness = workingLateness
    self.clauses = clauses
    self.pending = pending
    self.eventVerdicts = eventVerdicts
    self.compactVerdicts = compactVerdicts
  }

  /// Whether the working-time lateness of a verdict `late` seconds late is computed.
  @inline(__always) func computesWorkingLateness(_ late: Int) -> Bool {
    switch workingLateness {
    case .all: true
    case .lateOnly: late > 0
    case .none: false
    }
  }
}

/// A case history replayed through the regulation.
public struct CaseEvaluation: Sendable {
  /// One per recorded event, in time order.
  public var events: [EventVerdict]
  /// One per limit that applies.
  public var limits: [LimitVerdict]
  /// What may come next (successors of the latest event, or the entries), sorted by due (unknown last).
  public var pending: [DueStep]
  /// One per recorded event, in time order, as plain values: filled only when `EvaluationNeeds.compactVerdicts` asks.
  public var compactEvents: [CompactEventVerdict]

  /// Empty: a buffer for `CaseRun.evaluation(into:)`.
  public init(events: [EventVerdict] = [], limits: [LimitVerdict] = [], pending: [DueStep] = [],
    compactEvents: [CompactEventVerdict] = [])
  {
    self.events = events
    self.limits = limits
    self.pending = pending
    self.compactEvents = compactEvents
  }

  /// The next deadline due.
  public var next: DueStep? { pending.first }
}
