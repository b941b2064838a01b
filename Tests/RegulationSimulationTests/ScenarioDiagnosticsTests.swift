import Foundation
import Testing
import RegulationDiagnostics
import RegulationModel
import RegulationParser
import TestSupport

/// Bad scenarios get diagnostics with line and column, like regulations. Expectations are written by hand.
@Suite struct ScenarioDiagnosticsTests {
  static let okha: Regulation = {
    let r = RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/002-okha.yaml").path)
    return r.regulation!
  }()

  static let good = """
    scenario: 1
    horizon: {start: 2026-01-12, days: 28}
    arrivals: {per_day: 10}
    staff:
      operator: {headcount: 2}
      organ: {headcount: 3}
    durations:
      check-route: {exponential: 6}
      process: {lognormal: {mean: 60, sigma: 0.5}}
      check-answer: {fixed: 5}
      rework: {exponential: 20}
      publish: {fixed: 3}
    branches:
      check-answer: {approved: 0.8, rework: 0.2}
    """

  func diagnostics(_ text: String) -> [(String, Int, Int, String)] {
    let r = ScenarioParser.parse(text: text, path: "bad.scenario.yaml", regulation: Self.okha)
    return Diagnostic.sorted(r.diagnostics).map { ($0.id.rawValue, $0.range.start.line, $0.range.start.column, $0.message.en) }
  }

  func hints(_ text: String) -> [String] {
    ScenarioParser.parse(text: text, path: "bad.scenario.yaml", regulation: Self.okha).diagnostics.compactMap { $0.hint?.en }
  }

  @Test func theGoodScenarioIsClean() {
    #expect(diagnostics(Self.good).isEmpty)
  }

  @Test func unknownRoleWithSuggestion() {
    let text = Self.good.replacingOccurrences(of: "  organ: {headcount: 3}", with: "  organ: {headcount: 3}\n  operater: {headcount: 1}")
    let d = diagnostics(text)
    #expect(d.count == 1)
    #expect(d.first?.0 == "unknown-reference")
    #expect(d.first?.1 == 7 && d.first?.2 == 3)
    #expect(d.first?.3 == "unknown role `operater`")
    #expect(hints(text) == ["did you mean `operator`?"])
  }

  @Test func unknownStepInDurationsAndBranches() {
    let text = Self.good.replacingOccurrences(of: "  publish: {fixed: 3}", with: "  publish: {fixed: 3}\n  pubilsh: {fixed: 1}")
      .replacingOccurrences(of: "  check-answer: {approved: 0.8, rework: 0.2}", with: "  check-answr: {approved: 0.8, rework: 0.2}")
    let d = diagnostics(text)
    #expect(d.map(\.0) == ["unknown-reference", "unknown-reference"])
    #expect(d.map(\.1) == [13, 15])
    #expect(d.map(\.2) == [3, 3])
    #expect(d.map(\.3) == ["unknown step `pubilsh`", "unknown step `check-answr`"])
  }

  @Test func negativeRate() {
    let d = diagnostics(Self.good.replacingOccurrences(of: "per_day: 10", with: "per_day: -4"))
    #expect(d.count == 1)
    #expect(d.first?.0 == "invalid-value")
    #expect(d.first?.1 == 3 && d.first?.2 == 21)
    #expect(d.first?.3 == "`arrivals.per_day` must not be negative: -4")
  }

  @Test func probabilitiesThatDoNotSumToOne() {
    let d = diagnostics(Self.good.replacingOccurrences(of: "rework: 0.2}", with: "rework: 0.3}"))
    #expect(d.count == 1)
    #expect(d.first?.0 == "invalid-value")
    #expect(d.first?.1 == 14 && d.first?.2 == 3)
    #expect(d.first?.3 == "the probabilities of `branches.check-answer` sum to 1.1, not 1")
  }

  @Test func unknownOutcome() {
    let d = diagnostics(Self.good.replacingOccurrences(of: "rework: 0.2}", with: "rewrok: 0.2}"))
    #expect(d.first?.0 == "unknown-reference")
    #expect(d.first?.1 == 14 && d.first?.2 == 33)
    #expect(d.first?.3 == "unknown outcome `rewrok`")
  }

  @Test func zeroStaffForARoleTheFlowNeeds() {
    let d = diagnostics(Self.good.replacingOccurrences(of: "organ: {headcount: 3}", with: "organ: {headcount: 0}"))
    #expect(d.count == 1)
    #expect(d.first?.0 == "invalid-value")
    #expect(d.first?.1 == 6 && d.first?.2 == 22)
    #expect(d.first?.3 == "role `organ` has no staff, but the flow needs it for step `process`")
  }

  @Test func missingStaffAndMissingDurationPointAtTheirSections() {
    let text = Self.good.replacingOccurrences(of: "  organ: {headcount: 3}\n", with: "")
      .replacingOccurrences(of: "  publish: {fixed: 3}\n", with: "")
    let d = diagnostics(text)
    #expect(d.map(\.0) == ["invalid-value", "missing-field"])
    #expect(d.map(\.1) == [4, 6])
    #expect(d.map(\.2) == [1, 1])
    #expect(d[1].3 == "no duration for step `publish`, which the flow reaches")
  }

  @Test func unknownKeyAndWrongTypeFromTheShapeCheck() {
    let text = Self.good.replacingOccurrences(of: "arrivals: {per_day: 10}", with: "arrivals: {per_dya: 10}")
      .replacingOccurrences(of: "days: 28", with: "days: many")
    let d = diagnostics(text)
    // The misspelt key is reported once, with its fix (not again as the required key it stands for).
    #expect(d.map(\.0) == ["wrong-type", "unknown-key"])
    #expect(d.map(\.1) == [2, 3])
    #expect(d.last?.2 == 12)
    #expect(hints(text).contains("did you mean `per_day`? (a required key)"))
  }

  @Test func russianMessagesNameTheSection() {
    let r = ScenarioParser.parse(text: Self.good.replacingOccurrences(of: "per_day: 10", with: "per_dya: 10"),
      path: "bad.scenario.yaml", regulation: Self.okha)
    let unknown = r.diagnostics.first { $0.id == .unknownKey }
    #expect(unknown?.message.ru == "неизвестный ключ `per_dya` в разделе «поток»")
  }

  @Test func badOverrideIsLocatedAtTheVariant() {
    let text = Self.good + """

      variants:
        - name: больше людей
          set: {staff.organ.headcont: "4"}
      """
    let r = ScenarioParser.parse(text: text, path: "bad.scenario.yaml", regulation: Self.okha)
    #expect(!r.hasErrors)
    let (_, d) = ScenarioParser.apply(r.scenario!.variants[0].overrides, to: r.scenario!, regulation: Self.okha)
    #expect(d.count == 1)
    #expect(d.first?.range.start.line == 17 && d.first?.range.start.column == 11)
  }
}
