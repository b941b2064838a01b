/// The result of an embedded test of a regulation file.
public struct TestOutcome: Hashable, Sendable {
  public var file: String
  public var name: String
  public var passed: Bool
  public var message: String?

  public init(file: String, name: String, passed: Bool, message: String? = nil) {
    self.file = file
    self.name = name
    self.passed = passed
    self.message = message
  }
}

/// Everything `reglament check` found in a set of files, ready for any reporter.
public struct DiagnosticReport: Sendable {
  public var files: [String]
  public var diagnostics: [Diagnostic]
  public var tests: [TestOutcome]
  public var sources: [String: SourceText]

  /// Findings left out by the per-file cap, by severity (they still count, and still set the exit status).
  public var omitted: [Severity: Int]

  /// At most this many diagnostics of one file are shown by default; the rest are counted in one final note.
  public static let defaultLimitPerFile = 100

  public init(
    files: [String], diagnostics: [Diagnostic], tests: [TestOutcome] = [], sources: [String: SourceText] = [:],
    limitPerFile: Int = DiagnosticReport.defaultLimitPerFile
  ) {
    self.files = files
    let (kept, omitted) = Diagnostic.capped(diagnostics, perFile: limitPerFile)
    var sorted = Diagnostic.sorted(omitted.isEmpty ? kept : kept.filter { $0.id != .tooManyDiagnostics })
    // Each "and N more" note closes its file's findings.
    for note in kept where !omitted.isEmpty && note.id == .tooManyDiagnostics {
      let file = note.range.start.file
      let end = (sorted.lastIndex { $0.range.start.file == file }).map { $0 + 1 } ?? sorted.count
      sorted.insert(note, at: end)
    }
    self.diagnostics = sorted
    self.omitted = omitted
    self.tests = tests
    self.sources = sources
  }

  public func count(_ severity: Severity) -> Int {
    diagnostics.filter { $0.severity == severity }.count + (omitted[severity] ?? 0)
  }

  /// Exit status per the CLI contract: 1 with errors (or warnings when `strict`), else 0.
  public func exitCode(strict: Bool) -> Int32 {
    count(.error) > 0 || (strict && count(.warning) > 0) ? 1 : 0
  }
}

/// Output formats of diagnostics.
public enum ReportFormat: String, Sendable, CaseIterable {
  case text, json, sarif, junit, github

  /// Renders a report in this format.
  public func render(_ report: DiagnosticReport, language: Language, strict: Bool = false) -> String {
    switch self {
    case .text: TextReporter(language: language).render(report)
    case .json: JSONReporter(language: language).render(report).serialized(pretty: true) + "\n"
    case .sarif: SARIFReporter(language: language).render(report).serialized(pretty: true) + "\n"
    case .junit: JUnitReporter(language: language, strict: strict).render(report)
    case .github: GitHubReporter(language: language).render(report)
    }
  }
}
