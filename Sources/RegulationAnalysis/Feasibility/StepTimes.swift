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

  /// The search whose working boundaries (`DetectionSearch.workingBreaks`) cut the working axis into segments on which
  /// a table's position is linear (nil: every position is asked of the table).
  let search: DetectionSearch?

  /// A piece of the working axis of one table: on [`from`, `to`] no interval of the table starts or ends strictly
  /// inside, so its position (working seconds since the table's start) there is `at + slope × (t − from)`, `slope`
  /// being 0 (outside working time) or 1 (inside). Both ends were asked of the table, so both lie in its calendar.
  struct Segment {
    var from = Int.max, to = Int.min, at = 0, slope = 0
  }
  /// Per position on the path: the segments last used for what the step waits for (`2d`) and for its end (`2d + 1`).
  private var segments: [Segment] = []

  init(_ path: PathExplorer.Path, plan: EvaluationPlan, _ compiled: CompiledRegulation, search: DetectionSearch? = nil) {
    self.search = search
    segments = Array(repeating: Segment(), count: 2 * path.steps.count)
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
        // As `tables[d].workingSeconds(from:to:)` (the two positions' difference; nil when either is outside the
        // calendar), each position taken on a segment of the working axis when it lies on the last one used.
        if let a = position(2 * d, from), let b = position(2 * d + 1, end), b - a < working[d].seconds {
          working[d] = Least(seconds: b - a, at: at, after: after)
        }
      }
      if end > from || (measured[d] && end == from) { (latest, after) = (end, d) }
    }
  }

  /// The position of `t` on the working axis of the table of the step at `slot / 2` (nil: outside its calendar), as
  /// `position(of:)` of the table gives it. Exact: the segment from `t` to the next working boundary of any clock
  /// after it (`DetectionSearch.nextBoundary`, which holds every start and end of this table's intervals from the
  /// search's first margin day on) contains no start or end of an interval of this table strictly inside, so the
  /// position is linear on it, with slope `(position(next) − position(t)) / (next − t)`, which is then 0 or 1.
  private mutating func position(_ slot: Int, _ t: Int) -> Int? {
    let s = segments[slot]
    if t >= s.from, t <= s.to { return s.at + s.slope * (t - s.from) }
    let table = tables[slot / 2]
    guard let at = try? table.position(of: LocalTimestamp(seconds: t)) else { return nil }
    if let search, t >= search.marginStart * 86_400, let next = search.nextBoundary(after: t, .working),
      let atNext = try? table.position(of: LocalTimestamp(seconds: next)), atNext - at == 0 || atNext - at == next - t {
      segments[slot] = Segment(from: t, to: next, at: at, slope: atNext - at == 0 ? 0 : 1)
    }
    return at
  }

  /// The least time of the step at position `d` on the clock its deadline counts (nil: not measured).
  func judged(_ d: Int) -> Least? {
    guard measured[d] else { return nil }
    let least = judgedWorking[d] ? working[d] : calendar[d]
    return least.at == nil ? nil : least
  }
}
