import RegulationDiagnostics
import RegulationModel

/// An exclusion that says which messages are excluded but not what happens to them.
public struct ExclusionConsequenceRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .exclusionWithoutConsequence }
  public var description: LocalizedText {
    .init(en: "Every exclusion needs a consequence.", ru: "У каждого исключения должно быть последствие.")
  }
  public var triggering: [String] {
    [
      RuleExamples.regulation(
        "Не сказано, что делать с оскорбительными сообщениями",
        """
        exclusions:
          - {id: abusive, name: сообщения с нецензурными или оскорбительными выражениями, clause: "20"}
        #        ^ exclusion-without-consequence
        """,
        RuleExamples.plainProcedure),
      RuleExamples.regulation(
        "Разъяснение вне компетенции никто не даёт",
        """
        exclusions:
          - id: not-competent
            name: вопросы вне компетенции администрации
            clause: "3.7"
            consequence: explanation
        #                ^ exclusion-without-consequence
        """,
        RuleExamples.plainProcedure),
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "На оскорбления не отвечают; разъяснение даёт куратор",
        """
        exclusions:
          - {id: abusive, name: сообщения с нецензурными или оскорбительными выражениями, clause: "20", consequence: no-answer}
          - {id: not-competent, name: вопросы вне компетенции администрации, clause: "3.7", consequence: explanation, step: explain}
        """,
        RuleExamples.plainProcedure,
        """
          - {id: explain, name: разъяснение о порядке обращения, role: curator, clause: "3.7",
             deadline: {amount: 1, clock: working-days, from: detected}, outcomes: [{if: done, to: end}]}
        """),
    ]
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    context.regulation.exclusions.compactMap { e in
      let clauses = [e.clause?.number].compactMap { $0 }
      // «допускается не отвечать»: a permissive exclusion states its consequence by itself.
      if e.permissive && e.consequence == nil { return nil }
      guard let consequence = e.consequence else {
        return Diagnostic(.exclusionWithoutConsequence, subject: e.id, message: .init(
          en: "exclusion `\(e.id)` has no consequence: what happens to such messages?",
          ru: "у исключения «\(e.id)» нет последствия: что происходит с такими сообщениями?"), at: e.range, clauses: clauses,
          hint: .init(en: "add `consequence:` (no-answer, law-59fz, explanation, convert-to-appeal)",
            ru: "добавьте `consequence:` (no-answer, law-59fz, explanation, convert-to-appeal)"))
      }
      if ["explanation", "convert-to-appeal"].contains(consequence.value), e.step == nil {
        return Diagnostic(.exclusionWithoutConsequence, subject: e.id, message: .init(
          en: "exclusion `\(e.id)` leads to `\(consequence.value)`, but no step does it",
          ru: "исключение «\(e.id)» ведёт к «\(consequence.value)», но ни один шаг этого не делает"), at: consequence.range,
          clauses: clauses, hint: .init(en: "name the step in `step:`", ru: "укажите шаг в `step:`"))
      }
      return nil
    }
  }
}
