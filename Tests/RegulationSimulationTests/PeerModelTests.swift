import Foundation
import RegulationParser
import Testing
import TestSupport
@testable import RegulationSimulation

/// The benchmark's claim "the same model as the peer" checked statistically: the peer's own SimPy script
/// (../shared/bench/simpy_bench.py, requirements-simulation.txt) and Reglament's version of its model estimate the
/// same late share and mean time to answer. Eight SimPy seeds and eight replications of about 20 000 incidents each;
/// a Welch difference of means within 3 standard errors (about 99 % for 14 degrees of freedom). The seeds are fixed,
/// so the test is deterministic. Its power is shown on the model as it was before: the limit met by the first
/// approval (before rework) gives about half the peer's late share and must be told apart.
@Suite struct PeerModelTests {
  struct Sample {
    var late: [Double]
    var meanMinutes: [Double]
  }

  static func welch(_ a: [Double], _ b: [Double]) -> (difference: Double, standardError: Double) {
    func meanVar(_ x: [Double]) -> (Double, Double) {
      let m = x.reduce(0, +) / Double(x.count)
      return (m, x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1))
    }
    let (ma, va) = meanVar(a), (mb, vb) = meanVar(b)
    return (ma - mb, (va / Double(a.count) + vb / Double(b.count)).squareRoot())
  }

  static func simpy(seeds: ClosedRange<Int>, target: Int) throws -> Sample {
    let script = repositoryRoot.appendingPathComponent("../shared/bench/simpy_bench.py").standardized.path
    let out = try runPython("""
      import json, subprocess, sys
      rows = [json.loads(subprocess.run([sys.executable, sys.argv[1], "--target", sys.argv[2], "--seed", str(s)],
              check=True, capture_output=True, text=True).stdout) for s in range(int(sys.argv[3]), int(sys.argv[4]) + 1)]
      print(json.dumps([[r["frac_over_sla"], r["mean_total_min"]] for r in rows]))
      """, arguments: [script, String(target), String(seeds.lowerBound), String(seeds.upperBound)])
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[Double]])
    return Sample(late: rows.map { $0[0] }, meanMinutes: rows.map { $0[1] })
  }

  static func reglament(regulation text: String, runs: Int, days: Int) throws -> Sample {
    let reg = try #require(RegulationParser.parse(text: text, path: "peer.yaml").regulation)
    let models = SimulationBenchmark.compile(reg, SimulationBenchmark.peerScenario(days: days))
    var o = SimulationOptions()
    o.runs = runs
    o.seed = 5
    let outcome = SimulationRunner.run(models, options: o)
    return Sample(late: outcome.base.lateShares, meanMinutes: outcome.base.meanAnswers)
  }

  @Test func peerModelEstimatesWhatSimPyEstimates() throws {
    let peer = try Self.simpy(seeds: 1...8, target: 20_000)
    // 420 days at 48 a day: about 20 000 incidents per replication, as the peer's runs.
    let ours = try Self.reglament(regulation: SimulationBenchmark.peerRegulation, runs: 8, days: 420)
    let late = Self.welch(ours.late, peer.late)
    let mean = Self.welch(ours.meanMinutes, peer.meanMinutes)
    #expect(abs(late.difference) < 3 * late.standardError, "late share: \(ours.late) vs SimPy \(peer.late)")
    #expect(abs(mean.difference) < 3 * mean.standardError, "mean minutes: \(ours.meanMinutes) vs SimPy \(peer.meanMinutes)")
    // The limit met by the first approval instead of the final one: a different model, which the test must reject.
    let firstApproval = SimulationBenchmark.peerRegulation.replacingOccurrences(of: "until: answer", with: "until: approve")
    #expect(firstApproval != SimulationBenchmark.peerRegulation)
    let wrong = try Self.reglament(regulation: firstApproval, runs: 8, days: 420)
    let w = Self.welch(wrong.late, peer.late)
    #expect(abs(w.difference) > 3 * w.standardError, "first approval: \(wrong.late) vs SimPy \(peer.late)")
  }
}
