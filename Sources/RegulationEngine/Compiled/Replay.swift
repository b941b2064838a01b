import WorkingTime

/// The one evaluator of deadlines: replays a case history through an evaluation plan. Every client — `deadlines`,
/// embedded tests, the feasibility analysis, the simulator, the audit, the web API — asks it.
///
/// Rules (docs/TIME.md, "Case histories"):
/// - events are taken in time order (ties keep the recorded order);
/// - an occurrence of a step counts from the latest event of any of its anchors recorded before it (`detected` and
///   `posted` are the case's own instants); when none is recorded, from the first anchor's own deadline (a step not
///   yet done is assumed to end at its deadline);
/// - `before: X` counts back from X's deadline, `not_later_than: X` caps by it;
/// - sequential co-executors with a period each: occurrence k counts from occurrence k − 1;
/// - an overall limit counts from the first occurrence of its anchor and is met by the first occurrence of its
///   `until` step.
///
/// A closed case whose events arrive in time order (the audit's) is the same replay with nothing extra to do: each
/// event is appended at the end (no search, no sort), the latest completion of each step is kept by the cursor as
/// the evaluation advances one event at a time, a limit that depends on the history alone is computed once per case
/// (`limitCase`), and `EvaluationNeeds` leaves out what the caller does not read.
struct Replay {
  let plan: EvaluationPlan
  /// The case: its detection and posting instants and its events as plain values, in recorded order (the step and
  /// the local seconds of each: all the rules read of an event).
  private(set) var detected: LocalTimestamp
  private(set) var posted: LocalTimestamp?
  private var eventStep: [Int]
  private var eventAt: [Int]
  /// The events as recorded, with their texts: kept only once an event carries one (`history` rebuilds them from the
  /// plain values otherwise), so that a case without texts retains, copies and destroys none.
  private var recorded: [CaseEvent] = []
  private var keepsTexts = false
  /// Event indices in time order.
  private(set) var order: [Int]
  /// Memoized deadlines of the current position: valid where the generation matches.
  private var memoPosition = -1
  private var generation = 0
  /// A memoized deadline that is an instant, as its seconds (the common case: a plain `Int`, no reference counting);
  /// `Int.min`: the memo is the `Due` in `stepMemo` / `limitMemo` (a deadline with an issue).
  /// One element per step (limit): a memo is stored with one write (one uniqueness check of one array).
  struct Memo {
    var seconds: Int
    var generation: Int
  }
  private var stepMemoSeconds: [Memo]
  private var stepMemo: [Due]
  private var limitMemoSeconds: [Memo]
  private var limitMemo: [Due]
  private var depth = 0
  /// Per step, the seconds of its latest completion (`Int.min`: none) and its count among the first `cursor` events
  /// in time order. Queries ask at the position being evaluated, which only grows during a replay, so the cursor
  /// advances instead of rescanning the history: a case replays in time linear in its events.
  private var cursor = 0
  struct Progress {
    var latest: Int
    var count: Int
  }
  private var cursorProgress: [Progress]
  /// The plan's rules as plain values, by index: what the hot path reads of a rule, without retaining the class (a
  /// `CompiledRule` is read from `rules` only to explain). `anchors` holds every rule's anchors, each rule a range.
  private let rules: ContiguousArray<CompiledRule>
  private let ruleFacts: ContiguousArray<RuleFacts>
  private let anchors: ContiguousArray<CompiledAnchor>
  /// Per step, limit and duty, its slot by rule index.
  private let stepSlots: ContiguousArray<SlotRules>
  private let limitSlots: ContiguousArray<SlotRules>
  private let dutySlots: ContiguousArray<SlotRules>
  /// Per step and limit, the clause its verdicts cite (read once: a rule is a class, and reading one per event
  /// retains and releases it and its clause).
  private let stepClauses: ContiguousArray<String?>
  private let limitClauses: ContiguousArray<String?>
  /// Per limit, whether it is one rule with neither `before:` nor `not_later_than:`: counted from the first
  /// occurrences of its anchors (or detection), its due depends on the history alone, not on the position it is asked
  /// at, unless no anchor is recorded and the first anchor step's own deadline is projected (`anchorProjected`).
  private let limitCaseFree: ContiguousArray<Bool>
  /// A limit's due for the whole case, in seconds, valid where `limitCaseStamp` equals `caseStamp`, which every
  /// change of the history (`append`, `reset`) advances. Only instants are kept (a due with an issue is recomputed).
  private var limitCaseSeconds: [Int]
  private var limitCaseStamp: [Int]
  private var caseStamp = 0
  /// Set when `anchor` projects an unrecorded anchor step's deadline (which depends on the position); `limitDue`
  /// reads it around its own computation.
  private var anchorProjected = false

  /// A rule's period, references and anchors (`anchors[anchorStart ..< anchorEnd]`): no reference counted field.
  struct RuleFacts {
    var period: Period
    var before: DeadlineReference?
    var notLaterThan: DeadlineReference?
    var anchorStart: Int
    var anchorEnd: Int
  }

  /// An `EvaluationPlan.Slot` by rule index (`first ..< end`); the reason of `noDeadline` is read from the plan.
  struct SlotRules {
    enum Kind: UInt8 { case none, noDeadline, rule, choice }
    var kind: Kind
    var latest: Bool
    var first: Int
    var end: Int
  }

  init(_ plan: EvaluationPlan, _ history: CaseHistory) {
    self.plan = plan
    detected = history.detected
    posted = history.posted
    eventStep = history.events.map(\.step)
    eventAt = history.events.map(\.at.seconds)
    if history.events.contains(where: { $0.actor != nil || $0.role != nil || $0.department != nil }) {
      recorded = history.events
      keepsTexts = true
    }
    order = history.timeOrder()
    cursorProgress = [Progress](repeating: Progress(latest: Int.min, count: 0), count: plan.steps.count)
    stepMemoSeconds = [Memo](repeating: Memo(seconds: Int.min, generation: -1), count: plan.steps.count)
    limitMemoSeconds = [Memo](repeating: Memo(seconds: Int.min, generation: -1), count: plan.limits.count)
    stepMemo = [Due](repeating: Due(issue: .cycle), count: plan.steps.count)
    limitMemo = [Due](repeating: Due(issue: .cycle), count: plan.limits.count)
    var rules = ContiguousArray<CompiledRule>()
    var ruleFacts = ContiguousArray<RuleFacts>()
    var anchors = ContiguousArray<CompiledAnchor>()
    func add(_ r: CompiledRule) {
      let start = anchors.count
      anchors.append(contentsOf: r.anchors)
      rules.append(r)
      ruleFacts.append(RuleFacts(period: r.period, before: r.before, notLaterThan: r.notLaterThan,
        anchorStart: start, anchorEnd: anchors.count))
    }
    func slots(_ slots: [EvaluationPlan.Slot]) -> ContiguousArray<SlotRules> {
      var out = ContiguousArray<SlotRules>()
      out.reserveCapacity(slots.count)
      for slot in slots {
        let first = rules.count
        switch slot {
        case .notApplicable, .noRuleApplies: out.append(SlotRules(kind: .none, latest: false, first: first, end: first))
        case .noDeadline: out.append(SlotRules(kind: .noDeadline, latest: false, first: first, end: first))
        case .rule(let r):
          add(r)
          out.append(SlotRules(kind: .rule, latest: false, first: first, end: rules.count))
        case .choice(let rs, let latest):
          for r in rs { add(r) }
          out.append(SlotRules(kind: .choice, latest: latest, first: first, end: rules.count))
        }
      }
      return out
    }
    stepSlots = slots(plan.steps)
    limitSlots = slots(plan.limits)
    dutySlots = slots(plan.duties)
    stepClauses = ContiguousArray(plan.steps.indices.map { plan.rule(ofStep: $0)?.clause })
    limitClauses = ContiguousArray(plan.limits.indices.map { plan.rule(ofLimit: $0)?.clause })
    limitCaseFree = ContiguousArray(plan.limits.map { slot in
      if case .rule(let r) = slot { return r.before == nil && r.notLaterThan == nil }
      return false
    })
    limitCaseSeconds = [Int](repeating: Int.min, count: plan.limits.count)
    limitCaseStamp = [Int](repeating: -1, count: plan.limits.count)
    self.rules = rules
    self.ruleFacts = ruleFacts
    self.anchors = anchors
  }

  /// The case as recorded.
  var history: CaseHistory {
    CaseHistory(detected: detected, posted: posted, events: keepsTexts ? recorded
      : eventStep.indices.map { CaseEvent(step: eventStep[$0], at: LocalTimestamp(seconds: eventAt[$0])) })
  }

  /// Records one more event (kept in time order; after events at the same instant).
  mutating func append(_ e: consuming CaseEvent) {
    if !keepsTexts, e.actor != nil || e.role != nil || e.department != nil {
      recorded = eventStep.indices.map { CaseEvent(step: eventStep[$0], at: LocalTimestamp(seconds: eventAt[$0])) }
      keepsTexts = true
    }
    let step = e.step, at = e.at.seconds
    // Moved, not copied (a copy retains its texts).
    if keepsTexts { recorded.append(consume e) }
    append(step: step, at: at)
  }

  /// Records one more event without texts: `step` done at `at` (local seconds).
  mutating func append(step: Int, at: Int) {
    caseStamp &+= 1
    eventStep.append(step)
    eventAt.append(at)
    let index = eventStep.count - 1
    if keepsTexts, recorded.count == index { recorded.append(CaseEvent(step: step, at: LocalTimestamp(seconds: at))) }
    // In time order (a simulation, a sorted log): at the end, no search; the cursor's prefix is unchanged.
    if order.isEmpty || eventAt[order[order.count - 1]] <= at {
      order.append(index)
      memoPosition = -1
      return
    }
    var lo = 0, hi = order.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if eventAt[order[mid]] <= at { lo = mid + 1 } else { hi = mid }
    }
    // An event inserted before the cursor changes its prefix.
    if lo < cursor { rewind() }
    order.insert(index, at: lo)
    memoPosition = -1
  }

  /// Records events without texts: `steps[i]` done at `times[i]` (local seconds), as `append(step:at:)` one by one
  /// does. Events in time order after the last one recorded (a closed case of a sorted log, the audit's) go in three
  /// bulk copies: one by one, each of them would be appended at the end of `order` too (its time is not before the
  /// last one's), and appending at the end changes neither the cursor's prefix nor anything else that
  /// `append(step:at:)` keeps. Any other order, or a history that keeps texts, is recorded one by one.
  mutating func append(steps: [Int], times: [Int]) {
    precondition(steps.count == times.count, "one time per step")
    var last = order.isEmpty ? Int.min : eventAt[order[order.count - 1]]
    var inOrder = !keepsTexts
    if inOrder {
      for t in times {
        if t < last {
          inOrder = false
          break
        }
        last = t
      }
    }
    guard inOrder else {
      for i in steps.indices { append(step: steps[i], at: times[i]) }
      return
    }
    guard !steps.isEmpty else { return }
    caseStamp &+= 1
    let base = eventStep.count
    eventStep.append(contentsOf: steps)
    eventAt.append(contentsOf: times)
    order.append(contentsOf: base..<(base + steps.count))
    memoPosition = -1
  }

  /// Starts a new case, keeping the buffers.
  mutating func reset(detected: LocalTimestamp, posted: LocalTimestamp? = nil) {
    rewind()
    caseStamp &+= 1
    self.detected = detected
    self.posted = posted
    // Only when there is something to remove: on an empty array `removeAll(keepingCapacity:)` asks for a buffer.
    if !eventStep.isEmpty {
      eventStep.removeAll(keepingCapacity: true)
      eventAt.removeAll(keepingCapacity: true)
    }
    if keepsTexts {
      recorded.removeAll(keepingCapacity: true)
      keepsTexts = false
    }
    if !order.isEmpty { order.removeAll(keepingCapacity: true) }
    memoPosition = -1
  }

  // MARK: - Facts of the history

  /// The step and the time of the `q`-th event in time order.
  private func step(at q: Int) -> Int { eventStep[order[q]] }
  private func time(at q: Int) -> LocalTimestamp { LocalTimestamp(seconds: eventAt[order[q]]) }

  /// Moves the cursor back to the start of the history (before the order of the events it has passed changes).
  private mutating func rewind() {
    var q = 0
    while q < cursor {
      let s = eventStep[order[q]]
      if s >= 0, s < cursorProgress.count {
        cursorProgress[s] = Progress(latest: Int.min, count: 0)
      }
      q += 1
    }
    cursor = 0
  }

  /// Moves the cursor to position `p` (0 ... events), forward from where it is or from the start.
  @inline(__always) private mutating func seek(_ p: Int) {
    if p < cursor { rewind() }
    let end = min(p, order.count)
    while cursor < end {
      let i = order[cursor]
      let step = eventStep[i]
      if step >= 0, step < cursorProgress.count {
        cursorProgress[step].latest = eventAt[i]
        cursorProgress[step].count += 1
      }
      cursor += 1
    }
  }

  /// The latest recorded completion of `step` among the first `p` events in time order.
  mutating func latest(_ step: Int, before p: Int) -> LocalTimestamp? {
    guard step >= 0, step < cursorProgress.count else { return nil }
    seek(p)
    let t = cursorProgress[step].latest
    return t == Int.min ? nil : LocalTimestamp(seconds: t)
  }

  /// The latest recorded completion of `step` among the events the cursor has passed (after `seek(p)`: `latest(step,
  /// before: p)`).
  @inline(__always) private func latestAtCursor(_ step: Int) -> LocalTimestamp? {
    guard step >= 0, step < cursorProgress.count else { return nil }
    let t = cursorProgress[step].latest
    return t == Int.min ? nil : LocalTimestamp(seconds: t)
  }

  /// The first recorded completion of `step`.
  func first(_ step: Int) -> LocalTimestamp? {
    for i in order where eventStep[i] == step { return LocalTimestamp(seconds: eventAt[i]) }
    return nil
  }

  /// How many times `step` occurs among the first `p` events.
  mutating func occurrences(_ step: Int, before p: Int) -> Int {
    guard step >= 0, step < cursorProgress.count else { return 0 }
    seek(p)
    return cursorProgress[step].count
  }

  // MARK: - Deadlines

  private mutating func memoReset(_ p: Int) {
    guard memoPosition != p else { return }
    memoPosition = p
    generation += 1
  }

  /// The deadline of the occurrence of `step` that follows the first `p` events.
  mutating func stepDue(_ step: Int, at p: Int) -> Due {
    var none: [DeadlineFact]? = nil
    return stepDue(step, at: p, facts: &none)
  }

  mutating func stepDue(_ step: Int, at p: Int, facts: inout [DeadlineFact]?) -> Due {
    if facts == nil {
      memoReset(p)
      let memo = stepMemoSeconds[step]
      if memo.generation == generation {
        let seconds = memo.seconds
        return seconds != Int.min ? Due(LocalTimestamp(seconds: seconds)) : stepMemo[step]
      }
    }
    let due = computeStepDue(step, at: p, facts: &facts)
    if facts == nil {
      if let t = due.instant, due.issue == nil {
        stepMemoSeconds[step] = Memo(seconds: t.seconds, generation: generation)
      } else {
        stepMemoSeconds[step] = Memo(seconds: Int.min, generation: generation)
        stepMemo[step] = due
      }
    }
    return due
  }

  /// The deadline of the occurrence of `step` that follows the first `p` events, computed without reading or storing
  /// its own memo (the deadlines it refers to are still memoized: each such read first resets the memo to `p`).
  /// The memo is only a cache of this function of the history and `p`, so skipping it never changes a due.
  private mutating func computeStepDue(_ step: Int, at p: Int, facts: inout [DeadlineFact]?) -> Due {
    guard depth < 48 else { return Due(issue: .cycle) }
    depth += 1
    defer { depth -= 1 }
    let due: Due
    let slot = stepSlots[step]
    switch slot.kind {
    case .none: due = Due(issue: .noRuleApplies)
    case .noDeadline:
      guard case .noDeadline(let reason) = plan.steps[step] else { preconditionFailure("slot table out of step") }
      due = Due(issue: .noDeadline(reason: reason))
      facts?.append(.noDeadline(reason: reason))
    case .rule:
      if facts != nil, plan.stepClock[step] != 0, let role = plan.stepRoles[step] {
        facts!.append(.roleSchedule(role: role, plan.clock(ofStep: step).working.schedule))
      }
      due = ruleDue(slot.first, clock: plan.stepClock[step], anchoring: .latest(chain: plan.chains[step] ? step : nil),
        at: p, facts: &facts)
    case .choice:
      let anchoring = Anchoring.latest(chain: plan.chains[step] ? step : nil)
      due = choose(slot, clock: plan.stepClock[step], anchoring: anchoring, at: p, facts: &facts)
    }
    return due
  }

  /// The due instant of a limit, after the first `p` events.
  mutating func limitDue(_ limit: Int, at p: Int) -> Due {
    var none: [DeadlineFact]? = nil
    return limitDue(limit, at: p, facts: &none)
  }

  mutating func limitDue(_ limit: Int, at p: Int, facts: inout [DeadlineFact]?) -> Due {
    if facts == nil {
      if limitCaseStamp[limit] == caseStamp { return Due(LocalTimestamp(seconds: limitCaseSeconds[limit])) }
      memoReset(p)
      let memo = limitMemoSeconds[limit]
      if memo.generation == generation {
        let seconds = memo.seconds
        return seconds != Int.min ? Due(LocalTimestamp(seconds: seconds)) : limitMemo[limit]
      }
    }
    guard depth < 48 else { return Due(issue: .cycle) }
    depth += 1
    defer { depth -= 1 }
    let due: Due
    let slot = limitSlots[limit]
    let outerProjected = anchorProjected
    anchorProjected = false
    switch slot.kind {
    case .none: due = Due(issue: .noRuleApplies)
    case .noDeadline:
      guard case .noDeadline(let reason) = plan.limits[limit] else { preconditionFailure("slot table out of step") }
      due = Due(issue: .noDeadline(reason: reason))
    case .rule: due = ruleDue(slot.first, clock: 0, anchoring: .first, at: p, facts: &facts)
    case .choice: due = choose(slot, clock: 0, anchoring: .first, at: p, facts: &facts)
    }
    // Counted from recorded anchors only, by one rule without references: the same at every position of this
    // history (`limitCaseFree`), so kept for the case. A projection inside makes the enclosing due positional too.
    let projected = anchorProjected
    anchorProjected = outerProjected || projected
    if facts == nil, !projected, limitCaseFree[limit], let t = due.instant, due.issue == nil {
      limitCaseSeconds[limit] = t.seconds
      limitCaseStamp[limit] = caseStamp
    }
    if facts == nil {
      if let t = due.instant, due.issue == nil {
        limitMemoSeconds[limit] = Memo(seconds: t.seconds, generation: generation)
      } else {
        limitMemoSeconds[limit] = Memo(seconds: Int.min, generation: generation)
        limitMemo[limit] = due
      }
    }
    return due
  }

  /// The due instant of a duty that has one rule, after the first `p` events.
  mutating func dutyDue(_ duty: Int, at p: Int, facts: inout [DeadlineFact]?) -> Due {
    ruleDue(dutySlots[duty].first, clock: 0, anchoring: .latest(chain: nil), at: p, facts: &facts)
  }

  /// Of several matching rules, the one with the earliest (or latest) due; explained when asked.
  private mutating func choose(
    _ slot: SlotRules, clock: Int, anchoring: Anchoring, at p: Int, facts: inout [DeadlineFact]?
  ) -> Due {
    let latest = slot.latest
    var best: (Int, Due)?
    for r in slot.first..<slot.end {
      var none: [DeadlineFact]? = nil
      let d = ruleDue(r, clock: clock, anchoring: anchoring, at: p, facts: &none)
      guard let t = d.instant else { continue }
      if let (_, b) = best, let bt = b.instant, latest ? t <= bt : t >= bt { continue }
      best = (r, d)
    }
    let chosen = best?.0 ?? slot.first
    if facts != nil {
      facts!.append(.ruleChosen(clauses: rules[slot.first..<slot.end].map { $0.clause ?? "?" },
        chosen: rules[chosen].clause ?? "?", latest: latest))
      return ruleDue(chosen, clock: clock, anchoring: anchoring, at: p, facts: &facts)
    }
    return best?.1 ?? ruleDue(slot.first, clock: clock, anchoring: anchoring, at: p, facts: &facts)
  }

  mutating func referenceDue(_ r: DeadlineReference, at p: Int) -> Due {
    switch r {
    case .step(let s): stepDue(s, at: p)
    case .limit(let l): limitDue(l, at: p)
    }
  }

  enum Anchoring {
    /// Steps: the latest recorded anchor before the occurrence; `chain`: the step whose previous occurrence is an
    /// anchor too (sequential co-executors).
    case latest(chain: Int?)
    /// Limits: the first recorded occurrence of the anchor.
    case first
  }

  /// The due of rule `r` (an index into `rules`).
  private mutating func ruleDue(
    _ r: Int, clock k: Int, anchoring: Anchoring, at p: Int, facts: inout [DeadlineFact]?
  ) -> Due {
    let rule = ruleFacts[r]
    var due: LocalTimestamp
    do {
      if let b = rule.before {
        let ref = referenceDue(b, at: p)
        guard let refDue = ref.instant else {
          facts?.append(.referenceUnknown(b))
          return Due(issue: .referenceUnknown(b))
        }
        due = try plan.contexts.withUnsafeBufferPointer { try $0[k].due(before: refDue, period: rule.period) }
        if facts != nil {
          facts!.append(.start(.reference(b), refDue))
          facts! += plan.contexts[k].explain(before: refDue, period: rule.period, due: due).map { .time($0) }
        }
      } else {
        guard let (start, how) = anchor(rule, anchoring: anchoring, at: p) else {
          let missing = (rule.anchorStart < rule.anchorEnd ? anchors[rule.anchorStart] : nil).flatMap { a -> Int? in if case .step(let s) = a { s } else { nil } }
          facts?.append(.noStart(missing ?? 0))
          // The start is unknown, but the cap still bounds it ("… но не позднее срока, предусмотренного пунктом 11").
          if let cap = rule.notLaterThan, let c = referenceDue(cap, at: p).instant {
            facts?.append(.cap(cap, c, applied: true))
            facts?.append(.due(c))
            return Due(c)
          }
          return Due(issue: .anchorUnknown(step: missing ?? 0))
        }
        due = try plan.contexts.withUnsafeBufferPointer { try $0[k].due(from: start, period: rule.period) }
        var repeats = 0
        // A projection of sequential co-executors who have not started: the step ends when the last one is done.
        if case .latest(let chain?) = anchoring, how != .previousCoExecutor, plan.profile.coExecutors > 1,
          occurrences(chain, before: p) == 0
        {
          repeats = plan.profile.coExecutors - 1
          for _ in 0..<repeats {
            let from = due
            due = try plan.contexts.withUnsafeBufferPointer { try $0[k].due(from: from, period: rule.period) }
          }
        }
        if facts != nil {
          facts!.append(.start(how, start))
          facts! += plan.contexts[k].explain(from: start, period: rule.period, due: due).map { .time($0) }
          if repeats > 0 { facts!.append(.coExecutorsInTurn(count: repeats + 1, due: due)) }
        }
      }
    } catch {
      if case .outsideCalendar(let date, _) = error as? WorkingTimeError {
        facts?.append(.outsideCalendar(date))
        return Due(issue: .outsideCalendar(date))
      }
      return Due(issue: .cycle)
    }
    if let cap = rule.notLaterThan {
      let capDue = referenceDue(cap, at: p)
      if let c = capDue.instant {
        let applied = c < due
        facts?.append(.cap(cap, c, applied: applied))
        if applied { due = c }
      }
    }
    if facts != nil {
      if let a = rules[r].source.assumption { facts!.append(.assumption(a.text)) }
      facts!.append(.due(due))
    }
    return Due(due)
  }

  /// The instant a rule counts from, and how it was chosen; `nil` when it cannot be known.
  private mutating func anchor(_ rule: RuleFacts, anchoring: Anchoring, at p: Int) -> (LocalTimestamp, StartFact)? {
    var best: (LocalTimestamp, StartFact)?
    func consider(_ t: LocalTimestamp, _ how: StartFact) {
      if best.map({ t > $0.0 }) ?? true { best = (t, how) }
    }
    if rule.anchorStart == rule.anchorEnd { consider(detected, .detected) }
    // The cursor is moved to `p` once for the rule; its anchors then read the latest completions in place.
    if case .latest = anchoring { seek(p) }
    for i in rule.anchorStart..<rule.anchorEnd {
      switch anchors[i] {
      case .detected: consider(detected, .detected)
      case .posted: consider(posted ?? detected, posted == nil ? .postedAsDetected : .posted)
      case .step(let s):
        switch anchoring {
        case .latest: if let t = latestAtCursor(s) { consider(t, .stepDone(s)) }
        case .first: if let t = first(s) { consider(t, .stepDone(s)) }
        }
      }
    }
    if case .latest(let chain?) = anchoring, let t = latestAtCursor(chain) { consider(t, .previousCoExecutor) }
    if let best { return best }
    // Nothing recorded: the first anchor step is assumed to end at its own deadline.
    anchorProjected = true
    guard rule.anchorStart < rule.anchorEnd, case .step(let s) = anchors[rule.anchorStart], let projected = stepDue(s, at: p).instant else { return nil }
    return (projected, .stepDue(s))
  }

  // MARK: - Whole cases

  mutating func evaluation() -> CaseEvaluation {
    var out = CaseEvaluation(events: [], limits: [], pending: [])
    evaluation(into: &out)
    return out
  }

  /// The whole case replayed into `out`, reusing its arrays (no allocation once they have grown), computing what
  /// `needs` asks for (everything by default).
  mutating func evaluation(into out: inout CaseEvaluation, needs: EvaluationNeeds = EvaluationNeeds()) {
    // Only when there is something to remove: on an empty array `removeAll(keepingCapacity:)` asks for a buffer.
    if !out.events.isEmpty { out.events.removeAll(keepingCapacity: true) }
    if !out.limits.isEmpty { out.limits.removeAll(keepingCapacity: true) }
    if !out.pending.isEmpty { out.pending.removeAll(keepingCapacity: true) }
    if !out.compactEvents.isEmpty { out.compactEvents.removeAll(keepingCapacity: true) }
    let full = needs.eventVerdicts, compact = needs.compactVerdicts
    if full { out.events.reserveCapacity(order.count) }
    if compact { out.compactEvents.reserveCapacity(order.count) }
    let withClauses = needs.clauses
    for q in order.indices {
      // The step and time only: copying the whole `CaseEvent` would retain its texts.
      let index = order[q]
      let step = eventStep[index], at = LocalTimestamp(seconds: eventAt[index])
      guard step >= 0, step < stepSlots.count else { continue }
      // Not through the memo: this pass asks at positions 0, 1, …, order.count − 1 once each, in increasing order,
      // then at `order.count` (limits, pending). So a read of the memo at `q` here always misses (nothing has asked at
      // `q` yet in this pass) and a store is never read (nothing asks at `q` again). Deadlines this one refers to
      // are still memoized (`stepDue` / `limitDue` below reset the memo to `q` before reading it).
      var none: [DeadlineFact]? = nil
      let due = computeStepDue(step, at: q, facts: &none)
      var late = 0, lateWorking = 0
      if let d = due.instant {
        late = mainUTC(at) - mainUTC(d)
        lateWorking = needs.computesWorkingLateness(late)
          ? (try? plan.contexts[plan.stepClock[step]].working.workingSeconds(from: d, to: at)) ?? late : late
      }
      let occurrence = occurrences(step, before: q) + 1
      if full {
        out.events.append(EventVerdict(event: index, step: step, occurrence: occurrence,
          due: due, clause: withClauses ? stepClauses[step] : nil, lateBySeconds: late,
          lateByWorkingSeconds: lateWorking, beforeDetection: at < detected))
      }
      if compact {
        out.compactEvents.append(CompactEventVerdict(event: index, step: step, occurrence: occurrence,
          dueSeconds: due.instant?.seconds ?? Int.min, lateBySeconds: late, beforeDetection: at < detected))
      }
    }
    for l in limitSlots.indices {
      guard limitSlots[l].kind == .rule || limitSlots[l].kind == .choice else { continue }
      let due = limitDue(l, at: order.count)
      let reached = first(plan.limitUntil[l])
      var v = LimitVerdict(limit: l, due: due, reachedAt: reached, clause: withClauses ? limitClauses[l] : nil)
      if let d = due.instant, let r = reached {
        let late = mainUTC(r) - mainUTC(d)
        v.lateBySeconds = late
        v.lateByWorkingSeconds = needs.computesWorkingLateness(late)
          ? (try? plan.contexts[0].working.workingSeconds(from: d, to: r)) ?? late : late
      }
      out.limits.append(v)
    }
    guard needs.pending else { return }
    if let last = order.last {
      for s in plan.successors[eventStep[last]] { appendPending(s, into: &out.pending) }
    } else {
      for s in plan.entries { appendPending(s, into: &out.pending) }
    }
    // Stable by due (unknown last): an insertion sort, the list is a handful of successors.
    var i = 1
    while i < out.pending.count {
      var j = i
      while j > 0, Self.dueFirst(out.pending[j], out.pending[j - 1]) {
        out.pending.swapAt(j, j - 1)
        j -= 1
      }
      i += 1
    }
  }

  /// The UTC instant of a local time on the organisation's clock, read in place (a copy of the clock would retain its
  /// zone and tables).
  @inline(__always) private func mainUTC(_ t: LocalTimestamp) -> Int {
    plan.contexts.withUnsafeBufferPointer { $0[0].utc(from: t) }
  }

  private mutating func appendPending(_ s: Int, into pending: inout [DueStep]) {
    guard plan.applies(s) else { return }
    pending.append(DueStep(step: s, occurrence: occurrences(s, before: order.count) + 1,
      due: stepDue(s, at: order.count), clause: stepClauses[s]))
  }

  private static func dueFirst(_ a: DueStep, _ b: DueStep) -> Bool {
    switch (a.due.instant, b.due.instant) {
    case (let x?, let y?): return x < y
    case (_?, nil): return true
    default: return false
    }
  }

  /// Every deadline as `deadlines` shows it.
  mutating func projection(explain: Bool) -> [ProjectedDeadline] {
    var out: [ProjectedDeadline] = []
    func facts() -> [DeadlineFact]? { explain ? [] : nil }
    for s in plan.steps.indices {
      switch plan.steps[s] {
      case .notApplicable, .noRuleApplies: continue
      default: break
      }
      var recorded = false
      for q in order.indices where step(at: q) == s {
        recorded = true
        var f = facts()
        let due = stepDue(s, at: q, facts: &f)
        out.append(ProjectedDeadline(element: .step(s), occurrence: occurrences(s, before: q) + 1, due: due,
          rule: plan.rule(ofStep: s), actual: time(at: q), facts: f ?? []))
      }
      if !recorded {
        var f = facts()
        let due = stepDue(s, at: order.count, facts: &f)
        out.append(ProjectedDeadline(element: .step(s), occurrence: 1, due: due, rule: plan.rule(ofStep: s),
          actual: nil, facts: f ?? []))
      }
    }
    for l in plan.limits.indices {
      guard let rule = plan.rule(ofLimit: l) else { continue }
      var f = facts()
      let due = limitDue(l, at: order.count, facts: &f)
      out.append(ProjectedDeadline(element: .limit(l), occurrence: 1, due: due, rule: rule,
        actual: first(plan.limitUntil[l]), facts: f ?? []))
    }
    for d in plan.duties.indices {
      guard case .rule(let rule) = plan.duties[d] else { continue }
      var f = facts()
      let due = dutyDue(d, at: order.count, facts: &f)
      out.append(ProjectedDeadline(element: .duty(d), occurrence: 1, due: due, rule: rule, actual: nil, facts: f ?? []))
    }
    return out
  }
}

/// One deadline of an incident as `deadlines` shows it.
public struct ProjectedDeadline: Sendable {
  public enum Element: Sendable, Hashable {
    case step(Int), limit(Int), duty(Int)
  }
  public var element: Element
  /// Which occurrence of the step (1 unless it was recorded several times).
  public var occurrence: Int
  public var due: Due
  /// The rule that gave it (`nil`: the act gives none).
  public var rule: CompiledRule?
  /// The recorded completion, if any.
  public var actual: LocalTimestamp?
  /// How it was derived (empty unless explained).
  public var facts: [DeadlineFact]
}
