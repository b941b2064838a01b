import Foundation
import RegulationDiagnostics
import RegulationModel
import RegulationParser
@testable import RegulationSimulation

/// Small regulations and scenarios written for the tests.
enum Fixtures {
  /// One step served by one role, deadline `deadline` from detection; `hours` the organisation's schedule.
  static func regulation(role: String = "agent", deadline: String = "{amount: 60, clock: calendar-minutes, from: detected}",
    hours: String = "mon-sun: \"00:00-24:00\"", shortening: Int = 0, zone: String = "Asia/Yekaterinburg") -> Regulation
  {
    let text = """
      reglament: 1
      act: {id: test, title: Тест, body: Тест, kind: постановление}
      working_time:
        time_zone: \(zone)
        schedule:
          hours: {\(hours)}
          pre_holiday_shortening_minutes: \(shortening)
        calendar: {base: ru}
      roles:
        - {id: \(role), name: исполнитель}
      steps:
        - id: serve
          name: ответ
          role: \(role)
          clause: "1"
          deadline: \(deadline)
          outcomes:
            - {if: done, to: end}
      """
    let r = RegulationParser.parse(text: text, path: "test.yaml")
    precondition(r.diagnostics.allSatisfy { $0.severity != .error }, "\(r.diagnostics.map(\.message.en))")
    return r.regulation!
  }

  static func scenario(_ text: String, regulation: Regulation, path: String = "test.scenario.yaml") -> ScenarioParser.Result {
    ScenarioParser.parse(text: text, path: path, regulation: regulation)
  }

  static func outcome(_ text: String, regulation: Regulation, runs: Int, seed: UInt64 = 1, jobs: Int = 2, trace: Bool = false)
    -> SimulationOutcome
  {
    let parsed = scenario(text, regulation: regulation)
    precondition(!parsed.hasErrors, "\(parsed.diagnostics.map { "\($0.range.start): \($0.message.en)" })")
    let compiled = SimulationRunner.models(regulation: regulation, scenario: parsed.scenario!)
    precondition(compiled.error == nil && compiled.diagnostics.isEmpty)
    var options = SimulationOptions()
    options.runs = runs
    options.seed = seed
    options.jobs = jobs
    options.trace = trace
    return SimulationRunner.run(compiled.models, options: options)
  }
}
