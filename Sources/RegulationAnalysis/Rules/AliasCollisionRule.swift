import RegulationDiagnostics
import RegulationModel

/// Two categories (or a category and an alias) that share a name.
public struct AliasCollisionRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .aliasCollision }
  public var severity: Severity { .warning }
  public var description: LocalizedText {
    .init(en: "Names and aliases of categories must be unique.", ru: "Названия и синонимы категорий не должны совпадать.")
  }
  public var triggering: [String] {
    [
      RuleExamples.regulation(
        "Синоним «решаемых» совпадает с «обычными»",
        """
        categories:
          - {id: ordinary, name: обычные, clause: "8"}
          - id: solvable
            name: решаемые
            clause: "8"
            aliases:
              - обычные
        #       ^ alias-collision
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
        "У «решаемых» свой синоним «фаст-трек»",
        """
        categories:
          - {id: ordinary, name: обычные, clause: "8"}
          - id: solvable
            name: решаемые
            clause: "8"
            aliases:
              - фаст-трек
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
    var seen: [String: (String, SourceRange)] = [:]
    var out: [Diagnostic] = []
    for c in context.regulation.categories {
      let names = [Located(c.id, at: c.range), Located(c.name, at: c.range)] + c.aliases
      for n in names {
        let key = n.value.lowercased()
        if let (owner, range) = seen[key], owner != c.id {
          out.append(Diagnostic(.aliasCollision, subject: c.id, message: .init(
            en: "«\(n.value)» names both category `\(owner)` and `\(c.id)`", ru: "«\(n.value)» обозначает и категорию «\(owner)», и «\(c.id)»"),
            at: n.range, clauses: [c.clause?.number].compactMap { $0 },
            notes: [DiagnosticNote(.init(en: "`\(owner)` declared here", ru: "«\(owner)» объявлена здесь"), at: range)]))
        } else if seen[key] == nil {
          seen[key] = (c.id, n.range)
        }
      }
    }
    return out
  }
}
