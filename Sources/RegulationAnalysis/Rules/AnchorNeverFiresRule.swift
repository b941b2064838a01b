import RegulationDiagnostics
import RegulationModel

/// A deadline counted from a step that cannot have happened before it.
public struct AnchorNeverFiresRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .anchorNeverFires }
  public var severity: Severity { .warning }
  public var description: LocalizedText {
    .init(en: "A deadline must count from a step that comes before it.", ru: "Срок должен отсчитываться от шага, который ему предшествует.")
  }
  public var triggering: [String] {
    [
      RuleExamples.regulation(
        "Срок направления отсчитывается от размещения ответа",
        """
        steps:
          - id: route
            name: направление сообщения исполнителю
            role: curator
            clause: "5"
            deadline:
              amount: 30
              clock: working-minutes
              from: publish
        #           ^ anchor-never-fires
            outcomes: [{if: done, to: publish}]
          - {id: publish, name: подготовка и размещение ответа, role: executor, clause: "7",
             deadline: {amount: 4, clock: working-hours, from: detected}, outcomes: [{if: done, to: end}]}
        """),
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "Срок размещения отсчитывается от направления",
        """
        steps:
          - id: route
            name: направление сообщения исполнителю
            role: curator
            clause: "5"
            deadline:
              amount: 30
              clock: working-minutes
              from: detected
            outcomes: [{if: done, to: publish}]
          - {id: publish, name: подготовка и размещение ответа, role: executor, clause: "7",
             deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: end}]}
        """),
    ]
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for step in context.regulation.steps {
      for rule in context.rules(step.deadline) {
        let stepAnchors = rule.anchors.compactMap { a -> Located<String>? in
          if case .step(let s) = a.value { return Located(s, at: a.range) }
          return nil
        }
        // With several anchors, one that can precede the step is enough.
        // (The graph's reachability, computed once per file: a per-anchor walk made 5 000 steps take minutes.)
        let graph = context.compiled.graph
        guard !stepAnchors.isEmpty, let target = context.compiled.stepIndex(step.id),
          !stepAnchors.contains(where: { anchor in
            guard let a = context.compiled.stepIndex(anchor.value) else { return false }
            return (a != target && graph.canReach(a, target)) || graph.successors[a].contains { graph.canReach($0, target) }
          })
        else { continue }
        let a = stepAnchors[0]
        out.append(Diagnostic(.anchorNeverFires, subject: step.id, message: .init(
          en: "`\(step.id)` counts from `\(a.value)`, but `\(a.value)` never comes before `\(step.id)`",
          ru: "срок «\(step.id)» отсчитывается от «\(a.value)», но «\(a.value)» никогда не предшествует «\(step.id)»"),
          at: a.range, clauses: [rule.clause?.number ?? step.clause?.number].compactMap { $0 }))
      }
    }
    return out
  }
}
