import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import RegulationParser
import Testing

/// Issue 14: numbers are range-checked where they are read, suggestions are bounded, locations are real, and output
/// stays small on inputs built to blow it up.
@Suite struct HardeningTests {
  static let minimal = """
    reglament: 1
    act: {id: example, title: Пример, body: Администрация, kind: постановление}
    working_time:
      time_zone: Europe/Moscow
      schedule:
        hours: {mon-fri: "09:00-18:00"}
    roles:
      - {id: curator, name: куратор}

    """

  /// Plain Levenshtein over the full matrix: the oracle for the banded, cut-off version.
  static func naiveDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
    var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { d[i][0] = i }
    for j in 0...y.count { d[0][j] = j }
    for i in stride(from: 1, through: x.count, by: 1) {
      for j in stride(from: 1, through: y.count, by: 1) {
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
    }
    return d[x.count][y.count]
  }

  @Test func bandedDistanceAgreesWithTheFullMatrix() {
    var state: UInt64 = 14
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    let alphabet = Array("abcаб-")
    for _ in 0..<3000 {
      let a = String((0..<next(9)).map { _ in alphabet[next(alphabet.count)] })
      let b = String((0..<next(9)).map { _ in alphabet[next(alphabet.count)] })
      let exact = Self.naiveDistance(a, b)
      for limit in 0...4 {
        let banded = Suggestions.distance(a, b, limit: limit)
        #expect(banded == (exact <= limit ? exact : nil), "\(a) / \(b) limit \(limit): \(String(describing: banded)) vs \(exact)")
      }
      #expect(Suggestions.distance(a, b) == exact)
    }
  }

  @Test func suggestionsSkipWordsOfVeryDifferentLength() {
    let long = String(repeating: "a", count: 80_000)
    #expect(Suggestions.best(for: long, among: ["a", "draft", long]) == nil)
    #expect(Suggestions.best(for: "aprove", among: ["approve", "publish"]) == "approve")
    #expect(Suggestions.nearest(to: "step-1", among: (0..<50).map { "step-\($0)" }, count: 3) == ["step-1", "step-0", "step-10"])
  }

  @Test func hugeShorteningIsALocatedRangeError() {
    let text = Self.minimal.replacingOccurrences(of: "    hours: {mon-fri: \"09:00-18:00\"}\n",
      with: "    hours: {mon-fri: \"09:00-18:00\"}\n    pre_holiday_shortening_minutes: 153722867280912931\n")
    let d = RegulationParser.parse(text: text, path: "f.yaml").diagnostics.filter { $0.id == .invalidValue }
    #expect(d.count == 1)
    #expect(d.first?.range.start.line == 7)
    #expect(d.first?.range.start.column == 37)
    #expect(d.first?.message.en.contains("allowed 0 to 1440") == true)
  }

  @Test func wholeNumbersOutOfRangeAndOfWrongShape() {
    for (value, id) in [("-1", DiagnosticID.invalidValue), ("1441", .invalidValue), ("99999999999999999999999", .invalidValue),
      ("1.5", .wrongType), ("abc", .wrongType), ("1-2", .wrongType)]
    {
      let text = Self.minimal.replacingOccurrences(of: "    hours: {mon-fri: \"09:00-18:00\"}\n",
        with: "    hours: {mon-fri: \"09:00-18:00\"}\n    pre_holiday_shortening_minutes: \"\(value)\"\n")
      let ids = RegulationParser.parse(text: text, path: "f.yaml").diagnostics.map(\.id)
      #expect(ids.contains(id), "\(value): \(ids)")
    }
  }

  @Test func controlCharacterIsReportedWhereItIs() {
    let text = "reglament: 1\nact:\n  title: \"ab\u{07}c\"\n"
    let d = RegulationParser.parse(text: text, path: "f.yaml").diagnostics
    #expect(d.map(\.id) == [.yamlSyntax])
    #expect(d.first.map { ($0.range.start.line, $0.range.start.column) } ?? (0, 0) == (3, 13))
  }

  @Test func truncatedFileIsReportedOnItsLastLine() {
    let text = "reglament: 1\nact: {id: x, title: \"Пример"
    let d = RegulationParser.parse(text: text, path: "f.yaml").diagnostics
    #expect(d.map(\.id) == [.yamlSyntax])
    #expect(d.first?.range.start.line == 2)
    #expect(d.first?.range.start.column == 21)  // the unclosed quote (SyntaxErrorLocator of language v1.1)
    let source = SourceText(path: "f.yaml", text: text)
    #expect(TextReporter(language: .en).render(d[0], sources: ["f.yaml": source]).contains("2 | act: {id: x"))
  }

  /// `---` alone without a final line break (found by the `regulation` fuzz target, campaign I): libyaml marks the
  /// document's empty value at 2:1 of a one-line file; it is at the end of line 1.
  @Test func aLoneDocumentMarkerIsReportedOnItsOwnLine() {
    for text in ["---", "reglament: 1\n---"] {
      let d = RegulationParser.parse(text: text, path: "f.yaml").diagnostics
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
      #expect(!d.isEmpty)
      #expect(d.allSatisfy { $0.range.start.line <= lines }, "\(d.map { ($0.id, $0.range.start.line, $0.range.start.column) })")
    }
    let d = RegulationParser.parse(text: "---", path: "f.yaml").diagnostics
    #expect(d.first?.range.start.line == 1)
    #expect(d.first?.range.start.column == 4)
  }

  /// An 80 000-character id referred to from a step: one unknown reference, no suggestion, a short message.
  @Test func eightyThousandCharacterReference() {
    let long = String(repeating: "x", count: 80_000)
    let text = Self.minimal + "steps:\n  - {id: draft, role: curator, clause: \"1\", outcomes: [{if: done, to: \(long)}]}\n"
    let result = RegulationChecker.check(text: text, path: "f.yaml")
    let unknown = result.diagnostics.filter { $0.id == .unknownReference }
    #expect(unknown.count == 1)
    #expect(unknown.first?.fixIts.isEmpty == true)
    #expect((unknown.first?.message.en.utf8.count ?? .max) < 300)
  }

  /// 4 000 unknown `to:` references among 4 000 declared steps: hints name a few ids, the report shows 100 findings
  /// and one note, and its JSON stays small.
  @Test func thousandsOfUnknownReferences() {
    var text = Self.minimal + "steps:\n"
    for i in 0..<4000 {
      text += "  - {id: step-\(i), role: curator, clause: \"1\", outcomes: [{if: done, to: nowhere-\(i)}]}\n"
    }
    let result = RegulationChecker.check(text: text, path: "f.yaml", runTests: false)
    let unknown = result.diagnostics.filter { $0.id == .unknownReference }
    #expect(unknown.count == 4000)
    #expect(unknown.allSatisfy { ($0.hint?.en.utf8.count ?? 0) < 200 })
    let report = DiagnosticReport(files: ["f.yaml"], diagnostics: result.diagnostics, sources: ["f.yaml": result.source!])
    #expect(report.diagnostics.count == DiagnosticReport.defaultLimitPerFile + 1)
    #expect(report.diagnostics.last?.id == .tooManyDiagnostics)
    #expect(report.count(.error) == 4000)
    #expect(report.exitCode(strict: false) == 1)
    #expect(ReportFormat.json.render(report, language: .en).utf8.count < 200_000)
  }
}

extension HardeningTests {
  /// A cycle through 3 000 steps is found (without recursion per step) and named by its first few steps.
  @Test func longAnchorCycleIsReportedBriefly() {
    var text = Self.minimal + "steps:\n"
    for i in 0..<3000 {
      text += "  - {id: s\(i), role: curator, clause: \"1\", deadline: {amount: 1, clock: working-minutes, from: s\((i + 2999) % 3000)}}\n"
    }
    let cycles = RegulationParser.parse(text: text, path: "f.yaml").diagnostics.filter { $0.id == .anchorCycle }
    #expect(cycles.count == 1)
    #expect((cycles.first?.notes.count ?? 99) <= 12)
    #expect((cycles.first?.message.en.utf8.count ?? .max) < 400)
  }

  /// Thousands of role schedules would each cost a working-time table: beyond 64 it is a located error.
  @Test func roleSchedulesAreBounded() {
    var text = Self.minimal.replacingOccurrences(of: "roles:\n", with: "  role_schedules:\n"
      + (0..<70).map { "    - {role: curator, hours: {mon-fri: \"09:\(10 + $0 % 50)-18:00\"}}\n" }.joined() + "roles:\n")
    text += "steps:\n  - {id: draft, role: curator, clause: \"1\"}\n"
    let d = RegulationParser.parse(text: text, path: "f.yaml").diagnostics.filter { $0.id == .invalidValue }
    #expect(d.count == 1)
    #expect(d.first?.range.start.line == 8 + 64)
  }
}

extension HardeningTests {
  /// A number too large (or negative) for an amount says the allowed range; text that is no number says what an
  /// amount looks like.
  @Test func amountsOutOfRangeSayTheRange() {
    for (value, range) in [("5000000", true), ("-30", true), ("1e400", false), ("тридцать", false)] {
      let text = Self.minimal + "steps:\n  - {id: draft, role: curator, clause: \"1\", deadline: {amount: \(value), clock: working-days}}\n"
      let d = RegulationParser.parse(text: text, path: "f.yaml").diagnostics.filter { $0.id == .invalidDuration }
      #expect(d.count == 1, "\(value)")
      #expect(d.first?.message.en.contains("allowed 0 to 999999") == range, "\(value): \(d.first?.message.en ?? "")")
      #expect(d.first?.range.start.line == 10)
    }
  }
}

extension HardeningTests {
  /// libYAML also breaks lines at a lone CR, NEL (U+0085), LS and PS (U+2028/9); diagnostics are placed on the file's
  /// own lines (ended by LF), where the excerpt can show them. Found by the fuzzer: `wrong-type at 2:2` in a one-line
  /// file.
  @Test func otherLineBreaksDoNotMoveLocations() {
    for separator in ["\r", "\u{85}", "\u{2028}", "\u{2029}"] {
      let text = "reglament: 1\(separator)act: 5\nroles: x\n"
      let d = RegulationParser.parse(text: text, path: "f.yaml").diagnostics
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
      #expect(!d.isEmpty)
      for diagnostic in d {
        #expect(diagnostic.range.start.line <= lines, "\(separator.unicodeScalars.first!.value): \(diagnostic.range.start)")
      }
      let act = d.first { $0.message.en.contains("`act`") }
      #expect(act.map { ($0.range.start.line, $0.range.start.column) } ?? (0, 0) == (1, 19), "\(d.map(\.message.en))")
    }
  }
}
