import Foundation
import RegulationEngine
import RegulationModel
import RegulationParser
import TestSupport
import Testing
import WorkingTime

/// The audit's fast path (`OrderedCaseReplay`) against the general evaluator (`CaseRun`) on the same cases: every
/// event verdict and every limit verdict equal, field by field, whenever the fast path accepts a case; and it must
/// accept most cases of the acts whose plans it covers (else it would be a fast path in name only).
@Suite struct OrderedCaseReplayTests {
  static let files = ["000-ust-labinsk.yaml", "001-stavropol.yaml", "002-okha.yaml", "003-lipetsk.yaml", "004-krasnoufimsk.yaml"]

  struct Compared {
    var cases = 0
    var accepted = 0
    var lateEvents = 0
    var lateLimits = 0
  }

  /// Replays one sorted case both ways; returns whether the fast path accepted it.
  static func compare(_ plan: EvaluationPlan, detected: Int, posted: Int?, steps: [Int], times: [Int],
    sourceLocation: SourceLocation = #_sourceLocation) -> (Bool, CaseEvaluation)
  {
    var run = CaseRun(plan, detected: LocalTimestamp(seconds: detected))
    run.reset(detected: LocalTimestamp(seconds: detected), posted: posted.map { LocalTimestamp(seconds: $0) })
    for i in steps.indices { run.record(steps[i], at: LocalTimestamp(seconds: times[i])) }
    var general = CaseEvaluation()
    run.evaluation(into: &general, workingTimeOfLateOnly: true)
    let fast = OrderedCaseReplay(plan)
    var out = CaseEvaluation()
    let accepted = fast.evaluate(detected: LocalTimestamp(seconds: detected), posted: posted.map { LocalTimestamp(seconds: $0) },
      steps: steps, times: times, workingLateness: true, into: &out)
    if accepted {
      #expect(out.events == general.events, "steps \(steps) times \(times)", sourceLocation: sourceLocation)
      #expect(out.limits == general.limits, "steps \(steps) times \(times)", sourceLocation: sourceLocation)
      #expect(out.pending.isEmpty, sourceLocation: sourceLocation)
      // Counting only: the same verdicts but for the working-time lateness of late ones.
      var counted = CaseEvaluation()
      #expect(fast.evaluate(detected: LocalTimestamp(seconds: detected), posted: posted.map { LocalTimestamp(seconds: $0) },
        steps: steps, times: times, workingLateness: false, into: &counted), sourceLocation: sourceLocation)
      #expect(counted.events.map(\.lateBySeconds) == general.events.map(\.lateBySeconds), sourceLocation: sourceLocation)
      #expect(counted.events.map(\.due) == general.events.map(\.due), sourceLocation: sourceLocation)
      #expect(counted.limits.map(\.lateBySeconds) == general.limits.map(\.lateBySeconds), sourceLocation: sourceLocation)
    }
    return (accepted, general)
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
    var availablePlans = 0, plans = 0
    for round in 0..<1500 {
      let names = categorySets[Int(rng.next() % UInt64(categorySets.count))]
      var active = Set<String>()
      for s in situations where rng.next() % 3 == 0 { active.insert(s) }
      let profile = try compiled.profile(categories: names, situations: round % 5 == 0 ? nil : active)
      let plan = compiled.plan(profile)
      plans += 1
      if OrderedCaseReplay(plan).isAvailable { availablePlans += 1 }
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
      let (accepted, general) = Self.compare(plan, detected: t0, posted: posted, steps: steps, times: times)
      c.cases += 1
      if accepted {
        c.accepted += 1
        c.lateEvents += general.events.filter(\.isLate).count
        c.lateLimits += general.limits.filter { ($0.lateBySeconds ?? 0) > 0 }.count
      }
    }
    // Every shipped act has plans in the fast subset, and a good share of their cases are accepted (the walks jump to
    // random steps, whose anchors are then often unrecorded: those are declined); late verdicts are among them.
    #expect(availablePlans > 0, "\(file): no plan in the fast subset")
    #expect(c.accepted * 3 > c.cases * availablePlans / plans, "\(file): \(c)")
    #expect(c.lateEvents > 50, "\(file): \(c)")
  }

  /// Hand-made: Lipetsk (`answer` 9 working hours from detection; `draft` 4 calendar hours before it; `approve` 1
  /// working hour from the draft or rework), a case the general evaluator handles with rework, lateness and a
  /// weekend; the expected instants are computed by hand.
  @Test func lipetskByHand() throws {
    let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/003-lipetsk.yaml").path).regulation)
    let compiled = try CompiledRegulation(reg)
    let plan = compiled.plan(try compiled.profile(situations: []))
    #expect(OrderedCaseReplay(plan).isAvailable)
    func t(_ day: Int, _ h: Int, _ m: Int) -> Int { LocalTimestamp(date: CivilDate(year: 2026, month: 3, day: day)!, secondOfDay: h * 3600 + m * 60).seconds }
    let ids = ["route", "draft", "approve", "rework", "approve", "publish"].map { compiled.stepIndex($0)! }
    // Friday 20 March 2026, 15:00: answer due 9 working hours later = Monday 23 March 16:00 (3 h Friday, 6 h Monday
    // 09:00-13:00, 14:00-16:00); draft 4 h before it, 12:00.
    let times = [t(20, 15, 20), t(23, 12, 30), t(23, 14, 10), t(23, 14, 40), t(23, 15, 50), t(23, 16, 30)]
    let (accepted, general) = Self.compare(plan, detected: t(20, 15, 0), posted: nil, steps: ids, times: times)
    #expect(accepted)
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

  /// What the fast path must decline: events out of time order, an anchor never recorded (the general rule projects
  /// the first anchor step's deadline), an instant outside the production calendar.
  @Test func declinesWhatItDoesNotCover() throws {
    let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/003-lipetsk.yaml").path).regulation)
    let compiled = try CompiledRegulation(reg)
    let plan = compiled.plan(try compiled.profile(situations: []))
    let fast = OrderedCaseReplay(plan)
    var out = CaseEvaluation()
    let approve = compiled.stepIndex("approve")!, publish = compiled.stepIndex("publish")!
    let t0 = LocalTimestamp(date: CivilDate(year: 2026, month: 3, day: 17)!, secondOfDay: 36_000).seconds
    #expect(!fast.evaluate(detected: LocalTimestamp(seconds: t0), posted: nil, steps: [publish, approve],
      times: [t0 + 600, t0 + 60], workingLateness: true, into: &out))
    // `approve` counts from `draft` or `rework`, neither recorded.
    #expect(!fast.evaluate(detected: LocalTimestamp(seconds: t0), posted: nil, steps: [approve],
      times: [t0 + 600], workingLateness: true, into: &out))
    // `route` counts 30 calendar minutes, but the overall limit's working hours lie outside the calendar.
    let far = LocalTimestamp(date: CivilDate(year: 1990, month: 1, day: 1)!).seconds
    #expect(!fast.evaluate(detected: LocalTimestamp(seconds: far), posted: nil, steps: [compiled.stepIndex("route")!],
      times: [far + 60], workingLateness: true, into: &out))
    // And it still accepts a plain case after declining others (its buffers are reset per case).
    #expect(fast.evaluate(detected: LocalTimestamp(seconds: t0), posted: nil, steps: [compiled.stepIndex("route")!],
      times: [t0 + 60], workingLateness: true, into: &out))
    #expect(out.events.count == 1 && out.limits.count == 1)
  }
}
