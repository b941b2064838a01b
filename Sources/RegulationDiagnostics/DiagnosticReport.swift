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

  public init(files: [String], diagnostics: [Diagnostic], tests: [TestOutcome] = [], sources: [String: SourceText] = [:]) {
    self.files = files
    self.diagnostics = Diagnostic.sorted(diagnostics)
    self.tests = tests
    self.sources = sources
  }

  public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity }.count }

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
