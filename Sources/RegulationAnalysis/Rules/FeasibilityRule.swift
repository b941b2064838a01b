import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import WorkingTime
import Foundation

/// Do the sub-deadlines fit inside the overall deadline that governs them, on every path (each category; 0, 1, 2, …
/// rework rounds; with and without a return to the router; with co-executors; with an interim answer)? Mixed clocks
/// are compared through the real calendar: detection instants are searched for the worst case.
public struct FeasibilityRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .deadlineInfeasible }
  public var description: LocalizedText {
    .init(en: "Sub-deadlines must fit inside the overall deadline on every path.",
      ru: "Промежуточные сроки должны укладываться в общий срок на каждом пути.")
  }
  public var triggering: [String] {
    [
      // 30 working minutes + 4 working hours + 30 working minutes = 5 working hours > 4: a working hour late at every
      // detection; the worst, over the New Year holidays, is 280 calendar hours.
      RuleExamples.regulation(
        "Сроки шагов длиннее общего срока ответа",
        """
        \(Self.exampleSteps(draftHours: 4))
        limits:
          - id: answer
        #       ^ deadline-infeasible
            name: ответ гражданину
            until: publish
            clause: "8"
            deadline: {amount: 4, clock: working-hours, from: detected}
        """),
      // Reading has no deadline and routing counts from it, but the answer is due 6 working hours after detection.
      RuleExamples.regulation(
        "Срок направления отсчитывается от прочтения, у которого срока нет",
        """
        steps:
          - id: read
        #       ^ deadline-infeasible warning
            name: прочтение сообщения в системе
            role: curator
            clause: "10"
            deadline: {none: акт не устанавливает срок прочтения}
            outcomes: [{if: done, to: route}]
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "10",
             deadline: {amount: 30, clock: working-minutes, from: read}, outcomes: [{if: done, to: answer}]}
          - {id: answer, name: подготовка и размещение ответа, role: executor, clause: "12",
             deadline: {amount: 6, clock: working-hours, from: detected}, outcomes: [{if: done, to: end}]}
        limits:
          - {id: reply, name: ответ гражданину, until: answer, clause: "12", deadline: {amount: 6, clock: working-hours, from: detected}}
        """),
    ]
  }
  public var passing: [String] {
    [
      // 30 working minutes + 2 working hours + 30 working minutes = 3 working hours ≤ 4.
      RuleExamples.regulation(
        "Сроки шагов укладываются в общий срок",
        """
        \(Self.exampleSteps(draftHours: 2))
        limits:
          - {id: answer, name: ответ гражданину, until: publish, clause: "8", deadline: {amount: 4, clock: working-hours, from: detected}}
        """),
    ]
  }

  /// The steps of the examples: routing (30 working minutes), drafting (`draftHours` working hours from routing),
  /// publishing (30 working minutes from the draft).
  static func exampleSteps(draftHours: Int) -> String {
    """
    steps:
      - {id: route, name: направление сообщения исполнителю, role: curator, clause: "6",
         deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: draft}]}
      - {id: draft, name: подготовка ответа, role: executor, clause: "9",
         deadline: {amount: \(draftHours), clock: working-hours, from: route}, outcomes: [{if: done, to: publish}]}
      - {id: publish, name: размещение ответа, role: curator, clause: "12",
         deadline: {amount: 30, clock: working-minutes, from: draft}, outcomes: [{if: done, to: end}]}
    """
  }

  static let maxRepeats = 3

  struct Worst: Sendable {
    var slack: Int
    var path: PathExplorer.Path
    var timeline: PathExplorer.Timeline
    /// What the exact search over the detection period found on this path.
    var search: DetectionSearch.Result
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    let explorer = PathExplorer(context: context)
    let search = DetectionSearch(contexts: context.compiled.contexts)
    var out: [Diagnostic] = []
    let compiled = context.compiled
    // Categories whose plans select the same rules share one search.
    var memo: [PlanSignature: Computed] = [:]
    for limit in compiled.limits {
      guard case .rules(let rules) = limit.deadline else { continue }
      for rule in rules {
        for categories in context.incidentCategories(for: rule.source.condition) {
          guard let plan = context.plan(categories: categories),
            plan.rule(ofLimit: limit.index)?.source.range == rule.source.range
          else { continue }
          let key = PlanSignature(plan, limit: limit.index, compiled)
          let memoised = memo[key]
          guard let computed = memoised ?? compute(limit, plan: plan, explorer: explorer, search: search, context)
          else { continue }
          if memoised == nil { memo[key] = computed }
          let (paths, complete, exhausted, outside) = (computed.paths, computed.complete, computed.exhausted,
            computed.outside)
          let (unknownRounds, worst, straight) = (computed.unknownRounds, computed.worst, computed.straight)
          let label = context.categoryLabel(categories)
          // Never "fits" from a partial search: say where it stopped and how to go further.
          if (worst[""]?[0]?.slack ?? 0) >= 0, !complete || exhausted || outside {
            out.append(unknown(limit.source, rule.source, paths: paths.count, complete: complete,
              outsideCalendar: outside && complete && !exhausted, categories: label, context))
            continue
          }
          guard let zero = worst[""]?[0] else { continue }
          let clauses = clausesOf(limit: limit.source, rule: rule.source, path: zero.path, context)
          if zero.slack < 0 {
            out.append(infeasible(limit.source, rule.source, zero, categories: label, clauses: clauses, context))
            continue
          }

          var linesEn: [String] = [], linesRu: [String] = []
          var firstFailure: (rounds: Int, worst: Worst)?
          // One line per loop the act provides; paths that combine several loops are covered by each loop's line.
          for loop in Set(worst.keys).union(unknownRounds.keys).filter({ !$0.isEmpty && !$0.contains(";") }).sorted() {
            let byRounds = worst[loop] ?? [:]
            let unknownAt = unknownRounds[loop] ?? []
            var fit = 0
            while let w = byRounds[fit + 1], w.slack >= 0, !unknownAt.contains(fit + 1) { fit += 1 }
            let more = fit >= Self.maxRepeats
            if !more, unknownAt.contains(fit + 1), (byRounds[fit + 1]?.slack ?? 0) >= 0 {
              // Past the calendar's years nothing is known: neither a fit nor an overrun.
              let (from, to) = DetectionSearch.period
              linesEn.append("\(loop): \(fit) round(s) fit; with \(fit + 1) unknown (a deadline falls outside the production calendar, \(from.year)–\(to.year))")
              linesRu.append("\(loop): укладывается кругов: \(fit); при \(fit + 1) — неизвестно (срок выходит за производственный календарь \(from.year)–\(to.year))")
              continue
            }
            linesEn.append("\(loop): \(more ? "\(fit) or more rounds fit" : "\(fit) round(s) fit")")
            linesRu.append("\(loop): \(more ? "укладывается \(fit) и более кругов" : "укладывается кругов: \(fit)")")
            if !more, let w = byRounds[fit + 1], w.slack < 0, firstFailure.map({ fit < $0.rounds - 1 }) ?? true { firstFailure = (fit + 1, w) }
          }
          // The slack of each path without repeats, tightest first.
          var notes: [DiagnosticNote] = straight.sorted { ($0.slack, $0.path.steps.count) < ($1.slack, $1.path.steps.count) }.prefix(6).map { w in
            let path = explorer.text(w.path)
            let when = context.time.timeZone.iso(w.timeline.detected)
            return DiagnosticNote(.init(en: "path \(path): at least \(minutes(w.slack, .en)) to spare (tightest when detected \(when))",
              ru: "путь \(path): запас не менее \(minutes(w.slack)) (меньше всего при выявлении \(detectedText(w.timeline, context)))"))
          }
          if let (rounds, over) = firstFailure {
            let straightCount = notes.count
            notes += timelineNotes(over.timeline, limit.source, context)
            notes.insert(DiagnosticNote(.init(
              en: "with \(rounds) round(s) the path \(explorer.text(over.path)) overruns by \(minutes(over.slack == Int.min ? Int.max : -over.slack, .en)) when detected \(context.time.timeZone.iso(over.timeline.detected))",
              ru: "при \(rounds) круге путь \(explorer.text(over.path)) превышает срок на \(minutes(over.slack == Int.min ? Int.max : -over.slack)) при выявлении \(detectedText(over.timeline, context))")), at: straightCount)
          }
          // A loop the act provides (rework, return) that cannot happen even once is a real infeasibility.
          let severity: Severity = firstFailure?.rounds == 1 ? .warning : .note
          let loopsEn = linesEn.isEmpty ? "no path repeats a step" : "loops — " + linesEn.joined(separator: "; ")
          let loopsRu = linesRu.isEmpty ? "путей с повторами нет" : "повторы — " + linesRu.joined(separator: "; ")
          out.append(Diagnostic(.reworkLimit, subject: limit.id, severity: severity, message: .init(
            en: "`\(limit.id)`\(label): without repeats the sub-deadlines fit with at least \(minutes(zero.slack, .en)) to spare; \(loopsEn)",
            ru: "«\(limit.id)»\(label): без повторов промежуточные сроки укладываются с запасом не менее \(minutes(zero.slack)); \(loopsRu)"),
            at: limit.source.idRange, clauses: clauses, notes: notes))
        }
      }
    }
    return out + ordering(context)
  }

  /// What the search found for one limit under one plan (shared by the categories whose plans select the same rules).
  struct Computed: Sendable {
    var paths: [PathExplorer.Path]
    var complete: Bool
    var exhausted: Bool
    var outside: Bool
    var unknownRounds: [String: Set<Int>]
    var worst: [String: [Int: Worst]]
    var straight: [Worst]
  }

  func compute(
    _ limit: CompiledLimit, plan: EvaluationPlan, explorer: PathExplorer, search: DetectionSearch,
    _ context: AnalysisContext
  ) -> Computed? {
    let (paths, complete) = explorer.enumerate(to: limit.until, maxRepeats: Self.maxRepeats, plan: plan,
      limit: context.budget.paths)
    guard !paths.isEmpty else { return nil }
    // The evaluations budget is shared by the paths, each evaluation costing one deadline per step.
    let steps = max(1, paths.reduce(0) { $0 + $1.steps.count })
    let perPath = max(64, context.budget.stepEvaluations / steps)
    var exhausted = false
    var outside = false
    var unknownRounds: [String: Set<Int>] = [:]
    // The worst slack found for each loop (named by its back edges) and number of rounds. Paths of one number
    // of rounds are searched in parallel; a loop that overruns at some number of rounds is not searched at more
    // rounds (each round adds time).
    var worst: [String: [Int: Worst]] = [:]
    var straight: [Worst] = []
    // Searches already done for this limit and plan, by the signature of the path's walk.
    let cache = SearchCache(plan)
    // Too many paths: searching each of the enumerated ones would not prove anything about the others, so
    // only the bound below is searched.
    for rounds in 0...Self.maxRepeats where complete {
      let level = paths.filter { path in
        path.repeats == rounds && !(worst[path.loop]?.contains { $0.key < rounds && $0.value.slack < 0 } ?? false)
      }
      // Rounds are searched first on the days the paths without repeats came closest to overrunning.
      let hot = Array(Set(straight.map { $0.timeline.detected.seconds / 86_400 })).sorted()
      // The paths of a level are searched together (see `PathExplorer.exact`).
      let results = explorer.exact(level, plan: plan, limit: limit.index, search: search,
        stopAtFirstFailure: rounds > 0, budget: perPath, first: rounds > 0 ? hot : [], cache: cache)
      let found = zip(level, results).map { path, found -> Worst? in
        let (r, tl) = found
        guard let w = r.worst, let tl else { return r.exhausted || r.outsideCalendar ? Worst(slack: Int.max,
          path: path, timeline: .init(detected: LocalTimestamp(seconds: 0), ends: []), search: r) : nil }
        return Worst(slack: w.slack, path: path, timeline: tl, search: r)
      }
      for w in found.compactMap({ $0 }) where w.search.exhausted && w.slack >= 0 { exhausted = true }
      // A deadline past the calendar's years at some detection instant: no "fits" there (an overrun found
      // inside the calendar still stands).
      for w in found.compactMap({ $0 }) where w.search.outsideCalendar && w.slack >= 0 {
        if rounds == 0 { outside = true } else { unknownRounds[w.path.loop, default: []].insert(rounds) }
      }
      let usable = found.compactMap { $0 }.filter { $0.slack != Int.max }
      if rounds == 0 { straight = usable }
      for w in usable where worst[w.path.loop]?[rounds].map({ w.slack < $0.slack }) ?? true {
        worst[w.path.loop, default: [:]][rounds] = w
      }
    }
    // Too many paths to enumerate: the path along which every step ends latest stands for the rest; an overrun
    // on it is a real counterexample, its absence proves nothing.
    if !complete {
      let t0 = straight.min { $0.slack < $1.slack }?.timeline.detected
        ?? LocalTimestamp(date: CivilDate(year: 2026, month: 3, day: 16)!, hour: 10, minute: 0)
      if let path = explorer.latestPath(to: limit.until, plan: plan, detected: t0) {
        let (r, tl) = explorer.exact(path, plan: plan, limit: limit.index, search: search,
          stopAtFirstFailure: false, budget: max(64, context.budget.stepEvaluations / max(1, path.steps.count)))
        if let w = r.worst, let tl {
          let found = Worst(slack: w.slack, path: path, timeline: tl, search: r)
          straight.append(found)
          if worst[""]?[0].map({ found.slack < $0.slack }) ?? true { worst["", default: [:]][0] = found }
        }
      }
    }
    return Computed(paths: paths, complete: complete, exhausted: exhausted, outside: outside,
      unknownRounds: unknownRounds, worst: worst, straight: straight)
  }

  /// What selects the deadlines under a plan: whether each step applies, the rule each step and limit takes, and the
  /// overlapping rules. Two plans with the same signature give the same deadlines for every history.
  struct PlanSignature: Hashable {
    var limit: Int
    var applies: [Bool]
    var steps: [SourceRange?]
    var limits: [SourceRange?]
    var overlaps: [OverlappingRules]

    init(_ plan: EvaluationPlan, limit: Int, _ compiled: CompiledRegulation) {
      self.limit = limit
      applies = compiled.steps.indices.map { plan.applies($0) }
      steps = compiled.steps.indices.map { plan.rule(ofStep: $0)?.source.range }
      limits = compiled.limits.indices.map { plan.rule(ofLimit: $0)?.source.range }
      overlaps = plan.overlaps
    }
  }

  func clausesOf(limit: Limit, rule: DeadlineRule, path: PathExplorer.Path?, _ context: AnalysisContext) -> [String] {
    var set = [rule.clause?.number ?? limit.clause?.number].compactMap { $0 }
    for s in path?.steps ?? [] {
      if let c = context.compiled.steps[s].clause, !set.contains(c) { set.append(c) }
    }
    return sortClauses(set)
  }

  func infeasible(
    _ limit: Limit, _ rule: DeadlineRule, _ worst: Worst,
    categories: String, clauses: [String], _ context: AnalysisContext
  ) -> Diagnostic {
    let pathText = PathExplorer(context: context).text(worst.path)
    let over = worst.slack == Int.min ? nil : minutes(-worst.slack)
    let overEn = worst.slack == Int.min ? nil : minutes(-worst.slack, .en)
    var notes = timelineNotes(worst.timeline, limit, context)
    notes.insert(DiagnosticNote(.init(
      en: "worst counterexample: detected \(context.time.timeZone.iso(worst.timeline.detected)); \(failingText(worst.search, .en))",
      ru: "худший контрпример: выявлено \(detectedText(worst.timeline, context)); \(failingText(worst.search, .ru))")), at: 0)
    return Diagnostic(.deadlineInfeasible, subject: limit.id, message: .init(
      en: "`\(limit.id)`\(categories): on the path \(pathText) the steps' own deadlines allow finishing "
        + (overEn.map { "\($0) after" } ?? "with no bound, after") + " the overall deadline (clause \(rule.clause?.number ?? limit.clause?.number ?? "?"))",
      ru: "«\(limit.id)»\(categories): на пути \(pathText) сроки шагов позволяют завершить "
        + (over.map { "на \($0) позже" } ?? "без ограничения, позже") + " общего срока (п. \(rule.clause?.number ?? limit.clause?.number ?? "?"))"),
      at: limit.idRange, clauses: clauses, notes: notes,
      hint: .init(en: "the act sets these deadlines as written; acknowledge the finding with a justification if intended",
        ru: "сроки закодированы как в акте; если так задумано, признайте находку с обоснованием (`acknowledged:`)"))
  }

  /// The located note of a search stopped by its budget: what was checked, that nothing is concluded, how to go on.
  func unknown(
    _ limit: Limit, _ rule: DeadlineRule, paths: Int, complete: Bool, outsideCalendar: Bool = false, categories: String,
    _ context: AnalysisContext
  ) -> Diagnostic {
    let clause = rule.clause?.number ?? limit.clause?.number
    let budget = context.budget
    if outsideCalendar {
      let (from, to) = DetectionSearch.period
      return Diagnostic(.deadlineInfeasible, subject: limit.id, severity: .note, message: .init(
        en: "`\(limit.id)`\(categories): unknown whether the sub-deadlines fit (clause \(clause ?? "?")): for some detections in \(from.year)–\(to.year) a deadline falls outside the production calendar",
        ru: "«\(limit.id)»\(categories): неизвестно, укладываются ли промежуточные сроки (п. \(clause ?? "?")): при некоторых моментах выявления в \(from.year)–\(to.year) годах срок выходит за производственный календарь"),
        at: limit.idRange, clauses: sortClauses([clause].compactMap { $0 }),
        hint: .init(en: "the analysis proves nothing past the calendar's years; check the amounts of these deadlines",
          ru: "за пределами лет календаря анализ ничего не доказывает; проверьте величины этих сроков"))
    }
    let en = complete
      ? "the exact search over detection instants stopped at its budget (\(budget.stepEvaluations) step deadlines) before covering the period"
      : "more than \(paths) paths lead to it: the analysis checked \(paths) paths and the one along which every step ends latest, and found no overrun"
    let ru = complete
      ? "точный перебор моментов выявления остановлен бюджетом (\(budget.stepEvaluations) сроков шагов), не пройдя весь период"
      : "путей к нему больше \(paths): проверены \(paths) путей и путь, на котором каждый шаг завершается позже всего, превышения не найдено"
    return Diagnostic(.deadlineInfeasible, subject: limit.id, severity: .note, message: .init(
      en: "`\(limit.id)`\(categories): unknown beyond \(paths) paths whether the sub-deadlines fit (clause \(clause ?? "?")); \(en)",
      ru: "«\(limit.id)»\(categories): неизвестно, укладываются ли промежуточные сроки дальше \(paths) путей (п. \(clause ?? "?")); \(ru)"),
      at: limit.idRange, clauses: sortClauses([clause].compactMap { $0 }),
      hint: .init(en: "raise the budget with --analysis-budget N (paths per deadline and category; now \(budget.paths))",
        ru: "увеличьте бюджет: --analysis-budget N (путей на срок и категорию; сейчас \(budget.paths))"))
  }

  /// "fails for 37 detection intervals of 2 190 in 2026-01-01 … 2027-12-31; on that day for detections 16:00–18:00".
  func failingText(_ r: DetectionSearch.Result, _ lang: Language) -> String {
    let (from, to) = DetectionSearch.period
    let run = r.worstRun.map { (clockText($0.from.secondOfDay), $0.to.secondOfDay == 0 ? "24:00" : clockText($0.to.secondOfDay)) }
    if lang == .en {
      return "fails for \(r.failing) of \(r.pieces) detection intervals from \(from) to \(to)"
        + (r.exhausted ? " (of those searched before the budget ran out)" : "")
        + (run.map { "; on the day of the counterexample for detections \($0.0)–\($0.1)" } ?? "")
    }
    return "не укладывается для \(r.failing) из \(r.pieces) интервалов выявления с \(from.russian) по \(to.russian)"
      + (r.exhausted ? " (из проверенных до исчерпания бюджета)" : "")
      + (run.map { "; в день контрпримера — при выявлении с \($0.0) до \($0.1)" } ?? "")
  }

  func detectedText(_ tl: PathExplorer.Timeline, _ context: AnalysisContext) -> String {
    "\(tl.detected.russian) (\(context.time.timeZone.offsetText(at: tl.detected)))"
  }

  func timelineNotes(_ tl: PathExplorer.Timeline, _ limit: Limit, _ context: AnalysisContext) -> [DiagnosticNote] {
    var notes: [DiagnosticNote] = []
    let tz = context.time.timeZone
    for (index, end) in tl.ends {
      let s = context.compiled.steps[index].source
      let step = s.id
      let ru = end.map { "«\(step)» — не позднее \($0.russian) (\(tz.offsetText(at: $0)))" } ?? "«\(step)» — срок не ограничен"
      let en = end.map { "`\(step)` latest end \(tz.iso($0))" } ?? "`\(step)` has no bound"
      notes.append(context.clauseNote(s.clause?.number, at: s.idRange, en, ru))
    }
    if let due = tl.limitDue {
      notes.append(context.clauseNote(limit.clause?.number, at: limit.idRange, "overall deadline `\(limit.id)` \(tz.iso(due))",
        "общий срок «\(limit.id)» — \(due.russian) (\(tz.offsetText(at: due)))"))
    }
    return notes
  }

  /// A step with no deadline (or counted from one) followed by a step due at a fixed time: the first may legally end
  /// after the second is already late. Reported once per step that lacks the deadline.
  func ordering(_ context: AnalysisContext) -> [Diagnostic] {
    let explorer = PathExplorer(context: context)
    var out: [Diagnostic] = []
    var reported = Set<Int>()
    let tz = context.time.timeZone
    let t0 = LocalTimestamp(date: CivilDate(year: 2026, month: 3, day: 17)!, hour: 10, minute: 0)
    let reg = context.regulation
    let compiled = context.compiled
    let categorySets = context.incidentCategories(for: Condition())
      + reg.categories.filter(\.overlay).map { [$0.appliesTo.first?.value ?? "", $0.id] }
    for limit in compiled.limits {
      for categories in categorySets {
        guard let plan = context.plan(categories: categories.filter { !$0.isEmpty }) else { continue }
        var run = CaseRun(plan, detected: t0)
        for path in explorer.paths(to: limit.until, maxRepeats: 0, plan: plan) {
          let tl = explorer.timeline(path, plan: plan, limit: limit.index, detected: t0, run: &run)
          guard let i = tl.ends.firstIndex(where: { $0.end == nil }),
            let j = tl.ends[i...].firstIndex(where: { $0.end != nil }), let bEnd = tl.ends[j].end
          else { continue }
          let rootIndex = tl.ends[i].step
          guard !reported.contains(rootIndex) else { continue }
          reported.insert(rootIndex)
          let sRoot = compiled.steps[rootIndex].source, sb = compiled.steps[tl.ends[j].step].source
          let root = sRoot.id
          let chain = tl.ends[i..<j].map { compiled.steps[$0.step].source }
          let unbounded = chain.dropFirst().map { "`\($0.id)`" }.joined(separator: ", ")
          let unboundedRu = chain.dropFirst().map { "«\($0.id)»" }.joined(separator: ", ")
          let b = sb.id
          let clauses = sortClauses(([sRoot] + chain.dropFirst() + [sb]).compactMap { $0.clause?.number })
          var notes = chain.dropFirst().map {
            context.clauseNote($0.clause?.number, at: $0.idRange, "`\($0.id)` counts from it", "«\($0.id)» отсчитывается от него")
          }
          notes.append(context.clauseNote(sb.clause?.number, at: sb.idRange, "`\(b)` is due \(tz.iso(bEnd)) when detected \(tz.iso(t0))",
            "«\(b)» — не позднее \(bEnd.russian) при выявлении \(t0.russian)"))
          out.append(Diagnostic(.deadlineInfeasible, subject: root, message: .init(
            en: "`\(root)` has no deadline" + (unbounded.isEmpty ? "" : " and \(unbounded) \(chain.count > 2 ? "count" : "counts") from it")
              + ", yet `\(b)` after it is due at a fixed time: the act lets them end after `\(b)` is already late",
            ru: "у шага «\(root)» нет срока" + (unboundedRu.isEmpty ? "" : ", а \(unboundedRu) \(chain.count > 2 ? "отсчитываются" : "отсчитывается") от него")
              + "; следующий шаг «\(b)» должен быть выполнен к определённому моменту — акт позволяет завершить их, когда срок «\(b)» уже истёк"),
            at: sRoot.idRange, clauses: clauses, notes: notes))
        }
      }
    }
    return out
  }
}

/// `1 ч 30 мин` / `1 h 30 min`.
func minutes(_ seconds: Int, _ lang: Language = .ru) -> String {
  if seconds == Int.max || seconds == Int.min { return "∞" }
  return CalendarWording.duration(seconds, lang)
}

/// Clause numbers in the act's order: "3.2" < "9" < "12".
func sortClauses(_ clauses: [String]) -> [String] {
  func key(_ c: String) -> [Int] { c.split(separator: ".").map { Int($0) ?? 0 } }
  return Array(Set(clauses)).sorted { key($0).lexicographicallyPrecedes(key($1)) }
}
