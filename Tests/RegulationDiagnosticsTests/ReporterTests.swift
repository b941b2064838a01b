import Foundation
import RegulationDiagnostics
import Testing

@Suite struct ReporterTests {
  @Test func jsonEscapesControlCharactersAndKeepsUnicode() throws {
    let value = JSONValue.object([("s", .string("«кавычки» \"q\" \\ \n\t\u{1}")), ("n", .int(-3)), ("d", .double(0.5)), ("b", .bool(true)), ("z", .null)])
    let text = value.serialized()
    #expect(text == #"{"s":"«кавычки» \"q\" \\ \n\t\u0001","n":-3,"d":0.5,"b":true,"z":null}"#)
    #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
  }

  @Test func caretAlignsUnderCyrillicAndTabs() {
    let source = SourceText(path: "f.yaml", text: "a:\n\tрайон: исполнитал\n")
    let d = Diagnostic(.unknownReference, message: .init(en: "unknown role", ru: "неизвестная роль"),
      at: SourceRange(file: "f.yaml", line: 2, column: 8, length: 10))
    let out = TextReporter(language: .ru).render(d, sources: ["f.yaml": source])
    let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "f.yaml:2:8: ошибка: неизвестная роль [unknown-reference]")
    #expect(lines[1] == "    2 | \tрайон: исполнитал")
    #expect(lines[2] == "      | \t      ^~~~~~~~~~")
  }

  @Test func exitCodesFollowTheContract() {
    let warning = Diagnostic(.missingDeadline, message: .init(en: "w", ru: "w"), at: SourceRange(file: "f", line: 1, column: 1))
    let error = Diagnostic(.yamlSyntax, message: .init(en: "e", ru: "e"), at: SourceRange(file: "f", line: 1, column: 1))
    #expect(DiagnosticReport(files: ["f"], diagnostics: []).exitCode(strict: true) == 0)
    #expect(DiagnosticReport(files: ["f"], diagnostics: [warning]).exitCode(strict: false) == 0)
    #expect(DiagnosticReport(files: ["f"], diagnostics: [warning]).exitCode(strict: true) == 1)
    #expect(DiagnosticReport(files: ["f"], diagnostics: [error]).exitCode(strict: false) == 1)
  }

  @Test func diagnosticsAreSortedByPlace() {
    let a = Diagnostic(.yamlSyntax, message: .init(en: "a", ru: "a"), at: SourceRange(file: "b.yaml", line: 1, column: 1))
    let b = Diagnostic(.yamlSyntax, message: .init(en: "b", ru: "b"), at: SourceRange(file: "a.yaml", line: 9, column: 1))
    let c = Diagnostic(.yamlSyntax, message: .init(en: "c", ru: "c"), at: SourceRange(file: "a.yaml", line: 2, column: 5))
    #expect(DiagnosticReport(files: [], diagnostics: [a, b, c]).diagnostics.map(\.message.en) == ["c", "b", "a"])
  }

  @Test func languageComesFromTheEnvironment() {
    #expect(Language.fromEnvironment(["LANG": "ru_RU.UTF-8"]) == .ru)
    #expect(Language.fromEnvironment(["LANG": "C.UTF-8"]) == .en)
    #expect(Language.fromEnvironment(["LC_ALL": "en_US", "LANG": "ru_RU"]) == .en)
    #expect(Language.fromEnvironment([:]) == .en)
    // getenv and ProcessInfo's dictionary read the same environment.
    #expect(Language.fromProcessEnvironment() == Language.fromEnvironment(ProcessInfo.processInfo.environment))
  }
}

@Suite struct DiagnosticCapTests {
  func d(_ file: String, _ line: Int, _ id: DiagnosticID) -> Diagnostic {
    Diagnostic(id, message: .init(en: "m\(line)", ru: "m\(line)"), at: SourceRange(file: file, line: line, column: 1))
  }

  @Test func keepsErrorsFirstAndCountsTheRestPerFile() {
    let warnings = (1...5).map { d("a.yaml", $0, .missingDeadline) }
    let errors = (6...8).map { d("a.yaml", $0, .unknownReference) }
    let other = [d("b.yaml", 1, .missingDeadline)]
    let report = DiagnosticReport(files: ["a.yaml", "b.yaml"], diagnostics: warnings + errors + other, limitPerFile: 4)
    let a = report.diagnostics.filter { $0.range.start.file == "a.yaml" }
    #expect(a.map(\.range.start.line) == [1, 6, 7, 8, 8])
    #expect(a.last?.id == .tooManyDiagnostics)
    #expect(a.last?.message.en.hasPrefix("and 4 more not shown (0 errors, 4 warnings, 0 notes)") == true)
    #expect(report.diagnostics.filter { $0.range.start.file == "b.yaml" }.count == 1)
    #expect(report.count(.warning) == 6)
    #expect(report.count(.error) == 3)
  }

  @Test func underTheLimitNothingChanges() {
    let list = (1...4).map { d("a.yaml", $0, .missingDeadline) }
    let report = DiagnosticReport(files: ["a.yaml"], diagnostics: list, limitPerFile: 4)
    #expect(report.diagnostics == list)
    #expect(report.omitted.isEmpty)
  }

  /// A finding about a path through thousands of steps shows 19 of its notes and one counting the other 4 981.
  @Test func notesOfOneDiagnosticAreCapped() {
    let r = SourceRange(file: "a.yaml", line: 1, column: 1)
    let notes = (1...5000).map { DiagnosticNote(.init(en: "step \($0)", ru: "шаг \($0)"), at: r) }
    let many = Diagnostic(.deadlineInfeasible, message: .init(en: "m", ru: "m"), at: r, notes: notes)
    let few = Diagnostic(.deadlineInfeasible, message: .init(en: "f", ru: "f"), at: r, notes: Array(notes.prefix(20)))
    let report = DiagnosticReport(files: ["a.yaml"], diagnostics: [many, few])
    let shown = report.diagnostics.first { $0.message.en == "m" }!
    #expect(shown.notes.count == 20)
    #expect(shown.notes[18].message.en == "step 19")
    #expect(shown.notes[19].message.en == "and 4981 more places like these")
    #expect(report.diagnostics.first { $0.message.en == "f" }!.notes.count == 20)
  }
}
