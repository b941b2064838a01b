import Foundation
@testable import RegulationEngine
import RegulationModel
import RegulationParser
import TestSupport
import Testing
import WorkingTime

/// A closed case replayed in one call (`CaseRun.replay`, the audit's hot path: events appended in time order, a
/// limit computed once per case, only what `EvaluationNeeds` asks for) against the same case recorded event by event
/// and evaluated in full (`CaseRun.record`, `evaluation(into:)`): every event verdict and every limit verdict equal,
/// field by field, and what is left out is left out only. And each event's deadline and each limit's against a fresh
/// replay of the history asked at that position alone (no memo, no limit kept for the case). The compact verdicts of
/// the counts-only path against the general full verdicts, field by field.
@Suite struct ClosedCaseReplayTests {
  static let files = ["000-ust-labinsk.yaml", "001-stavropol.yaml", "002-okha.yaml", "003-lipetsk.yaml", "004-krasnoufimsk.yaml"]

  struct Compared {
    var cases = 0
    var lateEvents = 0
    var lateLimits = 0
  }

  /// Replays one case both ways and checks them; returns the general evaluation.
  @discardableResult
  static func compare(_ plan: EvaluationPlan, detected: Int, posted: Int?, steps: [Int], times: [Int],
    sourceLocation: SourceLocation = #_sourceLocation) -> CaseEvaluation
  {
    let det = LocalTimestamp(seconds: detected), post = posted.map { LocalTimestamp(seconds: $0) }
    var run = CaseRun(plan, detected: det)
    run.reset(detected: det, posted: post)
    for i in steps.indices { run.record(steps[i], at: LocalTimestamp(seconds: times[i])) }
    var general = CaseEvaluation()
    run.evaluation(into: &general, workingTimeOfLateOnly: true)
    // One call, a run that replayed another case before (its buffers reused), the same needs.
    var fast = CaseRun(plan, detected: det)
    var scratch = CaseEvaluation()
    fast.replay(detected: LocalTimestamp(seconds: detected - 86_400), posted: nil, steps: steps.reversed(),
      times: times.map { $0 - 3600 }, needs: EvaluationNeeds(), into: &scratch)
    var out = CaseEvaluation()
    fast.replay(detected: det, posted: post, steps: steps, times: times, needs: EvaluationNeeds(workingLateness: .lateOnly),
      into: &out)
    #expect(out.events == general.events, "steps \(steps) times \(times)", sourceLocation: sourceLocation)
    #expect(out.limits == general.limits, "steps \(steps) times \(times)", sourceLocation: sourceLocation)
    #expect(out.pending == general.pending, "steps \(steps) times \(times)", sourceLocation: sourceLocation)
    // Counting only: the same verdicts without clauses, working-time lateness or what comes next.
    var counted = CaseEvaluation()
    fast.replay(detected: det, posted: post, steps: steps, times: times,
      needs: EvaluationNeeds(workingLateness: .none, clauses: false, pending: false), into: &counted)
    var expected = general
    for k in expected.events.indices {
      expected.events[k].clause = nil
      expected.events[k].lateByWorkingSeconds = expected.events[k].lateBySeconds
    }
    for k in expected.limits.indices {
      expected.limits[k].clause = nil
      expected.limits[k].lateByWorkingSeconds = expected.limits[k].lateBySeconds
    }
    #expect(counted.events == expected.events, sourceLocation: sourceLocation)
    #expect(counted.limits == expected.limits, sourceLocation: sourceLocation)
    #expect(counted.pending.isEmpty, sourceLocation: sourceLocation)
    #expect(counted.compactEvents.isEmpty, sourceLocation: sourceLocation)
    // The compact verdicts alone (the audit's counts-only path): no full verdict built, and each compact one equal to
    // the general full verdict's fields; then both asked at once, as the audit does when it keeps violations.
    var compact = CaseEvaluation()
    fast.replay(detected: det, posted: post, steps: steps, times: times,
      needs: EvaluationNeeds(workingLateness: .none, clauses: false, pending: false, eventVerdicts: false,
        compactVerdicts: true), into: &compact)
    #expect(compact.events.isEmpty, sourceLocation: sourceLocation)
    #expect(compact.compactEvents.count == general.events.count, sourceLocation: sourceLocation)
    for (c, g) in zip(compact.compactEvents, general.events) {
      #expect(c.event == g.event && c.step == g.step && c.occurrence == g.occurrence
        && c.lateBySeconds == g.lateBySeconds && c.beforeDetection == g.beforeDetection
        && c.due == g.due.instant && (c.dueSeconds == Int.min) == (g.due.instant == nil),
        "steps \(steps) times \(times)", sourceLocation: sourceLocation)
    }
    #expect(compact.limits == expected.limits, sourceLocation: sourceLocation)
    var both = CaseEvaluation()
    fast.replay(detected: det, posted: post, steps: steps, times: times,
      needs: EvaluationNeeds(workingLateness: .lateOnly, compactVerdicts: true), into: &both)
    #expect(both.events == general.events, sourceLocation: sourceLocation)
    #expect(both.compactEvents == compact.compactEvents, sourceLocation: sourceLocation)
    #expect(both.pending == general.pending, sourceLocation: sourceLocation)
    // Each deadline from scratch: a fresh replay of the whole history asked at the event's position (a limit counts
    // from the first occurrences of its anchors over the whole history), nothing carried between positions.
    let history = CaseHistory(detected: det, posted: post,
      events: steps.indices.map { CaseEvent(step: steps[$0], at: LocalTimestamp(seconds: times[$0])) })
    let order = steps.indices.sorted { (times[$0], $0) < (times[$1], $1) }
    for (q, i) in order.enumerated() {
      var fresh = Replay(plan, history)
      #expect(general.events[q].due == fresh.stepDue(steps[i], at: q), "event \(q) of \(steps)",
        sourceLocation: sourceLocation)
    }
    for v in general.limits {
      var fresh = Replay(plan, history)
      #expect(v.due == fresh.limitDue(v.limit, at: steps.count), "limit \(v.limit) of \(steps)",
        sourceLocation: sourceLocation)
    }
    return general
  }

  /// Generated cases: walks of each act's flow with rework rounds and returns, random gaps (nights, weekends, the
  /// New Year holidays), events before detection, a posting time, repeated steps at the same instant, under every
  /// category and every set of situations the act's steps require.
  @Test(arguments: files) func sameVerdictsAsTheGeneralEvaluator(_ file: String) throws {
    let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/\(file)").path).regulation)
    let compiled = try CompiledRegulation(reg)
    var rng = TestSplitMix(state: UInt64(file.utf8.count) &* 104_729)
    let categorySets: [[String]] = reg.categories.isEmpty ? [[]]
      : reg.categories.filter { !$0.overlay }.map { [$0.id] } + reg.categories.filter(\.overlay).map { [$0.id] }
      + reg.categories.filter { !$0.overlay }.flatMap { b in reg.categories.filter(\.overlay).map { [b.id, $0.id] } }
    let situations = reg.situations.map(\.id)
    var c = Compared()
    for round in 0..<1500 {
      let names = categorySets[Int(rng.next() % UInt64(categorySets.count))]
      var active = Set<String>()
      for s in situations where rng.next() % 3 == 0 { active.insert(s) }
      let profile = try compiled.profile(categories: names, situations: round % 5 == 0 ? nil : active)
      let plan = compiled.plan(profile)
      let start = rng.next() % 4 == 0 ? CivilDate(year: 2026, month: 12, day: 28)! : CivilDate(year: 2026, month: 1, day: 5)!
      let t0 = LocalTimestamp(date: start, secondOfDay: 0).seconds + Int(rng.next() % (360 * 1440)) * 60
        + Int(rng.next() % 60)
      var steps: [Int] = [], times: [Int] = []
      var step = compiled.graph.entries[Int(rng.next() % UInt64(compiled.graph.entries.count))]
      var clock = t0 - (rng.next() % 10 == 0 ? 3600 : 0)
      for _ in 0..<(1 + Int(rng.next() % 14)) {
        switch rng.next() % 6 {
        case 0: clock += 0
        case 1: clock += Int(rng.next() % 50) * 60
        case 2: clock += Int(rng.next() % (3 * 1440)) * 60
        default: clock += Int(rng.next() % 300) * 60 + Int(rng.next() % 60)
        }
        steps.append(step)
        times.append(clock)
        let next = compiled.graph.successors[step]
        if next.isEmpty || rng.next() % 9 == 0 {
          step = Int(rng.next() % UInt64(compiled.steps.count))
        } else {
          step = next[Int(rng.next() % UInt64(next.count))]
        }
      }
      let posted: Int? = rng.next() % 4 == 0 ? t0 - Int(rng.next() % 600) * 60 : nil
      // Every fourth case out of time order (a log's rows need not be): the one call sorts them as recording does.
      if round % 4 == 3, steps.count > 2 { steps.swapAt(0, steps.count - 1) ; times.swapAt(0, times.count - 1) }
      let general = Self.compare(plan, detected: t0, posted: posted, steps: steps, times: times)
      c.cases += 1
      c.lateEvents += general.events.filter(\.isLate).count
      c.lateLimits += general.limits.filter { ($0.lateBySeconds ?? 0) > 0 }.count
    }
    // Late verdicts are among them (the comparison is not of on-time cases only).
    #expect(c.lateEvents > 50, "\(file): \(c)")
  }

  /// Hand-made: Lipetsk (`answer` 9 working hours from detection; `draft` 4 calendar hours before it; `approve` 1
  /// working hour from the draft or rework), a case the general evaluator handles with rework, lateness and a
  /// weekend; the expected instants are computed by hand.
  @Test func lipetskByHand() throws {
    let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/003-lipetsk.yaml").path).regulation)
    let compiled = try CompiledRegulation(reg)
    let plan = compiled.plan(try compiled.profile(situations: []))
    func t(_ day: Int, _ h: Int, _ m: Int) -> Int { LocalTimestamp(date: CivilDate(year: 2026, month: 3, day: day)!, secondOfDay: h * 3600 + m * 60).seconds }
    let ids = ["route", "draft", "approve", "rework", "approve", "publish"].map { compiled.stepIndex($0)! }
    // Friday 20 March 2026, 15:00: answer due 9 working hours later = Monday 23 March 16:00 (3 h Friday, 6 h Monday
    // 09:00-13:00, 14:00-16:00); draft 4 h before it, 12:00.
    let times = [t(20, 15, 20), t(23, 12, 30), t(23, 14, 10), t(23, 14, 40), t(23, 15, 50), t(23, 16, 30)]
    let general = Self.compare(plan, detected: t(20, 15, 0), posted: nil, steps: ids, times: times)
    let tz = compiled.clocks.main.timeZone
    #expect(general.events.map { $0.due.instant.map { tz.iso($0) } ?? "-" } == [
      "2026-03-20T15:30:00+03:00",  // route: 30 calendar minutes
      "2026-03-23T12:00:00+03:00",  // draft: 16:00 − 4 h
      "2026-03-23T14:30:00+03:00",  // approve: 1 working hour from 12:30, over the 13:00–14:00 break
      "2026-03-23T15:10:00+03:00",  // rework: 1 working hour from approve 14:10
      "2026-03-23T15:40:00+03:00",  // approve: 1 working hour from rework 14:40
      "2026-03-23T16:20:00+03:00",  // publish: 30 minutes from approve 15:50
    ])
    #expect(general.events.map(\.lateBySeconds) == [-600, 1800, -1200, -1800, 600, 600])
    #expect(general.limits.count == 1)
    #expect(general.limits.first?.due.instant.map { tz.iso($0) } == "2026-03-23T16:00:00+03:00")
    #expect(general.limits.first?.lateBySeconds == 1800)
  }

  /// What the audit's former second evaluator declined, now the same replay: events out of time order, an anchor
  /// never recorded (the first anchor step's deadline is projected, so a limit counted from it is not kept for the
  /// case), an instant outside the production calendar (an issue instead of an instant), and a plain case after them
  /// (the run's buffers and per-case limit reset).
  @Test func whatTheFastPathDeclinedIsTheSameReplay() throws {
    let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/003-lipetsk.yaml").path).regulation)
    let compiled = try CompiledRegulation(reg)
    let plan = compiled.plan(try compiled.profile(situations: []))
    let approve = compiled.stepIndex("approve")!, publish = compiled.stepIndex("publish")!
    let route = compiled.stepIndex("route")!
    let t0 = LocalTimestamp(date: CivilDate(year: 2026, month: 3, day: 17)!, secondOfDay: 36_000).seconds
    Self.compare(plan, detected: t0, posted: nil, steps: [publish, approve], times: [t0 + 600, t0 + 60])
    // `approve` counts from `draft` or `rework`, neither recorded.
    let projected = Self.compare(plan, detected: t0, posted: nil, steps: [approve], times: [t0 + 600])
    #expect(projected.events.first?.due.instant != nil)
    // `route` counts 30 calendar minutes, but the overall limit's working hours lie outside the calendar.
    let far = LocalTimestamp(date: CivilDate(year: 1990, month: 1, day: 1)!).seconds
    let outside = Self.compare(plan, detected: far, posted: nil, steps: [route], times: [far + 60])
    #expect(outside.limits.first?.due.instant == nil)
    let plain = Self.compare(plan, detected: t0, posted: nil, steps: [route], times: [t0 + 60])
    #expect(plain.events.count == 1 && plain.limits.count == 1)
  }
}
