import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import TestSupport
import Testing


/// What the analysis finds in the five acts (explained clause by clause in docs/FINDINGS.md). A new or vanished
/// finding fails here, so that FINDINGS.md is updated together with the analysis.
@Suite struct ShippedRegulationTests {
  static let report = RegulationChecker.report(paths: [repositoryRoot.appendingPathComponent("regulations").path]).0

  func findings(_ file: String) -> [String] {
    Self.report.diagnostics.filter { $0.range.start.file.hasSuffix(file) && $0.severity != .note }
      .map { "\($0.id.rawValue) [\($0.clauses.joined(separator: ","))]" }.sorted()
  }

  @Test func noErrorsAndAllEmbeddedTestsPass() {
    #expect(Self.report.count(.error) == 0, "\(Self.report.diagnostics.filter { $0.severity == .error }.map(\.message.en))")
    #expect(Self.report.tests.count >= 15)
    let failing = Self.report.tests.filter { !$0.passed }
    #expect(failing.isEmpty, "\(failing)")
  }

  @Test func ustLabinsk() {
    #expect(findings("000-ust-labinsk.yaml") == [
      "deadline-infeasible [8,10,11,13,14,16]", "deadline-infeasible [8,10,11,13]",
      "missing-deadline [11]", "missing-deadline [8]",
    ].sorted())
  }

  @Test func stavropol() {
    #expect(findings("001-stavropol.yaml") == [
      "deadline-infeasible [13,14]", "missing-deadline [13]", "rework-limit [9,10,11,12,18]",
      "step-squeezed [11,12,18]",
    ].sorted())
  }

  @Test func okha() {
    #expect(findings("002-okha.yaml") == [
      "missing-deadline [3.3]", "missing-deadline [3.3]", "missing-deadline [3.3]", "missing-deadline [3.8]",
    ])
  }

  @Test func lipetsk() {
    #expect(findings("003-lipetsk.yaml") == ["deadline-infeasible [6,8,9,10,12]"])
  }

  @Test func krasnoufimsk() {
    #expect(findings("004-krasnoufimsk.yaml") == [
      "deadline-infeasible [10,12]", "missing-deadline [10]", "rework-limit [8,14,15]",
    ].sorted())
  }

  /// Every reading the acts leave open is listed as a note with its reason.
  @Test func implicitClocksAreListed() {
    let notes = Self.report.diagnostics.filter { $0.id == .implicitClock }
    #expect(notes.count >= 20)
    #expect(notes.filter { $0.clauses.isEmpty }.isEmpty)
  }

  /// An acknowledged finding stays visible, as a note carrying the justification.
  @Test func acknowledgementTurnsAFindingIntoANote() {
    let text = RuleExamples.regulation("""
      steps:
        - {id: route, role: curator, clause: "6", deadline: {amount: 3, clock: working-hours}, outcomes: [{if: done, to: end}]}
      limits:
        - {id: answer, until: route, clause: "8", deadline: {amount: 2, clock: working-hours}}
      acknowledged:
        - {finding: deadline-infeasible, subject: answer, justification: так в акте; согласовано с юристом}
      """)
    let result = RegulationChecker.check(text: text, path: "ack.yaml")
    let finding = result.diagnostics.first { $0.id == .deadlineInfeasible }
    #expect(finding?.severity == .note)
    #expect(finding?.notes.contains { $0.message.ru.contains("согласовано с юристом") } == true)
    #expect(!result.diagnostics.contains { $0.id == .unknownAcknowledgement })
  }
}
