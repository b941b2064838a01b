import Foundation

/// The clock a period is counted on. Every clock the five source acts use; semantics in docs/TIME.md.
public enum DeadlineClock: String, CaseIterable, Sendable, Codable {
  /// Calendar minutes, round the clock.
  case calendarMinutes = "calendar-minutes"
  /// Calendar hours, round the clock.
  case calendarHours = "calendar-hours"
  /// Calendar days counted from the next day; an end on a day off moves to the next working day.
  case calendarDays = "calendar-days"
  /// Minutes of the organisation's working time; the rest carries over to the next working day.
  case workingMinutes = "working-minutes"
  /// Hours of the organisation's working time; the rest carries over to the next working day.
  case workingHours = "working-hours"
  /// Working days counted from the next day; ends at the close of business of the last one.
  case workingDays = "working-days"
  /// Hours that run round the clock on working days and stop on weekends and holidays (Оха, п. 3.2).
  case workingDayHours = "working-day-hours"
  /// No period: the action is due at the anchor itself ("незамедлительно").
  case immediately

  /// Seconds in one unit of the amount, for clocks measured in minutes or hours.
  public var unitSeconds: Int? {
    switch self {
    case .calendarMinutes, .workingMinutes: 60
    case .calendarHours, .workingHours, .workingDayHours: 3600
    case .calendarDays, .workingDays, .immediately: nil
    }
  }

  /// Whether the amount counts days.
  public var countsDays: Bool { self == .calendarDays || self == .workingDays }

  /// Russian unit name for explanations ("рабочих часов").
  public func russianUnit(_ amount: Double) -> String {
    let few = amount != amount.rounded() || (2...4).contains(Int(amount) % 10) && !(12...14).contains(Int(amount) % 100)
    let one = amount == amount.rounded() && Int(amount) % 10 == 1 && Int(amount) % 100 != 11
    func form(_ a: String, _ b: String, _ c: String) -> String { one ? a : (few ? b : c) }
    switch self {
    case .calendarMinutes: return form("минута", "минуты", "минут")
    case .calendarHours: return form("час", "часа", "часов")
    case .calendarDays: return form("календарный день", "календарных дня", "календарных дней")
    case .workingMinutes: return form("рабочая минута", "рабочих минуты", "рабочих минут")
    case .workingHours: return form("рабочий час", "рабочих часа", "рабочих часов")
    case .workingDays: return form("рабочий день", "рабочих дня", "рабочих дней")
    case .workingDayHours: return form("час рабочих дней", "часа рабочих дней", "часов рабочих дней")
    case .immediately: return "незамедлительно"
    }
  }
}

/// An amount on a clock: "30 working minutes", "1,5 working hours", "7 working days".
public struct Period: Hashable, Sendable, CustomStringConvertible {
  public var clock: DeadlineClock
  public var amount: Double

  public init(clock: DeadlineClock, amount: Double) {
    self.clock = clock
    self.amount = amount
  }

  /// Length in seconds for minute and hour clocks; 0 for day clocks and `immediately`.
  public var seconds: Int { clock.unitSeconds.map { Int((amount * Double($0)).rounded()) } ?? 0 }

  /// Whole days for day clocks.
  public var days: Int { Int(amount.rounded()) }

  /// ISO 8601 duration: `PT30M`, `PT1H30M`, `P7D`, `PT0S` for `immediately`.
  public var iso: String {
    if clock == .immediately { return "PT0S" }
    if clock.countsDays { return "P\(days)D" }
    let s = seconds
    var out = "PT"
    if s / 3600 > 0 { out += "\(s / 3600)H" }
    if (s % 3600) / 60 > 0 { out += "\((s % 3600) / 60)M" }
    if s % 60 > 0 { out += "\(s % 60)S" }
    return out == "PT" ? "PT0S" : out
  }

  /// `30 рабочих минут`.
  public var description: String {
    if clock == .immediately { return "незамедлительно" }
    let number = amount == amount.rounded() ? String(Int(amount)) : String(amount).replacingOccurrences(of: ".", with: ",")
    return "\(number) \(clock.russianUnit(amount))"
  }
}

/// `2 ч 00 мин`, `45 мин`.
public func russianDuration(_ seconds: Int) -> String {
  let m = seconds / 60
  if m < 60 { return "\(m) мин" }
  return "\(m / 60) ч \(pad(m % 60, 2)) мин"
}
