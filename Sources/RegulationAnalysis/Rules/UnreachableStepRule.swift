import RegulationDiagnostics
import RegulationModel

/// A step that no path from the start of the procedure reaches.
public struct UnreachableStepRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .unreachableStep }
  public var severity: Severity { .warning }
  public var description: LocalizedText {
    .init(en: "Every step must be reachable from the start.", ru: "До каждого шага должен вести путь от начала порядка.")
  }
  public var triggering: [String] {
    [
      RuleExamples.regulation(
        "К согласованию не ведёт ни один шаг",
        """
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: publish}]}
          - {id: publish, name: подготовка и размещение ответа, role: executor, clause: "7",
             deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: end}]}
          - id: approve
        #       ^ unreachable-step
            name: согласование ответа
            role: curator
            clause: "8"
            deadline: {amount: 1, clock: working-hours, from: [route, rework]}
            outcomes: [{if: approved, to: publish}, {if: rework, to: rework}]
          - id: rework
        #       ^ unreachable-step
            name: доработка ответа
            role: executor
            clause: "9"
            deadline: {amount: 1, clock: working-hours, from: approve}
            outcomes: [{if: done, to: approve}]
        """),
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "Согласование следует за направлением",
        """
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: approve}]}
          - {id: publish, name: размещение ответа, role: executor, clause: "7",
             deadline: {amount: 1, clock: working-hours, from: approve}, outcomes: [{if: done, to: end}]}
          - {id: approve, name: согласование ответа, role: curator, clause: "8",
             deadline: {amount: 1, clock: working-hours, from: [route, rework]},
             outcomes: [{if: approved, to: publish}, {if: rework, to: rework}]}
          - {id: rework, name: доработка ответа, role: executor, clause: "9",
             deadline: {amount: 1, clock: working-hours, from: approve}, outcomes: [{if: done, to: approve}]}
        """),
    ]
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    // Starts: the first step, and steps nothing leads to.
    let reached = context.reachable(from: context.entries)
    return context.regulation.steps.filter { !reached.contains($0.id) }.map { s in
      Diagnostic(.unreachableStep, subject: s.id, message: .init(
        en: "no path from the start of the procedure reaches step `\(s.id)`", ru: "ни один путь от начала порядка не ведёт к шагу «\(s.id)»"),
        at: s.idRange, clauses: [s.clause?.number].compactMap { $0 },
        hint: .init(en: "add an outcome leading to it from an earlier step", ru: "добавьте исход, ведущий к нему из более раннего шага"))
    }
  }
}
