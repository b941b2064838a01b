/// What kind of day a date is under the production calendar (the `kind` field of `reglament calendar`).
public enum DayKind: String, Sendable, CaseIterable, Codable {
  /// An ordinary working day.
  case working
  /// A working day shortened by one hour before a holiday (Labour Code art. 95).
  case shortened
  /// An ordinary Saturday or Sunday.
  case weekend
  /// A non-working public holiday (Labour Code art. 112), or a regional or organisation's holiday.
  case holiday
  /// A day off moved here by decree or by Labour Code art. 112 part 2.
  case transfer
  /// A Saturday or Sunday made a working day by decree.
  case workingWeekend = "working-weekend"

  /// Whether people work on such a day.
  public var isWorking: Bool { self == .working || self == .shortened || self == .workingWeekend }

  /// Short Russian name for the kind column of `reglament calendar` in Russian (the JSON keeps `rawValue`).
  public var russianLabel: String {
    switch self {
    case .working: "рабочий"
    case .shortened: "сокращённый"
    case .weekend: "выходной"
    case .holiday: "праздник"
    case .transfer: "перенос"
    case .workingWeekend: "раб. выходной"
    }
  }

  /// Russian name for explanations.
  public var russianName: String {
    switch self {
    case .working: "рабочий день"
    case .shortened: "предпраздничный день"
    case .weekend: "выходной день"
    case .holiday: "нерабочий праздничный день"
    case .transfer: "перенесённый выходной день"
    case .workingWeekend: "рабочий выходной день"
    }
  }
}

/// One dated fact of a calendar: the kind of the day, why, and for transfers the other day of the swap.
public struct CalendarEntry: Hashable, Sendable {
  public var kind: DayKind
  /// Source or reason, as written in the calendar data ("перенос выходного дня с сб 03.01.2026 (…)").
  public var note: String
  /// For a transfer, the day the day off came from; for a working weekend, the day the rest moved to.
  public var counterpart: CivilDate?
  /// Whether the working-weekend day is also shortened (pre-holiday).
  public var shortened: Bool

  public init(kind: DayKind, note: String, counterpart: CivilDate? = nil, shortened: Bool = false) {
    self.kind = kind
    self.note = note
    self.counterpart = counterpart
    self.shortened = shortened
  }
}
