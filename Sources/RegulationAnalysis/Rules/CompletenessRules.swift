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
        """
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - {id: answer, name: подготовка ответа, role: executor, clause: "6",
             deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: publish}]}
          - {id: publish, name: размещение ответа, role: curator, clause: "7",
             deadline: {amount: 30, clock: working-minutes, from: answer}, outcomes: [{if: done, to: end}]}
        """),
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
        """
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - {id: answer, name: подготовка ответа, role: executor, clause: "6",
             deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: publish}]}
          - {id: publish, name: размещение ответа, role: curator, clause: "7",
             deadline: {amount: 30, clock: working-minutes, from: answer}, outcomes: [{if: done, to: end}]}
        """),
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

/// An outcome that leads nowhere: a step with no outcome, or from which the procedure can never end.
public struct DeadEndOutcomeRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .deadEndOutcome }
  public var description: LocalizedText {
    .init(en: "Every step must lead on, and every path must be able to end.", ru: "Каждый шаг должен куда-то вести, и каждый путь — заканчиваться.")
  }
  public var triggering: [String] {
    [
      RuleExamples.regulation(
        "Неясно, что следует за подготовкой ответа",
        """
        steps:
          - id: route
        #       ^ dead-end-outcome
            name: направление сообщения исполнителю
            role: curator
            clause: "5"
            deadline: {amount: 30, clock: working-minutes, from: detected}
            outcomes: [{if: done, to: answer}]
          - id: answer
        #       ^ dead-end-outcome
            name: подготовка ответа
            role: executor
            clause: "6"
            deadline: {amount: 4, clock: working-hours, from: route}
        """),
      RuleExamples.regulation(
        "Ответ возвращается куратору без конца",
        """
        steps:
          - id: route
        #       ^ dead-end-outcome
            name: направление сообщения исполнителю
            role: curator
            clause: "5"
            deadline: {amount: 30, clock: working-minutes, from: [detected, answer]}
            outcomes: [{if: done, to: answer}]
          - id: answer
        #       ^ dead-end-outcome
            name: подготовка ответа
            role: executor
            clause: "6"
            deadline: {amount: 4, clock: working-hours, from: route}
            outcomes: [{if: done, to: route}]
        """),
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "Каждый путь заканчивается размещением ответа",
        """
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - {id: answer, name: подготовка ответа, role: executor, clause: "6",
             deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: publish}]}
          - {id: publish, name: размещение ответа, role: curator, clause: "7",
             deadline: {amount: 30, clock: working-minutes, from: answer}, outcomes: [{if: done, to: end}]}
        """),
    ]
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    let reg = context.regulation
    var out: [Diagnostic] = []
    // Steps from which `end` can be reached: a walk back from the steps that end the case (linear in the graph; a
    // fixed point over the steps in file order took one pass per step of a 5 000-step chain).
    let graph = context.compiled.graph
    var ends = Set<Int>()
    for (i, s) in reg.steps.enumerated() where s.outcomes.contains(where: { $0.to?.value == "end" }) {
      if let k = context.compiled.stepIndex(s.id) { ends.insert(k) } else { ends.insert(i) }
    }
    var reached = ends
    var queue = Array(ends)
    while let k = queue.popLast() {
      for p in graph.predecessors[k] where reached.insert(p).inserted { queue.append(p) }
    }
    let canEnd = Set(reached.map { context.compiled.steps[$0].id })
    for s in reg.steps {
      if s.outcomes.isEmpty {
        out.append(Diagnostic(.deadEndOutcome, subject: s.id, message: .init(
          en: "step `\(s.id)` has no outcome: the procedure says nothing of what follows it",
          ru: "у шага «\(s.id)» нет исходов: неясно, что происходит после него"), at: s.idRange,
          clauses: [s.clause?.number].compactMap { $0 },
          hint: .init(en: "add `outcomes: [{if: done, to: end}]` or the next step", ru: "добавьте `outcomes: [{if: done, to: end}]` или следующий шаг")))
      } else if !canEnd.contains(s.id) {
        out.append(Diagnostic(.deadEndOutcome, subject: s.id, message: .init(
          en: "from step `\(s.id)` no path reaches the end of the procedure", ru: "от шага «\(s.id)» ни один путь не ведёт к завершению"),
          at: s.idRange, clauses: [s.clause?.number].compactMap { $0 }))
      }
    }
    return out
  }
}

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
          en: "`\(id)`: the act leaves the reading of \(rule.period) open; reading taken: \(a.text)",
          ru: "«\(id)»: акт не уточняет, как считать «\(rule.period)»; принято: \(a.text)"), at: a.range,
          clauses: [rule.clause?.number ?? clause].compactMap { $0 }))
      }
    }
    reg.steps.forEach { visit($0.id, $0.deadline, $0.clause?.number) }
    reg.limits.forEach { visit($0.id, $0.deadline, $0.clause?.number) }
    return out
  }
}

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
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - {id: answer, name: подготовка ответа, role: executor, clause: "6",
             deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: publish}]}
          - {id: publish, name: размещение ответа, role: curator, clause: "7",
             deadline: {amount: 30, clock: working-minutes, from: answer}, outcomes: [{if: done, to: end}]}
        """),
      RuleExamples.regulation(
        "Разъяснение вне компетенции никто не даёт",
        """
        exclusions:
          - id: not-competent
            name: вопросы вне компетенции администрации
            clause: "3.7"
            consequence: explanation
        #                ^ exclusion-without-consequence
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - {id: answer, name: подготовка ответа, role: executor, clause: "6",
             deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: publish}]}
          - {id: publish, name: размещение ответа, role: curator, clause: "7",
             deadline: {amount: 30, clock: working-minutes, from: answer}, outcomes: [{if: done, to: end}]}
        """),
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
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
          - {id: answer, name: подготовка ответа, role: executor, clause: "6",
             deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: publish}]}
          - {id: publish, name: размещение ответа, role: curator, clause: "7",
             deadline: {amount: 30, clock: working-minutes, from: answer}, outcomes: [{if: done, to: end}]}
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

/// Our copy of the act (or of one clause) is a fragment or a paraphrase: what the file lacks may be in the full text.
struct TextGap {
  let note: DiagnosticNote

  init?(_ reg: Regulation, _ clause: ClauseReference?) {
    let clauseHeld = clause?.held
    if let h = clauseHeld, h == .verbatim { return nil }
    guard clauseHeld != nil || reg.act.textIsIncomplete else { return nil }
    let held = clauseHeld ?? reg.act.text?.held ?? .fragment
    let p = reg.act.text
    let what = held == .paraphrase ? ("a paraphrase", "пересказ") : ("a fragment", "фрагмент")
    var en = "our copy is \(what.0)", ru = "наша копия — \(what.1)"
    if let source = p?.source {
      en += " (\(source))"
      ru += " (\(source))"
    }
    if let missing = p?.missing, !missing.isEmpty {
      en += "; missing: \(missing.joined(separator: ", "))"
      ru += "; нет: \(missing.joined(separator: ", "))"
    }
    if let obtain = p?.obtain {
      en += "; obtain: \(obtain)"
      ru += "; получить: \(obtain)"
    } else {
      en += "; obtain the official text"
      ru += "; получите официальный текст"
    }
    note = DiagnosticNote(.init(en: en, ru: ru), at: clause?.range ?? p?.range ?? reg.act.range)
  }
}

/// A file with no steps computes no deadline. For an act that only approves annexes, creates a body or sets
/// obligations, or whose copy is incomplete, this is a note saying where the procedure is; otherwise a warning.
public struct NoStepsRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .noSteps }
  public var description: LocalizedText {
    .init(en: "A regulation file should declare the steps of the procedure.", ru: "В файле регламента должны быть шаги порядка.")
  }
  public var triggering: [String] {
    [
      "reglament: 1\nact: {id: example, title: Пустой порядок, body: Администрация, kind: постановление}\n"
        + "#    ^ no-steps\nworking_time: {time_zone: Europe/Moscow, schedule: {hours: {mon-fri: \"09:00-18:00\"}}}\n"
        + "roles: [{id: curator, name: куратор}]\nsteps: []\n",
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "Порядок с шагом",
        """
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: end}]}
        """),
    ]
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    let reg = context.regulation
    guard reg.steps.isEmpty else { return [] }
    var notes: [DiagnosticNote] = []
    for annex in reg.act.annexes where annex.published == "separately" || annex.file != nil {
      notes.append(DiagnosticNote(.init(
        en: "the procedure may be in annex «\(annex.title)»\(annex.file.map { " (\($0))" } ?? ", published separately")",
        ru: "порядок может быть в приложении «\(annex.title)»\(annex.file.map { " (\($0))" } ?? ", опубликованном отдельно")"),
        at: annex.range))
    }
    for related in reg.relatedActs where related.file != nil {
      notes.append(DiagnosticNote(.init(en: "related act «\(related.title)» is in \(related.file!)",
        ru: "связанный акт «\(related.title)» — в файле \(related.file!)"), at: related.range))
    }
    if let gap = TextGap(reg, nil) { notes.append(gap.note) }
    let explained = !notes.isEmpty || !reg.obligations.isEmpty || !reg.duties.isEmpty
    return [Diagnostic(.noSteps, severity: explained ? .note : .warning, message: .init(
      en: explained ? "the file declares no steps: it computes no deadline" : "the file declares no steps: there is no procedure and no deadline to compute",
      ru: explained ? "в файле нет шагов: сроки по нему не вычисляются" : "в файле нет шагов: нет ни порядка, ни сроков"),
      at: reg.act.range, notes: notes,
      hint: explained ? nil : .init(en: "add `steps:` as the act describes them", ru: "добавьте `steps:` по тексту акта"))]
  }
}
