import RegulationDiagnostics
import RegulationModel

/// A step the act gives no deadline.
public struct MissingDeadlineRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .missingDeadline }
  public var description: LocalizedText { .init(en: "Every step needs a deadline.", ru: "У каждого шага должен быть срок.") }
  public var triggering: [String] {
    [
      RuleExamples.regulation(
        "Срок прочтения не установлен",
        """
        steps:
          - id: read
        #       ^ missing-deadline
            name: прочтение сообщения
            role: curator
            clause: "10"
            deadline: {none: акт не устанавливает срок прочтения; срок направления считается от прочтения}
            outcomes: [{if: done, to: route}]
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "10",
             deadline: {amount: 30, clock: working-minutes, from: read}, outcomes: [{if: done, to: end}]}
        """),
      RuleExamples.regulation(
        "Срок подготовки ответа не указан",
        """
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - id: answer
        #       ^ missing-deadline
            name: подготовка и размещение ответа
            role: executor
            clause: "6"
            outcomes: [{if: done, to: end}]
        """),
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "У каждого шага есть срок",
        RuleExamples.plainProcedure),
    ]
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    context.regulation.steps.compactMap { step in
      let clauses = [step.clause?.number].compactMap { $0 }
      if step.deadline == nil || { if case .none? = step.deadline { return true } else { return false } }(),
        let gap = TextGap(context.regulation, step.clause) {
        // Our copy may not show the deadline: say what to obtain, do not blame the act.
        return Diagnostic(.missingDeadline, subject: step.id, severity: .note, message: .init(
          en: "our copy of the act shows no deadline for `\(step.id)` (\(step.name)); the full text may set one",
          ru: "в нашей копии акта не виден срок шага «\(step.id)» (\(step.name)); полный текст может его устанавливать"),
          at: step.idRange, clauses: clauses, notes: [gap.note])
      }
      if step.deadline == nil, let role = step.role.flatMap({ context.regulation.role($0.value) }), role.actor == .system {
        // Software that records and dispatches keeps no deadline: its step is taken as instantaneous.
        return Diagnostic(.missingDeadline, subject: step.id, severity: .note, message: .init(
          en: "step `\(step.id)` is performed by a system (`\(role.id)`): taken as instantaneous; the next deadlines count from it",
          ru: "шаг «\(step.id)» выполняет система («\(role.id)»): считается мгновенным; следующие сроки отсчитываются от него"),
          at: step.idRange, clauses: clauses)
      }
      switch step.deadline {
      case nil:
        return Diagnostic(.missingDeadline, subject: step.id, message: .init(
          en: "step `\(step.id)` has no deadline", ru: "у шага «\(step.id)» не указан срок"), at: step.idRange, clauses: clauses,
          hint: .init(en: "add `deadline:`, or `deadline: {none: …}` quoting why the act sets none",
            ru: "добавьте `deadline:` или `deadline: {none: …}` с объяснением, почему акт срока не устанавливает"))
      case .none(let reason, let range)?:
        return Diagnostic(.missingDeadline, subject: step.id, message: .init(
          en: "the act sets no deadline for `\(step.id)` (\(step.name))", ru: "акт не устанавливает срок шага «\(step.id)» (\(step.name))"),
          at: step.idRange, clauses: clauses,
          notes: [DiagnosticNote(.init(en: "recorded as: \(reason)", ru: "отмечено: \(reason)"), at: range)])
      default: return nil
      }
    }
  }
}
