import RegulationEngine
import WorkingTime

/// What the audit concluded about one case.
struct CaseVerdict {
  /// The violations with their texts; empty when the judge only counts them (`keepsText` off, not explained).
  var violations: [Violation] = []
  /// How many violations of each kind, whether or not they are kept.
  var counts = ViolationCounts()
  var explanation: [AuditText]?
  /// Ids of the department and the executor in the session's interners (−1: none recorded, shown as «—»).
  var department: Int32 = -1
  var executor: Int32 = -1
  var answeredMinutes: Int?
  var firstReplyMinutes: Int?
  var overdue = false
  var onTime = true
  var detected: LocalTimestamp?
}

/// Replays one closed case through the engine and turns its verdicts into violations: late steps and limits,
/// missing and out-of-order steps, excluded messages answered, rework rounds past the overall deadline, answers never
/// given, events before detection, unknown statuses and categories, a category changed during the case.
///
/// The audit's hot path: one judge replays every case of a session. It keeps its buffers and, per incident profile,
/// one engine `CaseRun` that is reset for each case, so a case allocates nothing but its violations; the texts of
/// violations are built only when they are kept (`keepsText`) or the case is explained.
struct CaseJudge {
  let engine: AuditEngine
  let map: LogMapResolver
  /// Steps that answer the message: the limits' `until` steps and the steps that end a case.
  let answerSteps: Set<Int>
  let isAnswer: [Bool]
  let isEntry: [Bool]
  /// Every situation a step requires, and per step the bit set of its situations (a case's situations are the union
  /// of its steps').
  let situationNames: [String]
  let stepSituations: [UInt64]
  /// Per step, whether it is a repeat round, and its predecessors as `predecessorList[predecessorStart[s] ..<
  /// predecessorStart[s + 1]]`: read per event without copying the step's info (its texts and arrays).
  let isReworkStep: [Bool]
  let predecessorStart: [Int]
  let predecessorList: [Int]
  /// Build the text of each violation (off when violations are only counted).
  var keepsText = true

  /// A profile met before: its engine profile, why it fell back to the default category, and its replay buffers.
  final class Prepared {
    let profile: AuditProfile
    let problem: AuditText?
    var run: CaseRun
    /// Whether an overall limit applies under this profile (the evaluation then has limit verdicts): a case without
    /// one that was never answered reads what is due next instead.
    let hasLimits: Bool
    init(_ profile: AuditProfile, problem: AuditText?, engine: AuditEngine) {
      self.profile = profile
      self.problem = problem
      let plan = engine.compiled.plan(profile.profile)
      run = CaseRun(plan, detected: LocalTimestamp(seconds: 0))
      hasLimits = engine.limits.indices.contains { plan.rule(ofLimit: $0) != nil }
    }
  }
  struct ProfileKey: Hashable {
    var category: Int32
    var kind: Int32
    var situations: UInt64
    /// Situations past the 64th, by name (acts have a handful; kept correct for any number).
    var more: String
  }
  private var profiles: [ProfileKey: Prepared?] = [:]
  /// The profile of the previous case: most cases of a log share one, and this skips hashing the key.
  private var lastKey: ProfileKey?
  private var lastPrepared: Prepared?
  // Buffers reused from case to case.
  private var records: [CaseRecord] = []
  private var eventSteps: [Int] = []
  private var eventRecords: [Int] = []
  private var eventTimes: [Int] = []
  private var statusSeen: [Int32] = []
  private var statusTouched: [Int32] = []
  private var firstOccurrence: [Int] = []
  private var lastOccurrence: [Int] = []
  private var reportedOrder: [Int] = []
  private var outcomeBuffer = CaseEvaluation()

  init(engine: AuditEngine, map: LogMapResolver) {
    self.engine = engine
    self.map = map
    // The limits say which step answers; an act without overall limits answers by a step that ends the case.
    var answers = Set(engine.limits.map(\.until))
    if answers.isEmpty { for (i, s) in engine.steps.enumerated() where s.ends { answers.insert(i) } }
    self.answerSteps = answers
    isAnswer = engine.steps.indices.map { answers.contains($0) }
    let entries = Set(engine.entries)
    isEntry = engine.steps.indices.map { entries.contains($0) }
    var names: [String] = []
    for s in engine.steps { for n in s.situations where !names.contains(n) { names.append(n) } }
    situationNames = names
    stepSituations = engine.steps.map { s in
      s.situations.reduce(UInt64(0)) { m, n in
        let i = names.firstIndex(of: n)!
        return i < 64 ? m | (1 << UInt64(i)) : m
      }
    }
    isReworkStep = engine.steps.map(\.isRework)
    var starts = [0], list: [Int] = []
    for s in engine.steps {
      list += s.predecessors
      starts.append(list.count)
    }
    predecessorStart = starts
    predecessorList = list
    firstOccurrence = [Int](repeating: -1, count: engine.steps.count)
    lastOccurrence = firstOccurrence
  }

  struct Texts {
    var statuses: [String]
    var actors: [String]
    var roles: [String]
    var departments: [String]
    var categories: [String]
    var kinds: [String]
  }

  /// Drops the reference to the last case's records (so that its array can be reused).
  mutating func release() {
    records = []
  }

  mutating func judge(_ c: OpenCase, statuses table: StatusTable, texts: Texts, asOf: LocalTimestamp, explain: Bool)
    -> CaseVerdict
  {
    var v = CaseVerdict()
    let tz = engine.timeZone
    let withText = keepsText || explain
    // Shared with the case, not copied; copied only when it must be sorted.
    records = c.records
    for i in records.indices.dropFirst() where (records[i].at, records[i].position) < (records[i - 1].at, records[i - 1].position) {
      records.sort { ($0.at, $0.position) < ($1.at, $1.position) }
      break
    }
    var order = 0
    func add(_ kind: ViolationKind, step: String?, clause: String?, role: String?, department: String?, actor: String?,
      due: LocalTimestamp? = nil, actual: LocalTimestamp? = nil, late: Int? = nil, lateWorking: Int? = nil,
      position: Int?, _ detail: @autoclosure () -> AuditText)
    {
      v.counts.add(kind)
      // Counted only when nothing reads them (the benchmark): no violation built, no texts retained.
      guard withText else { return }
      v.violations.append(Violation(caseID: c.id, kind: kind, step: step, clause: clause, role: role,
        department: department, actor: actor, due: due, actual: actual, lateBySeconds: late,
        lateByWorkingSeconds: lateWorking, position: position, detail: withText ? detail() : AuditText(en: "", ru: ""),
        caseSerial: c.serial, order: order))
      order += 1
    }
    func text(_ list: [String], _ id: Int32) -> String? { id >= 0 ? list[Int(id)] : nil }

    // Anchors, category, steps.
    var detected: LocalTimestamp?, posted: LocalTimestamp?
    var category: Int32 = -1, kind: Int32 = -1
    var excluded: String?
    var situationMask: UInt64 = 0
    eventSteps.removeAll(keepingCapacity: true)
    eventRecords.removeAll(keepingCapacity: true)
    eventTimes.removeAll(keepingCapacity: true)
    if statusSeen.count < table.count { statusSeen += repeatElement(0, count: table.count - statusSeen.count) }
    for (ri, r) in records.enumerated() {
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
      switch table.codes[Int(r.status)] {
      case .steps:
        let n = statusSeen[Int(r.status)]
        if n == 0 { statusTouched.append(r.status) }
        statusSeen[Int(r.status)] = n + 1
        let step = n == 0 ? table.firstStep[Int(r.status)] : table.laterStep[Int(r.status)]
        eventSteps.append(step)
        eventRecords.append(ri)
        eventTimes.append(r.at)
        situationMask |= stepSituations[step]
      case .detected: if detected == nil { detected = LocalTimestamp(seconds: r.at) }
      case .posted: if posted == nil { posted = LocalTimestamp(seconds: r.at) }
      case .excluded:
        if excluded == nil, case .excluded(let name) = table.meanings[Int(r.status)] { excluded = name }
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
    for s in statusTouched { statusSeen[Int(s)] = 0 }
    statusTouched.removeAll(keepingCapacity: true)
    let lastDepartmentID = records.last { $0.department >= 0 }?.department ?? -1
    let lastActorID = records.last { $0.actor >= 0 }?.actor ?? -1
    let lastDepartment = text(texts.departments, lastDepartmentID)
    let lastActor = text(texts.actors, lastActorID)
    if detected == nil {
      detected = records.first.map { LocalTimestamp(seconds: $0.at) }
      add(.missing, step: "detected", clause: nil, role: nil, department: lastDepartment, actor: nil,
        position: records.first?.position,
        AuditText(en: "no detection event (`detected`): deadlines count from the case's first event",
          ru: "нет события выявления (`detected`): сроки отсчитаны от первого события дела"))
    }
    let det = detected ?? asOf
    v.detected = det

    // The profile: the category at detection. Situations (a return, co-executors, an interim answer, an urgent reply)
    // hold when the log shows a step that requires them: a limit for urgent replies does not apply to a case that
    // never shows one.
    var more = ""
    if situationNames.count > 64 {
      var extra = Set<String>()
      for s in eventSteps { for n in engine.steps[s].situations where situationNames.firstIndex(of: n)! >= 64 { extra.insert(n) } }
      more = extra.sorted().joined(separator: ",")
    }
    let key = ProfileKey(category: category, kind: kind, situations: situationMask, more: more)
    let prepared: Prepared
    if let last = lastPrepared, key == lastKey {
      prepared = last
    } else {
      switch profiles[key] {
      case .some(.some(let known)): prepared = known
      case .some(.none): return v
      case .none:
        var situations = Set<String>()
        for s in eventSteps { situations.formUnion(engine.steps[s].situations) }
        let categoryText = category >= 0 ? texts.categories[Int(category)] : nil
        let kindText = kind >= 0 ? texts.kinds[Int(kind)] : nil
        // A cell may hold a base category and overlays joined by `+` (`ordinary+important`), as `simulate --trace`
        // writes them: each part is mapped on its own.
        let cats = categoryText.map { text in
          text.split(separator: "+").map { part in
            map.category(String(part.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()))
          }
        } ?? []
        var made: Prepared?
        do {
          made = Prepared(try engine.profile(categories: cats, kind: kindText, situations: situations),
            problem: nil, engine: engine)
        } catch {
          if let fallback = try? engine.profile(categories: [], kind: nil, situations: situations) {
            made = Prepared(fallback, problem: AuditText(en: error.en + "; replayed under the default category",
              ru: error.ru + "; дело проверено по категории по умолчанию"), engine: engine)
          }
        }
        profiles[key] = .some(made)
        guard let made else { return v }
        prepared = made
      }
      lastKey = key
      lastPrepared = prepared
    }
    let profile = prepared.profile
    if let problem = prepared.problem {
      add(.unknownCategory, step: nil, clause: nil, role: nil, department: lastDepartment, actor: nil,
        position: records.first { $0.category >= 0 }?.position, problem)
    }

    var outcome = CaseEvaluation()
    swap(&outcome, &outcomeBuffer)
    defer { swap(&outcome, &outcomeBuffer) }
    // One replay of the case through the engine's evaluator, computing only what this verdict reads: the clauses and
    // the working-time lateness of late verdicts only when violations are kept or explained; what is due next only
    // when it is read — an unanswered case of a profile without overall limits (its violation names the next step
    // due) or an explained one. Decided before the call from the profile and the event steps: `hasLimits` is whether
    // the evaluation has limit verdicts, and a case is answered when one of its event steps answers.
    let answered = eventSteps.contains { isAnswer[$0] }
    // The judge reads every event's verdict in its compact form (plain values: no `Due`, no clause, nothing retained);
    // the full verdicts, with clauses and working-time lateness, are asked for only when violations are built or the
    // case is explained, and read only there (`full(k)`).
    let needs = EvaluationNeeds(workingLateness: withText ? .lateOnly : .none, clauses: withText,
      pending: !answered && (explain || (!prepared.hasLimits && excluded == nil)), eventVerdicts: withText,
      compactVerdicts: true)
    if engine.orderedReplay {
      prepared.run.replay(detected: det, posted: posted, steps: eventSteps, times: eventTimes, needs: needs,
        into: &outcome)
    } else {
      Self.replay(&prepared.run, detected: det, posted: posted, steps: eventSteps, records: records,
        eventRecords: eventRecords, into: &outcome)
    }
    @inline(__always) func record(_ event: Int) -> CaseRecord { records[eventRecords[event]] }

    // Step by step: before detection, late.
    var timeline: [AuditText] = []
    var beforeReported = false
    // Verdicts are read field by field in place.
    let eventCount = outcome.compactEvents.count
    // Through one buffer each: a write to the judge's stored array checks its uniqueness every time. Every verdict's
    // step is a step index (the evaluator skips any other), so it is within both buffers (one slot per step).
    firstOccurrence.withUnsafeMutableBufferPointer { first in
      lastOccurrence.withUnsafeMutableBufferPointer { last in
        for i in first.indices {
          first[i] = -1
          last[i] = -1
        }
        outcome.compactEvents.withUnsafeBufferPointer { events in
          for k in events.indices {
            let step = events[k].step
            precondition(step >= 0 && step < first.count, "a verdict's step is a step index")
            if first[step] < 0 { first[step] = k }
            last[step] = k
          }
        }
      }
    }
    for k in 0..<eventCount {
      let verdict = outcome.compactEvents[k]
      guard explain || verdict.lateBySeconds > 0 || (!beforeReported && verdict.beforeDetection) else { continue }
      guard withText else {
        // Counted only (no violation built): what `add` below counts, from the compact verdict alone.
        if verdict.beforeDetection, !beforeReported {
          beforeReported = true
          v.counts.add(.beforeDetection)
        }
        if verdict.isLate, verdict.dueSeconds != Int.min { v.counts.add(.late) }
        continue
      }
      let full = outcome.events[k]
      let r = record(verdict.event)
      let at = LocalTimestamp(seconds: r.at)
      if verdict.beforeDetection, !beforeReported {
        beforeReported = true
        let info = engine.steps[verdict.step]
        add(.beforeDetection, step: info.id, clause: full.clause, role: info.role,
          department: text(texts.departments, r.department), actor: text(texts.actors, r.actor), due: det, actual: at,
          position: r.position,
          AuditText(en: "«\(info.id)» recorded at \(tz.iso(at)), before the detection at \(tz.iso(det))",
            ru: "«\(info.id)» отмечен \(at.russian), раньше выявления \(det.russian)"))
      }
      if verdict.isLate, let due = verdict.due {
        let info = engine.steps[verdict.step]
        add(.late, step: info.id, clause: full.clause, role: info.role, department: text(texts.departments, r.department),
          actor: text(texts.actors, r.actor), due: due, actual: at, late: verdict.lateBySeconds,
          lateWorking: full.lateByWorkingSeconds, position: r.position,
          AuditText(en: "«\(info.id)» (\(ordinal(verdict.occurrence, ru: false))) due \(tz.iso(due)), done \(tz.iso(at)): "
            + "late by \(minutes(verdict.lateBySeconds, ru: false)) (\(minutes(full.lateByWorkingSeconds, ru: false)) of working time)",
            ru: "«\(info.id)» (\(ordinal(verdict.occurrence, ru: true))) срок \(due.russian), выполнено \(at.russian): "
              + "просрочка \(minutes(verdict.lateBySeconds, ru: true)) (рабочего времени \(minutes(full.lateByWorkingSeconds, ru: true)))"))
      }
      if explain {
        let info = engine.steps[verdict.step]
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
          let clause = full.clause.map { ru ? "п. \($0)" : "clause \($0)" } ?? "—"
          return ru
            ? "\(k + 1). строка \(r.position): \(info.id) — «\(info.name)» (\(ordinal(verdict.occurrence, ru: true))) \(at.russian); \(clause), \(dueText): \(verdictText)"
            : "\(k + 1). line \(r.position): \(info.id) (\(ordinal(verdict.occurrence, ru: false))) at \(tz.iso(at)); \(clause), \(dueText): \(verdictText)"
        }
        timeline.append(AuditText(en: line(false), ru: line(true)))
      }
    }

    // Order: a step needs one of its predecessors recorded before it (entry steps are implied by detection).
    reportedOrder.removeAll(keepingCapacity: true)
    for k in 0..<eventCount where !isEntry[outcome.compactEvents[k].step] {
      let step = outcome.compactEvents[k].step
      let from = predecessorStart[step], to = predecessorStart[step + 1]
      guard from < to, !reportedOrder.contains(step) else { continue }
      var before = false, allEntriesUnrecorded = true
      for i in from..<to {
        let p = predecessorList[i], first = firstOccurrence[p]
        if first >= 0 && first < k { before = true }
        if !(isEntry[p] && first < 0) { allEntriesUnrecorded = false }
      }
      if before || allEntriesUnrecorded { continue }
      reportedOrder.append(step)
      // The first predecessor (in the act's order) recorded later: out of order; none: a missing step.
      var later = -1
      for i in from..<to where lastOccurrence[predecessorList[i]] > k {
        later = predecessorList[i]
        break
      }
      guard withText else {
        v.counts.add(later >= 0 ? .outOfOrder : .missing)
        continue
      }
      let info = engine.steps[step]
      let preds = info.predecessors
      let r = record(outcome.compactEvents[k].event)
      if later >= 0 {
        add(.outOfOrder, step: info.id, clause: info.clause, role: info.role, department: text(texts.departments, r.department),
          actor: text(texts.actors, r.actor), actual: LocalTimestamp(seconds: r.at), position: r.position,
          AuditText(en: "«\(info.id)» recorded before «\(engine.steps[later].id)», which the act puts first",
            ru: "«\(info.id)» отмечен раньше шага «\(engine.steps[later].id)», который по регламенту идёт перед ним"))
      } else {
        let missing = preds.first { engine.steps[$0].situations.isEmpty } ?? preds[0]
        let m = engine.steps[missing]
        add(.missing, step: m.id, clause: m.clause, role: m.role, department: text(texts.departments, r.department),
          actor: text(texts.actors, r.actor), actual: nil, position: r.position,
          AuditText(en: "«\(info.id)» recorded without «\(m.id)» («\(m.name)») before it",
            ru: "«\(info.id)» отмечен без предшествующего шага «\(m.id)» («\(m.name)»)"))
      }
    }

    // Overall limits; answers never given.
    var firstAnswer = -1, lastAnswer = -1
    for k in 0..<eventCount where isAnswer[outcome.compactEvents[k].step] {
      if firstAnswer < 0 { firstAnswer = k }
      lastAnswer = k
    }
    var limitDue: LocalTimestamp?
    var limitLate = false
    // Limits are read in place, by index: a copy of a limit's or a step's info would retain its texts.
    for li in outcome.limits.indices {
      let lv = outcome.limits[li]
      let until = engine.limits[lv.limit].until
      if limitDue == nil { limitDue = lv.due.instant }
      let answerAt = firstOccurrence[until]
      if let reached = lv.reachedAt, let due = lv.due.instant, let late = lv.lateBySeconds, late > 0 {
        limitLate = true
        if withText {
          let limit = engine.limits[lv.limit]
          let answerRecord = answerAt >= 0 ? record(outcome.compactEvents[answerAt].event) : nil
          add(.late, step: limit.id, clause: lv.clause, role: engine.steps[until].role,
            department: answerRecord.flatMap { text(texts.departments, $0.department) } ?? lastDepartment,
            actor: answerRecord.flatMap { text(texts.actors, $0.actor) }, due: due, actual: reached, late: late,
            lateWorking: lv.lateByWorkingSeconds, position: answerRecord?.position,
            AuditText(en: "overall deadline «\(limit.id)» \(tz.iso(due)), answered \(tz.iso(reached)): late by \(minutes(late, ru: false))",
              ru: "общий срок «\(limit.id)» — \(due.russian), ответ \(reached.russian): просрочка \(minutes(late, ru: true))"))
        } else {
          v.counts.add(.late)
        }
      } else if lv.reachedAt == nil, excluded == nil, let due = lv.due.instant, due < asOf {
        if withText {
          let limit = engine.limits[lv.limit]
          let untilInfo = engine.steps[until]
          add(.neverAnswered, step: limit.id, clause: lv.clause, role: untilInfo.role, department: lastDepartment,
            actor: lastActor, due: due, actual: nil, position: records.last?.position,
            AuditText(en: "no «\(untilInfo.id)» recorded; the overall deadline «\(limit.id)» passed at \(tz.iso(due))",
              ru: "шаг «\(untilInfo.id)» не отмечен; общий срок «\(limit.id)» истёк \(due.russian)"))
        } else {
          v.counts.add(.neverAnswered)
        }
      }
      if explain {
        let limit = engine.limits[lv.limit]
        func line(_ ru: Bool) -> String {
          let state = lv.reachedAt.map { r in
            (lv.lateBySeconds ?? 0) > 0
              ? (ru ? "ответ \(r.russian): просрочка \(minutes(lv.lateBySeconds!, ru: true))" : "answered \(tz.iso(r)): late by \(minutes(lv.lateBySeconds!, ru: false))")
              : (ru ? "ответ \(r.russian): в срок" : "answered \(tz.iso(r)): on time")
          } ?? (ru ? "ответа нет" : "no answer")
          let dueText = lv.due.instant.map { ru ? $0.russian : tz.iso($0) } ?? "—"
          return ru ? "общий срок \(limit.id) (п. \(lv.clause ?? "—")): \(dueText); \(state)"
            : "overall deadline \(limit.id) (clause \(lv.clause ?? "—")): \(dueText); \(state)"
        }
        timeline.append(AuditText(en: line(false), ru: line(true)))
      }
    }
    if outcome.limits.isEmpty, !answered, excluded == nil,
      let next = outcome.pending.first(where: { $0.due.instant != nil }), let due = next.due.instant, due < asOf
    {
      let s = engine.steps[next.step]
      add(.neverAnswered, step: s.id, clause: next.clause ?? s.clause, role: s.role, department: lastDepartment,
        actor: lastActor, due: due, actual: nil, position: records.last?.position,
        AuditText(en: "no answer recorded; «\(s.id)» was due \(tz.iso(due))",
          ru: "ответ не отмечен; шаг «\(s.id)» следовало выполнить до \(due.russian)"))
    }

    // Rework rounds that began after the overall deadline had passed.
    if let limitDue {
      for k in 0..<eventCount where isReworkStep[outcome.compactEvents[k].step] && outcome.compactEvents[k].occurrence >= 2 {
        let verdict = outcome.compactEvents[k]
        let r = record(verdict.event)
        let at = LocalTimestamp(seconds: r.at)
        guard at > limitDue else { continue }
        let s = engine.steps[verdict.step]
        add(.reworkBeyondLimit, step: s.id, clause: outcome.limits.first?.clause, role: s.role,
          department: text(texts.departments, r.department), actor: text(texts.actors, r.actor), due: limitDue, actual: at,
          late: tz.utc(from: at) - tz.utc(from: limitDue), position: r.position,
          AuditText(en: "round \(verdict.occurrence) of «\(s.id)» began at \(tz.iso(at)), after the overall deadline \(tz.iso(limitDue))",
            ru: "\(verdict.occurrence)-й круг «\(s.id)» начат \(at.russian), после истечения общего срока \(limitDue.russian)"))
        break
      }
    }

    // Excluded messages must not be answered.
    if let excluded, firstAnswer >= 0 {
      let verdict = outcome.compactEvents[firstAnswer]
      let r = record(verdict.event)
      let exclusion = engine.regulation.exclusions.first { $0.id == excluded || $0.name == excluded }
      let answer = engine.steps[verdict.step]
      add(.excludedButAnswered, step: answer.id, clause: exclusion?.clause?.number, role: answer.role,
        department: text(texts.departments, r.department), actor: text(texts.actors, r.actor),
        actual: LocalTimestamp(seconds: r.at), position: r.position,
        AuditText(en: "the message was excluded («\(excluded)») but «\(answer.id)» was recorded",
          ru: "сообщение исключено («\(excluded)»), но отмечен шаг «\(answer.id)»"))
    }

    // Timeliness for the ratings.
    if firstAnswer >= 0 {
      let f = record(outcome.compactEvents[firstAnswer].event), l = record(outcome.compactEvents[lastAnswer].event)
      v.firstReplyMinutes = (tz.utc(from: LocalTimestamp(seconds: f.at)) - tz.utc(from: det)) / 60
      v.answeredMinutes = (tz.utc(from: LocalTimestamp(seconds: l.at)) - tz.utc(from: det)) / 60
      v.overdue = limitLate || outcome.compactEvents[lastAnswer].isLate
      v.department = l.department >= 0 ? l.department : lastDepartmentID
      v.executor = l.actor >= 0 ? l.actor : lastActorID
    } else {
      v.department = lastDepartmentID
      v.executor = lastActorID
    }
    v.onTime = v.counts[.late] + v.counts[.neverAnswered] + v.counts[.reworkBeyondLimit] == 0

    if explain {
      var lines = [AuditText(
        en: "case \(c.id): category \(profile.categories.isEmpty ? "—" : profile.categories.joined(separator: ", ")), detected \(tz.iso(det))"
          + (excluded.map { ", excluded (\($0))" } ?? ""),
        ru: "дело \(c.id): категория \(profile.categories.isEmpty ? "—" : profile.categories.joined(separator: ", ")), выявлено \(det.russian) (\(tz.offsetText(at: det)))"
          + (excluded.map { ", исключено («\($0)»)" } ?? ""))]
      lines += timeline
      for p in outcome.pending.prefix(3) where !answered {
        let s = engine.steps[p.step]
        lines.append(AuditText(en: "next: \(s.id), due \(p.due.instant.map { tz.iso($0) } ?? "—")",
          ru: "далее: \(s.id), срок \(p.due.instant?.russian ?? "—")"))
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

extension CaseJudge {
  /// Resets the run, records the case's steps one by one and replays it into `outcome`, computing everything the
  /// judge may read (the reference path `AuditEngine(orderedReplay: false)` takes; tests compare both).
  static func replay(_ run: inout CaseRun, detected: LocalTimestamp, posted: LocalTimestamp?, steps: [Int],
    records: [CaseRecord], eventRecords: [Int], into outcome: inout CaseEvaluation)
  {
    run.reset(detected: detected, posted: posted)
    for i in steps.indices { run.record(steps[i], at: LocalTimestamp(seconds: records[eventRecords[i]].at)) }
    run.evaluation(into: &outcome, workingTimeOfLateOnly: true)
    // The compact verdicts the judge reads, taken from the full ones (the reference for the compact path).
    outcome.compactEvents = outcome.events.map(CompactEventVerdict.init)
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
