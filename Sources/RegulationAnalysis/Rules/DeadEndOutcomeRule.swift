import RegulationDiagnostics
import RegulationModel

/// An outcome that leads nowhere: a step with no outcome, or from which the procedure can never end.
public struct DeadEndOutcomeRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .deadEndOutcome }
  public var description: LocalizedText {
    .init(en: "Every step must lead on, and every path must be able to end.", ru: "Каждый шаг должен куда-то вести, и каждый путь — заканчиваться.")
  }
  public var triggering: [String] {
    [
      RuleExamples.regulation(
        "Неясно, что следует за подготовкой ответа",
        """
        steps:
          - id: route
        #       ^ dead-end-outcome
            name: направление сообщения исполнителю
            role: curator
            clause: "5"
            deadline: {amount: 30, clock: working-minutes, from: detected}
            outcomes: [{if: done, to: answer}]
          - id: answer
        #       ^ dead-end-outcome
            name: подготовка ответа
            role: executor
            clause: "6"
            deadline: {amount: 4, clock: working-hours, from: route}
        """),
      RuleExamples.regulation(
        "Ответ возвращается куратору без конца",
        """
        steps:
          - id: route
        #       ^ dead-end-outcome
            name: направление сообщения исполнителю
            role: curator
            clause: "5"
            deadline: {amount: 30, clock: working-minutes, from: [detected, answer]}
            outcomes: [{if: done, to: answer}]
          - id: answer
        #       ^ dead-end-outcome
            name: подготовка ответа
            role: executor
            clause: "6"
            deadline: {amount: 4, clock: working-hours, from: route}
            outcomes: [{if: done, to: route}]
        """),
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "Каждый путь заканчивается размещением ответа",
        RuleExamples.plainProcedure),
    ]
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    let reg = context.regulation
    var out: [Diagnostic] = []
    // Steps from which `end` can be reached: a walk back from the steps that end the case (linear in the graph; a
    // fixed point over the steps in file order took one pass per step of a 5 000-step chain).
    let graph = context.compiled.graph
    var ends = Set<Int>()
    for (i, s) in reg.steps.enumerated() where s.outcomes.contains(where: { $0.to?.value == "end" }) {
      if let k = context.compiled.stepIndex(s.id) { ends.insert(k) } else { ends.insert(i) }
    }
    var reached = ends
    var queue = Array(ends)
    while let k = queue.popLast() {
      for p in graph.predecessors[k] where reached.insert(p).inserted { queue.append(p) }
    }
    let canEnd = Set(reached.map { context.compiled.steps[$0].id })
    for s in reg.steps {
      if s.outcomes.isEmpty {
        out.append(Diagnostic(.deadEndOutcome, subject: s.id, message: .init(
          en: "step `\(s.id)` has no outcome: the procedure says nothing of what follows it",
          ru: "у шага «\(s.id)» нет исходов: неясно, что происходит после него"), at: s.idRange,
          clauses: [s.clause?.number].compactMap { $0 },
          hint: .init(en: "add `outcomes: [{if: done, to: end}]` or the next step", ru: "добавьте `outcomes: [{if: done, to: end}]` или следующий шаг")))
      } else if !canEnd.contains(s.id) {
        out.append(Diagnostic(.deadEndOutcome, subject: s.id, message: .init(
          en: "from step `\(s.id)` no path reaches the end of the procedure", ru: "от шага «\(s.id)» ни один путь не ведёт к завершению"),
          at: s.idRange, clauses: [s.clause?.number].compactMap { $0 }))
      }
    }
    return out
  }
}
