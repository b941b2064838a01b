import Foundation
import Testing
import RegulationEngine
import RegulationModel
import RegulationParser
import TestSupport
import WorkingTime
@testable import RegulationSimulation

/// The oracle shares engine calls between events; each event's deadline must still be the engine's given exactly
/// the events before it (one `DeadlineCalculator` call per event, the definition).
@Suite struct DeadlineOracleTests {
  @Test(arguments: ["regulations/004-krasnoufimsk.yaml", "regulations/001-stavropol.yaml", "regulations/002-okha.yaml"])
  func sharedCallsEqualOneCallPerEvent(_ file: String) throws {
    let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent(file).path).regulation)
    let clocks = try #require(reg.clocks())
    let oracle = try DeadlineOracle(regulation: reg, clocks: clocks, profiles: [([], nil)])
    let calc = DeadlineCalculator(regulation: reg, clocks: clocks)
    var rng = SplitMix64(seed: 5)
    let ids = reg.steps.map(\.id)
    let start = LocalTimestamp(date: CivilDate(year: 2026, month: 4, day: 27)!).seconds
    var compared = 0
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
        var inc = try calc.normalized(Incident(detected: LocalTimestamp(seconds: detected)))
        for e in events[..<i] { inc.events[ids[e.step]] = LocalTimestamp(seconds: e.at) }
        let expected = try calc.deadlines(for: inc, explain: false).first { $0.step == ids[events[i].step] }?.due
        #expect(got[i] == expected, "\(file) event \(i) \(ids[events[i].step])")
        compared += 1
      }
    }
    #expect(compared > 500)
  }
}
