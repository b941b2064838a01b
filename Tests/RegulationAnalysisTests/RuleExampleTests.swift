import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import RegulationParser
import Testing

/// One generic test runs every analysis rule over its own examples: each example must be a complete valid regulation
/// (no errors; a passing example's embedded tests pass); each triggering example must produce the rule's findings exactly where its `# ^ id` markers point
/// (line, column, severity) and nowhere else; each passing example must produce none.
@Suite struct RuleExampleTests {
  struct Example: CustomTestStringConvertible, Sendable {
    var rule: String
    var severity: Severity
    var index: Int
    var triggers: Bool
    var text: String
    var testDescription: String { "\(rule) \(triggers ? "triggers" : "passes") #\(index + 1)" }
  }

  /// Rules whose examples are still fragments without markers (none left).
  static let unmarked: Set<String> = []

  static let examples: [Example] = Analyzer.rules.flatMap { rule in
    rule.triggering.enumerated().map {
      Example(rule: rule.id.rawValue, severity: rule.severity, index: $0.offset, triggers: true, text: $0.element)
    } + rule.passing.enumerated().map {
      Example(rule: rule.id.rawValue, severity: rule.severity, index: $0.offset, triggers: false, text: $0.element)
    }
  }

  @Test(arguments: examples)
  func ruleExample(_ example: Example) {
    let text = RuleExamples.regulation(example.text)
    // Embedded tests run in passing examples (they must pass); a triggering one may carry a test the finding breaks
    // (a detection outside the calendar).
    let result = RegulationChecker.check(text: text, path: "example.yaml", runTests: !example.triggers)
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "example is not a valid file: \(errors.map { "\($0.range.start): \($0.message.en)" })")
    let found = result.diagnostics.filter { $0.id.rawValue == example.rule }
    if !example.triggers {
      #expect(found.isEmpty, "\(example.rule) fired: \(found.map { "\($0.range.start): \($0.message.en)" })")
      return
    }
    #expect(!found.isEmpty, "\(example.rule) did not fire: \(result.diagnostics.map { "\($0.id.rawValue): \($0.message.en)" })")
    guard !Self.unmarked.contains(example.rule) else { return }
    let markers = RuleExamples.markers(in: text)
    #expect(!markers.isEmpty, "a triggering example marks where its findings land")
    #expect(markers.allSatisfy { $0.id == example.rule }, "markers name another rule: \(markers)")
    let expected = Set(markers.map { RuleExamples.Marker(line: $0.line, column: $0.column, id: $0.id,
      severity: $0.severity ?? example.severity) })
    let actual = Set(found.map { RuleExamples.Marker(line: $0.range.start.line, column: $0.range.start.column,
      id: $0.id.rawValue, severity: $0.severity) })
    #expect(actual == expected, "marked \(expected.sorted { $0.line < $1.line }), found \(found.map { "\($0.range.start) \($0.severity.rawValue): \($0.message.en)" })")
  }

  @Test func everyRuleHasCompleteExamplesOfBothKinds() {
    for rule in Analyzer.rules {
      #expect(!rule.triggering.isEmpty && !rule.passing.isEmpty, "\(rule.id.rawValue) needs examples of both kinds")
      guard !Self.unmarked.contains(rule.id.rawValue) else { continue }
      for text in rule.triggering + rule.passing {
        // A real regulation, not a fragment or an empty string: it has an act, working time, roles and steps.
        #expect(["reglament:", "\nact:", "\nworking_time:", "\nroles:", "\nsteps:"].allSatisfy(text.contains)
          && text.hasPrefix("reglament:"), "\(rule.id.rawValue): an example is not a complete regulation")
      }
      #expect(rule.severity == rule.id.defaultSeverity, "\(rule.id.rawValue): severity differs from the id's")
    }
    #expect(Set(Analyzer.rules.map(\.id)).count == Analyzer.rules.count, "one rule per id")
  }

  @Test func markersPointAtTheLineAboveAndTheCaretsColumn() {
    let text = "a: 1\n  - id: x\n#       ^ some-rule\n# ^ other warning\nb: 2\n"
    #expect(RuleExamples.markers(in: text) == [
      .init(line: 2, column: 9, id: "some-rule", severity: nil),
      .init(line: 2, column: 3, id: "other", severity: .warning),
    ])
  }
}
