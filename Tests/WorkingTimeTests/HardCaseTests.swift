import Testing
@testable import WorkingTime

/// Cases a lawyer checks by hand, each worked out from the calendar in the comment (schedule: Mon–Fri 09:00–18:00,
/// break 13:00–14:00, pre-holiday day one hour shorter).
@Suite struct HardCaseTests {
  let ctx = TimeContext(timeZone: RegulationTimeZone(identifier: "Asia/Yekaterinburg")!, schedule: .standard,
    calendar: RussianProductionCalendar.calendar)

  func at(_ text: String) -> LocalTimestamp { ctx.timeZone.parseDateTime(text)! }
  func due(_ from: String, _ amount: Double, _ clock: DeadlineClock) throws -> String {
    ctx.timeZone.iso(try ctx.due(from: at(from), period: Period(clock: clock, amount: amount)))
  }

  @Test func detectionAtNightStartsAtNineInTheMorning() throws {
    #expect(try due("2026-03-17T02:00", 30, .workingMinutes) == "2026-03-17T09:30:00+05:00")
  }

  @Test func shortenedPreHolidayDayAndMayHolidays() throws {
    // Thu 30.04.2026 shortened (until 17:00): 15:00–17:00 = 2 h; 01–03.05 off; Mon 04.05 09:00–13:00 = 4 h.
    #expect(try due("2026-04-30T15:00", 6, .workingHours) == "2026-05-04T13:00:00+05:00")
    // Fri 08.05.2026 17:40 is after the shortened day's close; 09–11.05 off; Tue 12.05 09:00–12:00.
    #expect(try due("2026-05-08T17:40", 3, .workingHours) == "2026-05-12T12:00:00+05:00")
  }

  @Test func newYearHolidays() throws {
    // Tue 30.12.2025 17:00–18:00 = 1 h; 31.12 transfer; 01–08.01 holidays; 09.01 transfer; 10–11.01 weekend.
    #expect(try due("2025-12-30T17:00", 2, .workingHours) == "2026-01-12T10:00:00+05:00")
    // Year boundary 2026→2027: 30.12 16:00–18:00 = 2 h; 31.12 transfer; 01–08.01.2027 holidays; 09–10.01 weekend.
    #expect(try due("2026-12-30T16:00", 4, .workingHours) == "2027-01-11T11:00:00+05:00")
  }

  @Test func detectionInsideTheLunchBreak() throws {
    #expect(try due("2026-03-18T13:20", 30, .workingMinutes) == "2026-03-18T14:30:00+05:00")
  }

  @Test func transferredWorkingSaturday() throws {
    // Sat 01.11.2025 is a working day (rest moved to 03.11) and shortened (it stands in for 03.11, eve of 04.11).
    #expect(try due("2025-10-31T17:30", 1, .workingHours) == "2025-11-01T09:30:00+05:00")
    #expect(ctx.calendar.kind(of: CivilDate(year: 2025, month: 11, day: 1)!) == .shortened)
    // Sat 27.04.2024 is a working day, not shortened (it stands in for 29.04, not the eve of a holiday).
    #expect(try due("2024-04-26T17:00", 2, .workingHours) == "2024-04-27T10:00:00+05:00")
    #expect(ctx.calendar.kind(of: CivilDate(year: 2024, month: 4, day: 27)!) == .workingWeekend)
  }

  @Test func periodEndingAtCloseEndsThatEvening() throws {
    #expect(try due("2026-03-16T09:00", 8, .workingHours) == "2026-03-16T18:00:00+05:00")
  }

  @Test func twentyFourHoursSkippingDaysOff() throws {
    // Оха, п. 3.2: Fri 08.05 16:30–24:00 = 7 h 30 min; 09–11.05 off; Tue 12.05 00:00–16:30.
    #expect(try due("2026-05-08T16:30", 24, .workingDayHours) == "2026-05-12T16:30:00+05:00")
    // Posted on Saturday: counting starts Monday 00:00.
    #expect(try due("2026-03-21T10:00", 24, .workingDayHours) == "2026-03-24T00:00:00+05:00")
  }

  @Test func countingBackFromADeadline() throws {
    // 4 working hours before Tue 17.03 10:00: Tue 09:00–10:00 = 1 h, Mon 15:00–18:00 = 3 h.
    let d = try ctx.due(before: at("2026-03-17T10:00"), period: Period(clock: .workingHours, amount: 4))
    #expect(ctx.timeZone.iso(d) == "2026-03-16T15:00:00+05:00")
    let c = try ctx.due(before: at("2026-03-17T10:00"), period: Period(clock: .calendarHours, amount: 4))
    #expect(ctx.timeZone.iso(c) == "2026-03-17T06:00:00+05:00")
  }

  @Test func workingAndCalendarDays() throws {
    // Civil Code art. 191: counting starts the next day. 09–11.05 off → 12, 13, 14.05.
    #expect(try due("2026-05-08T12:00", 3, .workingDays) == "2026-05-14T18:00:00+05:00")
    // 8 calendar days from 08.05 → Sat 16.05, a day off → Mon 18.05 (art. 193).
    #expect(try due("2026-05-08T12:00", 8, .calendarDays) == "2026-05-18T18:00:00+05:00")
  }

  @Test func immediatelyIsTheAnchorItself() throws {
    #expect(try due("2026-05-08T17:40", 0, .immediately) == "2026-05-08T17:40:00+05:00")
  }

  @Test func calendarMinutesIgnoreTheSchedule() throws {
    #expect(try due("2026-05-08T23:50", 30, .calendarMinutes) == "2026-05-09T00:20:00+05:00")
  }

  @Test func outsideTheCalendarIsAnErrorNotAGuess() {
    #expect(throws: WorkingTimeError.self) { try due("2027-12-28T10:00", 10, .workingDays) }
    #expect(throws: WorkingTimeError.self) { try due("2017-06-01T10:00", 1, .workingHours) }
  }

  @Test func explanationNamesEveryCalendarFact() throws {
    let period = Period(clock: .workingHours, amount: 6)
    let due = try ctx.due(from: at("2026-04-30T15:00"), period: period)
    let facts = ctx.explain(from: at("2026-04-30T15:00"), period: period, due: due)
    #expect(ctx.timeZone.iso(due) == "2026-05-04T13:00:00+05:00")
    // 30.04 (shortened: 2 h counted), 01.05–03.05 off (holiday, weekend), 04.05: 4 h, ending at 13:00.
    let days = facts.compactMap { f -> (CivilDate, Int, Int?)? in
      if case .workingDay(let d, _, _, _, let counted, _, let end) = f { return (d, counted, end) }
      return nil
    }
    #expect(days.map(\.0.description) == ["2026-04-30", "2026-05-04"])
    #expect(days.map(\.1) == [7200, 14400])
    #expect(days.last?.2 == 13 * 3600)
    let off = facts.compactMap { f -> [DayOff]? in if case .daysOff(let d) = f { return d } else { return nil } }.flatMap { $0 }
    #expect(off.map(\.date.description) == ["2026-05-01", "2026-05-02", "2026-05-03"])
    #expect(off.first?.kind == .holiday && off.first?.entry?.note.contains("ТК РФ ст. 112") == true)
  }
}
