/// The table's queries by day: the interval an instant falls in is found from its day's first interval
/// (`dayFirst`) and a walk over that day's few intervals, and a sum of working time is found by walking forward (or
/// back) from there, instead of a binary search over every interval of the calendar's years (which touches a dozen
/// cache lines per query). The evaluator, the simulation and the analysis all count working time through these.
///
/// Soundness, against the binary searches (`searchedLocation`, `earliest(at:)`, `latest(at:)`), which they must
/// answer exactly as (`WorkingTimeDayIndexTests` compares them on random instants of every shipped schedule):
/// - `starts` is sorted and every interval starts within its own day (`isDayIndexed`; when not, the binary search
///   answers): so the intervals of earlier days start before the day of `t`, those of later days after `t`, and the
///   last interval starting at or before `t` is the last such of `t`'s day, or the one before the day's first;
/// - `before[j + 1] == before[j] + length[j]` (lengths are positive), so the working time elapsed at the end of an
///   interval never decreases: an addition to `t` (at position `p`, in interval `k`) cannot end in an interval before
///   `k`, whose end lies at or before `before[k] ≤ p`, and a subtraction cannot start in one after `k`, whose start
///   lies at or after `before[k + 1] ≥ p`. The walk from `k` therefore meets the binary search's answer first; past
///   `walk` intervals, the binary search finishes over the rest.
extension WorkingTimeTable {
  /// Intervals walked before a query falls back to the binary search over the rest: a working week of two
  /// intervals a day and more (holidays and weekends have none).
  static let walk = 16

  /// The position of `t` on the working axis and the index of the last interval starting at or before it (−1: none).
  @inline(__always) func located(_ t: LocalTimestamp) throws -> (interval: Int, position: Int) {
    let s = t.seconds
    let day = LocalTimestamp.floorDiv(s, 86_400)
    guard isDayIndexed, day >= firstDay, day <= lastDay else { return try searchedLocation(t) }
    let d = day - firstDay
    var k = dayFirst[d] - 1
    let end = dayFirst[d + 1]
    while k + 1 < end, starts[k + 1] <= s { k += 1 }
    if k < 0 { return (-1, 0) }
    return (k, before[k] + min(s, ends[k]) - starts[k])
  }

  /// The earliest instant at which `target` working seconds have elapsed, `target` past the position of an instant
  /// in interval `k` (or before the first, −1).
  @inline(__always) func earliest(at target: Int, after k: Int) throws -> LocalTimestamp {
    var i = max(k, 0)
    let stop = min(i + Self.walk, starts.count)
    while i < stop {
      if before[i] + ends[i] - starts[i] >= target { return LocalTimestamp(seconds: starts[i] + target - before[i]) }
      i += 1
    }
    return try earliest(at: target, from: i)
  }

  /// The latest instant at which exactly `target` working seconds have elapsed, `target` before the position of an
  /// instant in interval `k`.
  @inline(__always) func latest(at target: Int, upTo k: Int) throws -> LocalTimestamp {
    var j = k
    let stop = max(k - Self.walk, -1)
    while j > stop {
      if before[j] <= target { return LocalTimestamp(seconds: starts[j] + target - before[j]) }
      j -= 1
    }
    return try latest(at: target, to: j + 1)
  }
}
