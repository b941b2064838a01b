import RegulationEngine
import RegulationModel
import WorkingTime

/// The only place the simulation asks for deadlines: every due instant comes from the engine (the single evaluator
/// `reglament deadlines` uses). Until engine v2 lands this adapts the v1 `DeadlineCalculator`; with v2 it becomes
/// `CompiledRegulation.plan(profile).evaluate(history)` / `.due(of:in:)`, and only this file changes.
final class DeadlineOracle: Sendable {
  let calculator: DeadlineCalculator
  let regulation: Regulation
  /// Normalized incidents (categories, kind) of each profile.
  private let profiles: [Incident]
  private let stepIDs: [String]
  /// Per step: the steps its deadline depends on (anchors, `before`, `not_later_than`, transitively; itself only through a cycle such as approve ⇄ rework).
  private let dependencies: [Set<Int>]
  /// Per limit: its id and the index of the step that meets it.
  let limits: [(id: String, until: Int)]

  /// One due instant per recorded event (nil: the act sets none), and the overall limits.
  struct Evaluation {
    var eventDues: [LocalTimestamp?]
    var limits: [(limit: Int, due: LocalTimestamp, reachedAt: LocalTimestamp?)]
  }

  /// `profiles`: category ids and kind of each incident profile the scenario generates.
  init(regulation: Regulation, clocks: RegulationClocks, profiles: [(categories: [String], kind: String?)]) throws {
    let calculator = DeadlineCalculator(regulation: regulation, clocks: clocks)
    self.calculator = calculator
    self.regulation = regulation
    self.profiles = try profiles.map { p in
      try calculator.normalized(Incident(detected: LocalTimestamp(seconds: 0), categories: p.categories, kind: p.kind))
    }
    stepIDs = regulation.steps.map(\.id)
    let index = Dictionary(regulation.steps.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let direct: [Set<Int>] = regulation.steps.enumerated().map { i, step in
      var d: Set<Int> = []
      if case .rules(let rules)? = step.deadline {
        for r in rules {
          for a in r.anchors { if case .step(let x) = a.value, let j = index[x] { d.insert(j) } }
          for x in [r.before?.value, r.notLaterThan?.value].compactMap({ $0 }) { if let j = index[x] { d.insert(j) } }
        }
      }
      return d
    }
    var closure = direct
    var changed = true
    while changed {
      changed = false
      for i in closure.indices {
        let grown = closure[i].reduce(into: closure[i]) { acc, j in acc.formUnion(direct[j]) }
        if grown.count != closure[i].count {
          closure[i] = grown
          changed = true
        }
      }
    }
    dependencies = closure
    limits = regulation.limits.map { l in (l.id, regulation.steps.firstIndex { $0.id == l.until.value } ?? -1) }
  }

  private func incident(_ profile: Int, _ detected: LocalTimestamp, _ events: ArraySlice<(step: Int, at: Int)>) -> Incident {
    var inc = profiles[profile]
    inc.detected = detected
    inc.situations = nil
    for e in events {
      let id = stepIDs[e.step]
      let t = LocalTimestamp(seconds: e.at)
      if let old = inc.events[id], old > t { continue }
      inc.events[id] = t
    }
    return inc
  }

  private func dues(_ inc: Incident) -> [String: LocalTimestamp] {
    guard let list = try? calculator.deadlines(for: inc, explain: false) else { return [:] }
    var out: [String: LocalTimestamp] = [:]
    for d in list where d.entity != "duty" { if let due = d.due { out[d.step] = due } }
    return out
  }

  /// The deadline of the next occurrence of `step`, given the events so far.
  func due(of step: Int, profile: Int, detected: Int, events: ArraySlice<(step: Int, at: Int)>) -> LocalTimestamp? {
    dues(incident(profile, LocalTimestamp(seconds: detected), events))[stepIDs[step]]
  }

  /// Replays a finished case: events in time order.
  func evaluate(profile: Int, detected: Int, events: [(step: Int, at: Int)]) -> Evaluation {
    let t0 = LocalTimestamp(seconds: detected)
    let all = dues(incident(profile, t0, events[...]))
    // Event i's deadline is the engine's given the events before it. The engine gives the same answer for any
    // longer prefix that adds no event of a step i's deadline depends on, so events share one call per prefix end:
    // a case without returns and rework rounds needs one call.
    var byEnd: [Int: [String: LocalTimestamp]] = [events.count: all]
    var eventDues: [LocalTimestamp?] = []
    eventDues.reserveCapacity(events.count)
    for (i, e) in events.enumerated() {
      let deps = dependencies[e.step]
      var end = i
      while end < events.count && !deps.contains(events[end].step) { end += 1 }
      let table: [String: LocalTimestamp]
      if let cached = byEnd[end] {
        table = cached
      } else {
        table = dues(incident(profile, t0, events[..<end]))
        byEnd[end] = table
      }
      eventDues.append(table[stepIDs[e.step]])
    }
    var limitResults: [(limit: Int, due: LocalTimestamp, reachedAt: LocalTimestamp?)] = []
    for (i, l) in limits.enumerated() {
      guard let due = all[l.id] else { continue }
      let reached = events.first { $0.step == l.until }.map { LocalTimestamp(seconds: $0.at) }
      limitResults.append((i, due, reached))
    }
    return Evaluation(eventDues: eventDues, limits: limitResults)
  }
}
