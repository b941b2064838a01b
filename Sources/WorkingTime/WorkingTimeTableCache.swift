import Foundation

/// Working-time tables already built, by schedule and calendar additions: every regulation on the default schedule
/// (and every analysis, engine and test run of one file) shares one table instead of rebuilding ten years of days.
public enum WorkingTimeTableCache {
  struct Key: Hashable {
    var schedule: WorkingSchedule
    var additions: [AdditionKey]
  }

  struct AdditionKey: Hashable {
    var date: CivilDate
    var entry: CalendarEntry
  }

  nonisolated(unsafe) private static var tables: [Key: WorkingTimeTable] = [:]
  private static let lock = NSLock()

  /// The table of `schedule` under the Russian production calendar with `additions` applied.
  public static func table(schedule: WorkingSchedule, additions: [(CivilDate, CalendarEntry)]) -> WorkingTimeTable {
    let key = Key(schedule: schedule, additions: additions.map { AdditionKey(date: $0.0, entry: $0.1) })
    lock.lock()
    if let cached = tables[key] {
      lock.unlock()
      return cached
    }
    lock.unlock()
    var calendar = RussianProductionCalendar.calendar
    calendar.apply(additions)
    let table = WorkingTimeTable(schedule: schedule, calendar: calendar)
    lock.lock()
    defer { lock.unlock() }
    if tables.count > 64 { tables.removeAll() }
    if let raced = tables[key] { return raced }
    tables[key] = table
    return table
  }
}
