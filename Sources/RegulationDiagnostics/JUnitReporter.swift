/// JUnit XML: one test suite per file; one test case that fails on its errors, one per embedded test.
public struct JUnitReporter: Sendable {
  public var language: Language
  public var strict: Bool

  public init(language: Language, strict: Bool) {
    self.language = language
    self.strict = strict
  }

  public func render(_ report: DiagnosticReport) -> String {
    var suites = ""
    var totalTests = 0, totalFailures = 0
    let text = TextReporter(language: language)
    for file in report.files {
      let diags = report.diagnostics.filter { $0.range.start.file == file }
      let failing = diags.filter { $0.severity == .error || (strict && $0.severity == .warning) }
      let tests = report.tests.filter { $0.file == file }
      var cases = "    <testcase classname=\"\(escape(file))\" name=\"check\">\n"
      if !failing.isEmpty {
        let body = failing.map { text.render($0, sources: report.sources) }.joined()
        cases += "      <failure message=\"\(escape("\(failing.count) finding(s)"))\" type=\"reglament\">"
          + escape(body) + "</failure>\n"
      }
      let others = diags.filter { !failing.contains($0) }
      if !others.isEmpty {
        cases += "      <system-out>" + escape(others.map { text.render($0, sources: report.sources) }.joined()) + "</system-out>\n"
      }
      cases += "    </testcase>\n"
      for t in tests {
        cases += JUnitXML.testCase(classname: file, name: t.name,
          failure: t.passed ? nil : (message: t.message ?? "failed", type: "test", body: nil))
      }
      let failures = (failing.isEmpty ? 0 : 1) + tests.filter { !$0.passed }.count
      totalTests += 1 + tests.count
      totalFailures += failures
      suites += JUnitXML.suite(name: file, tests: 1 + tests.count, failures: failures, cases: cases)
    }
    return JUnitXML.document(name: "reglament", tests: totalTests, failures: totalFailures, suites: suites)
  }

  func escape(_ s: String) -> String { JUnitXML.escape(s) }
}
