import Synchronization

/// Process-wide counters of the feasibility analysis's work, read by `reglament bench --what analysis` and
/// `check --stats`: how many detection instants (breakpoints and the instants just after them) were evaluated and how
/// many step deadlines that took.
public enum AnalysisCounters {
  static let detectionInstants = Atomic<Int>(0)
  static let stepDeadlines = Atomic<Int>(0)

  /// Detection instants evaluated since the last `reset()`.
  public static var evaluatedInstants: Int { detectionInstants.load(ordering: .relaxed) }
  /// Step deadlines computed by the exact search since the last `reset()`.
  public static var evaluatedDeadlines: Int { stepDeadlines.load(ordering: .relaxed) }

  public static func reset() {
    detectionInstants.store(0, ordering: .relaxed)
    stepDeadlines.store(0, ordering: .relaxed)
  }

  static func add(instants: Int, deadlines: Int) {
    detectionInstants.add(instants, ordering: .relaxed)
    stepDeadlines.add(deadlines, ordering: .relaxed)
  }
}
