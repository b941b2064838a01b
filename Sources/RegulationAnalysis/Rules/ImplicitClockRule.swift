import RegulationDiagnostics
import RegulationEngine
import RegulationModel

/// Readings the act leaves open (which clock "30 минут" means, from when a period counts), listed for review.
public struct ImplicitClockRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .implicitClock }
  public var description: LocalizedText {
    .init(en: "Deadlines whose clock or start the act leaves implicit are listed with the reading taken.",
      ru: "Сроки, для которых акт не указывает способ исчисления или начало, перечисляются с принятым прочтением.")
  }
  public var triggering: [String] {
    [
      RuleExamples.regulation(
        "«30 минут» без слова «рабочих»",
        """
        steps:
          - id: route
            name: направление сообщения исполнителю
            role: curator
            clause: "5"
            quote: в течение 30 минут с момента выявления направляет сообщение исполнителю
            deadline:
              amount: 30
              clock: calendar-minutes
              from: detected
              assumption: «30 минут» без слова «рабочих» — календарные минуты, круглосуточно
        #                 ^ implicit-clock
            outcomes: [{if: done, to: answer}]
          - {id: answer, name: подготовка ответа, role: executor, clause: "6",
             deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: end}]}
        """),
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "«30 рабочих минут» сказано прямо",
        """
        steps:
          - id: route
            name: направление сообщения исполнителю
            role: curator
            clause: "5"
            quote: в течение 30 рабочих минут с момента выявления направляет сообщение исполнителю
            deadline: {amount: 30, clock: working-minutes, from: detected}
            outcomes: [{if: done, to: answer}]
          - {id: answer, name: подготовка ответа, role: executor, clause: "6",
             deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: end}]}
        """),
    ]
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    let reg = context.regulation
    var out: [Diagnostic] = []
    func visit(_ id: String, _ deadline: StepDeadline?, _ clause: String?) {
      for rule in context.rules(deadline) {
        guard let a = rule.assumption else { continue }
        out.append(Diagnostic(.implicitClock, subject: id, message: .init(
          en: "`\(id)`: the act leaves the reading of \(CalendarWording.period(rule.period, .en)) open; reading taken: \(a.text)",
          ru: "«\(id)»: акт не уточняет, как считать «\(rule.period)»; принято: \(a.text)"), at: a.range,
          clauses: [rule.clause?.number ?? clause].compactMap { $0 }))
      }
    }
    reg.steps.forEach { visit($0.id, $0.deadline, $0.clause?.number) }
    reg.limits.forEach { visit($0.id, $0.deadline, $0.clause?.number) }
    return out
  }
}
