import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import WorkingTime

/// Counts that fit: for each overall deadline, how many rework rounds, returns to the router (each loop the act
/// provides) and sequential co-executors (when a role sets their order and the act does not cap their number) still fit,
/// one finding each, citing the clauses of the loop or of the co-execution rule and of the deadline it breaks; also when
/// fewer than one fits and when the path without repeats already overruns. Two loops taken once each are reported
/// together ("1 return to the router and 1 rework round together no longer fit"). Read from the one feasibility search
/// (`FeasibilityRule.cases`).
public struct ReworkLimitRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .reworkLimit }
  public var description: LocalizedText {
    .init(en: "How many rework rounds, returns and sequential co-executors still fit inside the overall deadline.",
      ru: "Сколько кругов доработки, возвратов и последовательных соисполнителей укладывается в общий срок.")
  }

  public var triggering: [String] {
    [
      // Without rework 30 min + 2 h + 30 min + 30 min = 3 h 30 min of the 5 working hours; a rework round (1 h) and
      // the second approval (30 min) take 1 h 30 min: one round fits exactly, a second overruns by 1 h 30 min.
      RuleExamples.regulation("Сколько доработок укладывается", """
        \(Self.steps(returns: false))
        limits:
          - id: answer
        #       ^ rework-limit
            name: ответ гражданину
            until: publish
            clause: "8"
            deadline: {amount: 5, clock: working-hours, from: detected}
        """),
      // With a return to the router (30 min back + 30 min to route again = 1 h) each loop fits once on its own
      // (3 h 30 min + 1 h 30 min = 5 h; 3 h 30 min + 1 h = 4 h 30 min), but together they take 6 h: 1 h over.
      RuleExamples.regulation("Возврат и доработка вместе не укладываются", """
        \(Self.steps(returns: true))
        limits:
          - id: answer
        #       ^ rework-limit
        #       ^ rework-limit warning
            name: ответ гражданину
            until: publish
            clause: "8"
            deadline: {amount: 5, clock: working-hours, from: detected}
        """),
      // Co-executors one after another, 1 working hour each from receiving the message (п. 7), the order set by the
      // curator and their number not capped; the last one drafts 1 working hour before the 6 working hours of п. 6
      // (п. 9), i.e. 5 working hours after routing: 5 fit (the fifth leaves 0 minutes), a sixth does not.
      RuleExamples.regulation("Сколько последовательных соисполнителей укладывается", """
        situations:
          - {id: co-executors, name: вопросы в полномочиях нескольких органов, clause: "7"}
        steps:
          - {id: route, name: направление сообщения исполнителям, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: co-executors, to: info}]}
          - id: info
            name: информация исполнителей в очерёдности, определённой куратором
            role: executor
            clause: "7"
            when: {situation: co-executors}
            co_executors: {order: sequential, order_set_by: curator, common_answer_by: last}
            deadline: {amount: 1, clock: working-hours, from: route, each: true}
            outcomes: [{if: done, to: draft}]
          - {id: draft, name: подготовка общего ответа последним исполнителем, role: executor, clause: "9",
             deadline: {amount: 1, clock: working-hours, before: answer}, outcomes: [{if: done, to: publish}]}
          - {id: publish, name: размещение ответа, role: curator, clause: "10",
             deadline: {amount: 30, clock: working-minutes, from: draft}, outcomes: [{if: done, to: end}]}
        limits:
          - id: answer
        #       ^ rework-limit
            name: ответ гражданину
            until: publish
            clause: "6"
            deadline: {amount: 6, clock: working-hours, from: route}
        """),
    ]
  }
  public var passing: [String] {
    [
      // The same procedure with no overall deadline: nothing to count rounds against.
      RuleExamples.regulation("Общего срока нет", Self.steps(returns: false)),
    ]
  }

  /// Routing (30 working minutes), drafting (2 working hours), approval (30 working minutes) with rework (1 working
  /// hour), publishing (30 working minutes); with `returns`, the executor may return the message to the router.
  static func steps(returns: Bool) -> String {
    """
    \(returns ? "situations:\n  - {id: not-competent, name: вопрос не относится к компетенции, clause: \"7\"}\n" : "")steps:
      - {id: route, name: направление сообщения исполнителю, role: curator, clause: "6",
         deadline: {amount: 30, clock: working-minutes, from: \(returns ? "[detected, return]" : "detected")},
         outcomes: [{if: done, to: draft}\(returns ? ", {if: not-competent, to: return}" : "")]}
    \(returns ? "  - {id: return, name: возврат сообщения не по компетенции, role: executor, clause: \"7\", when: {situation: not-competent},\n     deadline: {amount: 30, clock: working-minutes, from: route}, outcomes: [{if: done, to: route}]}\n" : "")  - {id: draft, name: подготовка проекта ответа, role: executor, clause: "9",
         deadline: {amount: 2, clock: working-hours, from: route}, outcomes: [{if: done, to: approve}]}
      - {id: approve, name: согласование проекта ответа, role: curator, clause: "10",
         deadline: {amount: 30, clock: working-minutes, from: [draft, rework]},
         outcomes: [{if: approved, to: publish}, {if: rework, to: rework}]}
      - {id: rework, name: доработка проекта ответа, role: executor, clause: "11",
         deadline: {amount: 1, clock: working-hours, from: approve}, outcomes: [{if: done, to: approve}]}
      - {id: publish, name: размещение ответа, role: curator, clause: "12",
         deadline: {amount: 30, clock: working-minutes, from: approve}, outcomes: [{if: done, to: end}]}
    """
  }

  /// What a loop is, from the outcomes along it: a return to the router, a rework round, or another repeat.
  enum LoopKind {
    case returnToRouter, rework, other

    func name(_ lang: Language, rounds: Int? = nil) -> String {
      switch (self, lang) {
      case (.returnToRouter, .en): "return to the router (not competent)"
      case (.returnToRouter, _): "возврат не по компетенции"
      case (.rework, .en): "rework round"
      case (.rework, _): "доработка"
      case (.other, .en): "repeat"
      case (.other, _): "повтор"
      }
    }
  }

  /// One loop of a path: its back edge, the steps of its cycle, its kind.
  struct Loop {
    var name: String
    var steps: [Int]
    var kind: LoopKind
    /// The cycle's first pass needs no back edge (a straight path goes through it, as a first rework round
    /// `draft → send-back → rework → approve` does): rounds in the act's sense are back edges + 1.
    var firstPassStraight: Bool
  }

  func loop(_ name: String, on path: PathExplorer.Path, straight: [FeasibilityRule.Worst], _ c: CompiledRegulation)
    -> Loop?
  {
    let ids = name.components(separatedBy: " → ")
    guard ids.count == 2, let u = c.stepIndex(ids[0]), let v = c.stepIndex(ids[1]) else { return nil }
    let s = path.steps
    guard let i = s.indices.dropLast().first(where: { s[$0] == u && s[$0 + 1] == v }),
      let j = s[...i].lastIndex(of: v)
    else { return nil }
    let cycle = Array(s[j...i])
    var kinds: [OutcomeKind] = []
    for (a, b) in zip(cycle, cycle.dropFirst() + [v]) {
      if let o = c.steps[a].outcomes.first(where: { $0.target == .step(b) }) { kinds.append(o.kind) }
    }
    let kind: LoopKind = kinds.contains(.notCompetent) ? .returnToRouter : kinds.contains(.rework) ? .rework : .other
    return Loop(name: name, steps: cycle, kind: kind,
      firstPassStraight: straight.contains { $0.path.steps.contains(u) })
  }

  /// The deadline an overrun breaks: a step due before what it waits for, or the overall deadline.
  func broken(_ w: FeasibilityRule.Worst, _ limit: CompiledLimit, _ context: AnalysisContext) -> (ru: String, en: String, clauses: [String]) {
    let c = context.compiled
    var latest: (end: LocalTimestamp, step: Int)?
    for (step, end) in w.timeline.ends {
      guard let end else { continue }
      if let l = latest, end < l.end {
        let s = c.steps[step], p = c.steps[l.step]
        return ("срок шага «\(s.id)»\(s.clause.map { " (п. \($0))" } ?? "") наступает раньше срока шага «\(p.id)»\(p.clause.map { " (п. \($0))" } ?? ""), которого он ждёт",
          "the deadline of `\(s.id)`\(s.clause.map { " (clause \($0))" } ?? "") comes before that of `\(p.id)`\(p.clause.map { " (clause \($0))" } ?? ""), which it waits for",
          [s.clause, p.clause].compactMap { $0 })
      }
      if latest.map({ end >= $0.end }) ?? true { latest = (end, step) }
    }
    let over = overrun(w.slack), overEn = overrun(w.slack, .en)
    return ("путь превышает общий срок\(limit.clause.map { " п. \($0)" } ?? "") на \(over)",
      "the path overruns the overall deadline\(limit.clause.map { " of clause \($0)" } ?? "") by \(overEn)",
      [limit.clause].compactMap { $0 })
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    let compiled = context.compiled
    let explorer = PathExplorer(context: context)
    let feasibility = FeasibilityRule()
    var out: [Diagnostic] = []
    for c in FeasibilityRule.cases(context) where !c.unknown {
      let computed = c.computed
      guard let zero = computed.worst[""]?[0] else { continue }
      let (limit, label) = (c.limit, c.label)
      let limitClause = c.rule.clause?.number ?? limit.clause
      let plainFails = zero.slack < 0
      let tz = context.time.timeZone
      let whenRu = { (w: FeasibilityRule.Worst) in "при выявлении \(feasibility.detectedText(w.timeline, context))" }
      let whenEn = { (w: FeasibilityRule.Worst) in "when detected \(tz.iso(w.timeline.detected))" }
      let headRu = plainFails
        ? "«\(limit.id)»\(label): путь без повторов уже превышает срок\(limitClause.map { " п. \($0)" } ?? "") на \(overrun(zero.slack))"
        : "«\(limit.id)»\(label): без повторов запас не менее \(minutes(zero.slack))"
      let headEn = plainFails
        ? "`\(limit.id)`\(label): the path without repeats already overruns\(limitClause.map { " clause \($0)" } ?? "") by \(overrun(zero.slack, .en))"
        : "`\(limit.id)`\(label): without repeats at least \(minutes(zero.slack, .en)) to spare"
      let singles = Set(computed.worst.keys).union(computed.unknownRounds.keys).filter { !$0.isEmpty && !$0.contains(";") }
      var loops: [String: Loop] = [:]
      for name in singles {
        guard let path = computed.paths.first(where: { $0.loop == name }) else { continue }
        loops[name] = loop(name, on: path, straight: computed.straight, compiled)
      }
      // One finding per loop the act provides.
      for name in singles.sorted() {
        guard let lp = loops[name] else { continue }
        let byRounds = computed.worst[name] ?? [:]
        let unknownAt = computed.unknownRounds[name] ?? []
        var fit = 0
        while let w = byRounds[fit + 1], w.slack >= 0, !unknownAt.contains(fit + 1) { fit += 1 }
        let more = fit >= FeasibilityRule.maxRepeats
        let extra = lp.firstPassStraight ? 1 : 0
        let loopClauses = lp.steps.compactMap { compiled.steps[$0].clause }
        let what = "\(lp.kind.name(.ru)) (\(name)\(clauseList(loopClauses, .ru)))"
        let whatEn = "\(lp.kind.name(.en)) (\(name)\(clauseList(loopClauses, .en)))"
        var ru: String, en: String
        var clauses = loopClauses + [limitClause].compactMap { $0 }
        var notes: [DiagnosticNote] = []
        var severity: Severity = .note
        let count: FindingClaim.Count
        if !more, unknownAt.contains(fit + 1), (byRounds[fit + 1]?.slack ?? 0) >= 0 {
          count = .unknown(fit + extra)
          let (from, to) = DetectionSearch.period
          ru = "\(what): укладывается кругов: \(fit + extra); при \(fit + extra + 1) — неизвестно (срок выходит за производственный календарь \(from.year)–\(to.year))"
          en = "\(whatEn): \(fit + extra) round(s) fit; with \(fit + extra + 1) unknown (a deadline falls outside the production calendar, \(from.year)–\(to.year))"
        } else if more {
          count = .atLeast(fit + extra)
          ru = "\(what): укладывается \(fit + extra) и более кругов"
          en = "\(whatEn): \(fit + extra) or more rounds fit"
        } else if let over = byRounds[fit + 1] {
          count = .exactly(fit + extra)
          let b = broken(over, limit, context)
          clauses += b.clauses
          if plainFails, fit == 0, extra == 0 {
            // The overrun the first round adds is not the worst one (the search stops at the first): not stated.
            ru = "\(what): не укладывается ни одного круга"
            en = "\(whatEn): no round fits"
          } else {
            ru = "\(what): укладывается кругов: \(fit + extra); при \(fit + extra + 1) \(b.ru) (\(whenRu(over)))"
            en = "\(whatEn): \(fit + extra) round(s) fit; with \(fit + extra + 1) \(b.en) (\(whenEn(over)))"
          }
          notes = [DiagnosticNote(.init(en: "path \(explorer.text(over.path))", ru: "путь \(explorer.text(over.path))"))]
            + feasibility.timelineNotes(over.timeline, limit.source, context)
          // A loop the act provides that cannot happen even once is a real infeasibility (unless the path without it
          // already fails: that is `deadline-infeasible`).
          if fit == 0, !plainFails { severity = .warning }
        } else {
          continue
        }
        out.append(Diagnostic(.reworkLimit, subject: limit.id, severity: severity,
          message: .init(en: "\(headEn); \(en)", ru: "\(headRu); \(ru)"), at: limit.source.idRange,
          clauses: sortClauses(clauses), notes: notes, claim: FindingClaim(aspect: "loop \(name)", count: count)))
      }
      // Two loops taken once each.
      for (name, w) in computed.combined.sorted(by: { $0.key < $1.key }) {
        let parts = name.components(separatedBy: "; ").compactMap { loops[$0] }
        guard parts.count == 2 else { continue }
        let ru = parts.map { "1 \($0.kind.name(.ru)) (\($0.name))" }.joined(separator: " и ")
        let en = parts.map { "1 \($0.kind.name(.en)) (\($0.name))" }.joined(separator: " and ")
        var clauses = parts.flatMap { $0.steps.compactMap { compiled.steps[$0].clause } } + [limitClause].compactMap { $0 }
        if w.slack >= 0 {
          out.append(Diagnostic(.reworkLimit, subject: limit.id, message: .init(
            en: "\(headEn); \(en) together fit with at least \(minutes(w.slack, .en)) to spare",
            ru: "\(headRu); \(ru) вместе укладываются с запасом не менее \(minutes(w.slack))"),
            at: limit.source.idRange, clauses: sortClauses(clauses), claim: FindingClaim(aspect: "loops \(name)", count: .exactly(1))))
        } else {
          let b = broken(w, limit, context)
          clauses += b.clauses
          out.append(Diagnostic(.reworkLimit, subject: limit.id, severity: .warning, message: .init(
            en: "\(headEn); each fits once on its own, but \(en) together no longer fit: \(b.en) (\(whenEn(w)))",
            ru: "\(headRu); каждый по отдельности укладывается, но \(ru) вместе уже не укладываются: \(b.ru) (\(whenRu(w)))"),
            at: limit.source.idRange, clauses: sortClauses(clauses),
            notes: [DiagnosticNote(.init(en: "path \(explorer.text(w.path))", ru: "путь \(explorer.text(w.path))"))]
              + feasibility.timelineNotes(w.timeline, limit.source, context),
            claim: FindingClaim(aspect: "loops \(name)", count: .exactly(0))))
        }
      }
      // Sequential co-executors.
      for count in computed.coExecutors {
        let step = compiled.steps[count.step]
        let setBy: String
        if case .sequential(let by?)? = step.coExecution { setBy = by } else { setBy = "?" }
        let rule = "шаг «\(step.id)»\(step.clause.map { ", п. \($0)" } ?? ""): очерёдность определяет «\(setBy)», число не ограничено"
        let ruleEn = "step `\(step.id)`\(step.clause.map { ", clause \($0)" } ?? ""): the order is set by `\(setBy)`, their number is not capped"
        let against = count.againstSteps ? " — считая только сроки шагов" : ""
        let againstEn = count.againstSteps ? ", counting the steps' own deadlines only" : ""
        var clauses = [step.clause, limitClause].compactMap { $0 }
        var notes: [DiagnosticNote] = []
        var severity: Severity = .note
        let fitting: FindingClaim.Count
        var ru = "последовательные соисполнители (\(rule))\(against): "
        var en = "sequential co-executors (\(ruleEn))\(againstEn): "
        if count.unknown {
          fitting = .unknown(count.fit)
          ru += count.fit > 0 ? "укладывается не менее \(count.fit); больше — неизвестно (бюджет или календарь)" : "неизвестно (бюджет или календарь)"
          en += count.fit > 0 ? "at least \(count.fit) fit; more unknown (budget or calendar)" : "unknown (budget or calendar)"
        } else if count.capped {
          fitting = .atLeast(count.fit)
          ru += "укладывается \(count.fit) и более"
          en += "\(count.fit) or more fit"
        } else if let over = count.over {
          fitting = .exactly(count.fit)
          let b = broken(over, limit, context)
          clauses += b.clauses
          ru += "укладывается соисполнителей: \(count.fit); при \(count.fit + 1) \(b.ru) (\(whenRu(over)))"
          en += "\(count.fit) fit; with \(count.fit + 1) \(b.en) (\(whenEn(over)))"
          notes = [DiagnosticNote(.init(en: "path \(explorer.text(over.path))", ru: "путь \(explorer.text(over.path))"))]
            + feasibility.timelineNotes(over.timeline, limit.source, context)
          if count.fit == 0 { severity = .warning }
        } else {
          continue
        }
        out.append(Diagnostic(.reworkLimit, subject: limit.id, severity: severity,
          message: .init(en: "\(headEn); \(en)", ru: "\(headRu); \(ru)"), at: limit.source.idRange,
          clauses: sortClauses(clauses), notes: notes, claim: FindingClaim(aspect: "co-executors \(step.id)", count: fitting)))
      }
      // Nothing repeats on any path: the spare time alone.
      if !plainFails, singles.isEmpty, computed.coExecutors.isEmpty {
        let notes: [DiagnosticNote] = computed.straight.sorted { ($0.slack, $0.path.steps.count) < ($1.slack, $1.path.steps.count) }
          .prefix(6).map { w in
            DiagnosticNote(.init(
              en: "path \(explorer.text(w.path)): at least \(minutes(w.slack, .en)) to spare (tightest when detected \(tz.iso(w.timeline.detected)))",
              ru: "путь \(explorer.text(w.path)): запас не менее \(minutes(w.slack)) (меньше всего при выявлении \(feasibility.detectedText(w.timeline, context)))"))
          }
        out.append(Diagnostic(.reworkLimit, subject: limit.id, message: .init(
          en: "`\(limit.id)`\(label): without repeats the sub-deadlines fit with at least \(minutes(zero.slack, .en)) to spare; no path repeats a step",
          ru: "«\(limit.id)»\(label): без повторов промежуточные сроки укладываются с запасом не менее \(minutes(zero.slack)); путей с повторами нет"),
          at: limit.source.idRange, clauses: feasibility.clausesOf(limit: limit.source, rule: c.rule, path: zero.path, context),
          notes: notes, claim: FindingClaim(aspect: "no repeats")))
      }
    }
    return out
  }

  func clauseList(_ clauses: [String], _ lang: Language) -> String {
    let sorted = sortClauses(clauses)
    guard !sorted.isEmpty else { return "" }
    return (lang == .en ? "; clause " : "; п. ") + sorted.joined(separator: ", ")
  }

  /// How far a negative slack overruns ("∞": unbounded).
  func overrun(_ slack: Int, _ lang: Language = .ru) -> String { slack == Int.min ? "∞" : minutes(-slack, lang) }
}
