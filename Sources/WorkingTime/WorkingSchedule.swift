import Foundation

/// A span of a day's clock, in seconds since midnight: 09:00–13:00.
public struct ClockRange: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    self.start = start
    self.end = end
  }

  /// Parses `09:00-18:00` (a hyphen or an en dash).
  public init?(text: some StringProtocol) {
    let parts = text.replacingOccurrences(of: "–", with: "-").split(separator: "-").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard parts.count == 2, let s = parseClock(parts[0]), let e = parseClock(parts[1]), s < e else { return nil }
    self.init(start: s, end: e)
  }

  public var length: Int { end - start }
  public var description: String { "\(clockText(start))–\(clockText(end))" }
  public static func < (a: ClockRange, b: ClockRange) -> Bool { (a.start, a.end) < (b.start, b.end) }
}

/// An organisation's (or a role's) working time: hours per weekday minus breaks, and how much shorter a pre-holiday
/// day is. `roundTheClock` schedules count every second of every working day (Оха, п. 3.2).
public struct WorkingSchedule: Hashable, Sendable {
  /// A name for explanations ("служебное время администрации").
  public var name: String
  /// Working intervals by ISO weekday (1 = Monday), breaks already removed, sorted.
  public var weekdays: [Int: [ClockRange]]
  /// Seconds cut from the end of a shortened pre-holiday day.
  public var preHolidayShortening: Int
  /// Whole working days count, around the clock; weekends, holidays and transferred days off do not.
  public var roundTheClock: Bool

  public init(name: String, weekdays: [Int: [ClockRange]], preHolidayShortening: Int = 3600, roundTheClock: Bool = false) {
    self.name = name
    self.weekdays = weekdays.mapValues { $0.sorted() }
    self.preHolidayShortening = preHolidayShortening
    self.roundTheClock = roundTheClock
  }

  /// Builds a schedule from opening hours per weekday and breaks that apply to every day.
  public init(name: String, hours: [Int: ClockRange], breaks: [ClockRange], preHolidayShortening: Int = 3600) {
    var days: [Int: [ClockRange]] = [:]
    for (weekday, range) in hours { days[weekday] = Self.subtract(breaks, from: range) }
    self.init(name: name, weekdays: days, preHolidayShortening: preHolidayShortening)
  }

  /// Monday–Friday 09:00–18:00 with a 13:00–14:00 break, pre-holiday days one hour shorter: the default when an act
  /// does not give working hours.
  public static let standard = WorkingSchedule(
    name: "пн–пт 09:00–18:00, перерыв 13:00–14:00",
    hours: Dictionary(uniqueKeysWithValues: (1...5).map { ($0, ClockRange(start: 9 * 3600, end: 18 * 3600)) }),
    breaks: [ClockRange(start: 13 * 3600, end: 14 * 3600)])

  /// Every second of every working day (24 hours that skip weekends and holidays).
  public static let roundTheClockOnWorkingDays = WorkingSchedule(
    name: "круглосуточно в рабочие дни", weekdays: [:], preHolidayShortening: 0, roundTheClock: true)

  /// Working intervals of a date of a given kind. `swapWeekday` is the weekday whose hours a working weekend keeps.
  public func intervals(kind: DayKind, weekday: Int, swapWeekday: Int?) -> [ClockRange] {
    // A schedule that gives hours for Saturday or Sunday (shifts) works those weekends; holidays stay off.
    if kind == .weekend, !roundTheClock, let own = weekdays[weekday], !own.isEmpty { return own }
    guard kind.isWorking else { return [] }
    if roundTheClock { return [ClockRange(start: 0, end: 86_400)] }
    var day: [ClockRange]
    if kind == .workingWeekend || (kind == .shortened && weekday >= 6) {
      let candidates = [swapWeekday].compactMap { $0 } + [1, 2, 3, 4, 5]
      day = candidates.lazy.compactMap { self.weekdays[$0] }.first(where: { !$0.isEmpty }) ?? []
    } else {
      day = weekdays[weekday] ?? []
    }
    if kind == .shortened { day = Self.cut(preHolidayShortening, fromEndOf: day) }
    return day
  }

  static func subtract(_ breaks: [ClockRange], from range: ClockRange) -> [ClockRange] {
    var pieces = [range]
    for b in breaks.sorted() {
      pieces = pieces.flatMap { p -> [ClockRange] in
        if b.end <= p.start || b.start >= p.end { return [p] }
        var out: [ClockRange] = []
        if b.start > p.start { out.append(ClockRange(start: p.start, end: b.start)) }
        if b.end < p.end { out.append(ClockRange(start: b.end, end: p.end)) }
        return out
      }
    }
    return pieces
  }

  static func cut(_ seconds: Int, fromEndOf day: [ClockRange]) -> [ClockRange] {
    var remaining = seconds
    var result = day
    while remaining > 0, let last = result.last {
      if last.length > remaining {
        result[result.count - 1].end -= remaining
        remaining = 0
      } else {
        remaining -= last.length
        result.removeLast()
      }
    }
    return result
  }

  /// Human description: `пн–пт 09:00–13:00, 14:00–18:00`.
  public var summary: String {
    if roundTheClock { return "круглосуточно в рабочие дни" }
    var groups: [(ClosedRange<Int>, [ClockRange])] = []
    for d in 1...7 {
      let iv = weekdays[d] ?? []
      if iv.isEmpty { continue }
      if let last = groups.last, last.1 == iv, last.0.upperBound == d - 1 {
        groups[groups.count - 1].0 = last.0.lowerBound...d
      } else {
        groups.append((d...d, iv))
      }
    }
    return groups.map { g in
      let days = g.0.count == 1
        ? russianWeekdayNames[g.0.lowerBound - 1]
        : "\(russianWeekdayNames[g.0.lowerBound - 1])–\(russianWeekdayNames[g.0.upperBound - 1])"
      return "\(days) " + g.1.map(\.description).joined(separator: ", ")
    }.joined(separator: "; ")
  }
}
