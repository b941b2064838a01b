import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import RegulationParser
import Testing

/// Hostile input gets a clear diagnostic, never a crash, a hang or unbounded memory.
@Suite struct HostileInputTests {
  func temporaryFile(_ name: String, _ bytes: Data) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reglament-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try bytes.write(to: url)
    return url.path
  }

  func ids(_ path: String) -> [DiagnosticID] { RegulationParser.parse(path: path).diagnostics.map(\.id) }

  @Test func hundredThousandDeepFlowNesting() throws {
    let path = try temporaryFile("deep.yaml", Data(("a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8))
    let d = RegulationParser.parse(path: path).diagnostics
    #expect(d.map(\.id) == [.nestingTooDeep])
    #expect(d.first?.range.start.line == 1)
  }

  @Test func hundredThousandDeepBlockNesting() throws {
    let path = try temporaryFile("deep-block.yaml", Data((String(repeating: "- ", count: 100_000) + "x\n").utf8))
    #expect(ids(path) == [.nestingTooDeep])
  }

  @Test func hundredMegabyteFileIsRefusedWithoutReadingItAll() throws {
    let line = Data("key: value value value value value value value value\n".utf8)
    var chunk = Data()
    for _ in 0..<20_000 { chunk.append(line) }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reglament-big-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent("big.yaml")
    FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    while (try handle.offset()) < 100 * 1024 * 1024 { try handle.write(contentsOf: chunk) }
    try handle.close()
    #expect(ids(url.path) == [.fileTooLarge])
    try FileManager.default.removeItem(at: dir)
  }

  @Test func aliasBombIsStoppedByTheNodeBudget() throws {
    let path = GoldenCorpusTests.directory.appendingPathComponent("alias-bomb.yaml").path
    #expect(ids(path) == [.documentTooComplex])
  }

  @Test func windows1251IsRecognised() throws {
    let path = GoldenCorpusTests.directory.appendingPathComponent("cp1251.yaml").path
    let d = RegulationParser.parse(path: path).diagnostics
    #expect(d.map(\.id) == [.notUTF8])
    #expect(d.first?.message.en.contains("Windows-1251") == true)
    #expect(d.first?.range.start.line == 2)
  }

  @Test func missingFileIsReportedNotThrown() {
    let (report, _) = RegulationChecker.report(paths: ["/nonexistent/regulation.yaml"])
    #expect(report.diagnostics.map(\.id) == [.unreadableFile])
    #expect(report.exitCode(strict: false) == 1)
  }

  @Test func unreadableFileIsReported() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reglament-dir-\(UUID().uuidString).yaml")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    // A directory named like a file: opening it for reading fails.
    let d = SourceLoader.load(path: dir.path).diagnostics
    #expect(!d.isEmpty)
  }

  @Test func directoryWithThousandsOfFiles() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reglament-many-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for i in 0..<3000 {
      let text = i % 3 == 0 ? "reglament: 1\n" : (i % 3 == 1 ? "a: [\n" : "")
      try Data(text.utf8).write(to: dir.appendingPathComponent(String(format: "r%04d.yaml", i)))
    }
    try Data("ignored".utf8).write(to: dir.appendingPathComponent("notes.txt"))
    let (report, results) = RegulationChecker.report(paths: [dir.path])
    #expect(results.count == 3000)
    #expect(report.files.first?.hasSuffix("r0000.yaml") == true)
    #expect(report.count(.error) >= 3000)
    try FileManager.default.removeItem(at: dir)
  }
}
