import Foundation
import RegulationDiagnostics
import RegulationModel
import RegulationParser
import Testing
import TestSupport

/// Scenarios that trapped the scenario parser or made it read what is not a file (issue 14), kept in Fuzz/Regressions/scenario/ (the
/// fuzz smoke run replays them too). Expected diagnostics are written by hand; a generous time bound catches a hang.
@Suite struct RegressionScenarioTests {
  func parse(_ name: String) -> (diagnostics: [(String, Int, Int, String)], seconds: Double) {
    let path = repositoryRoot.appendingPathComponent("Fuzz/Regressions/scenario/\(name)").path
    let started = ContinuousClock.now
    let r = ScenarioParser.parse(path: path, regulation: ScenarioDiagnosticsTests.okha)
    var all = r.diagnostics
    if let s = r.scenario {
      for v in s.variants { all += ScenarioParser.apply(v.overrides, to: s, regulation: ScenarioDiagnosticsTests.okha).1 }
    }
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (Diagnostic.sorted(all).map { ($0.id.rawValue, $0.range.start.line, $0.range.start.column, $0.message.en) }, seconds)
  }

  /// Two shifts of Int.max and 1 people: summing the headcount trapped on overflow. Now each number of people is
  /// checked where it is read (0 to 100 000), in the file and in a variant's `set:`.
  @Test func hugeHeadcountIsALocatedError() {
    let (d, seconds) = parse("headcount-overflow.scenario.yaml")
    let ranges = d.filter { $0.0 == "invalid-value" }.map { "\($0.1):\($0.2) \($0.3)" }
    #expect(ranges.contains("8:17 `9223372036854775807` is out of range for `staff.operator.shifts.count`: allowed 0 to 100000"),
      "\(ranges)")
    #expect(ranges.contains("10:38 `100001` is out of range for `staff.organ.substitutes`: allowed 0 to 100000"), "\(ranges)")
    #expect(seconds < 20)
  }

  /// `empirical: {file: /dev/zero}`: a device, a pipe (`/dev/stdin`) or a huge file is not read; only a regular file of
  /// at most 64 MB is.
  @Test func deviceFileForEmpiricalDurationsIsRefused() {
    let (d, seconds) = parse("empirical-device.scenario.yaml")
    let unreadable = d.filter { $0.0 == "unreadable-file" }
    #expect(unreadable.count == 1)
    #expect(unreadable.first.map { ($0.1, $0.2) } ?? (0, 0) == (9, 35))
    #expect(unreadable.first?.3.contains("a UTF-8 text file of at most 64 MB") == true)
    #expect(seconds < 20)
  }
}
