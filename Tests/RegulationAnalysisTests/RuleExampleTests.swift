import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import RegulationParser
import Testing

/// One generic test runs every analysis rule over its own examples: each triggering example must produce the rule's
/// id, each passing example must not, and every example must otherwise be a valid file (no errors).
@Suite struct RuleExampleTests {
  struct Example: CustomTestStringConvertible, Sendable {
    var rule: String
    var index: Int
    var triggers: Bool
    var text: String
    var testDescription: String { "\(rule) \(triggers ? "triggers" : "passes") #\(index + 1)" }
  }

  static let examples: [Example] = Analyzer.rules.flatMap { rule in
    rule.triggering.enumerated().map { Example(rule: rule.id.rawValue, index: $0.offset, triggers: true, text: $0.element) }
      + rule.passing.enumerated().map { Example(rule: rule.id.rawValue, index: $0.offset, triggers: false, text: $0.element) }
  }

  @Test(arguments: examples)
  func ruleExample(_ example: Example) {
    let result = RegulationChecker.check(text: RuleExamples.regulation(example.text), path: "example.yaml", runTests: false)
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "example is not a valid file: \(errors.map(\.message.en))")
    let fired = result.diagnostics.contains { $0.id.rawValue == example.rule }
    #expect(fired == example.triggers, "\(example.rule) \(example.triggers ? "did not fire" : "fired"): \(result.diagnostics.map { "\($0.id.rawValue): \($0.message.en)" })")
  }

  @Test func everyRuleHasBothKindsOfExamples() {
    for rule in Analyzer.rules {
      #expect(!rule.triggering.isEmpty && !rule.passing.isEmpty, "\(rule.id.rawValue) needs examples of both kinds")
    }
    #expect(Set(Analyzer.rules.map(\.id)).count == Analyzer.rules.count, "one rule per id")
  }
}
