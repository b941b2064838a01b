import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import WorkingTime

/// One analysis: an id, a one-line description, a severity and examples that trigger it and that do not. The
/// examples document the rule (`reglament rules --explain ID`) and are its tests (RuleExampleTests).
public protocol AnalysisRule: Sendable {
  var id: DiagnosticID { get }
  /// The severity of its findings unless a finding says otherwise (equal to the id's default).
  var severity: Severity { get }
  var description: LocalizedText { get }
  /// Small complete regulations (`RuleExamples.regulation`) that must trigger the rule, each finding marked with a
  /// `# ^ id` line under it (`RuleExamples.markers`).
  var triggering: [String] { get }
  /// Small complete regulations, close to the triggering ones, that must not trigger it.
  var passing: [String] { get }
  func run(_ context: AnalysisContext) -> [Diagnostic]
}

extension AnalysisRule {
  public var severity: Severity { id.defaultSeverity }
}

/// What every rule needs: the regulation, its time context, the deadline calculator and the flow of steps.
public struct AnalysisContext: Sendable {
  public let regulation: Regulation
  public let time: TimeContext
  public let clocks: RegulationClocks
  public let calculator: DeadlineCalculator
  public let matcher: ConditionMatcher
  /// Step → steps its outcomes lead to.
  public let successors: [String: [String]]
  /// Step → steps whose outcomes lead to it.
  public let predecessors: [String: [String]]

  public init?(_ reg: Regulation) {
    guard let clocks = reg.clocks() else { return nil }
    regulation = reg
    self.clocks = clocks
    self.time = clocks.main
    calculator = DeadlineCalculator(regulation: reg, clocks: clocks)
    matcher = ConditionMatcher(reg)
    var succ: [String: [String]] = [:], pred: [String: [String]] = [:]
    for s in reg.steps {
      for o in s.outcomes {
        guard let to = o.to?.value, to != "end", reg.step(to) != nil else { continue }
        if !(succ[s.id] ?? []).contains(to) { succ[s.id, default: []].append(to) }
        if !(pred[to] ?? []).contains(s.id) { pred[to, default: []].append(s.id) }
      }
    }
    successors = succ
    predecessors = pred
  }

  /// Steps where the flow starts: the first step of the file and those no outcome leads to.
  public var entries: [String] {
    let ids = regulation.steps.map(\.id)
    return ids.enumerated().filter { $0.offset == 0 || (predecessors[$0.element] ?? []).isEmpty }.map(\.element)
  }

  /// Outcome edges that close a loop ("rework → approve", "return → route"): found by a depth-first walk from the
  /// entries in file order, an edge to a step still on the walk's stack.
  public var backEdges: Set<String> {
    var result = Set<String>()
    var state: [String: Int] = [:]
    func visit(_ s: String) {
      state[s] = 1
      for next in successors[s] ?? [] {
        if state[next] == 1 { result.insert("\(s) → \(next)") } else if state[next] == nil { visit(next) }
      }
      state[s] = 2
    }
    for e in entries where state[e] == nil { visit(e) }
    for s in regulation.steps.map(\.id) where state[s] == nil { visit(s) }
    return result
  }

  /// Steps reachable from `start` by outcomes (including `start`).
  public func reachable(from start: [String]) -> Set<String> {
    var seen = Set<String>()
    var queue = start
    while let s = queue.popLast() {
      if seen.insert(s).inserted { queue += successors[s] ?? [] }
    }
    return seen
  }

  /// The rules of a step, limit or duty deadline (empty for none).
  public func rules(_ d: StepDeadline?) -> [DeadlineRule] {
    if case .rules(let r)? = d { return r }
    return []
  }

  /// A note pointing at where a clause is encoded.
  public func clauseNote(_ clause: String?, at range: SourceRange, _ en: String, _ ru: String) -> DiagnosticNote {
    DiagnosticNote(.init(en: (clause.map { "clause \($0): " } ?? "") + en, ru: (clause.map { "п. \($0): " } ?? "") + ru), at: range)
  }

  /// Category sets to evaluate a rule condition with: each listed category (an overlay one laid over its first base
  /// category), or each base category when the condition names none.
  public func incidentCategories(for condition: Condition) -> [[String]] {
    let reg = regulation
    let bases = reg.categories.filter { !$0.overlay }.map(\.id)
    if condition.categories.isEmpty { return bases.isEmpty ? [[]] : bases.map { [$0] } }
    return condition.categories.compactMap { ref in
      guard let c = reg.category(named: ref.value) else { return nil }
      if c.overlay { return [c.appliesTo.first?.value ?? bases.first ?? c.id, c.id] }
      return [c.id]
    }
  }

  /// Russian and English label of a category set.
  public func categoryLabel(_ ids: [String]) -> String {
    if ids.isEmpty { return "" }
    return " (" + ids.map { regulation.category(named: $0)?.name ?? $0 }.map { "«\($0)»" }.joined(separator: " + ") + ")"
  }
}
