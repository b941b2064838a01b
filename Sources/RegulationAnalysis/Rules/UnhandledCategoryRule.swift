import RegulationDiagnostics
import RegulationModel

/// A category or kind for which a step that distinguishes categories has no rule.
public struct UnhandledCategoryRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .unhandledCategory }
  public var description: LocalizedText {
    .init(en: "Every category and kind must be handled by steps that distinguish them.",
      ru: "Шаги, различающие категории и виды сообщений, должны охватывать их все.")
  }
  public var triggering: [String] {
    [
      RuleExamples.regulation(
        "Срок ответа на «решаемые» не установлен",
        """
        categories:
          - {id: ordinary, name: обычные, clause: "8"}
          - {id: solvable, name: решаемые, clause: "8"}
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - id: answer
        #       ^ unhandled-category
            name: подготовка и размещение ответа
            role: executor
            clause: "12"
            deadline:
              - {when: {category: ordinary}, amount: 6, clock: working-hours, from: detected}
            outcomes: [{if: done, to: end}]
        """),
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "Срок ответа установлен для обеих категорий",
        """
        categories:
          - {id: ordinary, name: обычные, clause: "8"}
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

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    let reg = context.regulation
    var out: [Diagnostic] = []
    let bases = reg.categories.filter { !$0.overlay }
    func check(_ id: String, _ name: String, _ range: SourceRange, _ clause: String?, _ rules: [DeadlineRule], stepCondition: Condition) {
      // A step that itself applies only to some categories need not handle the others.
      let scope = stepCondition.categories.isEmpty ? bases.map(\.id) : stepCondition.categories.compactMap { reg.category(named: $0.value)?.id }
      let ruleCats = rules.map { $0.condition.categories.compactMap { reg.category(named: $0.value)?.id } }
      // Only rules that tell base categories apart must cover them all (a limit set only for an overlay category,
      // like «повышенной важности», is not a gap).
      let baseIDs = Set(bases.map(\.id))
      guard ruleCats.contains(where: { !$0.isEmpty && !baseIDs.isDisjoint(with: $0) }), !ruleCats.contains(where: \.isEmpty) else { return }
      for c in bases where scope.contains(c.id) && !ruleCats.contains(where: { $0.contains(c.id) }) {
        out.append(Diagnostic(.unhandledCategory, subject: id, message: .init(
          en: "`\(id)` has no deadline for category «\(c.name)»", ru: "у «\(id)» нет срока для категории «\(c.name)»"),
          at: range, clauses: [clause, c.clause?.number].compactMap { $0 },
          notes: [DiagnosticNote(.init(en: "category declared here", ru: "категория объявлена здесь"), at: c.range)]))
      }
    }
    for s in reg.steps { check(s.id, s.name, s.idRange, s.clause?.number, context.rules(s.deadline), stepCondition: s.condition) }
    for l in reg.limits { check(l.id, l.name, l.idRange, l.clause?.number, context.rules(l.deadline), stepCondition: Condition()) }
    // Kinds: if any step distinguishes kinds, every declared kind must appear somewhere.
    let mentioned = Set(reg.steps.flatMap { s in s.condition.kinds.map(\.value) + context.rules(s.deadline).flatMap { $0.condition.kinds.map(\.value) } })
    if !mentioned.isEmpty {
      for k in reg.kinds where !mentioned.contains(k.id) {
        out.append(Diagnostic(.unhandledCategory, subject: k.id, message: .init(
          en: "no step handles messages of kind `\(k.id)` (\(k.name))", ru: "ни один шаг не обрабатывает сообщения вида «\(k.id)» (\(k.name))"),
          at: k.range, clauses: [k.clause?.number].compactMap { $0 }))
      }
    }
    return out
  }
}
