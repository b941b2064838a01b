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

/// What every rule needs: the regulation, compiled (indices, typed graph, the one evaluator), and its clocks.
public struct AnalysisContext: Sendable {
  public let regulation: Regulation
  public let compiled: CompiledRegulation
  public let time: TimeContext
  public let clocks: RegulationClocks
  /// Step id → step ids its outcomes lead to (from the compiled graph).
  public let successors: [String: [String]]
  /// Step id → step ids whose outcomes lead to it.
  public let predecessors: [String: [String]]
  /// How much work the feasibility analysis may do before it stops and says so.
  public let budget: AnalysisBudget
  /// The feasibility search, done once per regulation and read by the rules that report on it.
  let feasibility = FeasibilityStore()

  public init?(_ reg: Regulation, budget: AnalysisBudget = .standard) {
    guard let compiled = try? CompiledRegulation(reg) else { return nil }
    self.init(compiled, budget: budget)
  }

  public init(_ compiled: CompiledRegulation, budget: AnalysisBudget = .standard) {
    self.compiled = compiled
    self.budget = budget
    regulation = compiled.regulation
    clocks = compiled.clocks
    time = clocks.main
    let ids = compiled.steps.map(\.id)
    var succ: [String: [String]] = [:], pred: [String: [String]] = [:]
    for (i, next) in compiled.graph.successors.enumerated() where !next.isEmpty { succ[ids[i]] = next.map { ids[$0] } }
    for (i, prev) in compiled.graph.predecessors.enumerated() where !prev.isEmpty { pred[ids[i]] = prev.map { ids[$0] } }
    successors = succ
    predecessors = pred
  }

  /// Steps where the flow starts: the first step of the file and those no outcome leads to.
  public var entries: [String] { compiled.graph.entries.map { compiled.steps[$0].id } }

  /// Steps reachable from `start` by outcomes (including `start`), from the graph's reachability computed once.
  public func reachable(from start: [String]) -> Set<String> {
    let from = start.compactMap { compiled.stepIndex($0) }
    return Set(compiled.steps.indices.filter { s in from.contains { compiled.graph.canReach($0, s) } }.map { compiled.steps[$0].id })
  }

  /// The evaluation plan for a set of categories (ids), every situation applying.
  public func plan(categories: [String]) -> EvaluationPlan? {
    guard let profile = try? compiled.profile(categories: categories) else { return nil }
    return compiled.plan(profile)
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
