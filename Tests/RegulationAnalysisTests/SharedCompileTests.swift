import Foundation
import RegulationAnalysis
import RegulationEngine
import RegulationParser
import TestSupport
import Testing

/// `check` runs a file's embedded tests on the regulation its analysis compiled instead of compiling it again: the
/// outcomes, diagnostics and covered ids must be those of the tests compiling on their own, for every act with tests
/// (the shipped ones, with their `.test.yaml`, and the test fixtures), and the findings those of `analyze`.
@Suite struct SharedCompileTests {
  static var files: [String] {
    let (files, _) = RegulationParser.expand(paths: [
      repositoryRoot.appendingPathComponent("regulations").path,
      repositoryRoot.appendingPathComponent("Tests").path,
    ])
    return files
  }

  @Test func testsOnTheAnalysedCompileAreTheSame() {
    var withTests = 0
    for file in Self.files {
      // Only acts with tests (the slow fixtures have none, and would be analysed twice for nothing).
      guard let reg = RegulationParser.parse(path: file).regulation, !reg.tests.isEmpty else { continue }
      let (findings, compiled) = Analyzer.analyzeCompiling(reg)
      #expect(findings == Analyzer.analyze(reg), "\(file)")
      let shared = EmbeddedTestRunner.run(reg, compiled: compiled)
      let own = EmbeddedTestRunner.run(reg)
      #expect(shared.outcomes == own.outcomes, "\(file)")
      #expect(shared.diagnostics == own.diagnostics, "\(file)")
      #expect(shared.covered == own.covered, "\(file)")
      if compiled != nil { withTests += 1 }
    }
    #expect(withTests >= 5)
  }
}
