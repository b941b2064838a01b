import Foundation
import Testing
import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import RegulationParser
import TestSupport
import WorkingTime
@testable import RegulationSimulation

@Suite struct SimulationBehaviourTests {
  static let scenario = """
    scenario: 1
    horizon: {start: 2026-04-27, days: 14, warmup_days: 2}
    arrivals: {per_day: 40, by_weekday: {sat-sun: 0.3}, days_off: 0.3}
    staff:
      agent: {headcount: 2, absence: {vacation: 0.1, sick: 0.05}}
    durations:
      serve: {lognormal: {mean: 20, sigma: 0.6}}
    variants:
      - name: same as base
        set: {queue: fcfs}
      - name: three people
        set: {staff.agent.headcount: "3"}
    """

  static let regulation = Fixtures.regulation(deadline: "{amount: 2, clock: working-hours, from: detected}",
    hours: "mon-fri: \"09:00-18:00\"", shortening: 60)

  /// Same seed → byte-identical JSON, whatever the number of threads.
  @Test func sameSeedSameOutputOnAnyNumberOfThreads() {
    let one = Fixtures.outcome(Self.scenario, regulation: Self.regulation, runs: 6, seed: 42, jobs: 1)
    let two = Fixtures.outcome(Self.scenario, regulation: Self.regulation, runs: 6, seed: 42, jobs: 2)
    let a = SimulationReport(one).json().serialized(pretty: true), b = SimulationReport(two).json().serialized(pretty: true)
    #expect(a == b)
    let other = Fixtures.outcome(Self.scenario, regulation: Self.regulation, runs: 6, seed: 43, jobs: 2)
    #expect(SimulationReport(other).json().serialized(pretty: true) != a)
  }

  /// Common random numbers: a variant that changes nothing sees exactly the base's incidents and draws, so its
  /// paired difference is zero with zero width; more staff never makes a replication later.
  @Test func commonRandomNumbersAcrossVariants() {
    let o = Fixtures.outcome(Self.scenario, regulation: Self.regulation, runs: 6)
    #expect(o.variants.count == 3)
    #expect(o.variants[1].lateShares == o.base.lateShares)
    #expect(o.variants[1].incidents == o.base.incidents)
    let same = o.difference(1) { $0.lateShares }
    #expect(same.mean == 0 && same.halfWidth == 0)
    #expect(o.variants[2].incidents == o.base.incidents)
    let more = o.difference(2) { $0.lateShares }
    #expect(more.high < 0)
  }

  /// Late counts are the engine's: recomputing each traced case's deadline with `DeadlineCalculator` (as
  /// `reglament deadlines` does) gives the same number of late cases as the simulator counted.
  @Test func lateCountsReproduceFromTheTraceWithTheEngine() throws {
    let o = Fixtures.outcome(Self.scenario, regulation: Self.regulation, runs: 1, trace: true)
    let rows = try #require(o.trace)
    let clocks = try #require(Self.regulation.clocks())
    let compiled = CompiledRegulation(Self.regulation, clocks: clocks)
    let plan = compiled.plan(try compiled.profile())
    let serve = try #require(compiled.stepIndex("serve"))
    let tz = clocks.main.timeZone
    var detected: [String: LocalTimestamp] = [:], served: [String: LocalTimestamp] = [:]
    for row in rows {
      let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let t = try #require(tz.parseDateTime(f[2]))
      if f[1] == "detected" { detected[f[0]] = t } else { served[f[0]] = t }
    }
    let warmupEnd = try #require(CivilDate(year: 2026, month: 4, day: 29))
    let endDay = try #require(CivilDate(year: 2026, month: 5, day: 11))
    var late = 0, counted = 0
    for (id, d) in detected where d.date >= warmupEnd && d.date < endDay {
      counted += 1
      let due = try #require(plan.due(of: serve, in: CaseHistory(detected: d)))
      if let s = served[id], s > due { late += 1 }
    }
    #expect(counted == o.base.incidents)
    #expect(late == o.base.lateCases)
    #expect(late > 0)
  }

  @Test func traceIsTheAuditCanonicalCSV() throws {
    let o = Fixtures.outcome(Self.scenario, regulation: Self.regulation, runs: 1, trace: true)
    let csv = SimulationReport.traceCSV(try #require(o.trace))
    let lines = csv.split(separator: "\n")
    #expect(lines.first == "case,step,time,actor,role,department,category,kind")
    let first = lines[1].split(separator: ",", omittingEmptySubsequences: false)
    #expect(first.count == 8)
    #expect(first[1] == "detected")
    #expect(first[2].hasSuffix("+05:00") && first[2].count == 25)
    #expect(lines.contains { $0.contains(",serve,") && $0.contains(",agent-") })
  }

  @Test func precisionRunsUntilTheHalfWidthIsSmall() throws {
    let parsed = Fixtures.scenario(Self.scenario, regulation: Self.regulation)
    let compiled = SimulationRunner.models(regulation: Self.regulation, scenario: parsed.scenario!)
    var options = SimulationOptions()
    options.precision = 0.02
    options.jobs = 2
    let o = SimulationRunner.run([compiled.models[0]], options: options)
    #expect(o.base.lateShare.halfWidth < 0.02)
    #expect(o.base.runs >= 10)
  }

  @Test func setOverridesOneParameter() throws {
    let parsed = Fixtures.scenario(Self.scenario, regulation: Self.regulation)
    let (s, d) = ScenarioParser.apply([ScenarioParser.override("durations.serve=fixed 15")!,
      ScenarioParser.override("deadline.serve=4 working-hours")!], to: parsed.scenario!, regulation: Self.regulation)
    #expect(d.isEmpty)
    #expect(s.durations["serve"]?.value == .fixed(15))
    #expect(s.deadlines == [DeadlineOverride(id: "serve", period: Period(clock: .workingHours, amount: 4))])
    let (_, bad) = ScenarioParser.apply([ScenarioParser.override("durations.serv=fixed 15")!], to: parsed.scenario!,
      regulation: Self.regulation)
    #expect(bad.first?.message.en == "unknown step `serv`")
    #expect(bad.first?.hint?.en == "did you mean `serve`?")
  }

  /// Every shipped scenario reads without problems against its regulation, and every shipped regulation has one.
  @Test func shippedScenariosAreClean() throws {
    let fm = FileManager.default
    let dir = repositoryRoot.appendingPathComponent("scenarios")
    let files = try fm.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".scenario.yaml") }.sorted()
    let regulations = try fm.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("regulations").path)
      .filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".test.yaml") }
    for r in regulations {
      let stem = String(r.dropLast(5))
      #expect(files.contains { $0.hasPrefix(stem) }, "no scenario for \(r)")
    }
    for f in files {
      let path = dir.appendingPathComponent(f).path
      let text = try String(contentsOfFile: path, encoding: .utf8)
      let regLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("regulation:") })
      let regPath = dir.appendingPathComponent(regLine.dropFirst("regulation:".count).trimmingCharacters(in: .whitespaces)).path
      let reg = try #require(RegulationParser.parse(path: regPath).regulation)
      let parsed = ScenarioParser.parse(path: path, regulation: reg)
      #expect(parsed.diagnostics.isEmpty, "\(f): \(parsed.diagnostics.map { "\($0.range.start): \($0.message.en)" })")
      let compiled = SimulationRunner.models(regulation: reg, scenario: parsed.scenario!)
      #expect(compiled.diagnostics.isEmpty && compiled.error == nil, "\(f)")
    }
  }

  /// `grammar/scenario.schema.json` is the generated schema (REGLAMENT_WRITE_SCHEMA=1 rewrites it).
  @Test func schemaFileIsGenerated() throws {
    let path = repositoryRoot.appendingPathComponent("grammar/scenario.schema.json").path
    let generated = ScenarioLanguage.jsonSchema().serialized(pretty: true) + "\n"
    if ProcessInfo.processInfo.environment["REGLAMENT_WRITE_SCHEMA"] == "1" {
      try generated.write(toFile: path, atomically: true, encoding: .utf8)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == generated)
  }
}
