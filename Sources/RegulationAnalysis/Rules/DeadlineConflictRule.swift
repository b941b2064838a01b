import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import WorkingTime

/// Two rules that give different deadlines to the same step (or overall limit) for the same incidents.
public struct DeadlineConflictRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .deadlineConflict }
  public var severity: Severity { .warning }
  public var description: LocalizedText {
    .init(en: "Two clauses must not set different deadlines for the same situation.",
      ru: "Два пункта не должны устанавливать разные сроки для одного и того же случая.")
  }
  public var triggering: [String] {
    [
      RuleExamples.regulation(
        "Два пункта устанавливают разные сроки ответа",
        """
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - id: answer
        #       ^ deadline-conflict
            name: подготовка и размещение ответа
            role: executor
            clause: "9"
            deadline:
              - {amount: 8, clock: working-hours, from: detected, clause: "9"}
              - {amount: 6, clock: working-hours, from: detected, clause: "12"}
            outcomes: [{if: done, to: end}]
        """),
      RuleExamples.regulation(
        "Два общих срока до размещения ответа",
        """
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: publish}]}
          - {id: publish, name: подготовка и размещение ответа, role: executor, clause: "7",
             deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: end}]}
        limits:
          - {id: answer, name: ответ гражданину, until: publish, clause: "9", deadline: {amount: 8, clock: working-hours, from: detected}}
          - {id: reply, name: ответ по п. 12, until: publish, clause: "12", deadline: {amount: 6, clock: working-hours, from: detected}}
        #        ^ deadline-conflict
        """),
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "Сроки ответа различаются по категориям",
        """
        categories:
          - {id: ordinary, name: обычные, clause: "2"}
          - {id: important, name: повышенной важности, overlay: true, applies_to: [ordinary], clause: "2"}
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

  func overlaps(_ a: Condition, _ b: Condition, _ reg: Regulation) -> Bool {
    func ids(_ l: [Located<String>]) -> Set<String> { Set(l.map { reg.category(named: $0.value)?.id ?? $0.value }) }
    func meet(_ x: [Located<String>], _ y: [Located<String>]) -> Bool {
      x.isEmpty || y.isEmpty || !ids(x).isDisjoint(with: ids(y))
    }
    return meet(a.categories, b.categories) && meet(a.kinds, b.kinds) && meet(a.channels, b.channels)
      && Set(a.situations.map(\.value)) == Set(b.situations.map(\.value))
  }

  func overlayDecides(_ a: Condition, _ b: Condition, _ reg: Regulation) -> Bool {
    func hasOverlay(_ c: Condition) -> Bool { c.categories.contains { reg.category(named: $0.value)?.overlay ?? false } }
    return hasOverlay(a) != hasOverlay(b)
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    let reg = context.regulation
    var out: [Diagnostic] = []
    /// Rules of different editions (one repealed by the edition the other starts with) are never in force together.
    func coexist(_ a: Validity, _ b: Validity) -> Bool {
      let editions = reg.act.editions
      func start(_ v: Located<String>?) -> CivilDate? { v.flatMap { e in editions.first { $0.id == e.value }?.effectiveFrom } }
      if let end = start(a.until), let begin = start(b.since), end <= begin { return false }
      if let end = start(b.until), let begin = start(a.since), end <= begin { return false }
      return true
    }
    func compare(_ owner: String, _ rules: [(DeadlineRule, String?)], at range: SourceRange, choice: Located<OverlapChoice>? = nil) {
      for i in rules.indices {
        for j in rules.indices where j > i {
          let (a, ca) = rules[i], (b, cb) = rules[j]
          guard a.period != b.period || a.before != b.before || a.anchors.map(\.value) != b.anchors.map(\.value) else { continue }
          guard overlaps(a.condition, b.condition, reg), !overlayDecides(a.condition, b.condition, reg) else { continue }
          guard coexist(a.validity, b.validity) else { continue }
          var notes = [context.clauseNote(ca, at: a.range, "first deadline", "первый срок"),
            context.clauseNote(cb, at: b.range, "second deadline", "второй срок")]
          if let choice {
            // The file states which rule prevails: the overlap is a reported choice, not a conflict.
            notes.append(DiagnosticNote(.init(en: "the step states which applies: `overlap: \(choice.value.rawValue)`",
              ru: "шаг указывает, какой действует: `overlap: \(choice.value.rawValue)`"), at: choice.range))
          }
          out.append(Diagnostic(.deadlineConflict, subject: owner, severity: choice == nil ? nil : .note, message: .init(
            en: "`\(owner)`: clause \(ca ?? "?") sets \(CalendarWording.period(a.period, .en)), clause \(cb ?? "?") sets \(CalendarWording.period(b.period, .en)) for the same incidents",
            ru: "«\(owner)»: п. \(ca ?? "?") устанавливает \(a.period), а п. \(cb ?? "?") — \(b.period) для одних и тех же сообщений"),
            at: range, clauses: [ca, cb].compactMap { $0 }, notes: notes,
            hint: choice == nil ? .init(en: "if the act says which prevails, state it in `overlap:` (earliest, latest, overlay-first, listed-first)",
              ru: "если акт говорит, какой срок действует, укажите это в `overlap:` (earliest, latest, overlay-first, listed-first)") : nil))
        }
      }
    }
    for s in reg.steps {
      compare(s.id, context.rules(s.deadline).map { ($0, $0.clause?.number ?? s.clause?.number) }, at: s.idRange, choice: s.overlap)
    }
    // Overall limits that end with the same step.
    let byUntil = Dictionary(grouping: reg.limits, by: \.until.value)
    for (until, limits) in byUntil.sorted(by: { $0.key < $1.key }) where limits.count > 1 {
      let rules = limits.flatMap { l in context.rules(l.deadline).map { ($0, $0.clause?.number ?? l.clause?.number) } }
      compare("limits until \(until)", rules, at: limits[1].idRange)
    }
    return out
  }
}
