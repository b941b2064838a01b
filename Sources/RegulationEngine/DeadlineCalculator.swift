import RegulationModel
import WorkingTime

/// Computes every deadline of one incident under a regulation: each step and overall limit that applies to the
/// incident's categories, kind and situations, chained through anchors. A step anchored on an earlier step uses that
/// step's recorded time, or else assumes it ends at its own deadline.
public struct DeadlineCalculator: Sendable {
  public let regulation: Regulation
  public let clocks: RegulationClocks
  let matcher: ConditionMatcher

  /// The organisation's time context (time zone, calendar, schedule).
  public var time: TimeContext { clocks.main }

  /// `additions`: the user's own calendar facts laid over the regulation's calendar.
  public init?(regulation: Regulation, additions: [(CivilDate, CalendarEntry)] = []) {
    guard let clocks = regulation.clocks(additions: additions) else { return nil }
    self.init(regulation: regulation, clocks: clocks)
  }

  public init(regulation: Regulation, clocks: RegulationClocks) {
    self.regulation = regulation
    self.clocks = clocks
    self.matcher = ConditionMatcher(regulation)
  }

  /// The category used when none is given: the first base (non-overlay) category.
  public var defaultCategory: Category? { regulation.categories.first { !$0.overlay } }

  /// Fills in a default category and validates names. Throws on an unknown category, kind or event step.
  public func normalized(_ incident: Incident) throws -> Incident {
    var inc = incident
    if inc.categories.isEmpty, let c = defaultCategory { inc.categories = [c.id] }
    for name in inc.categories where regulation.category(named: name) == nil && !regulation.categories.isEmpty {
      let known = regulation.categories.map { "\($0.id) («\($0.name)»)" }.joined(separator: ", ")
      throw EngineError(en: "unknown category `\(name)`; known: \(known)", ru: "неизвестная категория «\(name)»; есть: \(known)")
    }
    if let k = inc.kind, regulation.kind(named: k) == nil, !regulation.kinds.isEmpty {
      let known = regulation.kinds.map(\.id).joined(separator: ", ")
      throw EngineError(en: "unknown kind `\(k)`; known: \(known)", ru: "неизвестный вид сообщения «\(k)»; есть: \(known)")
    }
    inc.categories = inc.categories.map { regulation.category(named: $0)?.id ?? $0 }
    // An overlay category («повышенной важности») is laid over a base one: given alone, it lies over the first base
    // category it applies to.
    let given = inc.categories.compactMap { regulation.category(named: $0) }
    if !given.isEmpty, given.allSatisfy(\.overlay),
      let base = given.first?.appliesTo.first.flatMap({ regulation.category(named: $0.value) }) ?? defaultCategory
    {
      inc.categories.insert(base.id, at: 0)
    }
    for (step, _) in inc.events where step != "posted" && regulation.step(step) == nil {
      let known = regulation.steps.map(\.id).joined(separator: ", ")
      throw EngineError(en: "unknown step `\(step)` in --event; steps: \(known)", ru: "неизвестный шаг «\(step)» в --event; шаги: \(known)")
    }
    return inc
  }

  /// Every deadline of the incident, in file order: steps, then limits, then duties.
  public func deadlines(for incident: Incident, explain: Bool = true) throws -> [ComputedDeadline] {
    let inc = try normalized(incident)
    var memo = Memo()
    var out: [ComputedDeadline] = []
    for step in regulation.steps where matcher.matches(step.condition, inc) {
      if let d = try compute(id: step.id, inc, &memo, explain: explain) { out.append(d) }
    }
    for limit in regulation.limits {
      if let d = try compute(id: limit.id, inc, &memo, explain: explain) { out.append(d) }
    }
    for duty in regulation.duties where matcher.matches(duty.condition, inc) {
      guard case .rules(let rules)? = duty.deadline, let rule = matcher.rule(among: rules, for: inc) else { continue }
      out.append(try evaluate(id: duty.id, name: duty.name, entity: "duty", role: duty.role?.value, rule: rule,
        clause: duty.clause?.number, inc, &memo, explain: explain))
    }
    return out
  }

  struct Memo {
    var done: [String: ComputedDeadline?] = [:]
    var visiting: Set<String> = []
  }

  /// The deadline of a step or limit (memoized); `nil` when no rule applies to this incident.
  func compute(id: String, _ inc: Incident, _ memo: inout Memo, explain: Bool) throws -> ComputedDeadline? {
    if let cached = memo.done[id] { return cached }
    guard !memo.visiting.contains(id) else {
      throw EngineError(en: "deadlines of `\(id)` anchor on each other in a cycle", ru: "сроки «\(id)» отсчитываются по кругу")
    }
    memo.visiting.insert(id)
    defer { memo.visiting.remove(id) }
    var result: ComputedDeadline?
    if let step = regulation.step(id) {
      switch step.deadline {
      case .rules(let rules)?:
        if let rule = matcher.rule(among: rules, for: inc) {
          result = try evaluate(id: id, name: step.name, entity: "step", role: step.role?.value, rule: rule,
            clause: rule.clause?.number ?? step.clause?.number, inc, &memo, explain: explain)
        }
      case .none(let reason, _)?:
        result = ComputedDeadline(step: id, name: step.name, entity: "step", clause: step.clause?.number,
          role: step.role?.value, due: nil, period: nil, anchor: nil, remark: "срок не установлен: \(reason)",
          assumption: nil, explanation: explain ? [ExplanationLine("п. \(step.clause?.number ?? "—")", "срок не установлен: \(reason)")] : [])
      case nil:
        result = ComputedDeadline(step: id, name: step.name, entity: "step", clause: step.clause?.number,
          role: step.role?.value, due: nil, period: nil, anchor: nil, remark: "срок в регламенте не указан", assumption: nil,
          explanation: [])
      }
    } else if let limit = regulation.limit(id), case .rules(let rules) = limit.deadline,
      let rule = matcher.rule(among: rules, for: inc)
    {
      let until = regulation.step(limit.until.value)
      result = try evaluate(id: id, name: limit.name, entity: "limit", role: until?.role?.value, rule: rule,
        clause: rule.clause?.number ?? limit.clause?.number, inc, &memo, explain: explain)
    }
    memo.done[id] = .some(result)
    return result
  }

  /// The start instant of an anchor, with its label; `nil` when it cannot be known.
  func anchorTime(_ anchor: Anchor, _ inc: Incident, _ memo: inout Memo, explain: Bool) throws -> (LocalTimestamp?, String) {
    switch anchor {
    case .detected: return (inc.detected, "выявлено")
    case .posted:
      if let t = inc.events["posted"] { return (t, "размещено автором") }
      return (inc.detected, "размещено (= выявлено)")
    case .step(let s):
      if let t = inc.events[s] { return (t, "«\(s)» выполнено (факт)") }
      let d = try compute(id: s, inc, &memo, explain: explain)
      return (d?.due, "«\(s)» по сроку")
    }
  }

  /// Of several anchors, the one with the latest recorded time (a rework after the first draft), if any is recorded.
  func latestRecorded(_ anchors: [Anchor], _ inc: Incident) -> Anchor? {
    anchors.compactMap { a -> (Anchor, LocalTimestamp)? in
      if case .step(let s) = a, let t = inc.events[s] { return (a, t) }
      return nil
    }.max { $0.1 < $1.1 }?.0
  }

  func evaluate(
    id: String, name: String, entity: String, role: String?, rule: DeadlineRule, clause: String?, _ inc: Incident,
    _ memo: inout Memo, explain: Bool
  ) throws -> ComputedDeadline {
    var lines: [ExplanationLine] = []
    // A step counts in its role's working time; an overall limit in the organisation's.
    let time = entity == "limit" ? clocks.main : clocks.context(for: role)
    if time.working.schedule != clocks.main.working.schedule {
      lines.append(ExplanationLine("график роли", "«\(role ?? "")»: \(time.working.schedule.summary)"))
    }
    let clauseLabel = clause.map { "п. \($0)" } ?? "правило"
    var headline = "\(clauseLabel): \(name) — \(rule.period)"
    var due: LocalTimestamp?
    var remark: String?
    let anchorName = (latestRecorded(rule.anchors.map(\.value), inc) ?? rule.anchor?.value)?.name ?? (rule.before == nil ? "detected" : nil)
    do {
      if let before = rule.before {
        let ref = try compute(id: before.value, inc, &memo, explain: explain)
        headline += " до истечения срока «\(before.value)»"
        if let refDue = ref?.due {
          let d = try time.derive(before: refDue, period: rule.period, referenceLabel: "срок «\(before.value)»", explain: explain)
          due = d.due
          lines += d.lines
        } else {
          remark = "срок «\(before.value)» не определён"
        }
      } else {
        let anchor = latestRecorded(rule.anchors.map(\.value), inc) ?? rule.anchor?.value ?? .detected
        headline += " с момента «\(rule.anchors.isEmpty ? "detected" : rule.anchors.map(\.value.name).joined(separator: "» или «"))»"
        let (start, label) = try anchorTime(anchor, inc, &memo, explain: explain)
        if let start {
          let d = try time.derive(from: start, period: rule.period, anchorLabel: label, explain: explain)
          due = d.due
          lines += d.lines
        } else {
          remark = "момент «\(anchor.name)» неизвестен: срок этого шага не установлен; укажите --event \(anchor.name)=…"
          lines.append(ExplanationLine("нет начала", remark!))
        }
      }
      if let cap = rule.notLaterThan, let capDue = try compute(id: cap.value, inc, &memo, explain: explain)?.due {
        if due == nil || capDue < due! {
          lines.append(ExplanationLine("ограничение", "но не позднее срока «\(cap.value)»: \(capDue.russian)"))
          due = capDue
        } else {
          lines.append(ExplanationLine("ограничение", "срок «\(cap.value)» (\(capDue.russian)) не раньше — не влияет"))
        }
      }
    } catch let error as WorkingTimeError {
      throw EngineError(en: "\(id): \(error.description)", ru: "«\(id)»: \(error.russian)")
    }
    if !rule.condition.categories.isEmpty {
      let names = rule.condition.categories.map { regulation.category(named: $0.value)?.name ?? $0.value }
      headline += " (категория «\(names.joined(separator: "», «"))»)"
    }
    if let a = rule.assumption { lines.append(ExplanationLine("допущение", a.text)) }
    return ComputedDeadline(step: id, name: name, entity: entity, clause: clause, role: role, due: due, period: rule.period,
      anchor: anchorName, before: rule.before?.value, notLaterThan: rule.notLaterThan?.value, remark: remark,
      assumption: rule.assumption?.text, explanation: explain ? [ExplanationLine(headline, "")] + lines : [])
  }
}
