/// One line of an explanation as shown to a reader: a label (a date, a rule) and the text.
public struct ExplanationLine: Hashable, Sendable {
  public var label: String
  public var text: String

  public init(_ label: String, _ text: String) {
    self.label = label
    self.text = text
  }

  /// `label` padded to a column, then `text`.
  public func rendered(labelWidth: Int = 20) -> String {
    let padding = max(1, labelWidth - label.count)
    return label + String(repeating: " ", count: padding) + text
  }
}

/// A day that is not counted, with its kind and calendar entry (the reason).
public struct DayOff: Hashable, Sendable {
  public var date: CivilDate
  public var kind: DayKind
  public var entry: CalendarEntry?

  public init(date: CivilDate, kind: DayKind, entry: CalendarEntry?) {
    self.date = date
    self.kind = kind
    self.entry = entry
  }
}

/// One fact of the calendar and clock behind a computed instant. Facts are data; they are rendered in Russian or
/// English by the engine, so the same computation explains itself in either language.
public enum ExplanationFact: Hashable, Sendable {
  /// No period: the action is due at once.
  case immediately
  /// Counted on the calendar, without the schedule.
  case calendarTime(Period)
  /// Counted in the schedule's working time, the rest carried to the next working day.
  case workingTime(Period, WorkingSchedule)
  /// Hours that run round the clock on working days and stop on days off (Оха, п. 3.2).
  case workingDayHours(Period)
  /// A working day counted: its working intervals after clipping, the seconds counted on it, what remains, and
  /// the second of day at which the period ends when it ends on this day.
  case workingDay(CivilDate, DayKind, entry: CalendarEntry?, intervals: [ClockRange], counted: Int, remaining: Int,
    endsAt: Int?)
  /// Consecutive days not counted.
  case daysOff([DayOff])
  /// The start falls after this working day's working time ended (at `closedAt`).
  case dayOver(CivilDate, DayKind, entry: CalendarEntry?, closedAt: Int)
  /// Days are counted from the day after this one (Civil Code art. 191).
  case countFromNextDay(CivilDate)
  /// The working days counted, in order.
  case workingDaysCounted([CivilDate])
  /// Days skipped by a working-day count.
  case notCounted([DayOff])
  /// The n-th calendar day and its kind.
  case nthCalendarDay(Int, CivilDate, DayKind)
  /// The term ends on a day off and moves to this working day (Civil Code art. 193).
  case movedToNextWorkingDay(CivilDate)
  /// The term ends with the working day, at this second of day (Civil Code art. 194).
  case endOfWorkingDay(Int)
  /// Counted back from another deadline.
  case countBack(Period)
}
