import RegulationDiagnostics
import RegulationModel

/// Categories defined ambiguously: an overlay laid over nothing, a base category laid over others, an overlay laid
/// over an overlay, two categories with one name.
public struct CategoryOverlapRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .categoryOverlap }
  public var severity: Severity { .warning }
  public var description: LocalizedText {
    .init(en: "Category definitions must not overlap or be ambiguous.", ru: "Категории не должны пересекаться или быть неоднозначными.")
  }
  public var triggering: [String] {
    [
      RuleExamples.regulation(
        "«Повышенной важности» не сказано, на что накладывается",
        """
        categories:
          - {id: ordinary, name: обычные, clause: "8"}
          - {id: important, name: повышенной важности, overlay: true, clause: "8"}
        #        ^ category-overlap
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - id: answer
            name: подготовка и размещение ответа
            role: executor
            clause: "12"
            deadline:
              - {when: {category: ordinary}, amount: 6, clock: working-hours, from: detected}
              - {when: {category: important}, amount: 3, clock: working-hours, from: detected}
            outcomes: [{if: done, to: end}]
        """),
      RuleExamples.regulation(
        "Обычная категория накладывается на другую",
        """
        categories:
          - {id: ordinary, name: обычные, applies_to: [solvable], clause: "8"}
        #        ^ category-overlap
          - {id: solvable, name: решаемые, clause: "8"}
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - id: answer
            name: подготовка и размещение ответа
            role: executor
            clause: "12"
            deadline:
              - {when: {category: ordinary}, amount: 6, clock: working-hours, from: detected}
              - {when: {category: solvable}, amount: 8, clock: working-days, from: detected}
            outcomes: [{if: done, to: end}]
        """),
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "«Повышенной важности» накладывается на «обычные»",
        """
        categories:
          - {id: ordinary, name: обычные, clause: "8"}
          - {id: important, name: повышенной важности, overlay: true, applies_to: [ordinary], clause: "8"}
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - id: answer
            name: подготовка и размещение ответа
            role: executor
            clause: "12"
            deadline:
              - {when: {category: ordinary}, amount: 6, clock: working-hours, from: detected}
              - {when: {category: important}, amount: 3, clock: working-hours, from: detected}
            outcomes: [{if: done, to: end}]
        """),
    ]
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    let reg = context.regulation
    var out: [Diagnostic] = []
    for c in reg.categories {
      let clauses = [c.clause?.number].compactMap { $0 }
      if c.overlay && c.appliesTo.isEmpty {
        out.append(Diagnostic(.categoryOverlap, subject: c.id, message: .init(
          en: "overlay category `\(c.id)` does not say which categories it is laid over",
          ru: "накладываемая категория «\(c.id)» не указывает, на какие категории она накладывается"), at: c.range, clauses: clauses,
          hint: .init(en: "add `applies_to: [...]`", ru: "добавьте `applies_to: [...]`")))
      }
      if !c.overlay && !c.appliesTo.isEmpty {
        out.append(Diagnostic(.categoryOverlap, subject: c.id, message: .init(
          en: "category `\(c.id)` is laid over others (`applies_to`) but is not marked `overlay: true`",
          ru: "категория «\(c.id)» накладывается на другие (`applies_to`), но не отмечена `overlay: true`"), at: c.range, clauses: clauses))
      }
      for target in c.appliesTo where reg.category(named: target.value)?.overlay == true {
        out.append(Diagnostic(.categoryOverlap, subject: c.id, message: .init(
          en: "overlay `\(c.id)` is laid over another overlay `\(target.value)`",
          ru: "накладываемая категория «\(c.id)» накладывается на другую накладываемую «\(target.value)»"), at: target.range,
          clauses: clauses))
      }
    }
    return out
  }
}
