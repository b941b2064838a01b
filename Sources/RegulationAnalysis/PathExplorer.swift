import RegulationEngine
import RegulationModel
import WorkingTime

/// Enumerates the ways an incident can go through the steps (following outcomes), and walks each for a concrete
/// detection instant through the one evaluator: each step is assumed to end at its own deadline (all the time it is
/// given), recorded, and the next step's deadline is asked of the evaluator with that history.
struct PathExplorer: Sendable {
  let context: AnalysisContext
  var compiled: CompiledRegulation { context.compiled }

  /// A path and its number of rounds: how many times its most repeated back edge is taken (rework rounds, returns).
  struct Path: Hashable, Sendable {
    var steps: [Int]
    var repeats: Int
    /// The back edges taken ("approve → rework"), which name the loop; empty for a straight path.
    var loop: String
  }

  func ids(_ path: Path) -> [String] { path.steps.map { compiled.steps[$0].id } }
  func text(_ path: Path) -> String { ids(path).joined(separator: " → ") }

  /// Paths from an entry step to `target` in which no step occurs more than `1 + maxRepeats` times; only steps that
  /// can still reach the target are entered.
  func paths(to target: Int, maxRepeats: Int, plan: EvaluationPlan, limit: Int = 4000) -> [Path] {
    let graph = compiled.graph
    var result: [Path] = []
    var current: [Int] = []
    var counts = [Int](repeating: 0, count: compiled.steps.count)
    var loops: [StepEdge: Int] = [:]
    func dfs(_ s: Int) {
      guard result.count < limit else { return }
      current.append(s)
      counts[s] += 1
      defer {
        current.removeLast()
        counts[s] -= 1
      }
      if s == target {
        let taken = loops.filter { $0.value > 0 }
        let name = taken.keys.sorted().map { "\(compiled.steps[$0.from].id) → \(compiled.steps[$0.to].id)" }
        result.append(Path(steps: current, repeats: taken.values.max() ?? 0, loop: name.joined(separator: "; ")))
        return
      }
      for next in graph.successors[s]
      where plan.applies(next) && graph.canReach(next, target) && counts[next] <= maxRepeats {
        let edge = StepEdge(from: s, to: next)
        let isBack = graph.backEdges.contains(edge)
        // One loop per path: each loop is measured on its own (combinations only multiply the paths).
        if isBack, loops.contains(where: { $0.key != edge && $0.value > 0 }) { continue }
        if isBack { loops[edge, default: 0] += 1 }
        dfs(next)
        if isBack { loops[edge]! -= 1 }
      }
    }
    for entry in graph.entries where plan.applies(entry) && graph.canReach(entry, target) { dfs(entry) }
    return result
  }

  /// The latest allowed end of each step of a path (`nil` when unbounded), for detection at `t0`.
  struct Timeline: Sendable {
    var detected: LocalTimestamp
    var ends: [(step: Int, end: LocalTimestamp?)]
    /// The most negative gap between the latest ends of consecutive bounded steps (a step due before the step that
    /// precedes it may end), or `nil` when the steps are in order.
    var internalSlack: Int?
    var limitDue: LocalTimestamp?
  }

  /// Walks a path for detection at `t0`: each step ends at its deadline (a step no rule applies to ends with the
  /// previous one; a step the act gives no deadline has no bound).
  func timeline(_ path: Path, plan: EvaluationPlan, limit: Int?, detected t0: LocalTimestamp, run: inout CaseRun) -> Timeline {
    run.reset(detected: t0)
    var ends: [(step: Int, end: LocalTimestamp?)] = []
    ends.reserveCapacity(path.steps.count)
    var previous: LocalTimestamp? = t0
    var lastBounded = t0
    var internalSlack: Int?
    for s in path.steps {
      let due = run.due(of: s)
      var end: LocalTimestamp?
      switch due.issue {
      case nil: end = due.instant
      case .noRuleApplies?: end = previous
      default: end = nil
      }
      if let e = end {
        run.record(s, at: e)
        if e < lastBounded { internalSlack = min(internalSlack ?? 0, e.seconds - lastBounded.seconds) }
        lastBounded = e
      }
      ends.append((s, end))
      previous = end
    }
    let due = limit.flatMap { run.limitDue($0).instant }
    return Timeline(detected: t0, ends: ends, internalSlack: internalSlack, limitDue: due)
  }

  /// How much time is left at the end of the path before the limit (negative: overrun; `Int.min`: unbounded), also
  /// counting a step due before its predecessor may end as an overrun.
  func slack(_ tl: Timeline) -> Int? {
    guard let due = tl.limitDue else { return nil }
    let endSlack = tl.ends.last.flatMap { $0.end }.map { due.seconds - $0.seconds } ?? Int.min
    return min(endSlack, tl.internalSlack ?? Int.max)
  }

  /// Detection instants to search for the worst case: every hour of an ordinary week, the May and New Year holidays
  /// (with their shortened days and transfers) and the November holiday, in the regulation's local time.
  static let detectionSamples: [LocalTimestamp] = {
    let windows: [(CivilDate, Int)] = [
      (CivilDate(year: 2026, month: 3, day: 16)!, 7),
      (CivilDate(year: 2026, month: 4, day: 28)!, 15),
      (CivilDate(year: 2025, month: 12, day: 29)!, 13),
      (CivilDate(year: 2026, month: 11, day: 2)!, 4),
    ]
    var out: [LocalTimestamp] = []
    for (start, days) in windows {
      for h in 0..<(days * 24) {
        out.append(LocalTimestamp(seconds: LocalTimestamp(date: start).seconds + h * 3600))
        out.append(LocalTimestamp(seconds: LocalTimestamp(date: start).seconds + h * 3600 + 1800))
      }
    }
    return out
  }()
}
