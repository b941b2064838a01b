import Foundation
import Testing
import RegulationEngine
import RegulationModel
import RegulationParser
import TestSupport
import WorkingTime
@testable import RegulationSimulation

/// The oracle maps the simulator's events onto the engine's case history and back: each event's deadline must be
/// the engine's deadline of that occurrence given exactly the events before it (`due(of:in:)` on the prefix).
@Suite struct DeadlineOracleTests {
  @Test(arguments: ["regulations/004-krasnoufimsk.yaml", "regulations/001-stavropol.yaml", "regulations/002-okha.yaml"])
  func eventDeadlinesAreTheEnginesForEachPrefix(_ file: String) throws {
    let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent(file).path).regulation)
    let clocks = try #require(reg.clocks())
    let oracle = try DeadlineOracle(regulation: reg, clocks: clocks, profiles: [([], nil)])
    let compiled = CompiledRegulation(reg, clocks: clocks)
    let plan = compiled.plan(try compiled.profile())
    var rng = SplitMix64(seed: 5)
    let ids = reg.steps.map(\.id)
    let start = LocalTimestamp(date: CivilDate(year: 2026, month: 4, day: 27)!).seconds
    var compared = 0, withDue = 0
    for _ in 0..<150 {
      // A random walk over the regulation's outcomes, 30–300 minutes a step, from a random instant.
      let detected = start + Int(rng.next() % UInt64(20 * 86_400))
      var t = detected, step = 0
      var events: [(step: Int, at: Int)] = []
      for _ in 0..<(3 + Int(rng.next() % 8)) {
        t += 1800 + Int(rng.next() % 16_200)
        events.append((step, t))
        let outcomes = reg.steps[step].outcomes.compactMap { $0.to?.value }.filter { $0 != "end" }
        guard !outcomes.isEmpty, let next = ids.firstIndex(of: outcomes[Int(rng.next() % UInt64(outcomes.count))]) else { break }
        step = next
      }
      let got = oracle.evaluate(profile: 0, detected: detected, events: events).eventDues
      for i in events.indices {
        let history = CaseHistory(detected: LocalTimestamp(seconds: detected),
          events: events[..<i].map { CaseEvent(step: $0.step, at: LocalTimestamp(seconds: $0.at)) })
        let expected = plan.due(of: events[i].step, in: history)
        #expect(got[i] == expected, "\(file) event \(i) \(ids[events[i].step])")
        compared += 1
        if expected != nil { withDue += 1 }
      }
    }
    #expect(compared > 500 && withDue > 200)
  }
}
