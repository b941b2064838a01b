/// Everything needed to count periods for one regulation (or one role): its time zone, its working schedule under a
/// production calendar, and the round-the-clock-on-working-days variant. Immutable and thread-safe.
public struct TimeContext: Sendable {
  /// The zone and the two tables behind one reference: a copy of the context (the engine's evaluator takes one per
  /// deadline it computes) retains one object instead of the zone's identifier, its Foundation zone and two tables.
  private final class Parts: Sendable {
    let timeZone: RegulationTimeZone
    let working: WorkingTimeTable
    let roundTheClock: WorkingTimeTable

    init(timeZone: RegulationTimeZone, working: WorkingTimeTable, roundTheClock: WorkingTimeTable) {
      self.timeZone = timeZone
      self.working = working
      self.roundTheClock = roundTheClock
    }
  }

  private let parts: Parts
  /// The zone's offset where it is fixed (`RegulationTimeZone.fixedFrom ..< fixedTo`), else `Int.min`: calendar
  /// minutes and hours then count on plain integers, without touching the Foundation zone or its identifier.
  private let fixedOffset: Int

  public var timeZone: RegulationTimeZone { parts.timeZone }
  public var working: WorkingTimeTable { parts.working }
  public var roundTheClock: WorkingTimeTable { parts.roundTheClock }

  public init(timeZone: RegulationTimeZone, schedule: WorkingSchedule, calendar: ProductionCalendar) {
    fixedOffset = timeZone.fixedOffset ?? Int.min
    parts = Parts(timeZone: timeZone, working: WorkingTimeTable(schedule: schedule, calendar: calendar),
      roundTheClock: WorkingTimeTable(schedule: .roundTheClockOnWorkingDays, calendar: calendar))
  }

  /// A context on the Russian production calendar with `additions`, sharing tables already built for the same
  /// schedule and additions.
  public init(timeZone: RegulationTimeZone, schedule: WorkingSchedule, additions: [(CivilDate, CalendarEntry)]) {
    fixedOffset = timeZone.fixedOffset ?? Int.min
    parts = Parts(timeZone: timeZone, working: WorkingTimeTableCache.table(schedule: schedule, additions: additions),
      roundTheClock: WorkingTimeTableCache.table(schedule: .roundTheClockOnWorkingDays, additions: additions))
  }

  public var calendar: ProductionCalendar { working.calendar }

  /// The UTC instant of a local time: `timeZone.utc(from:)`, on integers alone while the offset is fixed.
  @inline(__always) public func utc(from local: LocalTimestamp) -> Int {
    let f = fixedOffset, l = local.seconds, utc = l &- f
    if f != Int.min, l >= RegulationTimeZone.fixedFrom, l < RegulationTimeZone.fixedTo,
      utc >= RegulationTimeZone.fixedFrom, utc < RegulationTimeZone.fixedTo
    {
      return utc
    }
    return timeZone.utc(from: local)
  }

  /// The local time `delta` seconds of elapsed time after `local` (before, when negative): the same as
  /// `timeZone.local(fromUTC: timeZone.utc(from: local) + delta)`, on integers alone while the offset is fixed.
  @inline(__always) private func shifted(_ local: LocalTimestamp, by delta: Int) -> LocalTimestamp {
    let f = fixedOffset
    if f != Int.min {
      // `utc(from:)` guesses `local - offset(local)` and refines it twice; every probe lies in the fixed span here.
      let l = local.seconds, utc = l - f, to = utc + delta
      if l >= RegulationTimeZone.fixedFrom, l < RegulationTimeZone.fixedTo, utc >= RegulationTimeZone.fixedFrom,
        utc < RegulationTimeZone.fixedTo, to >= RegulationTimeZone.fixedFrom, to < RegulationTimeZone.fixedTo
      {
        return LocalTimestamp(seconds: to + f)
      }
    }
    return timeZone.local(fromUTC: timeZone.utc(from: local) + delta)
  }

  /// The instant a period that starts at `anchor` ends, without explanation (the fast path).
  public func due(from anchor: LocalTimestamp, period: Period) throws -> LocalTimestamp {
    switch period.clock {
    case .immediately: return anchor
    case .calendarMinutes, .calendarHours:
      return shifted(anchor, by: period.seconds)
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
      return shifted(reference, by: -period.seconds)
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

  /// The facts that derive `due` from `anchor` under `period` (computed by `due(from:period:)`): the clock, each
  /// working day counted, the days off skipped with their reasons, the day-count rules of the Civil Code.
  public func explain(from anchor: LocalTimestamp, period: Period, due: LocalTimestamp) -> [ExplanationFact] {
    switch period.clock {
    case .immediately: return [.immediately]
    case .calendarMinutes, .calendarHours: return [.calendarTime(period)]
    case .workingMinutes, .workingHours:
      return [.workingTime(period, working.schedule)] + walk(working, from: anchor, to: due)
    case .workingDayHours: return [.workingDayHours(period)] + walk(roundTheClock, from: anchor, to: due)
    case .workingDays, .calendarDays: return dayCount(from: anchor, due: due, period: period)
    }
  }

  /// The facts that derive `due` as `period` before `reference` (computed by `due(before:period:)`).
  public func explain(before reference: LocalTimestamp, period: Period, due: LocalTimestamp) -> [ExplanationFact] {
    var facts: [ExplanationFact] = [.countBack(period)]
    switch period.clock {
    case .workingMinutes, .workingHours: facts += walk(working, from: due, to: reference)
    case .workingDayHours: facts += walk(roundTheClock, from: due, to: reference)
    default: break
    }
    return facts
  }

  /// Day-by-day account of working time counted between two instants.
  private func walk(_ table: WorkingTimeTable, from start: LocalTimestamp, to end: LocalTimestamp) -> [ExplanationFact] {
    var facts: [ExplanationFact] = []
    var offRun: [DayOff] = []
    var counted = 0
    let total = (try? table.workingSeconds(from: start, to: end)) ?? 0
    func flush() {
      guard !offRun.isEmpty else { return }
      facts.append(.daysOff(offRun))
      offRun = []
    }
    var date = start.date
    var guardCount = 0
    while date <= end.date, guardCount < 4000 {
      guardCount += 1
      let dayStart = LocalTimestamp(date: date).seconds
      let all = table.intervals(on: date)
      let clipped = all.compactMap { iv -> ClockRange? in
        let s = max(dayStart + iv.start, start.seconds), e = min(dayStart + iv.end, end.seconds)
        return s < e ? ClockRange(start: s - dayStart, end: e - dayStart) : nil
      }
      let kind = calendar.kind(of: date)
      let entry = calendar.entry(for: date)
      if !kind.isWorking {
        offRun.append(DayOff(date: date, kind: kind, entry: entry))
      } else if clipped.isEmpty {
        if date == start.date, let close = all.last?.end, start.secondOfDay >= close, date != end.date {
          // Detected after the day's working time ended (a shortened pre-holiday day ends an hour early).
          flush()
          facts.append(.dayOver(date, kind, entry: entry, closedAt: close))
        } else if date != end.date && date != start.date {
          offRun.append(DayOff(date: date, kind: kind, entry: entry))
        }
      } else {
        flush()
        let amount = clipped.reduce(0) { $0 + $1.length }
        counted += amount
        let ends = counted >= total && total > 0
        facts.append(.workingDay(date, kind, entry: entry, intervals: clipped, counted: amount,
          remaining: ends ? 0 : total - counted, endsAt: ends ? clipped.last!.end : nil))
      }
      date = date.adding(days: 1)
    }
    flush()
    return facts
  }

  private func dayCount(from anchor: LocalTimestamp, due: LocalTimestamp, period: Period) -> [ExplanationFact] {
    var facts: [ExplanationFact] = [.countFromNextDay(anchor.date)]
    if period.clock == .workingDays {
      var date = anchor.date.adding(days: 1)
      var counted: [CivilDate] = []
      var off: [DayOff] = []
      while date <= due.date {
        if working.isWorkingDay(date) {
          counted.append(date)
        } else {
          off.append(DayOff(date: date, kind: calendar.kind(of: date), entry: calendar.entry(for: date)))
        }
        date = date.adding(days: 1)
      }
      facts.append(.workingDaysCounted(counted))
      if !off.isEmpty { facts.append(.notCounted(off)) }
    } else {
      let last = anchor.date.adding(days: period.days)
      facts.append(.nthCalendarDay(period.days, last, calendar.kind(of: last)))
      if last != due.date { facts.append(.movedToNextWorkingDay(due.date)) }
    }
    facts.append(.endOfWorkingDay(due.secondOfDay))
    return facts
  }
}
