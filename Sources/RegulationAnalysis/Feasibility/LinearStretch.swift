import RegulationEngine
import WorkingTime

/// Which computed instants of one path can change how its deadlines move when they cross a boundary of a schedule.
///
/// The exact search (`DetectionSearch`) ends a piece wherever any computed instant reaches any boundary of any clock
/// (start or end of a working interval, a break, midnight). Most of those crossings change nothing: an instant counted
/// in calendar minutes or hours (a shift by a fixed length while the zone's offset is fixed) that only calendar-minute
/// rules read moves on at the same speed whatever the clock face says. Only these crossings can bend or break a
/// deadline:
/// - an instant counted on a working (or day) clock reaching a boundary: its own value jumps or stops;
/// - an instant read by a rule counted on such a clock (as its start, or as the deadline it counts back from) reaching
///   a boundary: the rule's result changes speed or jumps;
/// - the detection instant reaching a boundary, when a rule on such a clock reads it.
/// Here an instant is "relevant" when any boundary crossing of it can do one of these (every boundary of every clock
/// counts for it), and irrelevant when none can (it is computed by, and read only by, calendar-minute, calendar-hour
/// or immediate rules). Anything the engine might compute without showing it in the timeline (the projected deadline
/// of an anchor not recorded, a reference to another step's deadline, several rules for one element, co-executors
/// projected in turn) makes the path `usable == false`: it is then searched with a full evaluation at every instant.
/// The due of another limit a rule reads (counted back from, or capped by) is asked of the evaluator with the
/// timeline and tracked as one more instant (`others`), provided that limit's own rule reads no other deadline.
///
/// Which boundaries matter for a relevant instant (`Needs`) depends on the clocks of the rules that compute or read it:
/// a working-minutes or working-hours period (added or counted back on the working table) changes speed or jumps only
/// where its start (or the instant it counts back from) or its result reaches the start or end of a working interval;
/// a working-days or calendar-days period depends on the date of its start (or reference) alone, so only midnights
/// bend it; working-day hours run on the round-the-clock table of working days, whose boundaries are midnights (both
/// kinds are kept for it, and for a step without a rule). So a calendar-minutes step read only by a working-hours
/// rule may cross midnight inside a stretch, and one read only by a working-days rule may cross 09:00.
struct CrossingRelevance: Sendable {
  /// The boundaries at which an instant's crossing can bend what is computed from it.
  struct Needs: OptionSet, Sendable {
    let rawValue: UInt8
    init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Starts and ends of working intervals (of every clock).
    static let working = Needs(rawValue: 1)
    /// Every midnight.
    static let midnights = Needs(rawValue: 2)
    static let all: Needs = [.working, .midnights]

    /// What a period on `clock` reads of the instants it is counted from (or back from), and of its own result.
    init(clock: DeadlineClock?) {
      switch clock {
      case .calendarMinutes?, .calendarHours?, .immediately?: self = []
      case .workingMinutes?, .workingHours?: self = .working
      case .workingDays?, .calendarDays?: self = .midnights
      case .workingDayHours?, nil: self = .all
      }
    }
  }

  /// Whether the timeline of the path may be extrapolated at all.
  let usable: Bool
  /// Per position on the path: whether the step's end is relevant.
  let ends: [Bool]
  /// Whether the limit's due is relevant.
  let limit: Bool
  /// Whether the detection instant is relevant.
  let detection: Bool
  /// The boundaries that matter for each instant (empty exactly when it is not relevant): per position, the limit's
  /// due, the detection.
  let endNeeds: [Needs]
  let limitNeeds: Needs
  let detectionNeeds: Needs
  /// Other limits whose dues a rule of the path counts back from or is capped by ("за 4 часа до истечения срока
  /// п. 9" while the search is of the shortened deadline of п. 10): their dues are asked of the evaluator with the
  /// timeline (`Timeline.others`) and tracked by the stretch like the path's own instants (`otherNeeds`, `otherRules`).
  let others: [Int]
  let otherNeeds: [Needs]
  let otherRules: [CompiledRule]
  /// Per position: the step's rule (nil: none), for the checks a timeline must pass (`plain`).
  let rules: [CompiledRule?]
  let limitRule: CompiledRule?
  /// Per position: an anchor step of the rule has a deadline of its own (the engine projects the first one when no
  /// anchor is recorded, an instant the timeline does not show).
  let projects: [Bool]
  let limitIndex: Int
  let stepCount: Int

  init(
    _ path: PathExplorer.Path, plan: EvaluationPlan, limit: Int, _ compiled: CompiledRegulation, search: DetectionSearch
  ) {
    limitIndex = limit
    stepCount = compiled.steps.count
    let rules = path.steps.map { plan.rule(ofStep: $0) }
    let limitRule = plan.rule(ofLimit: limit)
    self.rules = rules
    self.limitRule = limitRule
    func pure(_ r: CompiledRule?) -> Bool {
      guard let r else { return false }
      return r.period.clock == .calendarMinutes || r.period.clock == .calendarHours || r.period.clock == .immediately
    }
    var usable = search.fixedOffsets && plan.profile.coExecutors <= 1 && limitRule != nil
    // Other limits read by the path's rules, each with a rule of its own that reads no limit or step deadline.
    var others: [Int] = [], otherRules: [CompiledRule] = []
    for r in rules.compactMap({ $0 }) + [limitRule].compactMap({ $0 }) {
      for case .limit(let l)? in [r.before, r.notLaterThan] where l != limit && !others.contains(l) {
        guard let o = plan.rule(ofLimit: l), o.before == nil, o.notLaterThan == nil else {
          usable = false
          continue
        }
        others.append(l)
        otherRules.append(o)
      }
    }
    self.others = others
    self.otherRules = otherRules
    let all = rules.compactMap { $0 } + [limitRule].compactMap { $0 } + otherRules
    let onPath = Set(path.steps)
    for o in plan.overlaps {
      switch o.element {
      case .step(let s) where onPath.contains(s): usable = false
      case .limit(let l) where l == limit || others.contains(l): usable = false
      default: break
      }
    }
    for r in all {
      for ref in [r.before, r.notLaterThan] {
        if case .step? = ref { usable = false }
      }
    }
    if let l = limitRule, l.before != nil || l.notLaterThan != nil { usable = false }
    func readsDetection(_ r: CompiledRule) -> Bool {
      r.before == nil && (r.anchors.isEmpty || r.anchors.contains(.detected) || r.anchors.contains(.posted))
    }
    detection = all.contains { readsDetection($0) && !pure($0) }
    // Steps read by a rule that is not a plain calendar shift (as its start, or its own previous occurrence).
    var readByClock = [Bool](repeating: false, count: compiled.steps.count)
    for r in all where !pure(r) {
      for case .step(let s) in r.anchors { readByClock[s] = true }
    }
    for (d, r) in rules.enumerated() where r?.each == true && !pure(r) { readByClock[path.steps[d]] = true }
    ends = path.steps.indices.map { d in !pure(rules[d]) || readByClock[path.steps[d]] }
    self.limit = !pure(limitRule) || all.contains { r in
      (r.before == .limit(limit) || r.notLaterThan == .limit(limit)) && !pure(r)
    }
    // What each instant's boundaries can bend: its own rule's result, and every rule that reads it (a plain calendar
    // shift reads nothing of the schedule: `Needs(clock:)` is empty for it, as `pure` says).
    var readNeeds = [Needs](repeating: [], count: compiled.steps.count)
    for r in all where !pure(r) {
      for case .step(let s) in r.anchors { readNeeds[s].formUnion(Needs(clock: r.period.clock)) }
    }
    for (d, r) in rules.enumerated() where r?.each == true && !pure(r) {
      readNeeds[path.steps[d]].formUnion(Needs(clock: r?.period.clock))
    }
    endNeeds = path.steps.indices.map { d in
      (pure(rules[d]) ? [] : Needs(clock: rules[d]?.period.clock)).union(readNeeds[path.steps[d]])
    }
    var limitNeeds: Needs = pure(limitRule) ? [] : Needs(clock: limitRule?.period.clock)
    for r in all where (r.before == .limit(limit) || r.notLaterThan == .limit(limit)) && !pure(r) {
      limitNeeds.formUnion(Needs(clock: r.period.clock))
    }
    self.limitNeeds = limitNeeds
    otherNeeds = zip(others, otherRules).map { l, o in
      var needs: Needs = pure(o) ? [] : Needs(clock: o.period.clock)
      for r in all where (r.before == .limit(l) || r.notLaterThan == .limit(l)) && !pure(r) {
        needs.formUnion(Needs(clock: r.period.clock))
      }
      return needs
    }
    var detectionNeeds: Needs = []
    for r in all where readsDetection(r) && !pure(r) { detectionNeeds.formUnion(Needs(clock: r.period.clock)) }
    self.detectionNeeds = detectionNeeds
    projects = rules.map { r in
      r?.anchors.contains { if case .step(let s) = $0 { plan.rule(ofStep: s) != nil } else { false } } ?? false
    }
    self.usable = usable
  }

  /// Whether the zone's offset stays the same over `days` (day numbers; sampled at every midnight and noon: a change
  /// of offset lasts months), so that calendar minutes and hours shift local times by exactly their length there.
  static func fixedOffset(_ context: TimeContext, days: ClosedRange<Int>) -> Bool {
    let first = context.timeZone.offset(atUTC: days.lowerBound * 86_400)
    return days.allSatisfy {
      context.timeZone.offset(atUTC: $0 * 86_400) == first && context.timeZone.offset(atUTC: $0 * 86_400 + 43_200) == first
    }
  }

  /// Whether a timeline shows every instant its deadlines were computed from: each bounded step counted from a
  /// recorded start (the detection or a step before it on the path), or capped by the limit with no start and nothing
  /// projected; a capped step below the cap (its uncapped value is then the one shown).
  func plain(_ tl: PathExplorer.Timeline) -> Bool {
    var recorded: [Bool] = []
    return plain(tl, recorded: &recorded)
  }

  /// As `plain(_:)`, with the per-step flags in a buffer kept by the caller (no allocation once it has grown).
  func plain(_ tl: PathExplorer.Timeline, recorded: inout [Bool]) -> Bool {
    guard let due = tl.limitDue else { return false }
    if recorded.count != stepCount { recorded = [Bool](repeating: false, count: stepCount) } else {
      for k in recorded.indices { recorded[k] = false }
    }
    func hasStart(_ r: CompiledRule) -> Bool {
      if r.anchors.isEmpty || r.anchors.contains(.detected) || r.anchors.contains(.posted) { return true }
      return r.anchors.contains { if case .step(let a) = $0 { recorded[a] } else { false } }
    }
    // Bounded ends in the order of the path are in time order too, so the latest (first) occurrence of a step the
    // engine reads is the one the path recorded last (first).
    guard tl.internalSlack == nil, let l = limitRule else { return false }
    guard tl.others.count == others.count, !tl.others.contains(where: { $0 == nil }) else { return false }
    // The rule and the due shown of a limit a rule reads: the searched one, or one of `others`.
    func limit(_ ref: DeadlineReference?) -> (rule: CompiledRule, due: LocalTimestamp)? {
      guard case .limit(let x)? = ref else { return nil }
      if x == limitIndex { return (l, due) }
      guard let k = others.firstIndex(of: x) else { return nil }
      return (otherRules[k], tl.others[k]!)
    }
    for (d, e) in tl.ends.enumerated() {
      guard let end = e.end else { continue }
      // A rule that reads a limit (counting back from it, or capped by it) reads the due shown only if the
      // limit's start was recorded before it.
      if let r = rules[d] {
        for ref in [r.before, r.notLaterThan] where ref != nil {
          guard let read = limit(ref), hasStart(read.rule) else { return false }
        }
      }
      if let r = rules[d], r.before == nil {
        let cap = limit(r.notLaterThan)?.due
        if hasStart(r) {
          if let cap, end >= cap { return false }
        } else if projects[d] || cap == nil || end != cap {
          return false
        }
      }
      recorded[e.step] = true
    }
    return hasStart(l)
  }
}

/// The timeline of one path over a stretch of detection instants on which every computed instant moves linearly
/// (each at speed 0 or 1: waiting outside working time, or moving with the detection), known from two full
/// evaluations and extrapolated in between and up to the first instant where that may stop.
///
/// Soundness. As `DetectionSearch` assumes, every computed instant is a non-decreasing function of the detection
/// instant that moves at speed 0 or 1 and changes speed or jumps only where an instant it depends on reaches a
/// boundary of the clock that reads it (`CrossingRelevance`), or where two instants it takes the latest (earliest) of
/// cross. Two full evaluations at `a` < `b`, with no relevant instant on a boundary at `a` and `b` before any relevant
/// instant could reach its next boundary or any two instants could meet (all at speed at most 1), give each instant's
/// speed exactly (its change over `b − a` must be 0 or `b − a`, else nothing is extrapolated). With those speeds, the
/// first detection instant after `a` at which a relevant instant moving at speed 1 reaches a boundary, or an instant
/// moving at speed 1 reaches one standing above it (detection included), is `until`: before it nothing can change
/// speed or jump, so every instant at `p` in (`a`, `until`) is its value at `a` plus its speed times `p − a`. The
/// search still ends its pieces exactly where it did (it asks for the same instants), so its pieces, failures and
/// worst instants are the same; only the evaluations in between are replaced by this arithmetic.
///
/// The instants are the detection, the bounded ends, the dues of other limits the rules read (`CrossingRelevance.
/// others`: tracked for their speeds, crossings and meetings, and shown to the search, which ends its pieces where
/// they reach a boundary) and the limit's due. "A
/// boundary" of an instant is one of the kinds its clocks read (`CrossingRelevance.Needs`): a calendar step read only
/// by working-hours rules crosses midnight inside a stretch, since nothing computed from it can bend there.
struct LinearStretch {
  /// The last full evaluation (its detection instant, timeline, and whether it shows all its instants).
  private var lastP = Int.min
  private var lastTL: PathExplorer.Timeline?
  private var lastPlain = false
  /// The anchor of the current stretch (nil: none).
  private var baseP = Int.min
  private var baseTL: PathExplorer.Timeline?
  private var slopes: [Int] = []
  private var limitSlope = 0
  /// Per other limit read (`CrossingRelevance.others`): its due's speed.
  private var otherSlopes: [Int] = []
  private var until = Int.min
  /// The current stretch as the search reads it (nil: none).
  private(set) var view: LinearView?
  /// Buffers of `observe`, kept between calls so that it allocates nothing once they have grown (only a new stretch
  /// makes its `LinearView`).
  private var bufA: [Int] = [], bufB: [Int] = [], bufPosition: [Int] = [], bufOrder: [Int] = [], bufSpeed: [Int] = []
  private var bufRelevant: [CrossingRelevance.Needs] = [], bufRecorded: [Bool] = []

  /// The timeline at detection `p`, when `p` lies inside the current stretch (or is the last instant evaluated).
  func extrapolate(_ p: Int) -> PathExplorer.Timeline? {
    if p == lastP, lastTL != nil { return lastTL }
    guard baseTL != nil, p > baseP, p < until else { return nil }
    let dt = p - baseP
    var ends = baseTL!.ends
    var lastBounded = p
    var inside: Int?
    for k in ends.indices {
      guard let e = ends[k].end else { continue }
      let v = e.seconds + slopes[k] * dt
      ends[k].end = LocalTimestamp(seconds: v)
      // As `PathExplorer.Walk.advance`: a step due before the bounded step before it (or the detection).
      if v < lastBounded { inside = min(inside ?? 0, v - lastBounded) }
      lastBounded = v
    }
    let due = baseTL!.limitDue.map { LocalTimestamp(seconds: $0.seconds + limitSlope * dt) }
    // The other limits' dues too: the search ends its pieces where they reach a boundary, as where any instant does.
    var others = baseTL!.others
    for k in others.indices { others[k] = others[k].map { LocalTimestamp(seconds: $0.seconds + otherSlopes[k] * dt) } }
    return PathExplorer.Timeline(detected: LocalTimestamp(seconds: p), ends: ends, internalSlack: inside,
      limitDue: due, outsideCalendar: false, others: others)
  }

  /// Whether no stretch holds after the last full evaluation and one evaluation a minute later may start one: the
  /// path can be extrapolated and no relevant instant stands on a boundary there.
  func wantsNeighbour(_ rel: CrossingRelevance, _ search: DetectionSearch) -> Bool {
    guard baseTL == nil, rel.usable, lastPlain, let a = lastTL, let due = a.limitDue else { return false }
    if rel.detection, search.isBoundary(lastP, rel.detectionNeeds) { return false }
    for (k, e) in a.ends.enumerated() where rel.ends[k] {
      if let end = e.end, search.isBoundary(end.seconds, rel.endNeeds[k]) { return false }
    }
    for (k, o) in a.others.enumerated() where !rel.otherNeeds[k].isEmpty {
      if let o, search.isBoundary(o.seconds, rel.otherNeeds[k]) { return false }
    }
    return !(rel.limit && search.isBoundary(due.seconds, rel.limitNeeds))
  }

  /// Takes in a full evaluation at `p` (made because `p` is outside the current stretch); starts a new stretch from
  /// the previous full evaluation when the two prove one.
  mutating func observe(_ p: Int, _ tl: PathExplorer.Timeline, _ rel: CrossingRelevance, _ search: DetectionSearch) {
    let plain = rel.usable && !tl.outsideCalendar && tl.ends.count == rel.ends.count
      && rel.plain(tl, recorded: &bufRecorded)
    let previous = lastTL, previousP = lastP, previousPlain = lastPlain
    (lastP, lastTL, lastPlain) = (p, tl, plain)
    baseTL = nil
    view = nil
    guard plain, previousPlain, let previous, previousP < p else { return }
    let a = (p: previousP, tl: previous)
    let dayEnd = (a.p >= 0 ? a.p / 86_400 : (a.p - 86_399) / 86_400) * 86_400 + 86_400
    guard p < dayEnd else { return }
    for k in tl.ends.indices where (a.tl.ends[k].end == nil) != (tl.ends[k].end == nil) { return }
    guard let dueA = a.tl.limitDue, let dueB = tl.limitDue else { return }
    // The instants: detection, the bounded ends, the limit; their relevance; values at `a` and at `p` (in the kept
    // buffers, moved out here and back on return).
    var xa: [Int] = [], xb: [Int] = [], relevant: [CrossingRelevance.Needs] = [], position: [Int] = [], order: [Int] = []
    var speed: [Int] = []
    func exchangeBuffers() {
      swap(&xa, &bufA)
      swap(&xb, &bufB)
      swap(&relevant, &bufRelevant)
      swap(&position, &bufPosition)
      swap(&order, &bufOrder)
      swap(&speed, &bufSpeed)
    }
    exchangeBuffers()
    defer { exchangeBuffers() }
    xa.removeAll(keepingCapacity: true)
    xb.removeAll(keepingCapacity: true)
    relevant.removeAll(keepingCapacity: true)
    position.removeAll(keepingCapacity: true)
    xa.append(a.p)
    xb.append(p)
    relevant.append(rel.detectionNeeds)
    position.append(-1)
    for k in tl.ends.indices {
      guard let ea = a.tl.ends[k].end, let eb = tl.ends[k].end else { continue }
      xa.append(ea.seconds)
      xb.append(eb.seconds)
      relevant.append(rel.endNeeds[k])
      position.append(k)
    }
    // The other limits' dues (tracked, not shown by the view), then the limit's (last).
    for k in rel.others.indices {
      guard let oa = a.tl.others[k], let ob = tl.others[k] else { return }
      xa.append(oa.seconds)
      xb.append(ob.seconds)
      relevant.append(rel.otherNeeds[k])
      position.append(-3)
    }
    xa.append(dueA.seconds)
    xb.append(dueB.seconds)
    relevant.append(rel.limitNeeds)
    position.append(-2)
    // No relevant instant may reach its next boundary by `p`, nor two instants meet.
    var bound = dayEnd
    for j in xa.indices where !relevant[j].isEmpty {
      guard let b = search.nextBoundary(after: xa[j], relevant[j]) else { return }
      bound = min(bound, a.p + b - xa[j])
    }
    // The closest two different instants (any two may meet, each moving at speed at most 1).
    order.removeAll(keepingCapacity: true)
    order.append(contentsOf: xa.indices)
    order.sort { xa[$0] < xa[$1] }
    for k in order.indices.dropFirst() where xa[order[k]] > xa[order[k - 1]] {
      bound = min(bound, a.p + xa[order[k]] - xa[order[k - 1]])
    }
    guard p < bound else { return }
    let dt = p - a.p
    speed.removeAll(keepingCapacity: true)
    speed.append(contentsOf: repeatElement(0, count: xa.count))
    for j in xa.indices {
      let change = xb[j] - xa[j]
      if change == dt { speed[j] = 1 } else if change != 0 { return }
      // A relevant instant moving onto a boundary at `a` may jump there (its value at `a` being the one before the
      // jump): `a` cannot anchor the stretch. One standing on a boundary over [a, p] does not move, nor does
      // anything computed from it.
      if !relevant[j].isEmpty, speed[j] == 1, search.isBoundary(xa[j], relevant[j]) { return }
    }
    var end = dayEnd
    for j in xa.indices where !relevant[j].isEmpty && speed[j] == 1 {
      guard let b = search.nextBoundary(after: xa[j], relevant[j]) else { return }
      end = min(end, a.p + b - xa[j])
    }
    // A moving instant reaching a standing one above it: for each standing one, the closest moving one strictly
    // below (`order` is by value; equal values form a group).
    var movingBelow: Int?
    var k = 0
    while k < order.count {
      var g = k
      while g < order.count, xa[order[g]] == xa[order[k]] { g += 1 }
      if let m = movingBelow, order[k..<g].contains(where: { speed[$0] == 0 }) {
        end = min(end, a.p + xa[order[k]] - m)
      }
      if order[k..<g].contains(where: { speed[$0] == 1 }) { movingBelow = xa[order[k]] }
      k = g
    }
    guard p < end else { return }
    slopes.removeAll(keepingCapacity: true)
    slopes.append(contentsOf: repeatElement(0, count: tl.ends.count))
    for j in xa.indices where position[j] >= 0 { slopes[position[j]] = speed[j] }
    limitSlope = speed[xa.count - 1]
    otherSlopes.removeAll(keepingCapacity: true)
    for j in xa.indices where position[j] == -3 { otherSlopes.append(speed[j]) }
    until = end
    (baseP, baseTL) = (a.p, a.tl)
    var positions: [Int] = [], base: [Int] = [], speeds: [Int] = []
    for j in xa.indices where position[j] >= 0 {
      positions.append(position[j])
      base.append(xa[j])
      speeds.append(speed[j])
    }
    base.append(dueA.seconds)
    speeds.append(limitSlope)
    // Then the other limits' dues (read by the search for where pieces end, not by the slack).
    for j in xa.indices where position[j] == -3 {
      base.append(xa[j])
      speeds.append(speed[j])
    }
    view = LinearView(baseP: a.p, until: end, lastP: p, positions: positions, base: base, speed: speeds,
      stepCount: tl.ends.count)
  }
}
