import PropertyBased
import Testing
@testable import WorkingTime

/// Schedules to check: the five regulations' (all the default one: their acts give no hours), the peer benchmark's
/// uneven week, a shift schedule that works weekends, and the round-the-clock-on-working-days clock (Оха, п. 3.2).
let testSchedules: [WorkingSchedule] = [
  .standard,
  WorkingSchedule(
    name: "peer", weekdays: [
      1: [ClockRange(start: 8 * 3600, end: 12 * 3600), ClockRange(start: 12 * 3600 + 48 * 60, end: 17 * 3600)],
      2: [ClockRange(start: 8 * 3600, end: 12 * 3600), ClockRange(start: 12 * 3600 + 48 * 60, end: 17 * 3600)],
      3: [ClockRange(start: 8 * 3600, end: 12 * 3600), ClockRange(start: 12 * 3600 + 48 * 60, end: 17 * 3600)],
      4: [ClockRange(start: 8 * 3600, end: 12 * 3600), ClockRange(start: 12 * 3600 + 48 * 60, end: 17 * 3600)],
      5: [ClockRange(start: 8 * 3600, end: 12 * 3600), ClockRange(start: 12 * 3600 + 48 * 60, end: 16 * 3600)],
    ]),
  WorkingSchedule(
    name: "shifts", hours: Dictionary(uniqueKeysWithValues: (1...6).map { ($0, ClockRange(start: 7 * 3600, end: 19 * 3600 + 30 * 60)) }),
    breaks: [ClockRange(start: 12 * 3600, end: 12 * 3600 + 30 * 60), ClockRange(start: 16 * 3600, end: 16 * 3600 + 15 * 60)],
    preHolidayShortening: 3600),
  .roundTheClockOnWorkingDays,
]

let calendar = RussianProductionCalendar.calendar
let tables = testSchedules.map { WorkingTimeTable(schedule: $0, calendar: calendar) }
let naives = testSchedules.map { NaiveWorkingTime(calendar: calendar, schedule: $0) }
let contexts = testSchedules.map { TimeContext(timeZone: .utc, schedule: $0, calendar: calendar) }
let firstMinute = CivilDate(year: 2018, month: 1, day: 15)!.dayNumber * 1440
let lastMinute = CivilDate(year: 2027, month: 12, day: 15)!.dayNumber * 1440

@Suite struct WorkingTimePropertyTests {
  /// 100 000 random cases across 2018–2027: each clock's fast result equals the minute-by-minute reference.
  @Test func fastArithmeticAgreesWithMinuteStepping() async {
    await propertyCheck(
      count: 100_000,
      input: Gen.int(in: firstMinute...lastMinute), Gen.int(in: 0...720), Gen.int(in: 0...(testSchedules.count - 1)),
      Gen.int(in: 0...4)
    ) { start, amount, s, operation in
      let table = tables[s], naive = naives[s]
      let t = LocalTimestamp(seconds: start * 60)
      switch operation {
      case 0:
        let fast = try? table.adding(amount * 60, to: t)
        #expect(fast?.seconds == naive.add(amount, to: start) * 60, "add \(amount) min to \(t) on \(testSchedules[s].name)")
      case 1:
        let fast = try? table.subtracting(amount * 60, from: t)
        #expect(fast?.seconds == naive.subtract(amount, from: start) * 60, "subtract \(amount) min from \(t) on \(testSchedules[s].name)")
      case 2:
        let n = amount % 12 + 1
        let fast = try? contexts[s].due(from: t, period: Period(clock: .workingDays, amount: Double(n)))
        #expect(fast?.seconds == naive.workingDays(n, after: t.date) * 60, "\(n) working days after \(t)")
      case 3:
        let n = amount % 15 + 1
        let fast = try? contexts[s].due(from: t, period: Period(clock: .calendarDays, amount: Double(n)))
        #expect(fast?.seconds == naive.calendarDays(n, after: t.date) * 60, "\(n) calendar days after \(t)")
      default:
        // Counting forward then back returns to the latest instant with the same working position.
        if let forward = try? table.adding(amount * 60, to: t), let back = try? table.subtracting(amount * 60, from: forward) {
          #expect(back >= t || amount == 0)
          #expect((try? table.workingSeconds(from: back, to: forward)) == amount * 60)
        }
      }
    }
  }

  /// The working time between two instants is additive and never negative forward.
  @Test func workingSecondsAreAdditive() async {
    await propertyCheck(count: 2_000, input: Gen.int(in: firstMinute...lastMinute), Gen.int(in: 0...5000), Gen.int(in: 0...5000)) {
      a, d1, d2 in
      let t0 = LocalTimestamp(seconds: a * 60), t1 = LocalTimestamp(seconds: (a + d1) * 60), t2 = LocalTimestamp(seconds: (a + d1 + d2) * 60)
      let table = tables[0]
      let x = try? table.workingSeconds(from: t0, to: t1), y = try? table.workingSeconds(from: t1, to: t2)
      let z = try? table.workingSeconds(from: t0, to: t2)
      #expect(x! >= 0 && y! >= 0)
      #expect(x! + y! == z!)
    }
  }
}
