/// The timeline of one path over a stretch of detection instants on which it is linear (`LinearStretch`), in a form
/// the search reads without building a timeline: per instant of the timeline (the bounded ends in the order of the
/// path, then the limit's due) its value at the stretch's anchor and its speed (0 or 1). Made once per stretch; the
/// search then takes every breakpoint inside the stretch by arithmetic (`DetectionSearch.searchDay`), with no call of
/// the evaluator, no timeline and no allocation per instant.
///
/// Exactness: the values are those `LinearStretch.extrapolate` gives (anchor value plus speed times the distance), and
/// the slack is computed from them exactly as `PathExplorer.slack` (or, ignoring the limit, the internal slack alone)
/// computes it from the extrapolated timeline. The detection instants it answers for are those `extrapolate` would
/// answer for by arithmetic: strictly inside (`baseP`, `until`) and not the last fully evaluated one (`lastP`, which
/// the search asks its evaluation for, as before).
final class LinearView {
  let baseP: Int
  let until: Int
  let lastP: Int
  /// Per bounded end, in the order of the path: its position on the path.
  let positions: [Int]
  /// Per instant (the bounded ends in path order, then the limit's due, then the dues of the other limits the path's
  /// rules read, `CrossingRelevance.others`): value at `baseP` and speed. The search reads them all for where its
  /// pieces end; the slack reads the ends and the limit's due.
  let base: [Int]
  let speed: [Int]
  /// Whether the last step of the path is bounded (otherwise the path's end slack is unbounded, `Int.min`).
  let lastBounded: Bool
  /// The number of steps of the path (bounded or not).
  let stepCount: Int

  init(baseP: Int, until: Int, lastP: Int, positions: [Int], base: [Int], speed: [Int], stepCount: Int) {
    self.baseP = baseP
    self.until = until
    self.lastP = lastP
    self.positions = positions
    self.base = base
    self.speed = speed
    self.stepCount = stepCount
    lastBounded = positions.last == stepCount - 1
  }

  /// Whether the search takes `p` by arithmetic.
  @inline(__always) func covers(_ p: Int) -> Bool { p > baseP && p < until && p != lastP }

  /// The number of instants (bounded ends, the limit's due and the other limits' dues).
  var count: Int { base.count }

  /// The index of the limit's due in `base` (after the bounded ends).
  var limitIndex: Int { positions.count }

  @inline(__always) func value(_ j: Int, at p: Int) -> Int { base[j] + speed[j] &* (p - baseP) }

  /// The slack at `p`: as `PathExplorer.slack` of the extrapolated timeline (the limit's due minus the last step's
  /// end, or the most negative gap between consecutive bounded ends, whichever is less); `ignoreLimit`: the internal
  /// gap alone (`Int.max / 2` when the steps are in order), as the search of steps against their own deadlines.
  func slack(at p: Int, ignoreLimit: Bool) -> Int {
    var lastBoundedValue = p
    var inside: Int?
    let ends = positions.count
    var j = 0
    while j < ends {
      let v = value(j, at: p)
      if v < lastBoundedValue { inside = min(inside ?? 0, v - lastBoundedValue) }
      lastBoundedValue = v
      j += 1
    }
    if ignoreLimit { return inside ?? Int.max / 2 }
    let endSlack = lastBounded ? value(ends, at: p) - value(ends - 1, at: p) : Int.min
    return min(endSlack, inside ?? Int.max)
  }
}
