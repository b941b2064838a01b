import Foundation
import Testing
import RegulationConformance
import RegulationModel
import RegulationParser
import TestSupport
@testable import RegulationSimulation

/// A simulated trace (`--trace`, the audit's canonical CSV) audited by the audit (`reglament audit`) reproduces the
/// simulator's late counts exactly: the same late steps, step by step, and the same late cases. Two independent
/// paths to the verdicts: the simulator asks the engine as each step completes; the audit reads the CSV back, rebuilds
/// each case and replays it.
@Suite struct TraceAuditTests {
  struct Counts: Equatable {
    var lateByStep: [String: Int]
    var lateCases: Int
    var cases: Int
  }

  /// Simulates one replication with every case counted (no warm-up, nobody excluded), audits its trace.
  static func compare(regulation reg: Regulation, scenario original: Scenario, path: String) throws -> (sim: Counts, audit: Counts) {
    var scenario = original
    scenario.horizon.warmupDays = 0
    scenario.arrivals.excludedShare = 0
    scenario.variants = []
    let models = SimulationRunner.models(regulation: reg, scenario: scenario)
    #expect(models.error == nil)
    var options = SimulationOptions()
    options.runs = 1
    options.jobs = 1
    options.trace = true
    let o = SimulationRunner.run(models.models, options: options)
    let rows = try #require(o.trace)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("trace-audit-\(UUID().uuidString).csv")
    try SimulationReport.traceCSV(rows).write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }

    let engine = try AuditEngine(reg)
    var audit = AuditOptions()
    audit.horizonSeconds = 400 * 86_400
    let result = try Auditor.run(engine: engine, logs: [file.path], options: audit)
    #expect(result.rejectedRows == 0, "\(path): \(result.rejected.prefix(3))")
    let late = result.violations.filter { $0.kind == .late }
    let stepIDs = Set(reg.steps.map(\.id))
    var byStep: [String: Int] = [:]
    for v in late { if let s = v.step, stepIDs.contains(s) { byStep[s, default: 0] += 1 } }
    let auditCounts = Counts(lateByStep: byStep, lateCases: Set(late.map(\.caseID)).count, cases: result.cases)

    let b = o.base
    var simByStep: [String: Int] = [:]
    for (i, id) in b.stepIDs.enumerated() where b.stepLate[i] > 0 { simByStep[id] = b.stepLate[i] }
    let simCounts = Counts(lateByStep: simByStep, lateCases: b.lateCases, cases: b.incidents)
    return (simCounts, auditCounts)
  }

  /// A fixture with working hours, a shortened pre-holiday day and absences, and enough load to make some late.
  @Test func fixtureTraceAuditsToTheSameLateCounts() throws {
    let reg = SimulationBehaviourTests.regulation
    let parsed = Fixtures.scenario(SimulationBehaviourTests.scenario, regulation: reg)
    let (sim, audit) = try Self.compare(regulation: reg, scenario: try #require(parsed.scenario), path: "fixture")
    #expect(sim.lateCases > 20)
    #expect(sim == audit)
  }

  /// Shipped regulations and their scenarios, two weeks each (rework rounds, several roles, categories).
  @Test(arguments: ["004-krasnoufimsk", "001-stavropol", "002-okha", "003-lipetsk", "000-ust-labinsk"])
  func shippedTraceAuditsToTheSameLateCounts(_ name: String) throws {
    let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/\(name).yaml").path)
      .regulation)
    let path = repositoryRoot.appendingPathComponent("scenarios/\(name).scenario.yaml").path
    let parsed = ScenarioParser.parse(path: path, regulation: reg)
    var scenario = try #require(parsed.scenario)
    scenario.horizon.days = 14
    let (sim, audit) = try Self.compare(regulation: reg, scenario: scenario, path: name)
    #expect(sim.cases > 50)
    // Krasnoufimsk's `answer` deadline depends on the category, and the trace writes a two-category incident as
    // `ordinary+important`: the audit reads both parts (it used to report `unknown-category` and replay under the
    // default category). A disagreement listed here is a known issue; when it starts agreeing, this test fails.
    if Self.disagreeing.contains(name) {
      withKnownIssue("simulator and audit disagree on \(name)") { #expect(sim == audit, "\(name)") }
    } else {
      #expect(sim == audit, "\(name)")
    }
  }

  static let disagreeing: Set<String> = []
}
