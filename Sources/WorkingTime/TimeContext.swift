/// Everything needed to count periods for one regulation (or one role): its time zone, its working schedule under a
/// production calendar, and the round-the-clock-on-working-days variant. Immutable and thread-safe.
public struct TimeContext: Sendable {
  public let timeZone: RegulationTimeZone
  public let working: WorkingTimeTable
  public let roundTheClock: WorkingTimeTable

  public init(timeZone: RegulationTimeZone, schedule: WorkingSchedule, calendar: ProductionCalendar) {
    self.timeZone = timeZone
    self.working = WorkingTimeTable(schedule: schedule, calendar: calendar)
    self.roundTheClock = WorkingTimeTable(schedule: .roundTheClockOnWorkingDays, calendar: calendar)
  }

  /// A context on the Russian production calendar with `additions`, sharing tables already built for the same
  /// schedule and additions.
  public init(timeZone: RegulationTimeZone, schedule: WorkingSchedule, additions: [(CivilDate, CalendarEntry)]) {
    self.timeZone = timeZone
    self.working = WorkingTimeTableCache.table(schedule: schedule, additions: additions)
    self.roundTheClock = WorkingTimeTableCache.table(schedule: .roundTheClockOnWorkingDays, additions: additions)
  }

  public var calendar: ProductionCalendar { working.calendar }

  /// The instant a period that starts at `anchor` ends, without explanation (the fast path).
  public func due(from anchor: LocalTimestamp, period: Period) throws -> LocalTimestamp {
    switch period.clock {
    case .immediately: return anchor
    case .calendarMinutes, .calendarHours:
      return timeZone.local(fromUTC: timeZone.utc(from: anchor) + period.seconds)
    case .workingMinutes, .workingHours: return try working.adding(period.seconds, to: anchor)
    case .workingDayHours: return try roundTheClock.adding(period.seconds, to: anchor)
    case .workingDays:
      guard period.days > 0 else { return anchor }
      return working.closeOfBusiness(on: try working.workingDay(period.days, after: anchor.date))
    case .calendarDays:
      guard period.days > 0 else { return anchor }
      let last = anchor.date.adding(days: period.days)
      return working.closeOfBusiness(on: try working.workingDay(onOrAfter: last))
    }
  }

  /// The latest instant that is `period` before `reference` ("не позднее чем за 4 часа до истечения срока").
  public func due(before reference: LocalTimestamp, period: Period) throws -> LocalTimestamp {
    switch period.clock {
    case .immediately: return reference
    case .calendarMinutes, .calendarHours:
      return timeZone.local(fromUTC: timeZone.utc(from: reference) - period.seconds)
    case .workingMinutes, .workingHours: return try working.subtracting(period.seconds, from: reference)
    case .workingDayHours: return try roundTheClock.subtracting(period.seconds, from: reference)
    case .workingDays, .calendarDays:
      var date = reference.date
      var n = period.days
      while n > 0 {
        date = date.adding(days: -1)
        guard calendar.covers(date) else {
          throw WorkingTimeError.outsideCalendar(date: date, coverage: calendar.coverage)
        }
        if period.clock == .calendarDays || working.isWorkingDay(date) { n -= 1 }
      }
      return working.closeOfBusiness(on: date)
    }
  }

  // MARK: - Explained computations

  /// `due(from:period:)` with every rule and calendar fact applied, one line each (no lines unless `explain`).
  public func derive(from anchor: LocalTimestamp, period: Period, anchorLabel: String, explain: Bool = true) throws -> Derivation {
    let due = try due(from: anchor, period: period)
    guard explain else { return Derivation(due: due, lines: []) }
    var lines = [ExplanationLine(anchorLabel, "\(anchor.russian) (\(timeZone.offsetText(at: anchor)))")]
    switch period.clock {
    case .immediately:
      lines.append(ExplanationLine("незамедлительно", "срок не исчисляется: действие совершается сразу"))
    case .calendarMinutes, .calendarHours:
      lines.append(ExplanationLine("календарное время", "+ \(period) без учёта графика работы"))
    case .workingMinutes, .workingHours:
      lines.append(ExplanationLine("рабочее время", "\(period), график: \(working.schedule.summary); "
        + "остаток переносится на следующий рабочий день"))
      lines += walk(working, from: anchor, to: due)
    case .workingDayHours:
      lines.append(ExplanationLine("часы рабочих дней", "\(period): рабочие дни считаются круглосуточно, "
        + "выходные и нерабочие праздничные дни не учитываются"))
      lines += walk(roundTheClock, from: anchor, to: due)
    case .workingDays:
      lines += dayCount(from: anchor, due: due, period: period)
    case .calendarDays:
      lines += dayCount(from: anchor, due: due, period: period)
    }
    lines.append(ExplanationLine("срок", "\(due.russian) (\(timeZone.offsetText(at: due)))"))
    return Derivation(due: due, lines: lines)
  }

  /// `due(before:period:)`, explained.
  public func derive(before reference: LocalTimestamp, period: Period, referenceLabel: String, explain: Bool = true)
    throws -> Derivation
  {
    let due = try due(before: reference, period: period)
    guard explain else { return Derivation(due: due, lines: []) }
    var lines = [ExplanationLine(referenceLabel, "\(reference.russian) (\(timeZone.offsetText(at: reference)))")]
    lines.append(ExplanationLine("отсчёт назад", "за \(period) до этого срока"))
    switch period.clock {
    case .workingMinutes, .workingHours: lines += walk(working, from: due, to: reference)
    case .workingDayHours: lines += walk(roundTheClock, from: due, to: reference)
    default: break
    }
    lines.append(ExplanationLine("срок", "\(due.russian) (\(timeZone.offsetText(at: due)))"))
    return Derivation(due: due, lines: lines)
  }

  /// Day-by-day account of working time counted between two instants.
  private func walk(_ table: WorkingTimeTable, from start: LocalTimestamp, to end: LocalTimestamp) -> [ExplanationLine] {
    var lines: [ExplanationLine] = []
    var offRun: [CivilDate] = []
    var counted = 0
    let total = (try? table.workingSeconds(from: start, to: end)) ?? 0
    func flush() {
      guard let first = offRun.first, let last = offRun.last else { return }
      let label = first == last ? "\(first.russianShort) \(weekdayName(first))" : "\(first.russianShort)–\(last.russianShort)"
      lines.append(ExplanationLine(label, (first == last ? "нерабочий день" : "нерабочие дни") + " (\(reasons(offRun)))"))
      offRun = []
    }
    var date = start.date
    var guardCount = 0
    while date <= end.date, guardCount < 4000 {
      guardCount += 1
      let dayStart = LocalTimestamp(date: date).seconds
      let clipped = table.intervals(on: date).compactMap { iv -> ClockRange? in
        let s = max(dayStart + iv.start, start.seconds), e = min(dayStart + iv.end, end.seconds)
        return s < e ? ClockRange(start: s - dayStart, end: e - dayStart) : nil
      }
      let kind = calendar.kind(of: date)
      if !kind.isWorking {
        offRun.append(date)
      } else if clipped.isEmpty {
        if date != end.date && date != start.date { offRun.append(date) }
      } else {
        flush()
        let amount = clipped.reduce(0) { $0 + $1.length }
        counted += amount
        var text = ""
        if kind != .working { text += dayFact(date, kind) + ": " }
        text += "рабочее время " + clipped.map(\.description).joined(separator: ", ") + " → \(russianDuration(amount))"
        if counted >= total, total > 0 {
          text += ", срок истекает в \(clockText(clipped.last!.end))"
        } else {
          text += ", осталось \(russianDuration(total - counted))"
        }
        lines.append(ExplanationLine("\(date.russianShort) \(weekdayName(date))", text))
      }
      date = date.adding(days: 1)
    }
    flush()
    return lines
  }

  private func dayCount(from anchor: LocalTimestamp, due: LocalTimestamp, period: Period) -> [ExplanationLine] {
    var lines = [ExplanationLine("начало счёта", "со дня, следующего за \(anchor.date.russian) (ГК РФ ст. 191)")]
    if period.clock == .workingDays {
      var date = anchor.date.adding(days: 1)
      var n = 0
      var off: [CivilDate] = []
      var counted: [String] = []
      while date <= due.date {
        if working.isWorkingDay(date) {
          n += 1
          counted.append("\(date.russianShort) (\(n))")
        } else {
          off.append(date)
        }
        date = date.adding(days: 1)
      }
      lines.append(ExplanationLine("рабочие дни", counted.joined(separator: ", ")))
      if !off.isEmpty { lines.append(ExplanationLine("не считаются", reasons(off))) }
    } else {
      let last = anchor.date.adding(days: period.days)
      lines.append(ExplanationLine("\(period.days)-й день", "\(last.russian) \(weekdayName(last)) — \(calendar.kind(of: last).russianName)"))
      if last != due.date {
        lines.append(ExplanationLine("перенос", "окончание срока приходится на нерабочий день → следующий рабочий день "
          + "\(due.date.russian) \(weekdayName(due.date)) (ГК РФ ст. 193)"))
      }
    }
    lines.append(ExplanationLine("окончание дня", "срок истекает с окончанием рабочего времени, \(clockText(due.secondOfDay)) "
      + "(ГК РФ ст. 194)"))
    return lines
  }

  private func weekdayName(_ date: CivilDate) -> String { russianWeekdayNames[date.weekday - 1] }

  private func dayFact(_ date: CivilDate, _ kind: DayKind) -> String {
    if let note = calendar.entry(for: date)?.note, !note.isEmpty { return "\(kind.russianName) (\(note))" }
    return kind.russianName
  }

  /// `праздник 1 мая; сб, вс`: why each of these days is off.
  private func reasons(_ dates: [CivilDate]) -> String {
    var parts: [String] = []
    var weekends: [String] = []
    for d in dates {
      switch calendar.kind(of: d) {
      case .weekend: weekends.append(weekdayName(d))
      case .holiday, .transfer: parts.append("\(d.russianShort) \(calendar.entry(for: d)?.note ?? "")")
      default: parts.append("\(d.russianShort) вне рабочего времени")
      }
    }
    if !weekends.isEmpty { parts.append(weekends.joined(separator: ", ")) }
    return parts.joined(separator: "; ")
  }
}
