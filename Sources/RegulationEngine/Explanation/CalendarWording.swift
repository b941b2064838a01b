import RegulationDiagnostics
import WorkingTime

/// The words of the calendar and clocks in each language: weekdays, units, kinds of day, the reason a day is off.
public enum CalendarWording {
  static let englishWeekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

  public static func weekday(_ date: CivilDate, _ lang: Language) -> String {
    (lang == .ru ? russianWeekdayNames : englishWeekdays)[date.weekday - 1]
  }

  /// `30.04 чт` / `Thu 30.04`.
  public static func shortDate(_ date: CivilDate, _ lang: Language) -> String {
    lang == .ru ? "\(date.russianShort) \(weekday(date, lang))" : "\(weekday(date, lang)) \(date.russianShort)"
  }

  /// `пт 08.05.2026 17:40` / `Fri 2026-05-08 17:40`.
  public static func instant(_ t: LocalTimestamp, _ lang: Language) -> String {
    lang == .ru ? t.russian : "\(weekday(t.date, lang)) \(t.date) \(clockText(t.secondOfDay))"
  }

  /// `2 ч 00 мин` / `2 h 00 min`.
  public static func duration(_ seconds: Int, _ lang: Language) -> String {
    if lang == .ru { return russianDuration(seconds) }
    let m = seconds / 60
    if m < 60 { return "\(m) min" }
    return "\(m / 60) h \(m % 60 < 10 ? "0" : "")\(m % 60) min"
  }

  /// `30 рабочих минут` / `30 working minutes`.
  public static func period(_ p: Period, _ lang: Language) -> String {
    if lang == .ru { return p.description }
    if p.clock == .immediately { return "immediately" }
    let number = p.amount == p.amount.rounded() ? String(Int(p.amount)) : String(p.amount)
    let one = p.amount == 1
    let unit: String
    switch p.clock {
    case .calendarMinutes: unit = one ? "minute" : "minutes"
    case .calendarHours: unit = one ? "hour" : "hours"
    case .calendarDays: unit = one ? "calendar day" : "calendar days"
    case .workingMinutes: unit = one ? "working minute" : "working minutes"
    case .workingHours: unit = one ? "working hour" : "working hours"
    case .workingDays: unit = one ? "working day" : "working days"
    case .workingDayHours: unit = one ? "hour of working days" : "hours of working days"
    case .immediately: unit = ""
    }
    return "\(number) \(unit)"
  }

  public static func dayKind(_ k: DayKind, _ lang: Language) -> String {
    if lang == .ru { return k.russianName }
    switch k {
    case .working: return "working day"
    case .shortened: return "pre-holiday day (one hour shorter)"
    case .weekend: return "weekend"
    case .holiday: return "public holiday"
    case .transfer: return "transferred day off"
    case .workingWeekend: return "working weekend day"
    }
  }

  /// `пн–пт 09:00–13:00, 14:00–18:00` / `Mon–Fri 09:00–13:00, 14:00–18:00`.
  public static func schedule(_ s: WorkingSchedule, _ lang: Language) -> String {
    if lang == .ru { return s.summary }
    if s.roundTheClock { return "round the clock on working days" }
    var groups: [(ClosedRange<Int>, [ClockRange])] = []
    for d in 1...7 {
      let iv = s.weekdays[d] ?? []
      if iv.isEmpty { continue }
      if let last = groups.last, last.1 == iv, last.0.upperBound == d - 1 {
        groups[groups.count - 1].0 = last.0.lowerBound...d
      } else {
        groups.append((d...d, iv))
      }
    }
    return groups.map { g in
      let days = g.0.count == 1 ? englishWeekdays[g.0.lowerBound - 1]
        : "\(englishWeekdays[g.0.lowerBound - 1])–\(englishWeekdays[g.0.upperBound - 1])"
      return "\(days) " + g.1.map(\.description).joined(separator: ", ")
    }.joined(separator: "; ")
  }

  /// Federal public holidays (Labour Code art. 112) by month and day.
  static let englishHolidays: [Int: String] = [
    101: "New Year", 102: "New Year holidays", 103: "New Year holidays", 104: "New Year holidays",
    105: "New Year holidays", 106: "New Year holidays", 107: "Orthodox Christmas", 108: "New Year holidays",
    223: "Defender of the Fatherland Day", 308: "International Women's Day", 501: "Spring and Labour Day",
    509: "Victory Day", 612: "Russia Day", 1104: "Unity Day",
  ]

  /// Why a day is what it is: the calendar's own note in Russian; in English, the same fact worded from the data
  /// (a regulation's or user's own note is quoted as written).
  public static func reason(_ date: CivilDate, _ kind: DayKind, _ entry: CalendarEntry?, _ lang: Language) -> String {
    if lang == .ru {
      if let note = entry?.note, !note.isEmpty { return note }
      return kind == .shortened ? "предпраздничный день (ТК РФ ст. 95)" : kind.russianName
    }
    switch kind {
    case .holiday:
      if let name = englishHolidays[date.month * 100 + date.day] { return "\(name) (Labour Code art. 112)" }
      return "holiday" + quoted(entry)
    case .transfer:
      if let from = entry?.counterpart {
        return "day off transferred from \(weekday(from, lang)) \(from) (\(source(entry)))"
      }
      return "transferred day off" + quoted(entry)
    case .workingWeekend:
      if let to = entry?.counterpart { return "working day; the rest moved to \(to) (\(source(entry)))" }
      return "working weekend day" + quoted(entry)
    case .shortened: return "pre-holiday day, one hour shorter (Labour Code art. 95)"
    case .weekend: return "weekend"
    case .working: return "working day" + quoted(entry)
    }
  }

  private static func quoted(_ entry: CalendarEntry?) -> String {
    guard let note = entry?.note, !note.isEmpty, !note.unicodeScalars.contains(where: { (0x400...0x4FF).contains($0.value) })
    else { return "" }
    return " (\(note))"
  }

  /// The legal source of a transfer, in English, from the calendar note (a government decree or art. 112).
  private static func source(_ entry: CalendarEntry?) -> String {
    guard let note = entry?.note else { return "production calendar" }
    if let r = note.range(of: "постановление Правительства РФ от ") {
      let rest = note[r.upperBound...].prefix { $0 != ")" }
      let parts = rest.components(separatedBy: " № ")
      if parts.count == 2 { return "Government decree of \(parts[0]) No. \(parts[1])" }
    }
    if note.contains("ст. 112") { return "Labour Code art. 112 part 2" }
    return "production calendar"
  }

  /// Days off in one phrase: `праздник 1 мая; сб, вс` / `Spring and Labour Day; Sat, Sun`.
  public static func reasons(_ days: [DayOff], _ lang: Language) -> String {
    var parts: [String] = []
    var weekends: [String] = []
    for d in days {
      switch d.kind {
      case .weekend: weekends.append(weekday(d.date, lang))
      case .holiday, .transfer: parts.append("\(d.date.russianShort) \(reason(d.date, d.kind, d.entry, lang))")
      default: parts.append(d.date.russianShort + (lang == .ru ? " вне рабочего времени" : " outside working hours"))
      }
    }
    if !weekends.isEmpty { parts.append(weekends.joined(separator: ", ")) }
    return parts.joined(separator: "; ")
  }
}
