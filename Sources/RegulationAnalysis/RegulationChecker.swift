import Foundation
import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import RegulationParser

/// `reglament check`: parse, validate and analyse files, run their embedded tests, apply acknowledgements.
public enum RegulationChecker {
  /// A checked file: its model (if it could be built) and what was found.
  public struct FileResult: Sendable {
    public var path: String
    public var regulation: Regulation?
    public var diagnostics: [Diagnostic]
    public var tests: [TestOutcome]
    public var covered: Set<String>
    public var source: SourceText?
    public var testSource: SourceText?
  }

  /// Which readings of the act's disputed wordings the analysis runs under.
  public enum Readings: String, Sendable, CaseIterable {
    /// The readings the file chose (its `assumption`s).
    case chosen
    /// Every combination of chosen and rejected readings; findings that depend on them are reported
    /// (`ReadingAnalysis`).
    case all
  }

  /// `analysisBudget`: the paths budget of the feasibility analysis (`--analysis-budget`); nil: derived from the
  /// file's size.
  public static func check(
    path: String, runTests: Bool = true, readings: Readings = .chosen, analysisBudget: Int? = nil
  ) -> FileResult {
    let parsed = PhaseTimer.measure("parse", file: path) { RegulationParser.parse(path: path) }
    return check(parsed: parsed, path: path, runTests: runTests, readings: readings, analysisBudget: analysisBudget)
  }

  public static func check(
    text: String, path: String, runTests: Bool = true, readings: Readings = .chosen, analysisBudget: Int? = nil
  ) -> FileResult {
    check(parsed: RegulationParser.parse(text: text, path: path), path: path, runTests: runTests, readings: readings,
      analysisBudget: analysisBudget)
  }

  static func check(
    parsed: RegulationParser.Result, path: String, runTests: Bool, readings: Readings = .chosen,
    analysisBudget: Int? = nil
  ) -> FileResult {
    var diagnostics = parsed.diagnostics
    var tests: [TestOutcome] = []
    var covered = Set<String>()
    if let reg = parsed.regulation, !diagnostics.contains(where: { $0.severity == .error }) {
      let budget = AnalysisBudget.forFile(bytes: parsed.source?.text.utf8.count ?? 0, paths: analysisBudget)
      let (findings, compiled) = Analyzer.analyzeCompiling(reg, budget: budget)
      diagnostics += Acknowledgements.apply(reg.acknowledgements, to: findings, file: path)
      if readings == .all {
        diagnostics += PhaseTimer.measure("readings", file: path) { ReadingAnalysis.compare(reg, base: findings).diagnostics }
      }
      if runTests {
        let result = PhaseTimer.measure("embedded tests", file: path) { EmbeddedTestRunner.run(reg, compiled: compiled) }
        tests = result.outcomes
        covered = result.covered
        diagnostics += result.diagnostics
      }
    }
    return FileResult(path: path, regulation: parsed.regulation, diagnostics: diagnostics, tests: tests, covered: covered,
      source: parsed.source, testSource: parsed.testSource)
  }

  /// The size of a file in bytes (0 when it cannot be read: it is reported when checked).
  static func fileSize(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : 0
  }

  /// Checks every file under the paths and builds one report.
  public static func report(
    paths: [String], runTests: Bool = true, readings: Readings = .chosen, analysisBudget: Int? = nil
  ) -> (DiagnosticReport, [FileResult]) {
    let (files, missing) = PhaseTimer.measure("expand paths") { RegulationParser.expand(paths: paths) }
    // The files run on all cores, the largest first (a file's analysis grows with it): with five files on two cores
    // the wall time is bounded by the slowest file, so it must not be the last one started. Results keep the order.
    var results = files.concurrentMap(order: largestFirst(files.map(fileSize))) {
      check(path: $0, runTests: runTests, readings: readings, analysisBudget: analysisBudget)
    }
    for m in missing {
      results.append(FileResult(path: m, regulation: nil, diagnostics: [Diagnostic(.unreadableFile, message: .init(
        en: "no such file or directory", ru: "нет такого файла или каталога"), at: SourceRange(file: m, line: 1, column: 1))],
        tests: [], covered: [], source: nil, testSource: nil))
    }
    var sources: [String: SourceText] = [:]
    for r in results {
      if let s = r.source { sources[r.path] = s }
      if let t = r.testSource { sources[t.path] = t }
    }
    let report = DiagnosticReport(files: results.map(\.path), diagnostics: results.flatMap(\.diagnostics),
      tests: results.flatMap(\.tests), sources: sources)
    return (report, results)
  }
}
