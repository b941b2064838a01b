import Foundation
import RegulationEngine
import RegulationModel
import RegulationParser
import TestSupport
import Testing
import WorkingTime

/// A slow reference of the case-history rules of docs/TIME.md, written against the model directly (names, linear
/// scans, no compiled indices, no memo), to check the one evaluator on random histories.
struct ReferenceEvaluator {
  let reg: Regulation
  let clocks: RegulationClocks
  /// Category ids of the incident (base first).
  let categories: [String]
  let detected: LocalTimestamp
  /// Events in time order (stable).
  let events: [(step: String, at: LocalTimestamp)]

  func category(_ name: String) -> Category? {
    reg.categories.first { $0.id.lowercased() == name.lowercased() || $0.name.lowercased() == name.lowercased()
      || $0.aliases.contains { $0.value.lowercased() == name.lowercased() } }
  }

  func holds(_ c: Condition) -> Bool {
    if c.categories.isEmpty { return true }
    return c.categories.contains { ref in category(ref.value).map { categories.contains($0.id) } ?? false }
  }

  func rule(_ d: StepDeadline?) -> DeadlineRule? {
    guard case .rules(let rules)? = d else { return nil }
    let matching = rules.filter { holds($0.condition) }
    let overlay = matching.filter { r in r.condition.categories.contains { category($0.value)?.overlay == true && categories.contains(category($0.value)!.id) } }
    return (overlay.isEmpty ? matching : overlay).first
  }

  func latest(_ step: String, before p: Int) -> LocalTimestamp? { events[..<p].last { $0.step == step }?.at }
  func first(_ step: String) -> LocalTimestamp? { events.first { $0.step == step }?.at }

  func stepDue(_ id: String, at p: Int, depth: Int = 0) -> LocalTimestamp? {
    guard depth < 40, let step = reg.step(id), holds(step.condition), let r = rule(step.deadline) else { return nil }
    let sequential = step.coExecution?.order == "sequential" && r.each
    return due(r, time: clocks.context(for: step.role?.value), chain: sequential ? id : nil, limit: false, at: p, depth: depth)
  }

  func limitDue(_ id: String, at p: Int, depth: Int = 0) -> LocalTimestamp? {
    guard depth < 40, let limit = reg.limit(id), let r = rule(limit.deadline) else { return nil }
    return due(r, time: clocks.main, chain: nil, limit: true, at: p, depth: depth)
  }

  func reference(_ id: String, at p: Int, depth: Int) -> LocalTimestamp? {
    reg.limit(id) != nil ? limitDue(id, at: p, depth: depth + 1) : stepDue(id, at: p, depth: depth + 1)
  }

  func due(_ r: DeadlineRule, time: TimeContext, chain: String?, limit: Bool, at p: Int, depth: Int) -> LocalTimestamp? {
    var result: LocalTimestamp?
    if let b = r.before {
      guard let ref = reference(b.value, at: p, depth: depth) else { return nil }
      result = try? time.due(before: ref, period: r.period)
    } else {
      var candidates: [LocalTimestamp] = []
      if r.anchors.isEmpty { candidates.append(detected) }
      for a in r.anchors {
        switch a.value {
        case .detected, .posted: candidates.append(detected)
        case .step(let s): if let t = limit ? first(s) : latest(s, before: p) { candidates.append(t) }
        }
      }
      if let chain, let t = latest(chain, before: p) { candidates.append(t) }
      var start = candidates.max()
      if start == nil, case .step(let s)? = r.anchors.first?.value { start = stepDue(s, at: p, depth: depth + 1) }
      if let start {
        result = try? time.due(from: start, period: r.period)
      } else if let cap = r.notLaterThan {
        return reference(cap.value, at: p, depth: depth)
      }
    }
    if let cap = r.notLaterThan, let c = reference(cap.value, at: p, depth: depth), let d = result, c < d { result = c }
    return result
  }
}

@Suite struct CaseHistoryPropertyTests {
  static let files = ["000-ust-labinsk.yaml", "001-stavropol.yaml", "002-okha.yaml", "003-lipetsk.yaml", "004-krasnoufimsk.yaml"]

  /// Random histories — walks of the flow with rework rounds and returns, random gaps, some events recorded out of
  /// order — replayed by the evaluator and by the slow reference: every event's deadline, every pending deadline
  /// and every limit agree.
  @Test(arguments: files) func evaluatorAgreesWithReference(_ file: String) throws {
    let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/\(file)").path).regulation)
    let compiled = try CompiledRegulation(reg)
    var rng = TestSplitMix(state: UInt64(file.utf8.count) &* 7919)
    let categorySets: [[String]] = reg.categories.isEmpty ? [[]]
      : reg.categories.filter { !$0.overlay }.map { [$0.id] } + reg.categories.filter(\.overlay).map { [$0.id] }
    var compared = 0
    for _ in 0..<400 {
      let names = categorySets[Int(rng.next() % UInt64(categorySets.count))]
      let profile = try compiled.profile(categories: names)
      let plan = compiled.plan(profile)
      let ids = compiled.categoryNames(profile).compactMap { n in reg.categories.first { $0.name == n }?.id }
      let t0 = LocalTimestamp(date: CivilDate(year: 2026, month: 1, day: 1)!, secondOfDay: 0).seconds
        + Int(rng.next() % (360 * 1440)) * 60
      var history = CaseHistory(detected: LocalTimestamp(seconds: t0))
      // A walk of the flow: from an entry, a random successor each time (loops allowed), 1–12 events.
      var step = compiled.graph.entries[Int(rng.next() % UInt64(compiled.graph.entries.count))]
      var clock = t0
      for _ in 0..<(1 + Int(rng.next() % 12)) {
        clock += Int(rng.next() % 600) * 60 - (rng.next() % 5 == 0 ? 3 * 3600 : 0)
        history.events.append(CaseEvent(step: step, at: LocalTimestamp(seconds: max(clock, t0))))
        let next = compiled.graph.successors[step]
        if next.isEmpty { break }
        step = next[Int(rng.next() % UInt64(next.count))]
      }
      if history.events.count > 2, rng.next() % 3 == 0 { history.events.swapAt(0, history.events.count - 1) }
      let ordered = history.events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
        .map { (compiled.steps[$0.element.step].id, $0.element.at) }
      let ref = ReferenceEvaluator(reg: reg, clocks: compiled.clocks, categories: ids, detected: history.detected,
        events: ordered)
      let evaluation = plan.evaluate(history)
      for (p, v) in evaluation.events.enumerated() {
        #expect(v.due.instant == ref.stepDue(compiled.steps[v.step].id, at: p), "\(file) event \(p) of \(ordered)")
        compared += 1
      }
      for pending in evaluation.pending {
        #expect(pending.due.instant == ref.stepDue(compiled.steps[pending.step].id, at: ordered.count), "\(file) pending")
        compared += 1
      }
      for l in evaluation.limits {
        #expect(l.due.instant == ref.limitDue(compiled.limits[l.limit].id, at: ordered.count), "\(file) limit")
        compared += 1
      }
    }
    #expect(compared > 500)
  }
}

