import RegulationEngine
import WorkingTime

/// What each step of one path really gets, at worst over the detection instants searched: the time between the latest
/// end of what it waits for (the latest deadline of the steps before it on the path, or the detection) and its own
/// deadline, in calendar seconds and in working seconds of the step's clock. Gathered inside the exact search, one
/// detection instant at a time (`gather`), so the minimum is over the same breakpoints as the verdict.
///
/// A step with no deadline of its own (the act sets none, or no rule applies to the message) is not measured; a step
/// that follows one without a bound is not measured either (what it waits for may end at any time: the ordering
/// finding of `deadline-infeasible` covers it).
struct StepTimes: Sendable {
  struct Least: Sendable {
    var seconds = Int.max
    var at: LocalTimestamp?
    /// Position on the path of the step whose end it waits for (`nil`: the detection).
    var after: Int?
  }

  /// Per position on the path: whether the step has a deadline of its own under the plan.
  let measured: [Bool]
  /// Per position: whether its deadline counts working time (then the working time it gets is what is judged).
  let judgedWorking: [Bool]
  let tables: [WorkingTimeTable]
  var calendar: [Least]
  var working: [Least]

  init(_ path: PathExplorer.Path, plan: EvaluationPlan, _ compiled: CompiledRegulation) {
    let rules = path.steps.map { plan.rule(ofStep: $0) }
    measured = rules.map { $0 != nil }
    judgedWorking = rules.map { r in
      guard let clock = r?.period.clock else { return false }
      return clock == .workingMinutes || clock == .workingHours || clock == .workingDays
    }
    tables = path.steps.map { compiled.contexts[compiled.steps[$0].clock].working }
    calendar = Array(repeating: Least(), count: path.steps.count)
    working = calendar
  }

  /// Per position on the path: its end at the instant being gathered (`Int.min`: unbounded); kept between calls.
  private var scratch: [Int] = []

  /// Takes in the timeline of the path for one detection instant.
  mutating func gather(_ tl: PathExplorer.Timeline) {
    if scratch.count != tl.ends.count { scratch = [Int](repeating: Int.min, count: tl.ends.count) }
    for d in tl.ends.indices { scratch[d] = tl.ends[d].end?.seconds ?? Int.min }
    gatherScratch(detected: tl.detected.seconds)
  }

  /// Takes in the timeline of a linear stretch at detection `p` (the same values `LinearStretch.extrapolate` gives).
  mutating func gather(_ v: LinearView, _ p: Int) {
    if scratch.count != v.stepCount { scratch = [Int](repeating: Int.min, count: v.stepCount) }
    for d in 0..<v.stepCount { scratch[d] = Int.min }
    for (j, d) in v.positions.enumerated() { scratch[d] = v.value(j, at: p) }
    gatherScratch(detected: p)
  }

  /// The one walk over the ends in `scratch` (the detection at `detected`).
  private mutating func gatherScratch(detected: Int) {
    let at = LocalTimestamp(seconds: detected)
    var latest: Int? = detected
    var after: Int?
    for d in scratch.indices {
      guard scratch[d] != Int.min else {
        latest = nil
        continue
      }
      let end = scratch[d]
      guard let from = latest else {
        (latest, after) = (end, d)
        continue
      }
      if measured[d] {
        let cal = end - from
        if cal < calendar[d].seconds { calendar[d] = Least(seconds: cal, at: at, after: after) }
        if let w = try? tables[d].workingSeconds(from: LocalTimestamp(seconds: from), to: LocalTimestamp(seconds: end)),
          w < working[d].seconds {
          working[d] = Least(seconds: w, at: at, after: after)
        }
      }
      if end > from || (measured[d] && end == from) { (latest, after) = (end, d) }
    }
  }

  /// The least time of the step at position `d` on the clock its deadline counts (nil: not measured).
  func judged(_ d: Int) -> Least? {
    guard measured[d] else { return nil }
    let least = judgedWorking[d] ? working[d] : calendar[d]
    return least.at == nil ? nil : least
  }
}
