/// A wall-clock time in some time zone, as seconds since 1970-01-01T00:00 of that zone's local clock.
///
/// Working-time arithmetic happens on local timestamps: a working day is 09:00–18:00 of the local clock.
public struct LocalTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Seconds since local 1970-01-01T00:00.
  public var seconds: Int

  public init(seconds: Int) { self.seconds = seconds }

  public init(date: CivilDate, secondOfDay: Int = 0) { self.seconds = date.dayNumber * 86_400 + secondOfDay }

  public init(date: CivilDate, hour: Int, minute: Int, second: Int = 0) {
    self.init(date: date, secondOfDay: hour * 3600 + minute * 60 + second)
  }

  /// The local date.
  public var date: CivilDate { CivilDate(dayNumber: Self.floorDiv(seconds, 86_400)) }

  /// Seconds since local midnight.
  public var secondOfDay: Int { seconds - Self.floorDiv(seconds, 86_400) * 86_400 }

  /// `2026-05-08T17:40` (seconds shown only when not zero).
  public var description: String { "\(date)T\(clockText(secondOfDay))" }

  /// `пт 08.05.2026 17:40`.
  public var russian: String { "\(russianWeekdayNames[date.weekday - 1]) \(date.russian) \(clockText(secondOfDay))" }

  public static func < (lhs: LocalTimestamp, rhs: LocalTimestamp) -> Bool { lhs.seconds < rhs.seconds }

  static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}

/// `17:40`, or `17:40:30` when seconds are not zero; `24:00` for the end of a day.
public func clockText(_ secondOfDay: Int) -> String {
  let h = secondOfDay / 3600, m = (secondOfDay % 3600) / 60, s = secondOfDay % 60
  return s == 0 ? "\(pad(h, 2)):\(pad(m, 2))" : "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2))"
}

/// Parses `HH:MM` (00:00–24:00) into seconds of day.
public func parseClock(_ text: some StringProtocol) -> Int? {
  let parts = text.split(separator: ":", omittingEmptySubsequences: false)
  guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
    (0...24).contains(h), (0...59).contains(m), h < 24 || m == 0
  else { return nil }
  return h * 3600 + m * 60
}
