import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import RegulationParser
import TestSupport
import Testing

/// Mutates the shipped regulations thousands of times (delete, swap, duplicate or re-indent a line, truncate, insert
/// garbage) and checks every mutant: the checker must never crash and every diagnostic must point inside the file.
@Suite struct MutationFuzzTests {
  static let regulations: [(String, String)] = {
    let dir = repositoryRoot.appendingPathComponent("regulations")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    return names.compactMap { n in (try? String(contentsOf: dir.appendingPathComponent(n), encoding: .utf8)).map { (n, $0) } }
  }()

  struct Mutator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(max(bound, 1)))
    }

    mutating func mutate(_ text: String) -> String {
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let garbage = ["{", "]", ": :", "- -", "\t", "&a", "*b", "\"", "'", "#", "%YAML 9", "!!binary", "\u{0}", "ё: [", "~", "---"]
      switch next(7) {
      case 0: lines.remove(at: next(lines.count))
      case 1:
        let i = next(lines.count), j = next(lines.count)
        lines.swapAt(i, j)
      case 2:
        let i = next(lines.count)
        lines.insert(lines[i], at: i)
      case 3:
        let i = next(lines.count)
        lines[i] = String(repeating: " ", count: next(6)) + lines[i].trimmingCharacters(in: .whitespaces)
      case 4:
        let cut = next(text.unicodeScalars.count)
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(cut)))
      case 5:
        let i = next(lines.count)
        var scalars = Array(lines[i].unicodeScalars)
        scalars.insert(contentsOf: garbage[next(garbage.count)].unicodeScalars, at: next(scalars.count + 1))
        lines[i] = String(String.UnicodeScalarView(scalars))
      default:
        let i = next(lines.count)
        if let colon = lines[i].firstIndex(of: ":") { lines[i] = String(lines[i][..<colon]) + ": " + garbage[next(garbage.count)] }
      }
      return lines.joined(separator: "\n")
    }
  }

  @Test func parsingMutantsNeverCrashes() {
    var m = Mutator(state: 20_261_123)
    var withErrors = 0
    for round in 0..<4000 {
      let (name, original) = Self.regulations[round % Self.regulations.count]
      var text = original
      for _ in 0...(m.next(3)) { text = m.mutate(text) }
      let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
      let result = RegulationParser.parse(text: text, path: name)
      if result.diagnostics.contains(where: { $0.severity == .error }) { withErrors += 1 }
      for d in result.diagnostics {
        #expect(d.range.start.line >= 1 && d.range.start.line <= lineCount + 1, "\(d.id) at line \(d.range.start.line) of \(lineCount)")
      }
    }
    #expect(withErrors > 1000, "the mutations should break many files")
  }

  @Test func checkingMutantsWithAnalysisNeverCrashes() {
    var m = Mutator(state: 7)
    for round in 0..<300 {
      let (name, original) = Self.regulations[round % Self.regulations.count]
      let result = RegulationChecker.check(text: m.mutate(original), path: name)
      _ = ReportFormat.sarif.render(DiagnosticReport(files: [name], diagnostics: result.diagnostics), language: .en)
    }
  }
}
