import WorkingTime

/// What the audit concluded about one case.
struct CaseVerdict {
  var violations: [Violation] = []
  var explanation: [AuditText]?
  var department = ""
  var executor = ""
  var answeredMinutes: Int?
  var firstReplyMinutes: Int?
  var overdue = false
  var onTime = true
  var detected: LocalTimestamp?
}

/// Replays one closed case through the engine and turns its verdicts into violations: late steps and limits,
/// missing and out-of-order steps, excluded messages answered, rework rounds past the overall deadline, answers never
/// given, events before detection, unknown statuses and categories, a category changed during the case.
struct CaseJudge {
  let engine: AuditEngine
  let map: LogMapResolver
  /// Steps that answer the message: the limits' `until` steps and the steps that end a case.
  let answerSteps: Set<Int>
  private var profiles: [String: (AuditProfile, AuditText?)] = [:]

  init(engine: AuditEngine, map: LogMapResolver) {
    self.engine = engine
    self.map = map
    // The limits say which step answers; an act without overall limits answers by a step that ends the case.
    var answers = Set(engine.limits.map(\.until))
    if answers.isEmpty { for (i, s) in engine.steps.enumerated() where s.ends { answers.insert(i) } }
    self.answerSteps = answers
  }

  struct Texts {
    var statuses: [String]
    var actors: [String]
    var roles: [String]
    var departments: [String]
    var categories: [String]
    var kinds: [String]
  }

  mutating func judge(_ c: OpenCase, meanings: [StatusMeaning], texts: Texts, asOf: LocalTimestamp, explain: Bool)
    -> CaseVerdict
  {
    var v = CaseVerdict()
    let tz = engine.timeZone
    let records = c.records.sorted { ($0.at, $0.position) < ($1.at, $1.position) }
    var order = 0
    func add(_ kind: ViolationKind, step: String?, clause: String?, role: String?, department: String?, actor: String?,
      due: LocalTimestamp? = nil, actual: LocalTimestamp? = nil, late: Int? = nil, lateWorking: Int? = nil,
      position: Int?, _ detail: AuditText)
    {
      v.violations.append(Violation(caseID: c.id, kind: kind, step: step, clause: clause, role: role,
        department: department, actor: actor, due: due, actual: actual, lateBySeconds: late,
        lateByWorkingSeconds: lateWorking, position: position, detail: detail, caseSerial: c.serial, order: order))
      order += 1
    }
    func text(_ list: [String], _ id: Int32) -> String? { id >= 0 ? list[Int(id)] : nil }

    // Anchors, category, steps.
    var detected: LocalTimestamp?, posted: LocalTimestamp?
    var category: Int32 = -1, kind: Int32 = -1
    var excluded: String?
    var events: [ReplayEvent] = []
    var eventRecords: [CaseRecord] = []
    var seenStatus: [Int32: Int] = [:]
    for r in records {
      if r.kind >= 0, kind < 0 { kind = r.kind }
      if r.category >= 0 {
        if category < 0 {
          category = r.category
        } else if r.category != category, map.category(texts.categories[Int(r.category)])
          != map.category(texts.categories[Int(category)])
        {
          let from = texts.categories[Int(category)], to = texts.categories[Int(r.category)]
          add(.categoryChanged, step: nil, clause: nil, role: nil, department: text(texts.departments, r.department),
            actor: text(texts.actors, r.actor), actual: LocalTimestamp(seconds: r.at), position: r.position,
            AuditText(en: "the category changed from «\(from)» to «\(to)»; deadlines follow the category at detection, «\(from)»",
              ru: "категория изменена с «\(from)» на «\(to)»; сроки считаются по категории при выявлении — «\(from)»"))
        }
      }
      switch meanings[Int(r.status)] {
      case .steps(let list):
        let n = seenStatus[r.status, default: 0]
        seenStatus[r.status] = n + 1
        let step = n == 0 ? list[0] : list[list.count - 1]
        events.append(ReplayEvent(step: step, at: LocalTimestamp(seconds: r.at), actor: text(texts.actors, r.actor),
          role: text(texts.roles, r.role), department: text(texts.departments, r.department)))
        eventRecords.append(r)
      case .detected: if detected == nil { detected = LocalTimestamp(seconds: r.at) }
      case .posted: if posted == nil { posted = LocalTimestamp(seconds: r.at) }
      case .excluded(let name): if excluded == nil { excluded = name }
      case .ignored: break
      case .unknown:
        let status = texts.statuses[Int(r.status)]
        add(.unknownStatus, step: status, clause: nil, role: text(texts.roles, r.role),
          department: text(texts.departments, r.department), actor: text(texts.actors, r.actor),
          actual: LocalTimestamp(seconds: r.at), position: r.position,
          AuditText(en: "status «\(status)» is no step of the act and is not in the map",
            ru: "статус «\(status)» — не шаг регламента и не указан в карте (--map)"))
      }
    }
    let lastDepartment = records.last { $0.department >= 0 }.map { texts.departments[Int($0.department)] }
    let lastActor = records.last { $0.actor >= 0 }.map { texts.actors[Int($0.actor)] }
    if detected == nil {
      detected = records.first.map { LocalTimestamp(seconds: $0.at) }
      add(.missing, step: "detected", clause: nil, role: nil, department: lastDepartment, actor: nil,
        position: records.first?.position,
        AuditText(en: "no detection event (`detected`): deadlines count from the case's first event",
          ru: "нет события выявления (`detected`): сроки отсчитаны от первого события дела"))
    }
    let det = detected ?? asOf
    v.detected = det

    // The profile: the category at detection.
    let categoryText = category >= 0 ? texts.categories[Int(category)] : nil
    let kindText = kind >= 0 ? texts.kinds[Int(kind)] : nil
    // Situations (a return, co-executors, an interim answer, an urgent reply) hold when the log shows a step that
    // requires them: a limit for urgent replies does not apply to a case that never shows one.
    let situations = Set(events.flatMap { engine.steps[$0.step].situations })
    let key = (categoryText ?? "") + "\u{1}" + (kindText ?? "") + "\u{1}" + situations.sorted().joined(separator: ",")
    if profiles[key] == nil {
      let cat = categoryText.map { map.category($0) }
      do {
        profiles[key] = (try engine.profile(categories: cat.map { [$0] } ?? [], kind: kindText, situations: situations), nil)
      } catch {
        if let fallback = try? engine.profile(categories: [], kind: nil, situations: situations) {
          profiles[key] = (fallback, AuditText(en: error.en + "; replayed under the default category",
            ru: error.ru + "; дело проверено по категории по умолчанию"))
        }
      }
    }
    guard let (profile, profileProblem) = profiles[key] else { return v }
    if let profileProblem {
      add(.unknownCategory, step: nil, clause: nil, role: nil, department: lastDepartment, actor: nil,
        position: records.first { $0.category >= 0 }?.position, profileProblem)
    }

    let outcome = engine.evaluate(profile, detected: det, posted: posted, events: events)
    let steps = engine.steps

    // Step by step: before detection, late.
    var timeline: [AuditText] = []
    var beforeReported = false
    var occurredAt: [[Int]] = Array(repeating: [], count: steps.count)  // positions in time order
    for (k, verdict) in outcome.events.enumerated() { occurredAt[verdict.step].append(k) }
    for (k, verdict) in outcome.events.enumerated() {
      let e = events[verdict.event], r = eventRecords[verdict.event]
      let info = steps[verdict.step]
      if verdict.beforeDetection, !beforeReported {
        beforeReported = true
        add(.beforeDetection, step: info.id, clause: verdict.clause, role: info.role, department: e.department,
          actor: e.actor, due: det, actual: e.at, position: r.position,
          AuditText(en: "«\(info.id)» recorded at \(tz.iso(e.at)), before the detection at \(tz.iso(det))",
            ru: "«\(info.id)» отмечен \(e.at.russian), раньше выявления \(det.russian)"))
      }
      if verdict.isLate, let due = verdict.due {
        add(.late, step: info.id, clause: verdict.clause, role: info.role, department: e.department, actor: e.actor,
          due: due, actual: e.at, late: verdict.lateBySeconds, lateWorking: verdict.lateByWorkingSeconds,
          position: r.position,
          AuditText(en: "«\(info.id)» (\(ordinal(verdict.occurrence, ru: false))) due \(tz.iso(due)), done \(tz.iso(e.at)): "
            + "late by \(minutes(verdict.lateBySeconds, ru: false)) (\(minutes(verdict.lateByWorkingSeconds, ru: false)) of working time)",
            ru: "«\(info.id)» (\(ordinal(verdict.occurrence, ru: true))) срок \(due.russian), выполнено \(e.at.russian): "
              + "просрочка \(minutes(verdict.lateBySeconds, ru: true)) (рабочего времени \(minutes(verdict.lateByWorkingSeconds, ru: true)))"))
      }
      if explain {
        func line(_ ru: Bool) -> String {
          let dueText = verdict.due.map { ru ? "срок \($0.russian)" : "due \(tz.iso($0))" } ?? (ru ? "срок не установлен" : "no deadline")
          let verdictText: String
          if verdict.due == nil {
            verdictText = "—"
          } else if verdict.isLate {
            verdictText = ru ? "просрочка \(minutes(verdict.lateBySeconds, ru: true))" : "late by \(minutes(verdict.lateBySeconds, ru: false))"
          } else {
            verdictText = ru ? "в срок (запас \(minutes(-verdict.lateBySeconds, ru: true)))" : "on time (\(minutes(-verdict.lateBySeconds, ru: false)) to spare)"
          }
          let clause = verdict.clause.map { ru ? "п. \($0)" : "clause \($0)" } ?? "—"
          return ru
            ? "\(k + 1). строка \(r.position): \(info.id) — «\(info.name)» (\(ordinal(verdict.occurrence, ru: true))) \(e.at.russian); \(clause), \(dueText): \(verdictText)"
            : "\(k + 1). line \(r.position): \(info.id) (\(ordinal(verdict.occurrence, ru: false))) at \(tz.iso(e.at)); \(clause), \(dueText): \(verdictText)"
        }
        timeline.append(AuditText(en: line(false), ru: line(true)))
      }
    }

    // Order: a step needs one of its predecessors recorded before it (entry steps are implied by detection).
    var reportedOrder = Set<Int>()
    let entries = Set(engine.entries)
    for (k, verdict) in outcome.events.enumerated() where !entries.contains(verdict.step) {
      let info = steps[verdict.step]
      let preds = info.predecessors
      guard !preds.isEmpty, !reportedOrder.contains(verdict.step) else { continue }
      let before = preds.contains { p in occurredAt[p].contains { $0 < k } }
      if before || preds.allSatisfy({ entries.contains($0) && occurredAt[$0].isEmpty }) { continue }
      reportedOrder.insert(verdict.step)
      let e = events[verdict.event], r = eventRecords[verdict.event]
      if let later = preds.first(where: { p in occurredAt[p].contains { $0 > k } }) {
        add(.outOfOrder, step: info.id, clause: info.clause, role: info.role, department: e.department, actor: e.actor,
          actual: e.at, position: r.position,
          AuditText(en: "«\(info.id)» recorded before «\(steps[later].id)», which the act puts first",
            ru: "«\(info.id)» отмечен раньше шага «\(steps[later].id)», который по регламенту идёт перед ним"))
      } else {
        let missing = preds.first { steps[$0].situations.isEmpty } ?? preds[0]
        let m = steps[missing]
        add(.missing, step: m.id, clause: m.clause, role: m.role, department: e.department, actor: e.actor,
          actual: nil, position: r.position,
          AuditText(en: "«\(info.id)» recorded without «\(m.id)» («\(m.name)») before it",
            ru: "«\(info.id)» отмечен без предшествующего шага «\(m.id)» («\(m.name)»)"))
      }
    }

    // Overall limits; answers never given.
    let answerIndices = outcome.events.indices.filter { answerSteps.contains(outcome.events[$0].step) }
    let answered = !answerIndices.isEmpty
    var limitDue: LocalTimestamp?
    var limitLate = false
    for lv in outcome.limits {
      let limit = engine.limits[lv.limit]
      let until = steps[limit.until]
      if limitDue == nil { limitDue = lv.due }
      let answerEvent = occurredAt[limit.until].first.map { events[outcome.events[$0].event] }
      let answerRecord = occurredAt[limit.until].first.map { eventRecords[outcome.events[$0].event] }
      if let reached = lv.reachedAt, let due = lv.due, let late = lv.lateBySeconds, late > 0 {
        limitLate = true
        add(.late, step: limit.id, clause: lv.clause, role: until.role, department: answerEvent?.department ?? lastDepartment,
          actor: answerEvent?.actor, due: due, actual: reached, late: late, lateWorking: lv.lateByWorkingSeconds,
          position: answerRecord?.position,
          AuditText(en: "overall deadline «\(limit.id)» \(tz.iso(due)), answered \(tz.iso(reached)): late by \(minutes(late, ru: false))",
            ru: "общий срок «\(limit.id)» — \(due.russian), ответ \(reached.russian): просрочка \(minutes(late, ru: true))"))
      } else if lv.reachedAt == nil, excluded == nil, let due = lv.due, due < asOf {
        add(.neverAnswered, step: limit.id, clause: lv.clause, role: until.role, department: lastDepartment,
          actor: lastActor, due: due, actual: nil, position: records.last?.position,
          AuditText(en: "no «\(until.id)» recorded; the overall deadline «\(limit.id)» passed at \(tz.iso(due))",
            ru: "шаг «\(until.id)» не отмечен; общий срок «\(limit.id)» истёк \(due.russian)"))
      }
      if explain {
        func line(_ ru: Bool) -> String {
          let state = lv.reachedAt.map { r in
            (lv.lateBySeconds ?? 0) > 0
              ? (ru ? "ответ \(r.russian): просрочка \(minutes(lv.lateBySeconds!, ru: true))" : "answered \(tz.iso(r)): late by \(minutes(lv.lateBySeconds!, ru: false))")
              : (ru ? "ответ \(r.russian): в срок" : "answered \(tz.iso(r)): on time")
          } ?? (ru ? "ответа нет" : "no answer")
          let dueText = lv.due.map { ru ? $0.russian : tz.iso($0) } ?? "—"
          return ru ? "общий срок \(limit.id) (п. \(lv.clause ?? "—")): \(dueText); \(state)"
            : "overall deadline \(limit.id) (clause \(lv.clause ?? "—")): \(dueText); \(state)"
        }
        timeline.append(AuditText(en: line(false), ru: line(true)))
      }
    }
    if outcome.limits.isEmpty, !answered, excluded == nil,
      let next = outcome.pending.first(where: { $0.due != nil }), let due = next.due, due < asOf
    {
      let s = steps[next.step]
      add(.neverAnswered, step: s.id, clause: next.clause ?? s.clause, role: s.role, department: lastDepartment,
        actor: lastActor, due: due, actual: nil, position: records.last?.position,
        AuditText(en: "no answer recorded; «\(s.id)» was due \(tz.iso(due))",
          ru: "ответ не отмечен; шаг «\(s.id)» следовало выполнить до \(due.russian)"))
    }

    // Rework rounds that began after the overall deadline had passed.
    if let limitDue {
      for verdict in outcome.events where steps[verdict.step].isRework && verdict.occurrence >= 2 {
        let e = events[verdict.event]
        guard e.at > limitDue else { continue }
        let s = steps[verdict.step]
        add(.reworkBeyondLimit, step: s.id, clause: outcome.limits.first?.clause, role: s.role, department: e.department,
          actor: e.actor, due: limitDue, actual: e.at, late: tz.utc(from: e.at) - tz.utc(from: limitDue),
          position: eventRecords[verdict.event].position,
          AuditText(en: "round \(verdict.occurrence) of «\(s.id)» began at \(tz.iso(e.at)), after the overall deadline \(tz.iso(limitDue))",
            ru: "\(verdict.occurrence)-й круг «\(s.id)» начат \(e.at.russian), после истечения общего срока \(limitDue.russian)"))
        break
      }
    }

    // Excluded messages must not be answered.
    if let excluded, let first = answerIndices.first {
      let verdict = outcome.events[first]
      let e = events[verdict.event]
      let exclusion = engine.regulation.exclusions.first { $0.id == excluded || $0.name == excluded }
      add(.excludedButAnswered, step: steps[verdict.step].id, clause: exclusion?.clause?.number, role: steps[verdict.step].role,
        department: e.department, actor: e.actor, actual: e.at, position: eventRecords[verdict.event].position,
        AuditText(en: "the message was excluded («\(excluded)») but «\(steps[verdict.step].id)» was recorded",
          ru: "сообщение исключено («\(excluded)»), но отмечен шаг «\(steps[verdict.step].id)»"))
    }

    // Timeliness for the ratings.
    if let first = answerIndices.first, let last = answerIndices.last {
      let f = events[outcome.events[first].event], l = events[outcome.events[last].event]
      v.firstReplyMinutes = (tz.utc(from: f.at) - tz.utc(from: det)) / 60
      v.answeredMinutes = (tz.utc(from: l.at) - tz.utc(from: det)) / 60
      v.overdue = limitLate || outcome.events[last].isLate
      v.department = l.department ?? lastDepartment ?? "—"
      v.executor = l.actor ?? lastActor ?? "—"
    } else {
      v.department = lastDepartment ?? "—"
      v.executor = lastActor ?? "—"
    }
    v.onTime = !v.violations.contains { $0.kind == .late || $0.kind == .neverAnswered || $0.kind == .reworkBeyondLimit }

    if explain {
      var lines = [AuditText(
        en: "case \(c.id): category \(profile.categories.isEmpty ? "—" : profile.categories.joined(separator: ", ")), detected \(tz.iso(det))"
          + (excluded.map { ", excluded (\($0))" } ?? ""),
        ru: "дело \(c.id): категория \(profile.categories.isEmpty ? "—" : profile.categories.joined(separator: ", ")), выявлено \(det.russian) (\(tz.offsetText(at: det)))"
          + (excluded.map { ", исключено («\($0)»)" } ?? ""))]
      lines += timeline
      for p in outcome.pending.prefix(3) where !answered {
        let s = steps[p.step]
        lines.append(AuditText(en: "next: \(s.id), due \(p.due.map { tz.iso($0) } ?? "—")",
          ru: "далее: \(s.id), срок \(p.due?.russian ?? "—")"))
      }
      if v.violations.isEmpty {
        lines.append(AuditText(en: "no violations", ru: "нарушений нет"))
      } else {
        for x in v.violations {
          lines.append(AuditText(en: "violation \(x.kind.rawValue): \(x.detail.en)", ru: "нарушение «\(x.kind.title(true))»: \(x.detail.ru)"))
        }
      }
      v.explanation = lines
    }
    return v
  }
}

/// `1-й раз` / `1st time`.
func ordinal(_ n: Int, ru: Bool) -> String {
  if ru { return "\(n)-й раз" }
  let suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][n % 10]
  return "\(n)\(suffix) time"
}

/// `1 ч 05 мин` / `1 h 05 min`; `45 мин`; `3 дн 2 ч` for long spans.
func minutes(_ seconds: Int, ru: Bool) -> String {
  let m = Int((Double(seconds) / 60).rounded(.up))
  let d = m / 1440, h = (m % 1440) / 60, mm = m % 60
  if d > 0 { return ru ? "\(d) дн \(h) ч \(mm) мин" : "\(d) d \(h) h \(mm) min" }
  if h > 0 { return ru ? "\(h) ч \(mm) мин" : "\(h) h \(mm) min" }
  return ru ? "\(m) мин" : "\(m) min"
}
