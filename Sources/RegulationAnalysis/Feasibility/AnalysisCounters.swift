import Synchronization

/// Process-wide counters of the feasibility analysis's work, read by `reglament bench --what analysis` and
/// `check --stats`: how many detection instants (breakpoints and the instants just after them) the search covered,
/// how many of them it asked a timeline for (the others lie inside linear stretches and are taken by arithmetic), and
/// how many step deadlines the evaluator computed for them.
public enum AnalysisCounters {
  static let detectionInstants = Atomic<Int>(0)
  static let stepDeadlines = Atomic<Int>(0)
  static let probedInstants = Atomic<Int>(0)
  static let paths = Atomic<Int>(0)
  static let searchedPaths = Atomic<Int>(0)
  static let fullEvaluations = Atomic<Int>(0)
  static let neighbourEvaluations = Atomic<Int>(0)
  static let walkedDays = Atomic<Int>(0)
  static let reusedDays = Atomic<Int>(0)

  /// Detection instants the search covered (every breakpoint and the instants just after it, whether asked of a
  /// timeline or taken by arithmetic inside a linear stretch) since the last `reset()`: what `bench` prints as
  /// `detection_instants_evaluated`.
  public static var evaluatedInstants: Int { detectionInstants.load(ordering: .relaxed) }
  /// Of those, the instants whose timeline the search asked for (evaluated or extrapolated one by one).
  public static var probedTimelines: Int { probedInstants.load(ordering: .relaxed) }
  /// Step deadlines computed by the exact search since the last `reset()`.
  public static var evaluatedDeadlines: Int { stepDeadlines.load(ordering: .relaxed) }

  /// Paths whose search was asked for, and how many searches that took (paths that name the same ends share one).
  public static var pathsAsked: Int { paths.load(ordering: .relaxed) }
  public static var pathsSearched: Int { searchedPaths.load(ordering: .relaxed) }

  /// Full evaluations of a path's timeline through the evaluator (the rest of the timelines asked were extrapolated),
  /// and of those, the ones made a minute after another only to measure the speeds of a new linear stretch.
  public static var evaluatedTimelines: Int { fullEvaluations.load(ordering: .relaxed) }
  public static var neighbourTimelines: Int { neighbourEvaluations.load(ordering: .relaxed) }
  /// Detection days walked by the searches, and days counted from an earlier day with the same calendar window.
  public static var daysWalked: Int { walkedDays.load(ordering: .relaxed) }
  public static var daysReused: Int { reusedDays.load(ordering: .relaxed) }

  public static func reset() {
    fullEvaluations.store(0, ordering: .relaxed)
    neighbourEvaluations.store(0, ordering: .relaxed)
    walkedDays.store(0, ordering: .relaxed)
    reusedDays.store(0, ordering: .relaxed)
    paths.store(0, ordering: .relaxed)
    searchedPaths.store(0, ordering: .relaxed)
    detectionInstants.store(0, ordering: .relaxed)
    stepDeadlines.store(0, ordering: .relaxed)
    probedInstants.store(0, ordering: .relaxed)
  }

  static func add(instants: Int, deadlines: Int, probed: Int) {
    detectionInstants.add(instants, ordering: .relaxed)
    stepDeadlines.add(deadlines, ordering: .relaxed)
    probedInstants.add(probed, ordering: .relaxed)
  }

  static func add(evaluations: Int, neighbours: Int, walked: Int, reused: Int) {
    fullEvaluations.add(evaluations, ordering: .relaxed)
    neighbourEvaluations.add(neighbours, ordering: .relaxed)
    walkedDays.add(walked, ordering: .relaxed)
    reusedDays.add(reused, ordering: .relaxed)
  }

  static func add(paths asked: Int, searched: Int) {
    paths.add(asked, ordering: .relaxed)
    searchedPaths.add(searched, ordering: .relaxed)
  }
}
