import Synchronization
import WorkingTime

/// A day-indexed copy of a `WorkingTimeTable` for the audit's ordered replay: the working intervals of each covered
/// day, with the working seconds counted before each, found by the day number instead of a binary search over every
/// interval of the calendar's years (the table's way, which is general but touches a dozen cache lines per query).
///
/// It answers only inside the calendar's coverage (and, for `adding`, within `maxDays` days of the start); `nil`
/// sends the caller to the table itself, which also reports what lies outside. Built from the table's own public
/// answers (`intervals(on:)` per day, as the table builds itself, zero-length intervals dropped) so that positions are
/// the table's: `WorkingDayIndexTests` checks `position`, `adding` and `workingSeconds` against the table on random
/// instants of every shipped act's schedule.
final class WorkingDayIndex: Sendable {
  let table: WorkingTimeTable
  private let firstDay: Int
  private let lastDay: Int
  /// Day `d`'s intervals are `start[dayFirst[d − firstDay] ..< dayFirst[d − firstDay + 1]]` (seconds of the day).
  private let dayFirst: [Int]
  private let start: [Int]
  private let end: [Int]
  /// Working seconds before each interval, from the table's first day (the table's positions).
  private let before: [Int]
  /// Working seconds before each day (one extra element at the end).
  private let dayBefore: [Int]
  static let maxDays = 366
  /// Every day's intervals lie within the day, in order, apart (what the per-day walk assumes, and what the table's
  /// binary search assumes of all of them); when not, the index answers nothing.
  let isUsable: Bool

  init(_ table: WorkingTimeTable) {
    self.table = table
    let coverage = table.calendar.coverage
    firstDay = coverage.lowerBound.dayNumber
    lastDay = coverage.upperBound.dayNumber
    var dayFirst: [Int] = [], start: [Int] = [], end: [Int] = [], before: [Int] = [], dayBefore: [Int] = []
    var total = 0
    var usable = firstDay <= lastDay && lastDay - firstDay < 200_000
    if usable {
      for day in firstDay...lastDay {
        dayFirst.append(start.count)
        dayBefore.append(total)
        var previousEnd = 0
        for iv in table.intervals(on: CivilDate(dayNumber: day)) where iv.length > 0 {
          if iv.start < previousEnd || iv.end > 86_400 { usable = false }
          previousEnd = iv.end
          start.append(iv.start)
          end.append(iv.end)
          before.append(total)
          total += iv.length
        }
      }
    }
    dayFirst.append(start.count)
    dayBefore.append(total)
    isUsable = usable
    self.dayFirst = dayFirst
    self.start = start
    self.end = end
    self.before = before
    self.dayBefore = dayBefore
  }

  private static let built = Mutex<[ObjectIdentifier: WorkingDayIndex]>([:])

  /// The index of a table, built once per table (tables are shared by schedule and calendar; each profile's replay
  /// asks for the same few).
  static func of(_ table: WorkingTimeTable) -> WorkingDayIndex {
    let key = ObjectIdentifier(table)
    if let known = built.withLock({ $0[key] }), known.table === table { return known }
    let made = WorkingDayIndex(table)
    built.withLock { cache in
      if cache.count > 64 { cache.removeAll() }
      cache[key] = made
    }
    return made
  }

  @inline(__always) private static func floorDay(_ t: Int) -> Int { t >= 0 ? t / 86_400 : -((-t + 86_399) / 86_400) }

  /// The table's `position(of:)`: working seconds from the start of the table to `t`; `nil` outside the coverage.
  func position(_ t: Int) -> Int? {
    let day = Self.floorDay(t)
    guard isUsable, day >= firstDay, day <= lastDay else { return nil }
    let d = day - firstDay, s = t - day * 86_400
    var p = dayBefore[d]
    var i = dayFirst[d]
    let e = dayFirst[d + 1]
    // Intervals of the day in order: whole ones before `s`, then the part of the one `s` falls in.
    while i < e, start[i] <= s {
      p = before[i] + min(s, end[i]) - start[i]
      i += 1
    }
    return p
  }

  /// The table's `adding(_:to:)`: the earliest instant at which `seconds` of working time have elapsed after `t`.
  func adding(_ seconds: Int, to t: Int) -> Int? {
    guard let p = position(t) else { return nil }
    if seconds <= 0 { return t }
    let target = p + seconds
    // The first interval, from `t`'s day on, whose end lies at or past the target (earlier days end before `p`).
    var day = Self.floorDay(t)
    let limit = min(lastDay, day + Self.maxDays)
    while day <= limit {
      let d = day - firstDay
      if dayBefore[d + 1] >= target {
        var i = dayFirst[d]
        while before[i] + end[i] - start[i] < target { i += 1 }
        return day * 86_400 + start[i] + target - before[i]
      }
      day += 1
    }
    return nil
  }

  /// The table's `workingSeconds(from:to:)`; `nil` when either instant lies outside the coverage.
  func workingSeconds(from a: Int, to b: Int) -> Int? {
    guard let pb = position(b), let pa = position(a) else { return nil }
    return pb - pa
  }
}
