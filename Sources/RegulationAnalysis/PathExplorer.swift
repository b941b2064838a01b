import RegulationEngine
import RegulationModel
import WorkingTime

/// Enumerates the ways an incident can go through the steps (following outcomes), and computes for a concrete
/// detection instant the latest allowed end of every step on a path: each step is assumed to take all the time its
/// own deadline gives it, anchored on the latest occurrence of its anchor on the path.
struct PathExplorer: Sendable {
  let context: AnalysisContext

  /// A path and its number of rounds: how many times its most repeated step comes again (rework rounds, returns).
  struct Path: Hashable, Sendable {
    var steps: [String]
    var repeats: Int
    /// The steps that come more than once, which names the loop ("approve, rework"); empty for a straight path.
    var loop: String
  }

  /// Paths from an entry step to `target` in which no step occurs more than `1 + maxRepeats` times.
  func paths(to target: String, maxRepeats: Int, incident: Incident, limit: Int = 4000) -> [Path] {
    let reg = context.regulation
    let allowed = Set(reg.steps.filter { context.matcher.matches($0.condition, incident) }.map(\.id))
    let back = context.backEdges
    var result: [Path] = []
    var current: [String] = []
    var counts: [String: Int] = [:]
    var loops: [String: Int] = [:]
    func dfs(_ s: String) {
      guard result.count < limit else { return }
      current.append(s)
      counts[s, default: 0] += 1
      defer {
        current.removeLast()
        counts[s]! -= 1
      }
      if s == target {
        let taken = loops.filter { $0.value > 0 }
        result.append(Path(steps: current, repeats: taken.values.max() ?? 0, loop: taken.keys.sorted().joined(separator: "; ")))
        return
      }
      for next in context.successors[s] ?? [] where allowed.contains(next) && (counts[next] ?? 0) <= maxRepeats {
        let edge = "\(s) → \(next)"
        let isBack = back.contains(edge)
        // One loop per path: each loop is measured on its own (combinations only multiply the paths).
        if isBack, loops.contains(where: { $0.key != edge && $0.value > 0 }) { continue }
        if isBack { loops[edge, default: 0] += 1 }
        dfs(next)
        if isBack { loops[edge]! -= 1 }
      }
    }
    let canReach = Set(context.regulation.steps.map(\.id).filter { context.reachable(from: [$0]).contains(target) })
    for entry in context.entries where allowed.contains(entry) && canReach.contains(entry) { dfs(entry) }
    return result
  }

  /// The latest allowed end of each step of a path (`nil` when unbounded), for detection at `t0`.
  struct Timeline: Sendable {
    var detected: LocalTimestamp
    var ends: [(step: String, end: LocalTimestamp?)]
    /// The most negative gap between the latest ends of consecutive bounded steps (a step due before the step that
    /// precedes it may end), or `nil` when the steps are in order.
    var internalSlack: Int?
    var limitDue: LocalTimestamp?
  }

  /// A path with every rule, anchor and reference resolved to positions on the path, so that evaluating it for one
  /// detection instant is arithmetic only.
  struct CompiledPath: Sendable {
    enum Source: Sendable {
      case detected
      /// The latest end of the step at this position of the path.
      case position(Int)
      /// The due instant of a referenced overall limit.
      case limit(Int)
      /// Not on this path.
      case missing
    }
    enum Item: Sendable {
      /// The act gives this step no deadline.
      case unbounded
      /// No rule applies to this incident, or its anchor is not on the path: it ends with the previous step.
      case carry
      /// `time`: index in `contexts` of the clock of the step's role.
      case forward(Period, from: Source, cap: Source?, sequential: Bool, time: Int)
      case backward(Period, from: Source, cap: Source?, sequential: Bool, time: Int)
    }
    struct LimitPlan: Sendable {
      var period: Period
      var from: Source
    }
    var path: Path
    var items: [Item]
    /// The clocks the items count in (the organisation's first).
    var contexts: [TimeContext]
    var limits: [LimitPlan?]
    /// Index in `limits` of the limit under analysis.
    var target: Int?
  }

  func compile(_ path: Path, incident: Incident, limit: Limit?) -> CompiledPath {
    let reg = context.regulation
    var limitIDs: [String] = []
    var limitPlans: [CompiledPath.LimitPlan?] = []
    func firstPosition(_ step: String) -> Int? { path.steps.firstIndex(of: step) }
    func latestPosition(_ step: String, before i: Int) -> Int? { path.steps[..<i].lastIndex(of: step) }
    func limitIndex(_ id: String) -> Int {
      if let k = limitIDs.firstIndex(of: id) { return k }
      limitIDs.append(id)
      var plan: CompiledPath.LimitPlan?
      if let l = reg.limit(id), let rule = context.matcher.rule(among: context.rules(l.deadline), for: incident) {
        // Overall limits count from the first occurrence of their anchor ("с момента направления").
        let positions = rule.anchors.compactMap { a -> Int? in if case .step(let s) = a.value { return firstPosition(s) } else { return nil } }
        let from: CompiledPath.Source = positions.max().map { .position($0) }
          ?? (rule.anchors.isEmpty || rule.anchors.contains { if case .step = $0.value { return false } else { return true } } ? .detected : .missing)
        plan = CompiledPath.LimitPlan(period: rule.period, from: from)
      }
      limitPlans.append(plan)
      return limitIDs.count - 1
    }
    func reference(_ id: String, at i: Int) -> CompiledPath.Source {
      if reg.limit(id) != nil { return .limit(limitIndex(id)) }
      return latestPosition(id, before: i).map { .position($0) } ?? .missing
    }
    var items: [CompiledPath.Item] = []
    var contexts = [context.clocks.main]
    var contextIndex: [String: Int] = [:]
    func clock(for role: String?) -> Int {
      guard let role, let roleContext = context.clocks.byRole[role] else { return 0 }
      if let i = contextIndex[role] { return i }
      contexts.append(roleContext)
      contextIndex[role] = contexts.count - 1
      return contexts.count - 1
    }
    for (i, id) in path.steps.enumerated() {
      guard let step = reg.step(id) else { items.append(.carry); continue }
      switch step.deadline {
      case .none?, nil: items.append(.unbounded)
      case .rules(let rules)?:
        guard let rule = context.matcher.rule(among: rules, for: incident) else { items.append(.carry); continue }
        let cap = rule.notLaterThan.map { reference($0.value, at: i) }
        let sequential = step.coExecution?.order == "sequential"
        let time = clock(for: step.role?.value)
        if let b = rule.before {
          items.append(.backward(rule.period, from: reference(b.value, at: i), cap: cap, sequential: sequential, time: time))
        } else {
          let positions = rule.anchors.compactMap { a -> Int? in if case .step(let s) = a.value { return latestPosition(s, before: i) } else { return nil } }
          let fixed = rule.anchors.isEmpty || rule.anchors.contains { if case .step = $0.value { return false } else { return true } }
          let from: CompiledPath.Source = positions.max().map { .position($0) } ?? (fixed ? .detected : .missing)
          if case .missing = from { items.append(.carry) } else {
            items.append(.forward(rule.period, from: from, cap: cap, sequential: sequential, time: time))
          }
        }
      }
    }
    let target = limit.map { limitIndex($0.id) }
    return CompiledPath(path: path, items: items, contexts: contexts, limits: limitPlans, target: target)
  }

  /// Evaluates a compiled path for detection at `t0`, with the latest end of every step.
  func timeline(_ c: CompiledPath, detected t0: LocalTimestamp) -> Timeline {
    let (ends, internalSlack, due) = evaluate(c, detected: t0)
    return Timeline(detected: t0, ends: Array(zip(c.path.steps, ends)), internalSlack: internalSlack, limitDue: due)
  }

  /// How much time is left at the end of the path before the limit (negative: overrun; `Int.min`: unbounded), also
  /// counting a step due before its predecessor may end as an overrun.
  func slack(_ c: CompiledPath, detected t0: LocalTimestamp) -> Int? {
    let (ends, internalSlack, due) = evaluate(c, detected: t0)
    guard let due else { return nil }
    let endSlack = ends.last.flatMap { $0 }.map { due.seconds - $0.seconds } ?? Int.min
    return min(endSlack, internalSlack ?? Int.max)
  }

  private func evaluate(_ c: CompiledPath, detected t0: LocalTimestamp) -> ([LocalTimestamp?], Int?, LocalTimestamp?) {
    let time = c.contexts[0]
    var ends = [LocalTimestamp?](repeating: nil, count: c.items.count)
    var limitDues = [LocalTimestamp??](repeating: nil, count: c.limits.count)
    func limitDue(_ k: Int, before i: Int) -> LocalTimestamp? {
      if let cached = limitDues[k] { return cached }
      guard let plan = c.limits[k] else { return nil }
      var start: LocalTimestamp?
      switch plan.from {
      case .detected: start = t0
      case .position(let j):
        guard j < i else { return nil }
        start = ends[j]
      default: return nil
      }
      let due = start.flatMap { try? time.due(from: $0, period: plan.period) }
      limitDues[k] = .some(due)
      return due
    }
    func value(_ s: CompiledPath.Source, at i: Int) -> LocalTimestamp? {
      switch s {
      case .detected: return t0
      case .position(let j): return ends[j]
      case .limit(let k): return limitDue(k, before: i)
      case .missing: return nil
      }
    }
    var previous: LocalTimestamp? = t0
    var lastBounded: LocalTimestamp = t0
    var internalSlack: Int?
    c.contexts.withUnsafeBufferPointer { clocks in
    for i in c.items.indices {
      var end: LocalTimestamp?
      var capSource: CompiledPath.Source?
      switch c.items[i] {
      case .unbounded: end = nil
      case .carry: end = previous
      case .forward(let period, let from, let cap, let sequential, let k):
        end = value(from, at: i).flatMap { try? clocks[k].due(from: $0, period: period) }
        if sequential, let e = end { end = try? clocks[k].due(from: e, period: period) }
        capSource = cap
      case .backward(let period, let from, let cap, _, let k):
        end = value(from, at: i).flatMap { try? clocks[k].due(before: $0, period: period) }
        capSource = cap
      }
      if let cap = capSource, let c = value(cap, at: i), end.map({ c < $0 }) ?? true { end = c }
      if let e = end {
        if e < lastBounded { internalSlack = min(internalSlack ?? 0, e.seconds - lastBounded.seconds) }
        lastBounded = e
      }
      ends[i] = end
      previous = end
    }
    }
    let due = c.target.flatMap { limitDue($0, before: c.items.count) }
    return (ends, internalSlack, due)
  }

  /// Detection instants to search for the worst case: every hour of an ordinary week, the May and New Year holidays
  /// (with their shortened days and transfers) and the November holiday, in the regulation's local time.
  static let detectionSamples: [LocalTimestamp] = {
    let windows: [(CivilDate, Int)] = [
      (CivilDate(year: 2026, month: 3, day: 16)!, 7),
      (CivilDate(year: 2026, month: 4, day: 28)!, 15),
      (CivilDate(year: 2025, month: 12, day: 29)!, 13),
      (CivilDate(year: 2026, month: 11, day: 2)!, 4),
    ]
    var out: [LocalTimestamp] = []
    for (start, days) in windows {
      for h in 0..<(days * 24) {
        out.append(LocalTimestamp(seconds: LocalTimestamp(date: start).seconds + h * 3600))
        out.append(LocalTimestamp(seconds: LocalTimestamp(date: start).seconds + h * 3600 + 1800))
      }
    }
    return out
  }()
}
