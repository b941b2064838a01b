import RegulationEngine
import Synchronization

/// The exact searches already done for one limit under one plan, by the signature of the path's walk: a path whose
/// walk names the same ends as a path searched before (at any number of rounds) takes that search's result instead of
/// walking the period again. Shared by the searches of one `FeasibilityRule.compute`, also across threads.
final class SearchCache: Sendable {
  private struct State {
    var signatures: WalkSignatures
    /// The result, and whether it covers the whole period (a search stopped at its first failure does not).
    var results: [[Int]: (result: DetectionSearch.Result, whole: Bool)] = [:]
  }
  private let state: Mutex<State>

  init(_ plan: EvaluationPlan) { state = Mutex(State(signatures: WalkSignatures(plan))) }

  /// The signatures of walking each path and asking for `limit` at its end.
  func signatures(_ paths: [PathExplorer.Path], limit: Int) -> [[Int]] {
    state.withLock { s in paths.map { s.signatures.signature(of: $0.steps, limit: limit) } }
  }

  /// A result usable for a search that stops at its first failure (`stopAtFirstFailure`) or must cover the period.
  func result(_ signature: [Int], stopAtFirstFailure: Bool) -> DetectionSearch.Result? {
    state.withLock { s in
      guard let found = s.results[signature], found.whole || stopAtFirstFailure else { return nil }
      return found.result
    }
  }

  func store(_ signature: [Int], _ result: DetectionSearch.Result, stoppedAtFirstFailure: Bool) {
    // Stopped at its first failure only if it found one; otherwise it walked the whole period.
    let whole = !stoppedAtFirstFailure || (result.worst?.slack ?? 0) >= 0
    state.withLock { s in
      if let old = s.results[signature], old.whole, !whole { return }
      s.results[signature] = (result, whole)
    }
  }
}
