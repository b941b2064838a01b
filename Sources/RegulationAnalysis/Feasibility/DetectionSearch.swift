import RegulationEngine
import WorkingTime

/// The exact search over detection instants. Every deadline is a piecewise-linear function of the detection instant
/// (slope 0 while the anchor waits outside working time, 1 while it moves), whose pieces end where the instant, or a
/// deadline computed from it, reaches a boundary of some clock's schedule (start or end of a working interval, a
/// break, a shortened day, midnight). The slack of a path (limit due − latest end) is then piecewise linear too, so
/// its minimum over a period is reached at a piece boundary or just after it: the search walks each detection day
/// from boundary to boundary, jumping to the next instant at which any computed deadline would reach a boundary, and
/// evaluates there and one minute later (schedules and amounts are whole minutes).
///
/// A day is walked only if no day walked before had the same calendar (the working intervals of every clock and
/// whether each day is a working day) over the window its results depended on: such a day gives the same results
/// shifted by whole days, so its pieces are counted without walking it.
struct DetectionSearch: Sendable {
  /// Sorted boundaries of every clock's schedule (local seconds), over the period and its margins.
  let breaks: [Int]
  /// The first and last detection day (day numbers).
  let firstDay: Int
  let lastDay: Int
  /// Per day (index = day − `marginStart`), an id of what the calendar holds that day for every clock.
  let dayKinds: [Int]
  let marginStart: Int
  /// Per day (index = day − `marginStart`), the index in `breaks` of the day's first boundary (its midnight), so that
  /// the next boundary after an instant is found by a short scan of its day instead of a search of the whole list.
  let firstBreakOfDay: [Int]
  /// Every clock's zone keeps one offset over the calendar's years (`CrossingRelevance.fixedOffset`).
  let fixedOffsets: Bool
  /// The boundaries of the working intervals alone (`breaks` without the midnights that bound no working interval),
  /// and per day the index of the first one at or after its midnight: a linear stretch ends only where an instant
  /// reaches a boundary that can bend what reads it (`CrossingRelevance.Needs`).
  let workingBreaks: [Int]
  let firstWorkingBreakOfDay: [Int]

  /// The period the search proves the verdict over, as written in findings.
  static let period = (CivilDate(year: 2026, month: 1, day: 1)!, CivilDate(year: 2027, month: 12, day: 31)!)

  init(contexts: [TimeContext], from: CivilDate = Self.period.0, to: CivilDate = Self.period.1) {
    let coverage = contexts[0].calendar.coverage
    marginStart = max(coverage.lowerBound.dayNumber, from.dayNumber - 2)
    let marginEnd = coverage.upperBound.dayNumber
    firstDay = max(from.dayNumber, marginStart + 1)
    lastDay = min(to.dayNumber, marginEnd)
    var ids: [[Int]: Int] = [:]
    var kinds: [Int] = []
    var breaks = Set<Int>()
    var working = Set<Int>()
    kinds.reserveCapacity(marginEnd - marginStart + 1)
    for day in marginStart...marginEnd {
      let date = CivilDate(dayNumber: day)
      var key: [Int] = []
      breaks.insert(day * 86_400)
      for context in contexts {
        key.append(context.working.isWorkingDay(date) ? 1 : 0)
        for iv in context.working.intervals(on: date) where iv.end > iv.start {
          key.append(iv.start)
          key.append(iv.end)
          breaks.insert(day * 86_400 + iv.start)
          breaks.insert(day * 86_400 + iv.end)
          working.insert(day * 86_400 + iv.start)
          working.insert(day * 86_400 + iv.end)
        }
        key.append(-1)
      }
      if let id = ids[key] { kinds.append(id) } else {
        ids[key] = ids.count
        kinds.append(ids.count - 1)
      }
    }
    dayKinds = kinds
    let sorted = breaks.sorted()
    self.breaks = sorted
    var first: [Int] = []
    first.reserveCapacity(marginEnd - marginStart + 1)
    var i = 0
    for day in marginStart...marginEnd {
      while i < sorted.count, sorted[i] < day * 86_400 { i += 1 }
      first.append(i)
    }
    firstBreakOfDay = first
    let sortedWorking = working.sorted()
    workingBreaks = sortedWorking
    var firstWorking: [Int] = []
    firstWorking.reserveCapacity(marginEnd - marginStart + 1)
    i = 0
    for day in marginStart...marginEnd {
      while i < sortedWorking.count, sortedWorking[i] < day * 86_400 { i += 1 }
      firstWorking.append(i)
    }
    firstWorkingBreakOfDay = firstWorking
    // Every instant the search computes lies in the margins (past them it is outside the calendar).
    let reached = marginStart - 1...marginEnd + 1
    fixedOffsets = contexts.allSatisfy { CrossingRelevance.fixedOffset($0, days: reached) }
  }

  /// The first boundary strictly after `t`, if any.
  func nextBreak(after t: Int) -> Int? {
    let d = (t >= 0 ? t / 86_400 : (t - 86_399) / 86_400) - marginStart
    if d >= 0, d < firstBreakOfDay.count {
      // Every day's midnight is a boundary, so the answer is in this day or is the next midnight.
      var i = firstBreakOfDay[d]
      while i < breaks.count, breaks[i] <= t { i += 1 }
      return i < breaks.count ? breaks[i] : nil
    }
    var lo = 0, hi = breaks.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if breaks[mid] <= t { lo = mid + 1 } else { hi = mid }
    }
    return lo < breaks.count ? breaks[lo] : nil
  }

  /// Whether `t` is a boundary.
  func isBreak(_ t: Int) -> Bool { nextBreak(after: t - 1) == t }

  /// The first boundary strictly after `t` among those `needs` names (the working boundaries, the midnights, or
  /// both: then it is `nextBreak(after:)`), if any; nil also when `needs` names none.
  func nextBoundary(after t: Int, _ needs: CrossingRelevance.Needs) -> Int? {
    if needs == .all { return nextBreak(after: t) }
    var found: Int?
    if needs.contains(.midnights) {
      // `breaks` holds the midnights of the days `marginStart...marginEnd`.
      let d = max(t >= 0 ? t / 86_400 + 1 : (t + 1) / 86_400, marginStart)
      if d < marginStart + firstBreakOfDay.count { found = d * 86_400 }
    }
    if needs.contains(.working) {
      let d = (t >= 0 ? t / 86_400 : (t - 86_399) / 86_400) - marginStart
      var i: Int
      if d >= 0, d < firstWorkingBreakOfDay.count { i = firstWorkingBreakOfDay[d] } else {
        var lo = 0, hi = workingBreaks.count
        while lo < hi {
          let mid = (lo + hi) >> 1
          if workingBreaks[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        i = lo
      }
      while i < workingBreaks.count, workingBreaks[i] <= t { i += 1 }
      if i < workingBreaks.count { found = min(found ?? Int.max, workingBreaks[i]) }
    }
    return found
  }

  /// Whether `t` is a boundary among those `needs` names.
  func isBoundary(_ t: Int, _ needs: CrossingRelevance.Needs) -> Bool { nextBoundary(after: t - 1, needs) == t }

  /// One evaluated piece: detections from `at` (inclusive) to `until` (exclusive) and the least slack found at its
  /// start and just after it.
  struct Piece: Sendable {
    var at: LocalTimestamp
    var until: LocalTimestamp
    var slack: Int
    /// How many days of the period this piece stands for.
    var weight: Int
  }

  /// What the search found for one path.
  struct Result: Sendable {
    /// The least slack and the detection instant it occurs at.
    var worst: (slack: Int, at: LocalTimestamp)?
    /// Failing pieces (detection intervals), counted over the whole period (a piece of a group counts once per day
    /// of the group).
    var failing: Int = 0
    var pieces: Int = 0
    /// Detection instants evaluated (each piece's start, one minute after it, and its last minute), whether asked of
    /// the path's timeline or taken by arithmetic inside a linear stretch.
    var evaluated: Int = 0
    /// Of those, the instants whose timeline the search asked for.
    var probed: Int = 0
    /// Days walked, and days counted from an earlier day with the same calendar over the window it depended on.
    var walkedDays = 0
    var reusedDays = 0
    /// How far ahead of detection (in whole days, rounded up) any computed deadline reaches.
    var reachDays: Int = 0
    /// The run of failing detections around the worst instant on its day.
    var worstRun: (from: LocalTimestamp, to: LocalTimestamp)?
    /// The budget of evaluations ran out before the period was covered: no "fits" may be concluded.
    var exhausted = false
    /// Some evaluated detection instant had a deadline outside the production calendar: unknown there.
    var outsideCalendar = false
  }

  /// What the search learns of a path at one detection instant: its slack (nil: no limit due), every instant it
  /// computed (to find where its pieces end), whether a deadline fell outside the production calendar, and the linear
  /// stretch the path is in after it, if any (the search then takes the instants inside it by arithmetic).
  struct Probe {
    var slack: Int?
    var instants: [LocalTimestamp]
    var outside: Bool
    var linear: LinearView?
  }

  /// Walks the period day by day for a path; `slackAt` evaluates the path for a detection instant and returns its
  /// slack (nil: no limit due), every instant it computed (to find where its pieces end) and whether a deadline fell
  /// outside the production calendar.
  ///
  /// A day is evaluated only when no day evaluated before had the same calendar over the window its results depended
  /// on (from the day before its earliest computed instant to the day after its latest): such a day gives the same
  /// results shifted by whole days, so its pieces are counted without evaluating it. The windows are per evaluated day,
  /// so a path whose deadlines reach far only on Fridays before holidays compares wide windows only there.
  /// `first`: days to walk before the others (where an overrun is likeliest), e.g. the day of another path's worst.
  func search(
    stopAtFirstFailure: Bool, budget: Int? = nil, first: [Int] = [],
    _ slackAt: (LocalTimestamp) -> (slack: Int?, instants: [LocalTimestamp], outside: Bool)
  ) -> Result {
    var walker = Walker(stopAtFirstFailure: stopAtFirstFailure, budget: budget)
    for day in days(first: first) where !walker.finished {
      walker.visit(day, self) { t in
        let (slack, instants, outside) = slackAt(t)
        return Probe(slack: slack, instants: instants, outside: outside, linear: nil)
      }
    }
    return walker.result
  }

  /// The days in the order the search walks them: `first` (those inside the period, once each), then the period.
  func days(first: [Int]) -> [Int] {
    guard firstDay <= lastDay else { return [] }
    let early = first.filter { (firstDay...lastDay).contains($0) }
    var seen = Set<Int>()
    return (early + Array(firstDay...lastDay)).filter { early.isEmpty || seen.insert($0).inserted }
  }

  /// The search of one path, a day at a time, so that several paths can walk the same days side by side (and share
  /// the evaluation of their common prefix at each detection instant) while each finds exactly what it would alone.
  struct Walker {
    let stopAtFirstFailure: Bool
    let budget: Int?
    /// The slack the path's linear stretches give is that of its steps against their own deadlines alone (as the
    /// probes of a search with `ignoreLimit` compute it).
    let ignoreLimit: Bool
    var result = Result()
    /// Stopped: its budget ran out or (when stopping at the first failure) a failure was found.
    var finished = false
    struct Window: Hashable, Comparable {
      var back: Int, ahead: Int
      static func < (a: Window, b: Window) -> Bool { (a.ahead, a.back) < (b.ahead, b.back) }
    }
    var known: [Window: [ArraySlice<Int>: (pieces: Int, failing: Int)]] = [:]
    var windows: [Window] = []
    /// Per instant of the current linear view: up to which detection instant (exclusive) the cached crossing and day
    /// hold, the detection instant at which the instant reaches its next boundary (`Int.max`: none), and its day.
    /// (Held, not just named: a freed view's address could be another's.)
    private var cachedView: LinearView?
    private var validFrom: [Int] = [], validUntil: [Int] = [], crossing: [Int] = [], dayOf: [Int] = []
    private var pieces: [Piece] = []

    init(stopAtFirstFailure: Bool, budget: Int?, ignoreLimit: Bool = false) {
      self.stopAtFirstFailure = stopAtFirstFailure
      self.budget = budget
      self.ignoreLimit = ignoreLimit
    }

    /// Whether `day` gives the same results as a day walked before (its pieces are then counted without walking it).
    mutating func reuse(_ day: Int, _ search: DetectionSearch) -> Bool {
      for w in windows {
        let lo = day - 1 - w.back - search.marginStart, hi = day + w.ahead + 1 - search.marginStart
        guard lo >= 0, hi < search.dayKinds.count, let v = known[w]?[search.dayKinds[lo...hi]] else { continue }
        result.pieces += v.pieces
        result.failing += v.failing
        result.reusedDays += 1
        return true
      }
      return false
    }

    /// Walks `day` (unless it can be reused) and records what it found. `gather`: called for each instant taken by
    /// arithmetic inside a linear stretch, as `slackAt` gathers what it needs from the instants it evaluates.
    mutating func visit(
      _ day: Int, _ search: DetectionSearch, gather: ((LinearView, Int) -> Void)? = nil,
      _ slackAt: (LocalTimestamp) -> Probe
    ) {
      guard !finished, !reuse(day, search) else { return }
      result.walkedDays += 1
      let walked = searchDay(day, search, gather: gather, slackAt)
      if result.exhausted || (stopAtFirstFailure && (result.worst?.slack ?? 0) < 0) {
        finished = true
        return
      }
      guard let window = walked.window else { return }
      let w = Window(back: window.back, ahead: window.ahead)
      let lo = day - 1 - w.back - search.marginStart, hi = day + w.ahead + 1 - search.marginStart
      guard lo >= 0, hi < search.dayKinds.count else { return }
      if known[w] == nil {
        windows.append(w)
        windows.sort()
      }
      known[w, default: [:]][search.dayKinds[lo...hi]] = (walked.pieces, walked.failing)
    }

    /// Walks one day; returns how far (in days) its results reached, its pieces and its failing pieces.
    ///
    /// Inside a linear stretch of the path (`LinearView`), an instant is taken by arithmetic: the values are the
    /// extrapolated ones, so what a probe finds (slack, the days its instants fall on, where they next reach a
    /// boundary) is what `slackAt` would return for them. Where an instant next reaches a boundary is kept per
    /// instant of the stretch: for one moving with the detection (speed 1), from value `x0` at `p0` up to its next
    /// boundary `b` (or the next midnight, if sooner), the probe at `p` finds `p + b − x(p) = p0 + b − x0` and the
    /// day of `x0`, unchanged, since nothing lies between `x(p)` and `b`; for one standing still (speed 0), the probe
    /// at `p` finds `p + b − x0`, the same distance each time. Breakpoints and pieces are the same as the search
    /// evaluating every instant (`LinearStretchTests`, `LinearPieceTests`).
    private mutating func searchDay(
      _ day: Int, _ search: DetectionSearch, gather: ((LinearView, Int) -> Void)?,
      _ slackAt: (LocalTimestamp) -> Probe
    ) -> (day: Int, window: (back: Int, ahead: Int)?, pieces: Int, failing: Int) {
      var reach = 0, back = 0, failing = 0
      var truncated = false
      let inTail = day > search.marginStart + search.dayKinds.count - 1 - DetectionSearch.calendarTail
      let dayStart = day * 86_400, dayEnd = dayStart + 86_400
      var t = dayStart
      pieces.removeAll(keepingCapacity: true)
      var view: LinearView?
      while t < dayEnd {
        var next = search.nextBreak(after: t) ?? dayEnd
        var least: Int?, leastAt = t
        func probe(_ p: Int, induce: Bool) {
          result.evaluated += 1
          if let v = view, v.covers(p) {
            linearProbe(v, p, induce: induce, day: day, search, next: &next, reach: &reach, back: &back)
            let s = v.slack(at: p, ignoreLimit: ignoreLimit)
            gather?(v, p)
            if least.map({ s < $0 }) ?? true { (least, leastAt) = (s, p) }
            return
          }
          result.probed += 1
          let found = slackAt(LocalTimestamp(seconds: p))
          view = found.linear
          if found.outside {
            if inTail { truncated = true } else { result.outsideCalendar = true }
          }
          for i in found.instants {
            let d = i.seconds >= 0 ? i.seconds / 86_400 : (i.seconds - 86_399) / 86_400
            reach = max(reach, d - day)
            back = max(back, day - d)
            if induce, let b = search.nextBreak(after: i.seconds) { next = min(next, p + (b - i.seconds)) }
          }
          if let s = found.slack, least.map({ s < $0 }) ?? true { (least, leastAt) = (s, p) }
        }
        probe(t, induce: true)
        if truncated { break }
        if t + 60 < dayEnd { probe(t + 60, induce: true) }
        next = min(max(next, t + 60), dayEnd)
        // The slack may fall along a piece (a deadline moving while the limit waits): its last minute too.
        if next - 60 > t + 60 { probe(next - 60, induce: false) }
        if truncated { break }
        if budget.map({ result.evaluated >= $0 }) ?? false { result.exhausted = true }
        if let s = least {
          pieces.append(Piece(at: LocalTimestamp(seconds: t), until: LocalTimestamp(seconds: next), slack: s, weight: 1))
          result.pieces += 1
          if s < 0 {
            result.failing += 1
            failing += 1
          }
          if result.worst.map({ s < $0.slack }) ?? true {
            result.worst = (s, LocalTimestamp(seconds: leastAt))
          }
          if (s < 0 && stopAtFirstFailure) || s == Int.min || result.exhausted { break }
        }
        if result.exhausted { break }
        t = next
      }
      if let w = result.worst, w.at.seconds >= dayStart, w.at.seconds < dayEnd, w.slack < 0,
        let i = pieces.lastIndex(where: { $0.at <= w.at }) {
        var lo = i, hi = i
        while lo > 0, pieces[lo - 1].slack < 0, pieces[lo - 1].until == pieces[lo].at { lo -= 1 }
        while hi + 1 < pieces.count, pieces[hi + 1].slack < 0, pieces[hi].until == pieces[hi + 1].at { hi += 1 }
        result.worstRun = (pieces[lo].at, pieces[hi].until)
      }
      result.reachDays = max(result.reachDays, reach)
      if truncated {
        // Past the calendar: this day's pieces are not counted (nor reused for another day).
        result.pieces -= pieces.count
        result.failing -= failing
        return (day, nil, 0, 0)
      }
      return (day, (back, reach), pieces.count, failing)
    }

    /// The instants of a linear stretch at `p`, as a probe of `searchDay` reads them: their days (for the window
    /// and reach) and, when `induce`, the detection instant at which the first of them reaches its next boundary.
    @inline(__always) private mutating func linearProbe(
      _ v: LinearView, _ p: Int, induce: Bool, day: Int, _ search: DetectionSearch, next: inout Int,
      reach: inout Int, back: inout Int
    ) {
      if cachedView !== v {
        cachedView = v
        let n = v.count
        if validFrom.count < n {
          validFrom = [Int](repeating: 0, count: n)
          validUntil = validFrom
          crossing = validFrom
          dayOf = validFrom
        }
        for j in 0..<n { validUntil[j] = Int.min }
      }
      for j in 0..<v.count {
        let x = v.value(j, at: p)
        if !(p >= validFrom[j] && p < validUntil[j]) {
          let d = x >= 0 ? x / 86_400 : (x - 86_399) / 86_400
          let b = search.nextBreak(after: x)
          dayOf[j] = d
          validFrom[j] = p
          if v.speed[j] == 0 {
            // Standing still: the same value, day and distance to its next boundary at every instant of the stretch.
            crossing[j] = b.map { $0 - x } ?? Int.max
            validUntil[j] = Int.max
          } else {
            // Moving: the same boundary and day until it reaches the boundary or the next midnight.
            crossing[j] = b.map { p + ($0 - x) } ?? Int.max
            validUntil[j] = p + (min(b ?? Int.max, (d + 1) * 86_400) - x)
          }
        }
        let d = dayOf[j]
        reach = max(reach, d - day)
        back = max(back, day - d)
        if induce, crossing[j] != Int.max {
          next = min(next, v.speed[j] == 0 ? p + crossing[j] : crossing[j])
        }
      }
    }
  }

  /// Days at the end of the calendar whose results may leave it: a deadline past the calendar there ends the search
  /// of that day (the period is cut, not failed); earlier, it makes the instant unknown.
  static let calendarTail = 370
}
