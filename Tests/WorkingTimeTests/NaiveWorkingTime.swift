@testable import WorkingTime

/// The reference the fast arithmetic is checked against: minute by minute, from the calendar's raw day kinds and the
/// schedule's raw weekday hours, with none of `WorkingTimeTable`'s precomputation or binary search.
struct NaiveWorkingTime {
  let calendar: ProductionCalendar
  let schedule: WorkingSchedule

  /// Working minutes of a day (minute-of-day numbers), computed from scratch.
  func workingMinutes(on date: CivilDate) -> [Int] {
    let kind = calendar.kind(of: date)
    if kind == .weekend, !schedule.roundTheClock {
      // Shift schedules with weekend hours work ordinary weekends.
      return (schedule.weekdays[date.weekday] ?? []).flatMap { Array(($0.start / 60)..<($0.end / 60)) }
    }
    guard kind == .working || kind == .shortened || kind == .workingWeekend else { return [] }
    if schedule.roundTheClock { return Array(0..<1440) }
    var weekday = date.weekday
    if weekday >= 6 {
      weekday = calendar.entry(for: date)?.counterpart?.weekday ?? 1
      if weekday >= 6 { weekday = 1 }
    }
    var minutes: [Int] = []
    for range in schedule.weekdays[weekday] ?? [] { minutes += Array((range.start / 60)..<(range.end / 60)) }
    if kind == .shortened { minutes = Array(minutes.dropLast(schedule.preHolidayShortening / 60)) }
    return minutes
  }

  /// A day's working minutes as a lookup table.
  func mask(_ day: Int) -> [Bool] {
    var m = [Bool](repeating: false, count: 1440)
    for minute in workingMinutes(on: CivilDate(dayNumber: day)) { m[minute] = true }
    return m
  }

  /// Minute number (since 1970 local) at which `n` working minutes after `start` have elapsed.
  func add(_ n: Int, to start: Int) -> Int { n == 0 ? start : nthWorkingMinute(n, from: start, step: 1) + 1 }

  /// The latest minute number leaving exactly `n` working minutes before `end`.
  func subtract(_ n: Int, from end: Int) -> Int { n == 0 ? end : nthWorkingMinute(n, from: end - 1, step: -1) }

  /// Steps minute by minute (forward or back) from `start` and returns the minute that is the n-th working one.
  func nthWorkingMinute(_ n: Int, from start: Int, step: Int) -> Int {
    var count = 0
    var t = start
    var day = t / 1440
    var cache = mask(day)
    while true {
      if t / 1440 != day {
        day = t / 1440
        cache = mask(day)
      }
      if cache[t % 1440] {
        count += 1
        if count == n { return t }
      }
      t += step
    }
  }

  /// Close of business (minute number) of the n-th working day after `date`.
  func workingDays(_ n: Int, after date: CivilDate) -> Int {
    var d = date
    var count = 0
    while count < n {
      d = d.adding(days: 1)
      let k = calendar.kind(of: d)
      if k == .working || k == .shortened || k == .workingWeekend { count += 1 }
    }
    return closeOfBusiness(d)
  }

  /// Close of business of the day `n` calendar days after `date`, moved to the next working day when that is off.
  func calendarDays(_ n: Int, after date: CivilDate) -> Int {
    var d = date.adding(days: n)
    while true {
      let k = calendar.kind(of: d)
      if k == .working || k == .shortened || k == .workingWeekend { break }
      d = d.adding(days: 1)
    }
    return closeOfBusiness(d)
  }

  func closeOfBusiness(_ d: CivilDate) -> Int {
    let minutes = workingMinutes(on: d)
    return d.dayNumber * 1440 + ((minutes.last.map { $0 + 1 }) ?? 1440)
  }
}
