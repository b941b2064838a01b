/// The flow of a regulation as a simulation walks it: steps by index, each with its outcomes and the probability the
/// scenario gives each outcome. A case starts at the regulation's first step and follows outcomes until `end`.
public struct ScenarioFlow: Sendable {
  public struct Branch: Sendable, Hashable {
    /// The outcome's `if:` (done, approved, rework, …).
    public var outcome: String
    /// Step index, or -1 for the end of the case.
    public var target: Int
    public var probability: Double

    public init(outcome: String, target: Int, probability: Double) {
      self.outcome = outcome
      self.target = target
      self.probability = probability
    }
  }

  public let entry: Int
  public let branches: [[Branch]]

  /// `nil` when the regulation has no steps.
  public init?(regulation: Regulation, scenario: Scenario) {
    guard !regulation.steps.isEmpty else { return nil }
    entry = 0
    let index = Dictionary(regulation.steps.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    branches = regulation.steps.map { step in
      let given = scenario.branches[step.id]
      let defaultOutcome = step.outcomes.first { $0.on == "done" || $0.on == "approved" }?.on ?? step.outcomes.first?.on
      return step.outcomes.map { o in
        let target = o.to.map { $0.value == "end" ? -1 : (index[$0.value] ?? -1) } ?? -1
        let p: Double
        if let given {
          p = given.outcomes.first { $0.outcome.value == o.on }?.probability ?? 0
        } else {
          p = o.on == defaultOutcome ? 1 : 0
        }
        return Branch(outcome: o.on, target: target, probability: p)
      }
    }
  }

  /// Steps a case can reach (outcomes with a positive probability; `excluded` outcomes when some messages are
  /// excluded).
  public func reachable(excludedShare: Double) -> [Int] {
    var seen = Set([entry]), stack = [entry]
    while let s = stack.popLast() {
      for b in branches[s] where b.target >= 0 && (b.probability > 0 || (b.outcome == "excluded" && excludedShare > 0)) {
        if seen.insert(b.target).inserted { stack.append(b.target) }
      }
    }
    return seen.sorted()
  }
}
