import RegulationDiagnostics
import RegulationModel

/// A step nobody is responsible for.
public struct MissingRoleRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .missingRole }
  public var description: LocalizedText { .init(en: "Every step needs a responsible role.", ru: "У каждого шага должен быть ответственный.") }
  public var triggering: [String] {
    [
      RuleExamples.regulation(
        "Не сказано, кто размещает ответ",
        """
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - {id: answer, name: подготовка ответа, role: executor, clause: "6",
             deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: publish}]}
          - id: publish
        #       ^ missing-role
            name: размещение ответа
            clause: "7"
            deadline: {amount: 30, clock: working-minutes, from: answer}
            outcomes: [{if: done, to: end}]
        """),
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "У каждого шага есть ответственный",
        RuleExamples.plainProcedure),
    ]
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    context.regulation.steps.filter { $0.role == nil }.map { step in
      if let a = step.assumption {
        // The authors read the act and say whom it leaves responsible (or that it names nobody): a note, not a gap.
        return Diagnostic(.missingRole, subject: step.id, severity: .note, message: .init(
          en: "the act names nobody for step `\(step.id)`; recorded reading: \(a.text)",
          ru: "акт не называет ответственного за шаг «\(step.id)»; отмечено: \(a.text)"), at: step.idRange,
          clauses: [step.clause?.number].compactMap { $0 })
      }
      if let gap = TextGap(context.regulation, step.clause) {
        return Diagnostic(.missingRole, subject: step.id, severity: .note, message: .init(
          en: "our copy of the act names nobody for step `\(step.id)`; the full text may",
          ru: "в нашей копии акта не назван ответственный за шаг «\(step.id)»; полный текст может его называть"),
          at: step.idRange, clauses: [step.clause?.number].compactMap { $0 }, notes: [gap.note])
      }
      return Diagnostic(.missingRole, subject: step.id, message: .init(
        en: "nobody is responsible for step `\(step.id)`", ru: "у шага «\(step.id)» нет ответственного"), at: step.idRange,
        clauses: [step.clause?.number].compactMap { $0 },
        hint: .init(en: "add `role:`; if the act names nobody, say so in `assumption:`",
          ru: "добавьте `role:`; если акт никого не называет, отметьте это в `assumption:`"))
    }
  }
}
