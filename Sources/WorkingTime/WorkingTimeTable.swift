/// Precomputed working time of one schedule under one production calendar: every working interval of every covered
/// day as absolute local seconds, with the working seconds accumulated before it. A query finds its interval by the
/// day (`dayFirst`, `WorkingTimeTable+DayIndex.swift`) and walks a few intervals from there, or by a binary search
/// over all of them (O(log n), the general way, kept for what the walk does not reach); the table is immutable, so it
/// is safe to share between threads.
public final class WorkingTimeTable: Sendable {
  public let schedule: WorkingSchedule
  public let calendar: ProductionCalendar
  let firstDay: Int
  let lastDay: Int
  let starts: [Int]
  let ends: [Int]
  let before: [Int]
  /// Per covered day (index = day − firstDay), the index of its first interval in `starts`, with one extra element at
  /// the end (`starts.count`): day `d`'s intervals are `dayFirst[d] ..< dayFirst[d + 1]`.
  let dayFirst: [Int]
  /// Every interval starts within its own day and after the one before it (what the day index assumes, and what the
  /// binary search assumes of all of them): when not, every query takes the binary search.
  let isDayIndexed: Bool
  /// Working days before each covered day (index = day - firstDay), with one extra element at the end.
  private let workingDaysBefore: [Int]

  public init(schedule: WorkingSchedule, calendar: ProductionCalendar) {
    self.schedule = schedule
    self.calendar = calendar
    firstDay = calendar.coverage.lowerBound.dayNumber
    lastDay = calendar.coverage.upperBound.dayNumber
    var starts: [Int] = [], ends: [Int] = [], before: [Int] = []
    var workingDays: [Int] = [], dayFirst: [Int] = []
    var total = 0, dayCount = 0
    var indexed = true
    starts.reserveCapacity((lastDay - firstDay + 1) * 2)
    dayFirst.reserveCapacity(lastDay - firstDay + 2)
    for day in firstDay...lastDay {
      workingDays.append(dayCount)
      dayFirst.append(starts.count)
      let date = CivilDate(dayNumber: day)
      let kind = calendar.kind(of: date)
      let swap = calendar.entry(for: date)?.counterpart?.weekday
      let intervals = schedule.intervals(kind: kind, weekday: date.weekday, swapWeekday: swap)
      if kind.isWorking { dayCount += 1 }
      for iv in intervals where iv.length > 0 {
        if iv.start < 0 || iv.start >= 86_400 || (starts.last.map { day * 86_400 + iv.start < $0 } ?? false) {
          indexed = false
        }
        starts.append(day * 86_400 + iv.start)
        ends.append(day * 86_400 + iv.end)
        before.append(total)
        total += iv.length
      }
    }
    workingDays.append(dayCount)
    dayFirst.append(starts.count)
    self.starts = starts
    self.ends = ends
    self.before = before
    self.workingDaysBefore = workingDays
    self.dayFirst = dayFirst
    isDayIndexed = indexed
  }

  /// Total working seconds in the table.
  public var totalWorkingSeconds: Int { (before.last ?? 0) + ((ends.last ?? 0) - (starts.last ?? 0)) }

  func check(_ t: LocalTimestamp) throws {
    let day = LocalTimestamp.floorDiv(t.seconds, 86_400)
    guard day >= firstDay, day <= lastDay else {
      throw WorkingTimeError.outsideCalendar(date: CivilDate(dayNumber: day), coverage: calendar.coverage)
    }
  }

  /// Index of the last interval starting at or before `t`, or -1.
  private func lastStarting(atOrBefore t: Int) -> Int {
    var lo = 0, hi = starts.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if starts[mid] <= t { lo = mid + 1 } else { hi = mid }
    }
    return lo - 1
  }

  /// Working seconds between the start of the table and `t`: the position of `t` on the working axis.
  public func position(of t: LocalTimestamp) throws -> Int {
    try located(t).position
  }

  /// The position of `t` and the index of the last interval starting at or before it (−1: none), by binary search
  /// over every interval: the general way, which the day index (`located`) must agree with.
  func searchedLocation(_ t: LocalTimestamp) throws -> (interval: Int, position: Int) {
    try check(t)
    let k = lastStarting(atOrBefore: t.seconds)
    if k < 0 { return (-1, 0) }
    return (k, before[k] + min(t.seconds, ends[k]) - starts[k])
  }

  /// The earliest instant at which `position` working seconds have elapsed (`position` > 0), searching intervals
  /// `from...` (every interval before `from` must end before `position`).
  func earliest(at position: Int, from: Int = 0) throws -> LocalTimestamp {
    var lo = from, hi = starts.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if before[mid] + ends[mid] - starts[mid] >= position { hi = mid } else { lo = mid + 1 }
    }
    guard lo < starts.count else {
      throw WorkingTimeError.outsideCalendar(date: CivilDate(dayNumber: lastDay + 1), coverage: calendar.coverage)
    }
    return LocalTimestamp(seconds: starts[lo] + position - before[lo])
  }

  /// The latest instant at which exactly `position` working seconds have elapsed (`position` ≥ 0), searching
  /// intervals `..< to` (every interval from `to` on must start past `position`).
  func latest(at position: Int, to: Int? = nil) throws -> LocalTimestamp {
    var lo = 0, hi = to ?? starts.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if before[mid] <= position { lo = mid + 1 } else { hi = mid }
    }
    let k = lo - 1
    guard k >= 0 else {
      throw WorkingTimeError.outsideCalendar(date: CivilDate(dayNumber: firstDay - 1), coverage: calendar.coverage)
    }
    return LocalTimestamp(seconds: starts[k] + position - before[k])
  }

  /// The instant when `seconds` of working time have elapsed after `t` (the earliest such instant: a period that
  /// ends with a working day ends at that day's close, not at the next morning).
  public func adding(_ seconds: Int, to t: LocalTimestamp) throws -> LocalTimestamp {
    let (k, p) = try located(t)
    if seconds <= 0 { return t }
    return try earliest(at: p + seconds, after: k)
  }

  /// The latest instant that still leaves `seconds` of working time before `t`.
  public func subtracting(_ seconds: Int, from t: LocalTimestamp) throws -> LocalTimestamp {
    let (k, p) = try located(t)
    if seconds <= 0 { return t }
    guard p - seconds >= 0 else {
      throw WorkingTimeError.outsideCalendar(date: calendar.coverage.lowerBound.adding(days: -1), coverage: calendar.coverage)
    }
    return try latest(at: p - seconds, upTo: k)
  }

  /// `adding` by the binary searches alone (the general way the day index must agree with; tests compare them).
  func searchedAdding(_ seconds: Int, to t: LocalTimestamp) throws -> LocalTimestamp {
    let p = try searchedLocation(t).position
    if seconds <= 0 { return t }
    return try earliest(at: p + seconds)
  }

  /// `subtracting` by the binary searches alone.
  func searchedSubtracting(_ seconds: Int, from t: LocalTimestamp) throws -> LocalTimestamp {
    let p = try searchedLocation(t).position
    if seconds <= 0 { return t }
    guard p - seconds >= 0 else {
      throw WorkingTimeError.outsideCalendar(date: calendar.coverage.lowerBound.adding(days: -1), coverage: calendar.coverage)
    }
    return try latest(at: p - seconds)
  }

  /// Working seconds between two instants (negative when `b` is before `a`).
  public func workingSeconds(from a: LocalTimestamp, to b: LocalTimestamp) throws -> Int {
    try position(of: b) - position(of: a)
  }

  /// Working intervals of a date under this table's schedule and calendar.
  public func intervals(on date: CivilDate) -> [ClockRange] {
    let kind = calendar.kind(of: date)
    return schedule.intervals(kind: kind, weekday: date.weekday, swapWeekday: calendar.entry(for: date)?.counterpart?.weekday)
  }

  /// Whether the date is a working day of the calendar.
  public func isWorkingDay(_ date: CivilDate) -> Bool { calendar.kind(of: date).isWorking }

  /// The `n`-th working day after `date` (n ≥ 1), not counting `date` itself.
  public func workingDay(_ n: Int, after date: CivilDate) throws -> CivilDate {
    let i = date.dayNumber - firstDay
    guard i >= 0, i < workingDaysBefore.count - 1 else {
      throw WorkingTimeError.outsideCalendar(date: date, coverage: calendar.coverage)
    }
    let target = workingDaysBefore[i + 1] + n  // working days up to and including the answer
    var lo = i + 1, hi = workingDaysBefore.count - 1
    while lo < hi {
      let mid = (lo + hi) >> 1
      if workingDaysBefore[mid + 1] >= target { hi = mid } else { lo = mid + 1 }
    }
    guard lo < workingDaysBefore.count - 1, workingDaysBefore[lo + 1] >= target else {
      throw WorkingTimeError.outsideCalendar(date: CivilDate(dayNumber: lastDay + 1), coverage: calendar.coverage)
    }
    return CivilDate(dayNumber: firstDay + lo)
  }

  /// The first working day on or after `date`.
  public func workingDay(onOrAfter date: CivilDate) throws -> CivilDate {
    if !calendar.covers(date) { throw WorkingTimeError.outsideCalendar(date: date, coverage: calendar.coverage) }
    return isWorkingDay(date) ? date : try workingDay(1, after: date)
  }

  /// The instant a day's working time ends (close of business), or the end of the day if it has no intervals.
  public func closeOfBusiness(on date: CivilDate) -> LocalTimestamp {
    LocalTimestamp(date: date, secondOfDay: intervals(on: date).last?.end ?? 86_400)
  }
}
