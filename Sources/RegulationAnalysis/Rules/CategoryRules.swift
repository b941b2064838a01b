import RegulationDiagnostics
import RegulationModel

/// Categories defined ambiguously: an overlay laid over nothing, a base category laid over others, an overlay laid
/// over an overlay, two categories with one name.
public struct CategoryOverlapRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .categoryOverlap }
  public var description: LocalizedText {
    .init(en: "Category definitions must not overlap or be ambiguous.", ru: "Категории не должны пересекаться или быть неоднозначными.")
  }
  public var triggering: [String] {
    ["""
    categories:
      - {id: ordinary, name: обычные}
      - {id: important, name: повышенной важности, overlay: true}
    """,
     """
    categories:
      - {id: ordinary, name: обычные, applies_to: [solvable]}
      - {id: solvable, name: решаемые}
    """]
  }
  public var passing: [String] {
    ["""
    categories:
      - {id: ordinary, name: обычные}
      - {id: important, name: повышенной важности, overlay: true, applies_to: [ordinary]}
    """]
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

/// Two categories (or a category and an alias) that share a name.
public struct AliasCollisionRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .aliasCollision }
  public var description: LocalizedText {
    .init(en: "Names and aliases of categories must be unique.", ru: "Названия и синонимы категорий не должны совпадать.")
  }
  public var triggering: [String] {
    ["""
    categories:
      - {id: ordinary, name: обычные}
      - {id: solvable, name: решаемые, aliases: [обычные]}
    """]
  }
  public var passing: [String] {
    ["""
    categories:
      - {id: ordinary, name: обычные}
      - {id: solvable, name: решаемые, aliases: [фаст-трек]}
    """]
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
