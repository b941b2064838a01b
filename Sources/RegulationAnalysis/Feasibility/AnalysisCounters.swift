import Synchronization

/// Process-wide counters of the feasibility analysis's work, read by `reglament bench --what analysis` and
/// `check --stats`: how many detection instants (breakpoints and the instants just after them) were evaluated and how
/// many step deadlines that took.
public enum AnalysisCounters {
  static let detectionInstants = Atomic<Int>(0)
  static let stepDeadlines = Atomic<Int>(0)
  static let paths = Atomic<Int>(0)
  static let searchedPaths = Atomic<Int>(0)

  /// Detection instants evaluated since the last `reset()`.
  public static var evaluatedInstants: Int { detectionInstants.load(ordering: .relaxed) }
  /// Step deadlines computed by the exact search since the last `reset()`.
  public static var evaluatedDeadlines: Int { stepDeadlines.load(ordering: .relaxed) }

  /// Paths whose search was asked for, and how many searches that took (paths that name the same ends share one).
  public static var pathsAsked: Int { paths.load(ordering: .relaxed) }
  public static var pathsSearched: Int { searchedPaths.load(ordering: .relaxed) }

  public static func reset() {
    paths.store(0, ordering: .relaxed)
    searchedPaths.store(0, ordering: .relaxed)
    detectionInstants.store(0, ordering: .relaxed)
    stepDeadlines.store(0, ordering: .relaxed)
  }

  static func add(instants: Int, deadlines: Int) {
    detectionInstants.add(instants, ordering: .relaxed)
    stepDeadlines.add(deadlines, ordering: .relaxed)
  }

  static func add(paths asked: Int, searched: Int) {
    paths.add(asked, ordering: .relaxed)
    searchedPaths.add(searched, ordering: .relaxed)
  }
}
