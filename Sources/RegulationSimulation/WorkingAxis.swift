import WorkingTime

/// One replication's private copy of a working-time table over the days it can touch (the horizon and the year after
/// it that open cases may still need), indexed by day: the simulator's working-time queries (is a person at work now,
/// when does a task of so many working seconds end) in O(1) for the day and a short walk for the days after, without
/// a binary search over the whole calendar or sharing the table's buffers between threads. Same answers as
/// `WorkingTimeTable` (tested); instants outside the copied days are asked of the table. A class: the simulator reads
/// it in place, never copying its arrays.
final class WorkingAxis {
  let table: WorkingTimeTable
  /// First day number copied.
  private let firstDay: Int
  /// Per copied day: index of its first interval (one extra element at the end).
  private let dayFirst: [Int32]
  /// Intervals as absolute local seconds and the working seconds of the copied days before each.
  private let starts: [Int]
  private let ends: [Int]
  private let before: [Int]

  init(table: WorkingTimeTable, fromDay: Int, days: Int) {
    self.table = table
    firstDay = fromDay
    var dayFirst: [Int32] = [], starts: [Int] = [], ends: [Int] = [], before: [Int] = []
    var total = 0
    for day in fromDay..<(fromDay + days) {
      dayFirst.append(Int32(starts.count))
      let date = CivilDate(dayNumber: day)
      // Days the calendar does not cover stay empty here, and queries reaching them go to the table.
      guard table.calendar.coverage.contains(date) else { continue }
      for iv in table.intervals(on: date) where iv.end > iv.start {
        starts.append(day * 86_400 + iv.start)
        ends.append(day * 86_400 + iv.end)
        before.append(total)
        total += iv.end - iv.start
      }
    }
    dayFirst.append(Int32(starts.count))
    self.dayFirst = dayFirst
    self.starts = starts
    self.ends = ends
    self.before = before
    var lastCovered = fromDay + days - 1
    while lastCovered >= fromDay, !table.calendar.coverage.contains(CivilDate(dayNumber: lastCovered)) { lastCovered -= 1 }
    var firstCovered = fromDay
    while firstCovered <= lastCovered, !table.calendar.coverage.contains(CivilDate(dayNumber: firstCovered)) {
      firstCovered += 1
    }
    self.firstCovered = firstCovered
    self.lastCovered = lastCovered
    // Round the clock on every copied day (a duty service, `always: true`): working time is calendar time there.
    let full = days > 0 && starts.count == days && lastCovered == fromDay + days - 1 && firstCovered == fromDay
      && starts.indices.allSatisfy { starts[$0] == (fromDay + $0) * 86_400 && ends[$0] == starts[$0] + 86_400 }
    continuous = full ? (fromDay * 86_400, (fromDay + days) * 86_400) : (0, 0)
  }

  /// Local seconds `[start, end)` that are all working time, when every copied day is worked round the clock (else
  /// empty): there `nextWorking(t)` is `t`, `adding(s, to: t)` is `t + s` (up to `end`) and `position(t)` is
  /// `t - start`; the simulator answers those itself, without a call.
  let continuous: (start: Int, end: Int)

  private let firstCovered: Int
  private let lastCovered: Int

  /// Index of the last interval starting at or before `t` (-1: none), when `t` is on a copied day.
  @inline(__always) private func lastStarting(atOrBefore t: Int) -> Int? {
    let d = (t >= 0 ? t / 86_400 : (t - 86_399) / 86_400)
    guard d >= firstCovered, d <= lastCovered else { return nil }
    let i = d - firstDay
    var k = Int(dayFirst[i]) - 1
    let end = Int(dayFirst[i + 1])
    while k + 1 < end && starts[k + 1] <= t { k += 1 }
    return k
  }

  /// The first instant at or after `t` inside working time (`t` itself when it is).
  func nextWorking(_ t: Int) -> Int {
    if let k = lastStarting(atOrBefore: t) {
      if k >= 0 && t < ends[k] { return t }
      if k + 1 < starts.count { return starts[k + 1] }
    }
    return ((try? table.adding(1, to: LocalTimestamp(seconds: t)).seconds) ?? (t + 1)) - 1
  }

  /// The earliest instant when `seconds` of working time have elapsed after `t` (`t` itself for none), as
  /// `WorkingTimeTable.adding`.
  func adding(_ seconds: Int, to t: Int) -> Int {
    if seconds <= 0 { return t }
    if let k = lastStarting(atOrBefore: t) {
      // Position of t on the copied axis, then the first interval whose end reaches position + seconds.
      var p = 0
      var j = 0
      if k >= 0 {
        p = before[k] + min(t, ends[k]) - starts[k]
        j = k
      }
      let target = p + seconds
      let n = starts.count
      var steps = 0
      while j < n && before[j] + ends[j] - starts[j] < target {
        j += 1
        steps += 1
        if steps == 16 {
          // A long task: a binary search over the rest.
          var lo = j, hi = n
          while lo < hi {
            let mid = (lo + hi) >> 1
            if before[mid] + ends[mid] - starts[mid] >= target { hi = mid } else { lo = mid + 1 }
          }
          j = lo
          break
        }
      }
      if j < n { return starts[j] + target - before[j] }
    }
    return (try? table.adding(seconds, to: LocalTimestamp(seconds: t)).seconds) ?? (t + seconds)
  }

  /// Working seconds from the start of the copied days to `t` (for splitting busy time over days).
  func position(_ t: Int) -> Int? {
    guard let k = lastStarting(atOrBefore: t) else { return nil }
    return k < 0 ? 0 : before[k] + min(t, ends[k]) - starts[k]
  }
}
