import RegulationEngine
import RegulationModel
import WorkingTime

/// Enumerates the ways an incident can go through the steps (following outcomes), and walks each for a concrete
/// detection instant through the one evaluator: each step is assumed to end at its own deadline (all the time it is
/// given), recorded, and the next step's deadline is asked of the evaluator with that history.
struct PathExplorer: Sendable {
  let context: AnalysisContext
  var compiled: CompiledRegulation { context.compiled }

  /// A path and its number of rounds: how many times its most repeated back edge is taken (rework rounds, returns).
  struct Path: Hashable, Sendable {
    var steps: [Int]
    var repeats: Int
    /// The back edges taken ("approve → rework"), which name the loop; empty for a straight path.
    var loop: String
  }

  func ids(_ path: Path) -> [String] { path.steps.map { compiled.steps[$0].id } }
  func text(_ path: Path) -> String { ids(path).joined(separator: " → ") }

  /// Paths from an entry step to `target` in which no step occurs more than `1 + maxRepeats` times; only steps that
  /// can still reach the target are entered.
  func paths(to target: Int, maxRepeats: Int, plan: EvaluationPlan, limit: Int = 4000) -> [Path] {
    enumerate(to: target, maxRepeats: maxRepeats, plan: plan, limit: limit).paths
  }

  /// Paths as `paths(to:…)`, and whether the enumeration covered them all (`false`: it stopped at `limit`, and
  /// nothing may be concluded about the paths it did not reach).
  ///
  /// `combined`: instead, only the paths that take two different loops once each (one return to the router and one
  /// rework round), the loops combined with each other.
  func enumerate(
    to target: Int, maxRepeats: Int, plan: EvaluationPlan, limit: Int, combined: Bool = false
  ) -> (paths: [Path], complete: Bool) {
    var complete = true
    let graph = compiled.graph
    var result: [Path] = []
    var current: [Int] = []
    var counts = [Int](repeating: 0, count: compiled.steps.count)
    var loops: [StepEdge: Int] = [:]
    // An explicit stack (not recursion): a chain of thousands of steps must not exhaust the thread's stack.
    struct Frame {
      var step: Int
      var next = 0
      var via: StepEdge?
    }
    var stack: [Frame] = []
    // Combined loops are looked for among paths most of which are not kept: the walk itself is bounded too.
    var visits = 0
    func enter(_ s: Int, via: StepEdge?) -> Bool {
      visits += 1
      guard result.count < limit, !combined || visits <= limit * 64 else {
        complete = false
        return false
      }
      current.append(s)
      counts[s] += 1
      if let via { loops[via, default: 0] += 1 }
      if s == target {
        let taken = loops.filter { $0.value > 0 }
        guard !combined || taken.count == 2 else {
          leave(s, via: via)
          return false
        }
        let name = taken.keys.sorted().map { "\(compiled.steps[$0.from].id) → \(compiled.steps[$0.to].id)" }
        result.append(Path(steps: current, repeats: taken.values.max() ?? 0, loop: name.joined(separator: "; ")))
        leave(s, via: via)
        return false
      }
      stack.append(Frame(step: s, via: via))
      return true
    }
    func leave(_ s: Int, via: StepEdge?) {
      current.removeLast()
      counts[s] -= 1
      if let via { loops[via]! -= 1 }
    }
    for entry in graph.entries where plan.applies(entry) && graph.canReach(entry, target) {
      guard enter(entry, via: nil) else { continue }
      while let top = stack.last {
        let s = top.step
        let successors = graph.successors[s]
        if top.next >= successors.count || !complete {
          stack.removeLast()
          leave(s, via: top.via)
          continue
        }
        let next = successors[top.next]
        stack[stack.count - 1].next += 1
        guard plan.applies(next) && graph.canReach(next, target) && counts[next] <= maxRepeats else { continue }
        let edge = StepEdge(from: s, to: next)
        let isBack = graph.backEdges.contains(edge)
        // One loop per path: each loop is measured on its own (combinations only multiply the paths); or, when
        // `combined`, two different loops taken once each.
        if isBack, combined {
          let taken = loops.filter { $0.value > 0 }
          if (loops[edge] ?? 0) > 0 || taken.count >= 2 { continue }
        } else if isBack, loops.contains(where: { $0.key != edge && $0.value > 0 }) { continue }
        _ = enter(next, via: isBack ? edge : nil)
      }
    }
    return (result, complete)
  }

  /// The path without repeats whose steps end latest, built step by step in the order of the graph without its back
  /// edges: of all ways into a step, only the one letting it end latest (for detection at `t0`) is extended. Used
  /// when there are too many paths to enumerate: whatever it finds overrunning is a real counterexample.
  func latestPath(to target: Int, plan: EvaluationPlan, detected t0: LocalTimestamp) -> Path? {
    let graph = compiled.graph
    let n = compiled.steps.count
    let usable = (0..<n).map { plan.applies($0) && graph.canReach($0, target) }
    var indegree = [Int](repeating: 0, count: n)
    for s in 0..<n where usable[s] {
      for m in graph.successors[s] where usable[m] && !graph.isBackEdge(from: s, to: m) { indegree[m] += 1 }
    }
    var best: [(run: CaseRun, steps: [Int], end: Int)?] = Array(repeating: nil, count: n)
    var queue = graph.entries.filter { usable[$0] && indegree[$0] == 0 }
    for e in queue {
      var run = CaseRun(plan, detected: t0)
      let end = Self.advance(&run, e, previous: t0)
      best[e] = (run, [e], end)
    }
    var head = 0
    while head < queue.count {
      let s = queue[head]
      head += 1
      for m in graph.successors[s] where usable[m] && !graph.isBackEdge(from: s, to: m) {
        if let from = best[s] {
          var run = from.run
          let end = Self.advance(&run, m, previous: LocalTimestamp(seconds: from.end))
          if best[m].map({ end > $0.end }) ?? true { best[m] = (run, from.steps + [m], end) }
        }
        indegree[m] -= 1
        if indegree[m] == 0 { queue.append(m) }
      }
    }
    return best[target].map { Path(steps: $0.steps, repeats: 0, loop: "") }
  }

  /// Records a step at its deadline (as `timeline` does) and returns its end (`Int.max`: unbounded).
  static func advance(_ run: inout CaseRun, _ s: Int, previous: LocalTimestamp) -> Int {
    let due = run.due(of: s)
    switch due.issue {
    case nil:
      guard let e = due.instant else { return Int.max }
      run.record(s, at: e)
      return e.seconds
    case .noRuleApplies?: return previous.seconds
    default: return Int.max
    }
  }

  /// The latest allowed end of each step of a path (`nil` when unbounded), for detection at `t0`.
  struct Timeline: Sendable {
    var detected: LocalTimestamp
    var ends: [(step: Int, end: LocalTimestamp?)]
    /// The most negative gap between the latest ends of consecutive bounded steps (a step due before the step that
    /// precedes it may end), or `nil` when the steps are in order.
    var internalSlack: Int?
    var limitDue: LocalTimestamp?
    /// A deadline of the path or the limit falls outside the production calendar's years: nothing is known about this
    /// detection instant (it is neither a fit nor an overrun).
    var outsideCalendar = false
    /// The dues of the other limits the path's rules count back from or are capped by (`CrossingRelevance.others`),
    /// when asked for: the search extrapolates a path only while it knows every instant its deadlines read.
    var others: [LocalTimestamp?] = []
  }

  /// Walks a path for detection at `t0`: each step ends at its deadline (a step no rule applies to ends with the
  /// previous one; a step the act gives no deadline has no bound).
  func timeline(_ path: Path, plan: EvaluationPlan, limit: Int?, detected t0: LocalTimestamp, run: inout CaseRun) -> Timeline {
    run.reset(detected: t0)
    var walk = Walk(detected: t0)
    walk.ends.reserveCapacity(path.steps.count)
    for s in path.steps { walk.advance(s, &run) }
    return walk.timeline(limit: limit, &run)
  }

  /// A path walked up to some step for one detection instant: what its timeline holds so far. The evaluator's state
  /// after it is the detection instant and the bounded ends recorded, so another path with the same prefix goes on
  /// from a copy of it by recording those ends (`resume`) instead of evaluating the prefix again.
  struct Walk: Sendable {
    var detected: LocalTimestamp
    var ends: [(step: Int, end: LocalTimestamp?)] = []
    var previous: LocalTimestamp?
    var lastBounded: LocalTimestamp
    var internalSlack: Int?
    var outside = false

    init(detected t0: LocalTimestamp) {
      detected = t0
      previous = t0
      lastBounded = t0
    }

    /// Brings `run` to the state after this walk's steps.
    func resume(_ run: inout CaseRun) {
      run.reset(detected: detected)
      for (s, end) in ends { if let end { run.record(s, at: end) } }
    }

    /// The next step of the path ends at its deadline.
    mutating func advance(_ s: Int, _ run: inout CaseRun) {
      let due = run.due(of: s)
      var end: LocalTimestamp?
      switch due.issue {
      case nil: end = due.instant
      case .noRuleApplies?: end = previous
      case .outsideCalendar?: outside = true
      case let issue?:
        // Counted from a deadline past the calendar (e.g. "4 hours before the answer is due" when that is in a year
        // the calendar does not hold): unknown, not unbounded.
        if PathExplorer.pastCalendar(issue, &run) { outside = true }
        end = nil
      }
      if let e = end {
        run.record(s, at: e)
        if e < lastBounded { internalSlack = min(internalSlack ?? 0, e.seconds - lastBounded.seconds) }
        lastBounded = e
      }
      ends.append((s, end))
      previous = end
    }

    /// The timeline of the walked steps, with the limit's due.
    func timeline(limit: Int?, others: [Int] = [], _ run: inout CaseRun) -> Timeline {
      let limitDue = limit.map { run.limitDue($0) }
      var outside = outside
      if case .outsideCalendar? = limitDue?.issue { outside = true }
      return Timeline(detected: detected, ends: ends, internalSlack: internalSlack, limitDue: limitDue?.instant,
        outsideCalendar: outside, others: others.map { run.limitDue($0).instant })
    }
  }

  /// Whether a due is unknown because it, or a deadline it is counted from, falls outside the calendar's years.
  static func pastCalendar(_ issue: DueIssue, _ run: inout CaseRun, depth: Int = 0) -> Bool {
    guard depth < 8 else { return false }
    switch issue {
    case .outsideCalendar: return true
    case .referenceUnknown(.limit(let l)): return run.limitDue(l).issue.map { pastCalendar($0, &run, depth: depth + 1) } ?? false
    case .referenceUnknown(.step(let k)): return run.due(of: k).issue.map { pastCalendar($0, &run, depth: depth + 1) } ?? false
    default: return false
    }
  }

  /// How much time is left at the end of the path before the limit (negative: overrun; `Int.min`: unbounded), also
  /// counting a step due before its predecessor may end as an overrun.
  func slack(_ tl: Timeline) -> Int? { Self.slack(of: tl) }

  /// As `slack(_:)`, without an explorer (the search's probe calls it without capturing one: a copy of the explorer
  /// retains every field of its analysis context).
  static func slack(of tl: Timeline) -> Int? {
    guard let due = tl.limitDue, !tl.outsideCalendar else { return nil }
    let endSlack = tl.ends.last.flatMap { $0.end }.map { due.seconds - $0.seconds } ?? Int.min
    return min(endSlack, tl.internalSlack ?? Int.max)
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

extension PathExplorer {
  /// The exact search of one path over the detection period: the worst slack, how many detection intervals fail,
  /// and the timeline at the worst instant. `budget`: detection instants it may evaluate.
  func exact(
    _ path: Path, plan: EvaluationPlan, limit: Int, search: DetectionSearch, stopAtFirstFailure: Bool, budget: Int,
    first: [Int] = []
  ) -> (result: DetectionSearch.Result, timeline: Timeline?) {
    let found = exact([path], plan: plan, limit: limit, search: search, stopAtFirstFailure: stopAtFirstFailure,
      budget: budget, first: first)[0]
    return (found.result, found.timeline)
  }

  /// The exact search of several paths, each finding exactly what `exact` of it alone finds. Paths whose walks name
  /// the same ends (e.g. a return through steps without deadlines, a co-executor step counted from one) are searched
  /// once, or not at all when `cache` holds the search of such a path; the rest are walked side by side a day at a
  /// time (sharing common prefixes at each detection instant), in two halves on the two cores when there are enough.
  /// Each path gets its own timeline at the worst instant.
  ///
  /// `stepTimes`: also gather, in the same pass, what each step of each path gets at worst (`StepTimes`);
  /// `ignoreLimit`: only a step due before what it waits for counts as an overrun (the limit already fails). Either
  /// searches every path itself, without the shared cache (what is gathered is per path; the slack differs).
  func exact(
    _ paths: [Path], plan: EvaluationPlan, limit: Int, search: DetectionSearch, stopAtFirstFailure: Bool, budget: Int,
    first: [Int] = [], cache: SearchCache? = nil, stepTimes: Bool = false, ignoreLimit: Bool = false,
    extrapolate: Bool = true, linearPieces: Bool = true
  ) -> [(result: DetectionSearch.Result, timeline: Timeline?, times: StepTimes?)] {
    let found: [(result: DetectionSearch.Result, times: StepTimes?)]
    if stepTimes || ignoreLimit {
      found = exactInHalves(paths, plan: plan, limit: limit, search: search, stopAtFirstFailure: stopAtFirstFailure,
        budget: budget, first: first, stepTimes: stepTimes, ignoreLimit: ignoreLimit, extrapolate: extrapolate,
        linearPieces: linearPieces)
      AnalysisCounters.add(paths: paths.count, searched: paths.count)
    } else {
      let cache = cache ?? SearchCache(plan)
      let keys = cache.signatures(paths, limit: limit)
      var known: [[Int]: DetectionSearch.Result] = [:]
      var todo: [Path] = [], todoKeys: [[Int]] = []
      for (path, key) in zip(paths, keys) where known[key] == nil && !todoKeys.contains(key) {
        if let r = cache.result(key, stopAtFirstFailure: stopAtFirstFailure) { known[key] = r } else {
          todo.append(path)
          todoKeys.append(key)
        }
      }
      let searched = exactInHalves(todo, plan: plan, limit: limit, search: search,
        stopAtFirstFailure: stopAtFirstFailure, budget: budget, first: first, extrapolate: extrapolate,
        linearPieces: linearPieces)
      for (key, r) in zip(todoKeys, searched) {
        known[key] = r.result
        cache.store(key, r.result, stoppedAtFirstFailure: stopAtFirstFailure)
      }
      AnalysisCounters.add(paths: paths.count, searched: todo.count)
      found = keys.map { (known[$0]!, nil) }
    }
    var run = CaseRun(plan, detected: LocalTimestamp(seconds: search.firstDay * 86_400))
    return zip(paths, found).map { path, f in
      (f.result, f.result.worst.map { timeline(path, plan: plan, limit: limit, detected: $0.at, run: &run) }, f.times)
    }
  }

  /// `exactDistinct` of the paths, in two halves on the two cores when there are enough of them.
  private func exactInHalves(
    _ paths: [Path], plan: EvaluationPlan, limit: Int, search: DetectionSearch, stopAtFirstFailure: Bool, budget: Int,
    first: [Int], stepTimes: Bool = false, ignoreLimit: Bool = false, extrapolate: Bool = true,
    linearPieces: Bool = true
  ) -> [(result: DetectionSearch.Result, times: StepTimes?)] {
    let halves = paths.count >= 4 ? [Array(paths[..<(paths.count / 2)]), Array(paths[(paths.count / 2)...])] : [paths]
    return halves.concurrentMap { half in
      exactDistinct(half, plan: plan, limit: limit, search: search, stopAtFirstFailure: stopAtFirstFailure,
        budget: budget, first: first, stepTimes: stepTimes, ignoreLimit: ignoreLimit, extrapolate: extrapolate,
        linearPieces: linearPieces)
    }.flatMap { $0 }
  }

  /// The exact search of paths with different signatures, side by side. `extrapolate`: timelines inside a linear
  /// stretch are extrapolated, not evaluated; `linearPieces`: the breakpoints inside a stretch are then taken by
  /// arithmetic on it, not asked for one by one (both give exactly what evaluating every breakpoint gives:
  /// `LinearStretchTests`, `LinearStretchPieceTests`).
  private func exactDistinct(
    _ paths: [Path], plan: EvaluationPlan, limit: Int, search: DetectionSearch, stopAtFirstFailure: Bool, budget: Int,
    first: [Int], stepTimes: Bool = false, ignoreLimit: Bool = false, extrapolate: Bool = true,
    linearPieces: Bool = true
  ) -> [(result: DetectionSearch.Result, times: StepTimes?)] {
    let trie = PrefixTrie(paths)
    var times = stepTimes ? paths.map { StepTimes($0, plan: plan, compiled, search: search) } : []
    var run = CaseRun(plan, detected: LocalTimestamp(seconds: search.firstDay * 86_400))
    var walkers = paths.map { _ in
      DetectionSearch.Walker(stopAtFirstFailure: stopAtFirstFailure, budget: budget, ignoreLimit: ignoreLimit)
    }
    // Between the instants where a deadline can change speed or jump, timelines are extrapolated, not evaluated.
    let relevance = paths.map { CrossingRelevance($0, plan: plan, limit: limit, compiled, search: search) }
    var stretches = paths.map { _ in LinearStretch() }
    // Copies of walks at the steps where paths part, per trie node and detection instant, for the current day.
    var saved: [[Int: Walk]] = Array(repeating: [:], count: trie.nodeCount)
    var instants: [LocalTimestamp] = []
    // Step deadlines each path really evaluated (a shared prefix counts for the path that evaluated it).
    var evaluatedSteps = [Int](repeating: 0, count: paths.count)
    var evaluations = 0, neighbours = 0
    for day in search.days(first: first) {
      if walkers.allSatisfy(\.finished) { break }
      for n in trie.forks { saved[n].removeAll(keepingCapacity: true) }
      for (i, path) in paths.enumerated() where !walkers[i].finished {
        let forks = trie.forksOf[i]
        // A full evaluation of the path at `t0` through the one evaluator, resuming from a copy of a path with the
        // same prefix at the same instant when there is one.
        func evaluate(_ t0: LocalTimestamp) -> Timeline {
          var walk: Walk
          var from = 0
          if let k = forks.lastIndex(where: { saved[$0.node][t0.seconds] != nil }) {
            walk = saved[forks[k].node][t0.seconds]!
            walk.resume(&run)
            from = forks[k].depth
          } else {
            run.reset(detected: t0)
            walk = Walk(detected: t0)
            walk.ends.reserveCapacity(path.steps.count)
          }
          evaluatedSteps[i] += path.steps.count - from
          evaluations += 1
          var next = forks.firstIndex { $0.depth > from } ?? forks.count
          for d in from..<path.steps.count {
            walk.advance(path.steps[d], &run)
            if next < forks.count, forks[next].depth == d + 1 {
              if saved[forks[next].node][t0.seconds] == nil { saved[forks[next].node][t0.seconds] = walk }
              next += 1
            }
          }
          return walk.timeline(limit: limit, others: relevance[i].others, &run)
        }
        // Inside a linear stretch the walker takes the instants by arithmetic (`LinearView`), gathering step times
        // from the same values.
        let gather: ((LinearView, Int) -> Void)? = stepTimes ? { v, p in times[i].gather(v, p) } : nil
        walkers[i].visit(day, search, gather: gather) { t0 -> DetectionSearch.Probe in
          let tl: Timeline
          if extrapolate, let known = stretches[i].extrapolate(t0.seconds) { tl = known } else {
            tl = evaluate(t0)
            if extrapolate {
              stretches[i].observe(t0.seconds, tl, relevance[i], search)
              // No stretch yet: one more evaluation a minute later may start one (the search asks for that instant
              // next at the start of most pieces).
              if stretches[i].wantsNeighbour(relevance[i], search), t0.seconds % 86_400 < 86_400 - 60 {
                let t1 = LocalTimestamp(seconds: t0.seconds + 60)
                neighbours += 1
                stretches[i].observe(t1.seconds, evaluate(t1), relevance[i], search)
              }
            }
          }
          if stepTimes, !tl.outsideCalendar { times[i].gather(tl) }
          instants.removeAll(keepingCapacity: true)
          for e in tl.ends { if let end = e.end { instants.append(end) } }
          if let d = tl.limitDue { instants.append(d) }
          // The dues of other limits the path's rules count back from or are capped by: where one reaches a boundary
          // it may bend or jump (working time), and so may every deadline read from it, though no instant above is on
          // a boundary there. A piece must end there too, else it is not linear and its least slack may be missed.
          for o in tl.others { if let o { instants.append(o) } }
          // `ignoreLimit`: only a step due before what it waits for is an overrun (the limit already fails).
          let linear = extrapolate && linearPieces ? stretches[i].view : nil
          if ignoreLimit {
            return .init(slack: tl.outsideCalendar ? nil : tl.internalSlack ?? Int.max / 2, instants: instants,
              outside: tl.outsideCalendar, linear: linear)
          }
          return .init(slack: Self.slack(of: tl), instants: instants, outside: tl.outsideCalendar, linear: linear)
        }
      }
    }
    AnalysisCounters.add(evaluations: evaluations, neighbours: neighbours,
      walked: walkers.reduce(0) { $0 + $1.result.walkedDays }, reused: walkers.reduce(0) { $0 + $1.result.reusedDays })
    return paths.indices.map { i in
      let r = walkers[i].result
      AnalysisCounters.add(instants: r.evaluated, deadlines: evaluatedSteps[i], probed: r.probed)
      return (r, stepTimes ? times[i] : nil)
    }
  }
}

/// The paths of a search as a trie: the nodes where paths part ("forks"), and for each path the forks on it with their
/// depth (the number of its steps before the fork).
struct PrefixTrie {
  var nodeCount = 1
  /// The nodes with more than one child or where a path ends while others go on.
  var forks: [Int] = []
  var forksOf: [[(depth: Int, node: Int)]]

  init(_ paths: [PathExplorer.Path]) {
    var children: [[Int: Int]] = [[:]]
    var nodesOf: [[Int]] = []
    for p in paths {
      var node = 0
      var nodes: [Int] = []
      for s in p.steps {
        if let c = children[node][s] { node = c } else {
          children.append([:])
          children[node][s] = children.count - 1
          node = children.count - 1
        }
        nodes.append(node)
      }
      nodesOf.append(nodes)
    }
    nodeCount = children.count
    var passing = [Int](repeating: 0, count: nodeCount)
    for nodes in nodesOf { for n in nodes { passing[n] += 1 } }
    // A node is worth a copy when more than one path passes it and they do not all take the same next step.
    let isFork = (0..<nodeCount).map { n in passing[n] > 1 && children[n].values.allSatisfy { passing[$0] < passing[n] } }
    forks = (0..<nodeCount).filter { isFork[$0] }
    forksOf = nodesOf.map { nodes in
      nodes.enumerated().filter { isFork[$0.element] }.map { (depth: $0.offset + 1, node: $0.element) }
    }
  }
}
