import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// Builds the typed model from a tree already checked by `SpecValidator`. Values of the wrong shape were reported
/// there and are skipped here.
struct ModelBuilder {
  let file: String

  init(file: String) { self.file = file }

  func r(_ node: YAMLTree) -> SourceRange { node.range(file: file) }
  func text(_ node: YAMLTree?, _ key: String) -> String? { node?[key]?.scalarText }
  func located(_ node: YAMLTree?, _ key: String) -> Located<String>? {
    guard let n = node?[key], let s = n.scalarText, !n.isNull else { return nil }
    return Located(s, at: r(n))
  }
  func list(_ node: YAMLTree?, _ key: String) -> [YAMLTree] {
    if case .sequence(let items, _, _)? = node?[key] { return items }
    return []
  }
  func names(_ node: YAMLTree?, _ key: String) -> [Located<String>] {
    guard let n = node?[key] else { return [] }
    if case .sequence(let items, _, _) = n { return items.compactMap { i in i.scalarText.map { Located($0, at: r(i)) } } }
    if let s = n.scalarText, !n.isNull { return [Located(s, at: r(n))] }
    return []
  }
  func clause(_ node: YAMLTree?) -> ClauseReference? {
    guard let n = node?["clause"], let s = n.scalarText else { return nil }
    var c = ClauseReference(s, at: r(n))
    c.held = held(node)
    return c
  }
  func held(_ node: YAMLTree?) -> TextHolding? { text(node, "held").flatMap(TextHolding.init(rawValue:)) }
  func validity(_ node: YAMLTree?) -> Validity { Validity(since: located(node, "since"), until: located(node, "repealed_by")) }
  func overlap(_ node: YAMLTree?) -> Located<OverlapChoice>? {
    guard let n = node?["overlap"], let s = n.scalarText, let v = OverlapChoice(rawValue: s) else { return nil }
    return Located(v, at: r(n))
  }
  func assumption(_ node: YAMLTree?) -> Assumption? {
    guard let n = node?["assumption"], let s = n.scalarText else { return nil }
    return Assumption(text: s, at: r(n))
  }
  func bool(_ node: YAMLTree?, _ key: String) -> Bool { text(node, key) == "true" }
  func idRange(_ node: YAMLTree) -> SourceRange { node["id"].map(r) ?? r(node) }

  func build(_ root: YAMLTree) -> Regulation {
    var reg = Regulation(file: file, range: r(root))
    reg.version = Int(text(root, "reglament") ?? "1") ?? 1
    if let actNode = root["act"] { reg.act = act(actNode) }
    if let wt = root["working_time"] { reg.workingTime = workingTime(wt) }
    reg.roles = list(root, "roles").map { n in
      var role = Role(id: text(n, "id") ?? "", name: text(n, "name") ?? "", clause: clause(n),
        duties: list(n, "duties").compactMap(\.scalarText), substitutes: text(n, "substitutes"),
        outside: bool(n, "outside_organisation"), schedule: nil, range: idRange(n))
      role.actor = text(n, "actor").flatMap(Actor.init(rawValue:)) ?? .person
      role.quote = text(n, "quote")
      role.assumption = assumption(n)
      return role
    }
    reg.kinds = list(root, "kinds").map { n in
      var k = MessageKind(id: text(n, "id") ?? "", name: text(n, "name") ?? "", clause: clause(n), range: idRange(n))
      k.assumption = assumption(n)
      return k
    }
    reg.channels = list(root, "channels").map { n in
      var c = Channel(id: text(n, "id") ?? "", name: text(n, "name") ?? "", visibility: text(n, "visibility"), clause: clause(n),
        range: idRange(n))
      c.assumption = assumption(n)
      return c
    }
    reg.categories = list(root, "categories").map { n in
      var c = Category(id: text(n, "id") ?? "", name: text(n, "name") ?? "", aliases: names(n, "aliases"),
        overlay: bool(n, "overlay"), appliesTo: names(n, "applies_to"), definition: text(n, "definition"),
        clause: clause(n), range: idRange(n))
      c.group = text(n, "group")
      c.assumption = assumption(n)
      return c
    }
    reg.situations = list(root, "situations").map { n in
      var s = Situation(id: text(n, "id") ?? "", name: text(n, "name") ?? "", clause: clause(n), range: idRange(n))
      s.assumption = assumption(n)
      return s
    }
    reg.exclusions = list(root, "exclusions").map { n in
      var e = Exclusion(id: text(n, "id") ?? "", name: text(n, "name") ?? "", grounds: list(n, "grounds").compactMap(\.scalarText),
        consequence: located(n, "consequence"), step: located(n, "step"), clause: clause(n), range: idRange(n))
      e.permissive = text(n, "modality") == "may"
      e.assumption = assumption(n)
      e.validity = validity(n)
      return e
    }
    reg.steps = list(root, "steps").map(step)
    reg.limits = list(root, "limits").map { n in
      var l = Limit(id: text(n, "id") ?? "", name: text(n, "name") ?? "", until: located(n, "until") ?? Located("", at: r(n)),
        deadline: deadline(n["deadline"], owner: n) ?? .rules([]), clause: clause(n), quote: text(n, "quote"),
        range: r(n), idRange: idRange(n))
      l.assumption = assumption(n)
      l.overlap = overlap(n)
      l.validity = validity(n)
      return l
    }
    reg.duties = list(root, "duties").map { n in
      var d = Duty(id: text(n, "id") ?? "", name: text(n, "name") ?? "", role: located(n, "role"), recipient: located(n, "to"),
        every: text(n, "every"), condition: condition(n["when"]), deadline: deadline(n["deadline"], owner: n),
        clause: clause(n), range: idRange(n))
      d.quote = text(n, "quote")
      d.assumption = assumption(n)
      return d
    }
    reg.obligations = list(root, "obligations").map { n in
      Obligation(id: text(n, "id") ?? "", name: text(n, "name") ?? "", kind: text(n, "kind") ?? "other",
        role: located(n, "role"), with: names(n, "with"), every: text(n, "every"), deadline: deadline(n["deadline"], owner: n),
        clause: clause(n), quote: text(n, "quote"), assumption: assumption(n), validity: validity(n), range: idRange(n))
    }
    reg.answerRequirements = list(root, "answer_requirements").map { n in
      AnswerRequirement(id: text(n, "id") ?? "", name: text(n, "name") ?? "", attribute: text(n, "attribute") ?? "",
        values: list(n, "values").compactMap(\.scalarText), condition: condition(n["when"]), clause: clause(n),
        quote: text(n, "quote"), assumption: assumption(n), validity: validity(n), range: idRange(n))
    }
    reg.relatedActs = list(root, "related_acts").map(relatedAct)
    if let g = root["regime"] {
      let law = g["law_59fz"].map { l in
        Law59Statement(applies: bool(l, "applies"), clause: clause(l), quote: text(l, "quote"), assumption: assumption(l),
          range: r(l))
      }
      let scope = list(g, "scope").map { f in
        ScopeFilter(id: text(f, "id") ?? "", name: text(f, "name") ?? "", categories: names(f, "categories"),
          clause: clause(f), quote: text(f, "quote"), assumption: assumption(f), range: idRange(f))
      }
      reg.regime = Regime(law59: law, scope: scope, range: r(g))
    }
    if let rm = root["repeat_messages"] {
      reg.repeatMessages = RepeatRule(steps: names(rm, "steps"), requirement: text(rm, "requirement"), clause: clause(rm),
        range: r(rm))
    }
    reg.acknowledgements = list(root, "acknowledged").map { n in
      Acknowledgement(finding: text(n, "finding") ?? "", subject: text(n, "subject"),
        clauses: list(n, "clauses").compactMap(\.scalarText), justification: text(n, "justification") ?? "", range: r(n))
    }
    reg.tests = tests(root)
    return reg
  }

  /// The `tests:` of a regulation or of a `*.test.yaml` file beside it.
  func tests(_ root: YAMLTree) -> [EmbeddedTest] {
    list(root, "tests").map { n in
      var test = EmbeddedTest(name: text(n, "name") ?? "", detected: located(n, "detected") ?? Located("", at: r(n)),
        categories: names(n, "category"), kind: located(n, "kind"), events: pairs(n["events"]), expected: pairs(n["expect"]),
        range: r(n))
      test.audit = pairs(n["audit"])
      return test
    }
  }

  func pairs(_ node: YAMLTree?) -> [(step: Located<String>, time: Located<String>)] {
    guard case .mapping(let items, _, _)? = node else { return [] }
    return items.compactMap { k, v in
      guard let key = k.scalarText, let value = v.scalarText else { return nil }
      return (Located(key, at: r(k)), Located(value, at: r(v)))
    }
  }

  func act(_ n: YAMLTree) -> Act {
    var a = Act(range: r(n))
    a.id = text(n, "id") ?? ""
    a.title = text(n, "title") ?? ""
    a.body = text(n, "body") ?? ""
    a.kind = text(n, "kind") ?? ""
    a.number = text(n, "number")
    a.date = text(n, "date")
    a.status = text(n, "status") ?? "adopted"
    a.jurisdiction = text(n, "jurisdiction") ?? "municipal"
    a.region = text(n, "region")
    a.municipality = text(n, "municipality")
    a.effectiveFrom = text(n, "effective_from")
    a.effectiveUntil = text(n, "effective_until")
    a.source = text(n, "source")
    a.replaces = list(n, "replaces").map(relatedAct)
    a.implements = list(n, "implements").map(relatedAct)
    a.assumption = assumption(n)
    if let t = n["text"] {
      a.text = Provenance(held: text(t, "held").flatMap(TextHolding.init(rawValue:)) ?? .verbatim,
        missing: list(t, "missing").compactMap(\.scalarText), source: text(t, "source"), obtain: text(t, "obtain"), range: r(t))
    }
    a.annexes = list(n, "annexes").map { x in
      var annex = Annex(id: text(x, "id") ?? "", title: text(x, "title") ?? "", range: idRange(x))
      annex.number = text(x, "number")
      annex.kind = text(x, "kind")
      annex.published = text(x, "published")
      annex.file = text(x, "file")
      annex.held = held(x)
      annex.source = text(x, "source")
      annex.clause = clause(x)
      annex.assumption = assumption(x)
      return annex
    }
    a.editions = list(n, "editions").compactMap { x in
      guard let date = text(x, "effective_from").flatMap({ CivilDate(iso: $0) }) else { return nil }
      return Edition(id: text(x, "id") ?? "", amendedBy: x["amended_by"].map(relatedAct), effectiveFrom: date,
        summary: text(x, "summary"), clause: clause(x), assumption: assumption(x), range: idRange(x))
    }.sorted { $0.effectiveFrom < $1.effectiveFrom }
    return a
  }

  func relatedAct(_ x: YAMLTree) -> RelatedAct {
    var a = RelatedAct(title: text(x, "title") ?? "", body: text(x, "body"), number: text(x, "number"), date: text(x, "date"),
      clause: clause(x), range: r(x))
    a.id = text(x, "id")
    a.relation = text(x, "relation")
    a.file = text(x, "file")
    a.held = held(x)
    a.source = text(x, "source")
    a.assumption = assumption(x)
    return a
  }

  func schedule(_ n: YAMLTree?, name: String) -> WorkingSchedule? {
    guard case .mapping(let hours, _, _)? = n?["hours"] else { return nil }
    var perDay: [Int: ClockRange] = [:]
    for (k, v) in hours {
      guard let key = k.scalarText, let range = v.scalarText.flatMap({ ClockRange(text: $0) }),
        let days = RegulationParser.weekdays(key)
      else { continue }
      for d in days { perDay[d] = range }
    }
    let breaks = list(n, "breaks").compactMap { $0.scalarText.flatMap { ClockRange(text: $0) } }
    // Out-of-range values were reported by the validator; the model keeps a value that cannot overflow.
    let shortening = min(max(Int(text(n, "pre_holiday_shortening_minutes") ?? "60") ?? 60, 0), 24 * 60)
    return WorkingSchedule(name: name, hours: perDay, breaks: breaks, preHolidayShortening: shortening * 60)
  }

  func workingTime(_ n: YAMLTree) -> WorkingTimeSpec {
    let tz = located(n, "time_zone") ?? Located("", at: r(n))
    let main = schedule(n["schedule"], name: "служебное время") ?? .standard
    var roleSchedules: [String: WorkingSchedule] = [:]
    for rs in list(n, "role_schedules") {
      if let role = text(rs, "role"), let s = schedule(rs, name: "график роли \(role)") { roleSchedules[role] = s }
    }
    var additions: [CalendarAddition] = []
    for (key, kind) in [("days_off", DayKind.holiday), ("working_days", DayKind.workingWeekend)] {
      for d in list(n["calendar"], key) {
        guard let date = text(d, "date").flatMap({ CivilDate(iso: $0) }) else { continue }
        let resolved: DayKind = kind == .holiday ? .holiday : (date.weekday >= 6 ? .workingWeekend : .working)
        additions.append(CalendarAddition(date: date, kind: resolved, note: text(d, "note") ?? "", range: r(d)))
      }
    }
    let roleScheduleRoles = list(n, "role_schedules").compactMap { located($0, "role") }
    return WorkingTimeSpec(timeZone: tz, schedule: main, roleSchedules: roleSchedules, roleScheduleRoles: roleScheduleRoles,
      calendarAdditions: additions,
      clause: clause(n), assumption: assumption(n), range: r(n))
  }

  func condition(_ n: YAMLTree?) -> Condition {
    var c = Condition(range: n.map(r))
    c.categories = names(n, "category")
    c.kinds = names(n, "kind")
    c.channels = names(n, "channel")
    c.situations = names(n, "situation")
    c.allOf = list(n, "all_of").map { g in
      if case .sequence(let items, _, _) = g { return items.compactMap { i in i.scalarText.map { Located($0, at: r(i)) } } }
      return g.scalarText.map { [Located($0, at: r(g))] } ?? []
    }
    return c
  }

  func rule(_ n: YAMLTree, owner: YAMLTree) -> DeadlineRule? {
    guard let clockText = text(n, "clock"), let clock = DeadlineClock(rawValue: clockText) else { return nil }
    let amount = text(n, "amount").flatMap(RegulationParser.amount) ?? 0
    // The owner's clause is the rule's when it states none; the owner's assumption is not: a step's assumption is about
    // the step (who does it), never the reading of its deadline's clock.
    var rule = DeadlineRule(period: Period(clock: clock, amount: amount),
      amountRange: n["amount"].map(r) ?? r(n), clockRange: n["clock"].map(r) ?? r(n),
      anchors: names(n, "from").map { Located(Anchor($0.value), at: $0.range) },
      before: located(n, "before"), notLaterThan: located(n, "not_later_than"), each: bool(n, "each"),
      condition: condition(n["when"]), clause: clause(n) ?? clause(owner), assumption: ruleAssumption(n, owner: owner),
      quote: text(n, "quote"), range: r(n))
    rule.validity = validity(n)
    rule.held = held(n) ?? held(owner)
    return rule
  }

  /// A deadline's assumption: text, or (v1.1) `{id, text, rejected: [{id, text, amount?, clock?, from?, before?,
  /// not_later_than?}]}`. Each rejected reading's rule is the chosen rule with the keys it names replaced, built by
  /// the same code from a mapping that keeps the chosen rule's position, so findings under either reading point at
  /// the same place.
  func ruleAssumption(_ n: YAMLTree, owner: YAMLTree) -> Assumption? {
    guard let a = n["assumption"] else { return nil }
    if let s = a.scalarText { return Assumption(text: s, at: r(a)) }
    guard case .mapping = a else { return nil }
    var assumption = Assumption(text: text(a, "text") ?? "", at: r(a))
    assumption.id = located(a, "id")
    let overridable: Set<String> = ["amount", "clock", "from", "before", "not_later_than"]
    guard case .mapping(let pairs, let line, let column) = n else { return assumption }
    assumption.rejected = list(a, "rejected").compactMap { alt in
      guard let id = located(alt, "id"), case .mapping(let altPairs, _, _) = alt else { return nil }
      let overrides = altPairs.filter { $0.key.scalarText.map(overridable.contains) ?? false }
      let replaced = Set(overrides.compactMap { $0.key.scalarText })
      // «за 4 часа до» read as counted forward: `from` replaces `before`, and the other way round.
      let dropped = replaced.contains("from") ? replaced.union(["before"])
        : replaced.contains("before") ? replaced.union(["from"]) : replaced
      let kept = pairs.filter { p in
        guard let k = p.key.scalarText else { return true }
        return k != "assumption" && !dropped.contains(k)
      }
      let merged = YAMLTree.mapping(kept + overrides, line: line, column: column)
      var alternative = rule(merged, owner: owner)
      alternative?.assumption = Assumption(text: text(alt, "text") ?? "", at: r(alt))
      return RejectedReading(id: id, text: text(alt, "text") ?? "", range: r(alt), rule: alternative)
    }
    return assumption
  }

  func deadline(_ n: YAMLTree?, owner: YAMLTree) -> StepDeadline? {
    guard let n else { return nil }
    switch n {
    case .sequence(let items, _, _): return .rules(items.compactMap { rule($0, owner: owner) })
    case .mapping:
      if let reason = text(n, "none") { return .none(reason: reason, range: r(n)) }
      return .rules([rule(n, owner: owner)].compactMap { $0 })
    default: return nil
    }
  }

  func step(_ n: YAMLTree) -> Step {
    let co = n["co_executors"].map { c in
      CoExecution(order: text(c, "order") ?? "parallel", orderSetBy: located(c, "order_set_by"),
        commonAnswerBy: text(c, "common_answer_by"), range: r(c))
    }
    var s = Step(id: text(n, "id") ?? "", name: text(n, "name") ?? text(n, "id") ?? "", action: text(n, "action"),
      role: located(n, "role"), condition: condition(n["when"]), deadline: deadline(n["deadline"], owner: n),
      outcomes: list(n, "outcomes").map { o in
        var outcome = Outcome(on: text(o, "if") ?? "done", to: located(o, "to"), clause: clause(o), range: r(o))
        outcome.assumption = assumption(o)
        return outcome
      },
      coExecution: co, clause: clause(n), quote: text(n, "quote"), range: r(n), idRange: idRange(n))
    s.assumption = assumption(n)
    s.overlap = overlap(n)
    s.validity = validity(n)
    return s
  }
}
