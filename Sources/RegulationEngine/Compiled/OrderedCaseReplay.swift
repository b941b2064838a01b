import WorkingTime

/// The evaluator's rules (`Replay`) specialised for a closed case whose events are already in time order — the
/// audit's hot path. It gives exactly the `events` and `limits` that `CaseRun.evaluation(into:workingTimeOfLateOnly:
/// true)` gives for the same case (`pending` is left empty), or declines the case (`evaluate` returns `false`) so that
/// the caller replays it through `CaseRun`.
///
/// Why it is faster: one pass over the events with each step's latest completion kept as it goes, no history of
/// `CaseEvent`s, no memo by generation, no recursion; a plan's rules are read once into flat programs.
///
/// What it accepts (the rest is declined, per plan or per case, and goes through the general evaluator):
/// - a step's slot is one rule (or none, or no deadline): not a choice between rules; not chaining occurrences
///   (sequential co-executors); its `before:` / `not_later_than:` may name a limit, never a step;
/// - a limit's slot is one rule counted from its anchors, with no `before:` / `not_later_than:` (or it has no rule);
/// - per case: every deadline it asks has a recorded anchor (else the general rule projects the first anchor step's
///   own deadline) and lies inside the production calendar (else the general one reports an issue).
///
/// Soundness, against `Replay`: with the events in time order, `Replay.order` is the identity and the latest
/// completion of a step among the first `q` events is the time of its last occurrence before event `q`, which is what
/// `latest` holds when event `q` is evaluated (it is updated after). A limit counts from the *first* occurrences of
/// its anchors over the whole history (`Replay.first`), whatever the position it is asked at, and with neither
/// `before:` nor a cap nor a projection it refers to nothing else: its due is one value per case, computed once after
/// a first pass has found each step's first occurrence. The arithmetic is the same calls on the same `TimeContext`s,
/// but for working minutes and hours, which are added (and working seconds between instants counted) on a day index
/// of the same table (`WorkingDayIndex`, checked against the table by `WorkingDayIndexTests`).
/// Tests: `OrderedCaseReplayTests` compare both evaluators on hand-made and generated cases of every shipped act.
///
/// A class, used from one thread at a time (one per profile in an audit session): its per-case buffers are mutated in
/// place, and the replay is never copied (a struct was copied whole around each case, a third of its time).
public final class OrderedCaseReplay {
  /// How one step's deadline is found on the fast path.
  struct StepProgram {
    enum Kind: UInt8 { case noInstant, from, before }
    var kind: Kind
    var clock: Int
    var period: Period
    /// `anchors[anchorStart ..< anchorEnd]`; empty: from detection.
    var anchorStart: Int
    var anchorEnd: Int
    /// The limit it counts back from (`before`), or −1.
    var beforeLimit: Int
    /// The limit that caps it (`not_later_than`), or −1.
    var capLimit: Int
  }

  struct LimitProgram {
    /// The limit has a rule (an entry of `CaseEvaluation.limits`).
    var hasRule: Bool
    var period: Period
    var anchorStart: Int
    var anchorEnd: Int
    var until: Int
    var clause: String?
  }

  /// Whether the plan lies in the fast subset; when not, `evaluate` declines every case.
  public let isAvailable: Bool
  private let contexts: ContiguousArray<TimeContext>
  /// Per context, its working and round-the-clock tables indexed by day (`WorkingDayIndex`).
  private let working: ContiguousArray<WorkingDayIndex>
  private let roundTheClock: ContiguousArray<WorkingDayIndex>
  private let steps: ContiguousArray<StepProgram>
  /// Per step, why it has no instant (`noInstant`, as `Replay.stepDue` says it) and the clause its verdicts cite.
  private let stepIssues: [DueIssue?]
  private let stepClauses: [String?]
  private let limits: ContiguousArray<LimitProgram>
  private let anchors: ContiguousArray<CompiledAnchor>
  // Per-case buffers, by step: latest and first completion (seconds, `Int.min`: none) and count so far. Exempt from
  // the runtime's exclusivity checks (two thread-local lookups per access of a class's property): the replay is used
  // from one thread and no access to a buffer overlaps another to it.
  @exclusivity(unchecked) private var latest: [Int]
  @exclusivity(unchecked) private var first: [Int]
  @exclusivity(unchecked) private var count: [Int]
  /// Per limit, its due in this case (seconds; `Int.min`: not computed yet).
  @exclusivity(unchecked) private var limitDue: [Int]

  public init(_ plan: EvaluationPlan) {
    var available = true
    var anchors = ContiguousArray<CompiledAnchor>()
    func anchorRange(_ r: CompiledRule) -> (Int, Int) {
      let start = anchors.count
      anchors.append(contentsOf: r.anchors)
      return (start, anchors.count)
    }
    var limits = ContiguousArray<LimitProgram>()
    for (l, slot) in plan.limits.enumerated() {
      switch slot {
      case .notApplicable, .noRuleApplies, .noDeadline:
        limits.append(LimitProgram(hasRule: false, period: Period(clock: .immediately, amount: 0), anchorStart: 0,
          anchorEnd: 0, until: plan.limitUntil[l], clause: nil))
      case .rule(let r):
        if r.before != nil || r.notLaterThan != nil { available = false }
        let (a, b) = anchorRange(r)
        limits.append(LimitProgram(hasRule: true, period: r.period, anchorStart: a, anchorEnd: b,
          until: plan.limitUntil[l], clause: r.clause))
      case .choice:
        available = false
        limits.append(LimitProgram(hasRule: false, period: Period(clock: .immediately, amount: 0), anchorStart: 0,
          anchorEnd: 0, until: plan.limitUntil[l], clause: nil))
      }
    }
    func limitReference(_ ref: DeadlineReference?) -> Int {
      switch ref {
      case nil: return -1
      case .step?:
        available = false
        return -1
      case .limit(let l)?:
        if !limits[l].hasRule { available = false }
        return l
      }
    }
    var steps = ContiguousArray<StepProgram>()
    // Read apart from the programs: copying a program then retains nothing.
    var issues: [DueIssue?] = [], clauses: [String?] = []
    let none = Period(clock: .immediately, amount: 0)
    for (s, slot) in plan.steps.enumerated() {
      switch slot {
      case .notApplicable, .noRuleApplies:
        steps.append(StepProgram(kind: .noInstant, clock: 0, period: none, anchorStart: 0, anchorEnd: 0, beforeLimit: -1,
          capLimit: -1))
        issues.append(.noRuleApplies)
        clauses.append(plan.rule(ofStep: s)?.clause)
      case .noDeadline(let reason):
        steps.append(StepProgram(kind: .noInstant, clock: 0, period: none, anchorStart: 0, anchorEnd: 0, beforeLimit: -1,
          capLimit: -1))
        issues.append(.noDeadline(reason: reason))
        clauses.append(plan.rule(ofStep: s)?.clause)
      case .rule(let r):
        if plan.chains[s] { available = false }
        let before = limitReference(r.before), cap = limitReference(r.notLaterThan)
        let (a, b) = anchorRange(r)
        steps.append(StepProgram(kind: before >= 0 ? .before : .from, clock: plan.stepClock[s], period: r.period,
          anchorStart: a, anchorEnd: b, beforeLimit: before, capLimit: cap))
        issues.append(nil)
        clauses.append(r.clause)
      case .choice:
        available = false
        steps.append(StepProgram(kind: .noInstant, clock: 0, period: none, anchorStart: 0, anchorEnd: 0, beforeLimit: -1,
          capLimit: -1))
        issues.append(nil)
        clauses.append(nil)
      }
    }
    isAvailable = available
    contexts = ContiguousArray(plan.contexts)
    working = ContiguousArray(plan.contexts.map { WorkingDayIndex.of($0.working) })
    roundTheClock = ContiguousArray(plan.contexts.map { WorkingDayIndex.of($0.roundTheClock) })
    self.steps = steps
    stepIssues = issues
    stepClauses = clauses
    self.limits = limits
    self.anchors = anchors
    latest = [Int](repeating: Int.min, count: steps.count)
    first = latest
    count = [Int](repeating: 0, count: steps.count)
    limitDue = [Int](repeating: Int.min, count: limits.count)
  }

  /// Replays a case whose events (`steps[i]` at `times[i]`, local seconds) are in time order into `out.events` and
  /// `out.limits` (`out.pending` is emptied, not filled), as `CaseRun` would with `workingTimeOfLateOnly: true`.
  /// `workingLateness: false` skips the working-time lateness (each verdict then carries its elapsed lateness there):
  /// for callers that only count violations. Returns `false`, with `out` unspecified, when the case needs the
  /// general evaluator.
  public func evaluate(detected: LocalTimestamp, posted: LocalTimestamp?, steps eventSteps: [Int],
    times: [Int], workingLateness: Bool, into out: inout CaseEvaluation) -> Bool
  {
    guard isAvailable, eventSteps.count == times.count else { return false }
    out.events.removeAll(keepingCapacity: true)
    out.limits.removeAll(keepingCapacity: true)
    out.pending.removeAll(keepingCapacity: true)
    for i in latest.indices {
      latest[i] = Int.min
      first[i] = Int.min
      count[i] = 0
    }
    for l in limitDue.indices { limitDue[l] = Int.min }
    // First pass: each step's first occurrence (a limit's anchors), and the order (declined when not in time order).
    var previous = Int.min
    for i in eventSteps.indices {
      let s = eventSteps[i], t = times[i]
      guard s >= 0, s < steps.count, t >= previous else { return false }
      previous = t
      if first[s] == Int.min { first[s] = t }
    }
    let det = detected.seconds
    let post = (posted ?? detected).seconds
    out.events.reserveCapacity(eventSteps.count)
    return contexts.withUnsafeBufferPointer { ctx -> Bool in
      let main = ctx[0]
      for q in eventSteps.indices {
        let s = eventSteps[q], at = times[q]
        let program = steps[s]
        var verdict = EventVerdict(event: q, step: s, occurrence: count[s] + 1, due: Due(issue: .cycle),
          clause: stepClauses[s], lateBySeconds: 0, lateByWorkingSeconds: 0, beforeDetection: at < det)
        if program.kind == .noInstant {
          verdict.due = Due(issue: stepIssues[s]!)
        } else {
          var due: Int
          do {
            if program.kind == .before {
              guard let ref = limit(program.beforeLimit, detected: det, posted: post, ctx: ctx) else { return false }
              due = try ctx[program.clock].due(before: LocalTimestamp(seconds: ref), period: program.period).seconds
            } else {
              // The latest of the anchors recorded before this event; none recorded: the general rule projects.
              let start = anchorStart(program.anchorStart..<program.anchorEnd, detected: det, posted: post,
                steps: latest)
              guard start != Int.min else { return false }
              due = try self.due(from: start, period: program.period, clock: program.clock, ctx: ctx)
            }
          } catch {
            return false
          }
          if program.capLimit >= 0 {
            guard let cap = limit(program.capLimit, detected: det, posted: post, ctx: ctx) else { return false }
            if cap < due { due = cap }
          }
          let d = LocalTimestamp(seconds: due), a = LocalTimestamp(seconds: at)
          let late = main.utc(from: a) - main.utc(from: d)
          verdict.due = Due(d)
          verdict.lateBySeconds = late
          verdict.lateByWorkingSeconds = !workingLateness || late <= 0
            ? late : workingSeconds(from: due, to: at, clock: program.clock, ctx: ctx) ?? late
        }
        out.events.append(verdict)
        count[s] += 1
        latest[s] = at
      }
      for l in limits.indices where limits[l].hasRule {
        guard let due = limit(l, detected: det, posted: post, ctx: ctx) else { return false }
        let d = LocalTimestamp(seconds: due)
        let reachedSeconds = first[limits[l].until]
        let reached = reachedSeconds == Int.min ? nil : LocalTimestamp(seconds: reachedSeconds)
        var v = LimitVerdict(limit: l, due: Due(d), reachedAt: reached, clause: limits[l].clause)
        if let r = reached {
          let late = main.utc(from: r) - main.utc(from: d)
          v.lateBySeconds = late
          v.lateByWorkingSeconds = !workingLateness || late <= 0
            ? late : workingSeconds(from: due, to: r.seconds, clock: 0, ctx: ctx) ?? late
        }
        out.limits.append(v)
      }
      return true
    }
  }

  /// The latest of the anchors `anchors[range]` (detection when the range is empty), a step's instant read from
  /// `steps` (its latest or its first completion so far, `Int.min` when not recorded); `Int.min` when no anchor of the
  /// range is recorded.
  @inline(__always)
  private func anchorStart(_ range: Range<Int>, detected det: Int, posted post: Int, steps: [Int]) -> Int {
    var start = range.isEmpty ? det : Int.min
    for a in range {
      let t: Int
      switch anchors[a] {
      case .detected: t = det
      case .posted: t = post
      case .step(let x): t = steps[x]
      }
      if t > start { start = t }
    }
    return start
  }

  /// A limit's due in this case (computed once), counted from the first occurrences of its anchors; `nil` when it
  /// needs the general evaluator (no anchor recorded, outside the calendar).
  private func limit(_ l: Int, detected det: Int, posted post: Int, ctx: UnsafeBufferPointer<TimeContext>)
    -> Int?
  {
    let known = limitDue[l]
    if known != Int.min { return known }
    let program = limits[l]
    let start = anchorStart(program.anchorStart..<program.anchorEnd, detected: det, posted: post, steps: first)
    guard start != Int.min, let due = try? self.due(from: start, period: program.period, clock: 0, ctx: ctx)
    else { return nil }
    limitDue[l] = due
    return due
  }

  /// `TimeContext.due(from:period:)`, with working minutes and hours added on the day index (the same instants:
  /// `WorkingDayIndex`), the table itself where the index does not answer.
  @inline(__always) private func due(from start: Int, period: Period, clock: Int, ctx: UnsafeBufferPointer<TimeContext>)
    throws -> Int
  {
    switch period.clock {
    case .workingMinutes, .workingHours:
      if let t = working[clock].adding(period.seconds, to: start) { return t }
    case .workingDayHours:
      if let t = roundTheClock[clock].adding(period.seconds, to: start) { return t }
    default: break
    }
    return try ctx[clock].due(from: LocalTimestamp(seconds: start), period: period).seconds
  }

  /// `try? TimeContext.working.workingSeconds(from:to:)`, on the day index where it answers.
  @inline(__always) private func workingSeconds(from a: Int, to b: Int, clock: Int, ctx: UnsafeBufferPointer<TimeContext>)
    -> Int?
  {
    if let w = working[clock].workingSeconds(from: a, to: b) { return w }
    return try? ctx[clock].working.workingSeconds(from: LocalTimestamp(seconds: a), to: LocalTimestamp(seconds: b))
  }
}
