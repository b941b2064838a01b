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

  /// One key's table, built once: threads that ask for a key being built wait for it instead of building it again
  /// (`check` starts two files at once, and both need the default schedule's tables).
  final class Slot: @unchecked Sendable {
    let lock = NSLock()
    var table: WorkingTimeTable?
  }

  nonisolated(unsafe) private static var slots: [Key: Slot] = [:]
  private static let lock = NSLock()

  /// The table of `schedule` under the Russian production calendar with `additions` applied.
  public static func table(schedule: WorkingSchedule, additions: [(CivilDate, CalendarEntry)]) -> WorkingTimeTable {
    let key = Key(schedule: schedule, additions: additions.map { AdditionKey(date: $0.0, entry: $0.1) })
    lock.lock()
    let slot: Slot
    if let existing = slots[key] {
      slot = existing
    } else {
      if slots.count > 64 { slots.removeAll() }
      slot = Slot()
      slots[key] = slot
    }
    lock.unlock()
    slot.lock.lock()
    defer { slot.lock.unlock() }
    if let table = slot.table { return table }
    var calendar = RussianProductionCalendar.calendar
    calendar.apply(additions)
    let table = WorkingTimeTable(schedule: schedule, calendar: calendar)
    slot.table = table
    return table
  }

  /// Reads the production calendar and builds the table every regulation without calendar additions shares (its
  /// round-the-clock-on-working-days clock) on a background thread, so that the first files checked find them ready
  /// instead of building them on their critical path (`check` calls this before parsing its arguments). Later
  /// requests take the table from the cache, or wait for it while it is being built; nothing else changes.
  public static func prepareInBackground() {
    Thread.detachNewThread { _ = table(schedule: .roundTheClockOnWorkingDays, additions: []) }
  }
}
