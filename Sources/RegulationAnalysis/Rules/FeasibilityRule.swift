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
    /// What each step of the path gets at worst (gathered for paths without repeats).
    var times: StepTimes? = nil
  }

  /// One overall deadline under one rule and one set of categories, with what the search found for it.
  struct Case: Sendable {
    var limit: CompiledLimit
    var rule: DeadlineRule
    var categories: [String]
    /// « («обычные»)» or empty.
    var label: String
    var computed: Computed

    /// The search stopped (budget, paths, calendar) before proving a fit: nothing but "unknown" may be said.
    var unknown: Bool {
      (computed.worst[""]?[0]?.slack ?? 0) >= 0 && (!computed.complete || computed.exhausted || computed.outside)
    }
  }

  /// Every case of the regulation, searched once per analysis context (shared with the rules that read it).
  static func cases(_ context: AnalysisContext) -> [Case] {
    context.feasibility.cases {
      let rule = FeasibilityRule()
      let explorer = PathExplorer(context: context)
      let search = DetectionSearch(contexts: context.compiled.contexts)
      let compiled = context.compiled
      var out: [Case] = []
      // Categories whose plans select the same rules share one search.
      var memo: [PlanSignature: Computed] = [:]
      for limit in compiled.limits {
        guard case .rules(let rules) = limit.deadline else { continue }
        for r in rules {
          for categories in context.incidentCategories(for: r.source.condition) {
            guard let plan = context.plan(categories: categories),
              plan.rule(ofLimit: limit.index)?.source.range == r.source.range
            else { continue }
            let key = PlanSignature(plan, limit: limit.index, compiled)
            let memoised = memo[key]
            guard let computed = memoised ?? rule.compute(limit, plan: plan, explorer: explorer, search: search, context)
            else { continue }
            if memoised == nil { memo[key] = computed }
            out.append(Case(limit: limit, rule: r.source, categories: categories,
              label: context.categoryLabel(categories), computed: computed))
          }
        }
      }
      return out
    }
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for c in Self.cases(context) {
      let (limit, rule, label, computed) = (c.limit, c.rule, c.label, c.computed)
      let (paths, complete, exhausted, outside) = (computed.paths, computed.complete, computed.exhausted,
        computed.outside)
      // Never "fits" from a partial search: say where it stopped and how to go further.
      if c.unknown {
        out.append(unknown(limit.source, rule, paths: paths.count, complete: complete,
          outsideCalendar: outside && complete && !exhausted, categories: label, context))
        continue
      }
      // How many rounds, returns and co-executors fit is `rework-limit` (ReworkLimitRule), from the same search.
      guard let zero = computed.worst[""]?[0], zero.slack < 0 else { continue }
      let clauses = clausesOf(limit: limit.source, rule: rule, path: zero.path, context)
      out.append(infeasible(limit.source, rule, zero, categories: label, clauses: clauses, context))
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
    /// Two loops taken once each ("a; b"), searched only when each fits once on its own: the worst found (an overrun
    /// stops the search of that path). Loops whose combination the search could not settle are left out.
    var combined: [String: Worst] = [:]
    /// Sequential co-executors whose order a role sets and whose number the act does not cap: how many fit.
    var coExecutors: [CoExecutorCount] = []
  }

  /// How many sequential co-executors still fit on the tightest path through their step: with the path without repeats
  /// already over the limit, counted against the steps' own deadlines only (`againstSteps`).
  struct CoExecutorCount: Sendable {
    var step: Int
    /// Position of the co-executors' step on `path`.
    var position: Int
    var path: PathExplorer.Path
    var fit: Int
    /// The largest number tried fits: at least `fit` fit.
    var capped: Bool
    /// With one more, what the search found (an overrun); `nil` when capped or unknown.
    var over: Worst?
    var againstSteps: Bool
    /// With `fit + 1` the search could not settle it (budget or calendar).
    var unknown: Bool
  }

  /// At most this many sequential co-executors are tried.
  static let maxCoExecutors = 40

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
      // The paths of a level are searched together (see `PathExplorer.exact`); those without repeats also gather
      // what each step gets (`step-squeezed`), in the same pass.
      let results = explorer.exact(level, plan: plan, limit: limit.index, search: search,
        stopAtFirstFailure: rounds > 0, budget: perPath, first: rounds > 0 ? hot : [], cache: cache,
        stepTimes: rounds == 0)
      let found = zip(level, results).map { path, found -> Worst? in
        let (r, tl, times) = found
        guard let w = r.worst, let tl else { return r.exhausted || r.outsideCalendar ? Worst(slack: Int.max,
          path: path, timeline: .init(detected: LocalTimestamp(seconds: 0), ends: []), search: r) : nil }
        return Worst(slack: w.slack, path: path, timeline: tl, search: r, times: times)
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
    var computed = Computed(paths: paths, complete: complete, exhausted: exhausted, outside: outside,
      unknownRounds: unknownRounds, worst: worst, straight: straight)
    if complete, !exhausted, !outside, let plain = worst[""]?[0]?.slack {
      let hot = Array(Set(straight.map { $0.timeline.detected.seconds / 86_400 })).sorted()
      if plain >= 0 {
        computed.combined = combinedLoops(limit, plan: plan, explorer: explorer, search: search, worst: worst,
          unknownRounds: unknownRounds, hot: hot, budget: perPath, context)
      }
      computed.coExecutors = coExecutorCounts(limit, plan: plan, explorer: explorer, search: search,
        straight: straight, againstSteps: plain < 0, hot: hot, budget: perPath, context)
    }
    return computed
  }

  /// The paths that take two loops once each, when each loop fits once on its own, searched for the first overrun.
  func combinedLoops(
    _ limit: CompiledLimit, plan: EvaluationPlan, explorer: PathExplorer, search: DetectionSearch,
    worst: [String: [Int: Worst]], unknownRounds: [String: Set<Int>], hot: [Int], budget: Int, _ context: AnalysisContext
  ) -> [String: Worst] {
    let fitsOnce = Set(worst.filter { loop, byRounds in
      !loop.isEmpty && (byRounds[1]?.slack ?? -1) >= 0 && !(unknownRounds[loop]?.contains(1) ?? false)
    }.keys)
    guard fitsOnce.count >= 2 else { return [:] }
    let (combos, all) = explorer.enumerate(to: limit.until, maxRepeats: Self.maxRepeats, plan: plan,
      limit: context.budget.paths, combined: true)
    let usable = combos.filter { $0.loop.components(separatedBy: "; ").allSatisfy(fitsOnce.contains) }
    guard all, !usable.isEmpty else { return [:] }
    var out: [String: Worst] = [:]
    var unsettled = Set<String>()
    for (path, found) in zip(usable, explorer.exact(usable, plan: plan, limit: limit.index, search: search,
      stopAtFirstFailure: true, budget: budget, first: hot)) {
      let r = found.result
      guard let w = r.worst, let tl = found.timeline else { continue }
      if w.slack >= 0, r.exhausted || r.outsideCalendar { unsettled.insert(path.loop) }
      if out[path.loop].map({ w.slack < $0.slack }) ?? true {
        out[path.loop] = Worst(slack: w.slack, path: path, timeline: tl, search: r)
      }
    }
    return out.filter { !unsettled.contains($0.key) || $0.value.slack < 0 }
  }

  /// For each step of sequential co-executors (order set by a role, a period for each), how many fit on the tightest
  /// path through it. The first guess comes from what the step after them gets with one (each more takes one more
  /// period); the exact search then checks the guess and one more, and moves from there.
  func coExecutorCounts(
    _ limit: CompiledLimit, plan: EvaluationPlan, explorer: PathExplorer, search: DetectionSearch, straight: [Worst],
    againstSteps: Bool, hot: [Int], budget: Int, _ context: AnalysisContext
  ) -> [CoExecutorCount] {
    let compiled = context.compiled
    var out: [CoExecutorCount] = []
    var done = Set<Int>()
    for w in straight.sorted(by: { $0.slack < $1.slack }) {
      for (d, s) in w.path.steps.enumerated() where !done.contains(s) {
        guard case .sequential(let setBy)? = compiled.steps[s].coExecution, setBy != nil,
          let rule = plan.rule(ofStep: s), rule.each
        else { continue }
        done.insert(s)
        // What the step after the co-executors gets with one of them (and the spare time of the path, unless it
        // already fails), on the clock of the co-executors' period: each more co-executor takes about one period of it.
        let working = [.workingMinutes, .workingHours, .workingDays].contains(rule.period.clock)
        var room = againstSteps ? Int.max : w.slack
        if let times = w.times, d + 1 < w.path.steps.count, times.measured[d + 1] {
          let least = working ? times.working[d + 1] : times.calendar[d + 1]
          if least.at != nil { room = min(room, least.seconds) }
        }
        let period = rule.period.seconds
        func path(_ k: Int) -> PathExplorer.Path {
          let steps = Array(w.path.steps[..<d]) + Array(repeating: s, count: k) + Array(w.path.steps[(d + 1)...])
          return PathExplorer.Path(steps: steps, repeats: k - 1, loop: "")
        }
        var results: [Int: (fits: Bool?, worst: Worst?)] = [:]
        func fits(_ k: Int) -> Bool? {
          if let known = results[k] { return known.fits }
          let p = path(k)
          let found = explorer.exact([p], plan: plan, limit: limit.index, search: search, stopAtFirstFailure: true,
            budget: budget, first: hot, ignoreLimit: againstSteps)[0]
          let r = found.result
          let worst = r.worst.flatMap { wr in found.timeline.map { Worst(slack: wr.slack, path: p, timeline: $0, search: r) } }
          let verdict: Bool? = (r.worst?.slack ?? 0) < 0 ? false : (r.exhausted || r.outsideCalendar ? nil : true)
          results[k] = (verdict, worst)
          return verdict
        }
        // Calendar periods, and the step after the co-executors counted from something they do not move (nor does the
        // overall deadline): with k co-executors that step gets exactly k − 1 periods less at every detection instant
        // and nothing else changes, so the count follows from what it got with one, in the same search, exactly.
        if let exact = closedFormCount(s, at: d, on: w, rule: rule, limit: limit, plan: plan, explorer: explorer,
          againstSteps: againstSteps) {
          out.append(exact)
          continue
        }
        let guess = period > 0 && room < Int.max ? 1 + max(0, room) / period : 1
        // Galloping from the guess: `fit` is known to fit, `fail` known not to; each more co-executor takes more time.
        var fit = 0
        var fail: Int?
        var unknown = false
        var k = min(max(1, guess), Self.maxCoExecutors)
        while fail.map({ $0 > fit + 1 }) ?? (fit < Self.maxCoExecutors) {
          guard let f = fits(k) else {
            unknown = true
            break
          }
          if f { fit = k } else { fail = k }
          if let fail { k = (fit + fail) / 2 == fit ? fit + 1 : (fit + fail) / 2 } else {
            k = min(fit == guess ? fit + 1 : fit * 2, Self.maxCoExecutors)
          }
          if fail.map({ $0 <= fit + 1 }) ?? false { break }
        }
        // Settled only up to `fit`: an unknown beyond it is said as such.
        if unknown, fail.map({ $0 == fit + 1 }) ?? false { unknown = false }
        let capped = fit >= Self.maxCoExecutors
        out.append(CoExecutorCount(step: s, position: d, path: w.path, fit: fit, capped: capped,
          over: capped || unknown ? nil : results[fit + 1]?.worst, againstSteps: againstSteps, unknown: unknown))
      }
    }
    return out
  }

  /// The count of sequential co-executors without a further search, when it is exact (see `coExecutorCounts`); `nil`
  /// when the shape does not allow it.
  func closedFormCount(
    _ s: Int, at d: Int, on w: Worst, rule: CompiledRule, limit: CompiledLimit, plan: EvaluationPlan,
    explorer: PathExplorer, againstSteps: Bool
  ) -> CoExecutorCount? {
    guard rule.period.clock == .calendarMinutes || rule.period.clock == .calendarHours, rule.period.seconds > 0,
      let times = w.times, d + 1 < w.path.steps.count, times.measured[d + 1]
    else { return nil }
    func unmoved(_ r: CompiledRule?) -> Bool {
      guard let r, !r.anchors.contains(.step(s)), r.notLaterThan == nil else { return false }
      switch r.before {
      case nil: return true
      case .limit(let l)?: return unmoved(plan.rule(ofLimit: l).flatMap { $0.before == nil ? $0 : nil })
      case .step?: return false
      }
    }
    guard unmoved(plan.rule(ofStep: w.path.steps[d + 1])), unmoved(plan.rule(ofLimit: limit.index)) else { return nil }
    // Every measured step was measured (none waits for a step without a bound), and with one co-executor the path
    // fits (against the limit, or against the steps' own deadlines when the limit already fails).
    let measured = w.path.steps.indices.filter { times.measured[$0] }
    guard measured.allSatisfy({ times.calendar[$0].at != nil }) else { return nil }
    let oneFits = againstSteps ? measured.allSatisfy { times.calendar[$0].seconds >= 0 } : w.slack >= 0
    guard oneFits, let at = times.calendar[d + 1].at else { return nil }
    let fit = min(1 + times.calendar[d + 1].seconds / rule.period.seconds, Self.maxCoExecutors)
    let capped = fit >= Self.maxCoExecutors
    var over: Worst?
    if !capped {
      // The counterexample: one more co-executor at the instant the step after them got least.
      let steps = Array(w.path.steps[..<d]) + Array(repeating: s, count: fit + 1) + Array(w.path.steps[(d + 1)...])
      let path = PathExplorer.Path(steps: steps, repeats: fit, loop: "")
      var run = CaseRun(plan, detected: at)
      let tl = explorer.timeline(path, plan: plan, limit: limit.index, detected: at, run: &run)
      guard let slack = tl.internalSlack, slack < 0 else { return nil }
      over = Worst(slack: slack, path: path, timeline: tl, search: DetectionSearch.Result())
    }
    return CoExecutorCount(step: s, position: d, path: w.path, fit: fit, capped: capped, over: over,
      againstSteps: againstSteps, unknown: false)
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
  // Equal numeric keys ("3а" and "3б" both read as 3) are ordered by their text, so the order never depends on the Set.
  return Array(Set(clauses)).sorted { key($0) == key($1) ? $0 < $1 : key($0).lexicographicallyPrecedes(key($1)) }
}
