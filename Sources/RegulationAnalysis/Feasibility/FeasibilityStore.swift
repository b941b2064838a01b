import Foundation

/// The feasibility search of one regulation, done once and shared by the rules that report on it
/// (`deadline-infeasible`, `rework-limit`, `step-squeezed`): each reads what it needs from the same pass.
final class FeasibilityStore: @unchecked Sendable {
  private let lock = NSLock()
  private var cases: [FeasibilityRule.Case]?

  init() {}

  /// The cases, computed by `make` on first use.
  func cases(_ make: () -> [FeasibilityRule.Case]) -> [FeasibilityRule.Case] {
    lock.lock()
    defer { lock.unlock() }
    if let cases { return cases }
    let made = make()
    cases = made
    return made
  }
}
