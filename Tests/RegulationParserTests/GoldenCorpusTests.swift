import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import TestSupport
import Testing

/// The directory of this test target, found from this file's path.
let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Every file of `Fixtures/invalid` is checked; its text (Russian) and JSON (English) output must equal the golden
/// files beside it. `RECORD_GOLDENS=1 swift test` rewrites them; the diff of that commit is what a reviewer reads.
@Suite struct GoldenCorpusTests {
  static let directory = testsDirectory.appendingPathComponent("Fixtures/invalid")
  static let fixtures: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
    .filter { $0.hasSuffix(".yaml") }.sorted()
  static let record = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"

  static func outputs(_ name: String) -> (text: String, json: String, ids: Set<DiagnosticID>) {
    let path = directory.appendingPathComponent(name).path
    let result = RegulationChecker.check(path: path)
    var sources: [String: SourceText] = [:]
    if let s = result.source { sources[path] = s }
    let report = DiagnosticReport(files: [path], diagnostics: result.diagnostics, tests: result.tests, sources: sources)
    let prefix = directory.path + "/"
    let text = ReportFormat.text.render(report, language: .ru).replacingOccurrences(of: prefix, with: "")
    let json = ReportFormat.json.render(report, language: .en).replacingOccurrences(of: prefix, with: "")
    return (text, json, Set(result.diagnostics.map(\.id)).union(report.diagnostics.map(\.id)))
  }

  @Test(arguments: fixtures)
  func matchesGolden(_ name: String) throws {
    let (text, json, ids) = Self.outputs(name)
    #expect(!ids.isEmpty, "\(name) must produce at least one diagnostic")
    let base = Self.directory.appendingPathComponent(String(name.dropLast(5)))
    let textURL = base.appendingPathExtension("expected.txt"), jsonURL = base.appendingPathExtension("expected.json")
    if Self.record {
      try text.write(to: textURL, atomically: true, encoding: .utf8)
      try json.write(to: jsonURL, atomically: true, encoding: .utf8)
      return
    }
    let expectedText = try String(contentsOf: textURL, encoding: .utf8)
    let expectedJSON = try String(contentsOf: jsonURL, encoding: .utf8)
    #expect(text == expectedText, "text output of \(name) differs from its golden file:\n\(lineDiff(expectedText, text))")
    #expect(json == expectedJSON, "JSON output of \(name) differs from its golden file:\n\(lineDiff(expectedJSON, json))")
  }

  /// The corpus covers every diagnostic id (two are about files that cannot be fixtures: see HostileInputTests).
  @Test func corpusCoversEveryDiagnosticID() {
    var covered = Set<DiagnosticID>()
    for name in Self.fixtures { covered.formUnion(Self.outputs(name).ids) }
    // `reading-dependent` only comes from `check --readings all` (ReadingAnalysisTests).
    let elsewhere: Set<DiagnosticID> = [.unreadableFile, .fileTooLarge, .readingDependent]
    let missing = Set(DiagnosticID.allCases).subtracting(covered).subtracting(elsewhere)
    #expect(missing.isEmpty, "no fixture triggers: \(missing.map(\.rawValue).sorted())")
    #expect(Self.fixtures.count >= 40)
  }

  /// Two runs give byte-identical output.
  @Test func outputIsDeterministic() {
    for name in Self.fixtures.prefix(10) {
      #expect(Self.outputs(name).json == Self.outputs(name).json)
    }
  }
}

/// Lines that differ, for a readable failure message.
func lineDiff(_ expected: String, _ actual: String) -> String {
  let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
  var out: [String] = []
  for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
    out.append("line \(i + 1):\n- \(i < a.count ? String(a[i]) : "∅")\n+ \(i < b.count ? String(b[i]) : "∅")")
    if out.count >= 8 { break }
  }
  return out.joined(separator: "\n")
}
