import Foundation
import RegulationDiagnostics
import RegulationModel

/// The answer of `reglament test` (and of the web API's tests endpoint): each file's embedded tests, their failures
/// in the reader's language, and coverage of the steps and limits with a deadline.
public struct TestRunReport: Sendable {
  public struct FileTests: Sendable {
    public var file: String
    public var passed: Int
    public var failures: [(name: String, message: LocalizedText)]
    public var coverage: TestCoverage?
    /// The file has errors, so its tests could not all run.
    public var hasErrors: Bool
  }

  public var files: [FileTests]

  public var passed: Int { files.reduce(0) { $0 + $1.passed } }
  public var failed: Int { files.reduce(0) { $0 + $1.failures.count } }

  /// Runs the tests of checked files.
  public init(_ results: [RegulationChecker.FileResult]) {
    files = results.map { result in
      let failureDiagnostics = result.diagnostics.filter { $0.id == .testFailed }
      let failures = result.tests.filter { !$0.passed }.map { f -> (name: String, message: LocalizedText) in
        let own = failureDiagnostics.filter { $0.message.en.hasPrefix("test «\(f.name)»") }
        let en = own.isEmpty ? (f.message ?? "") : own.map(\.message.en).joined(separator: "; ")
        let ru = own.isEmpty ? (f.message ?? "") : own.map(\.message.ru).joined(separator: "; ")
        return (f.name, LocalizedText(en: en, ru: ru))
      }
      return FileTests(file: result.path, passed: result.tests.filter(\.passed).count, failures: failures,
        coverage: result.regulation.map { TestCoverage($0, covered: result.covered) },
        hasErrors: result.diagnostics.contains { $0.severity == .error })
    }
  }

  /// Whether the run fails: a failing test, a file with errors, or coverage under the threshold (percent).
  public func failedRun(threshold: Double?) -> Bool {
    files.contains { f in
      !f.failures.isEmpty || f.hasErrors || (threshold.map { t in (f.coverage?.items.isEmpty ?? true) || f.coverage!.percent < t } ?? false)
    }
  }

  public func text(coverage: Bool, language lang: Language) -> String {
    let ru = lang == .ru
    var text = ""
    for f in files {
      text += ru ? "\(f.file): пройдено \(f.passed), не пройдено \(f.failures.count)\n" : "\(f.file): \(f.passed) passed, \(f.failures.count) failed\n"
      for failure in f.failures { text += "  ✗ \(failure.name): \(failure.message.text(lang))\n" }
      if coverage, let cov = f.coverage {
        let percent = cov.items.isEmpty ? "—" : String(format: "%.1f%%", cov.percent)
        text += ru
          ? "  покрытие: \(percent) шагов и общих сроков со сроком (\(cov.coveredItems.count)/\(cov.items.count)), пунктов \(cov.coveredClauses.count)/\(cov.clauses.count)\n"
          : "  coverage: \(percent) of steps and limits with a deadline (\(cov.coveredItems.count)/\(cov.items.count)), clauses \(cov.coveredClauses.count)/\(cov.clauses.count)\n"
        if !cov.uncoveredItems.isEmpty {
          text += ru ? "  не покрыты: \(cov.uncoveredItems.joined(separator: ", ")) (пункты \(cov.uncoveredClauses.joined(separator: ", ")))\n"
            : "  not covered: \(cov.uncoveredItems.joined(separator: ", ")) (clauses \(cov.uncoveredClauses.joined(separator: ", ")))\n"
        }
      }
    }
    text += ru ? "пройдено \(passed), не пройдено \(failed)\n" : "\(passed) passed, \(failed) failed\n"
    return text
  }

  public func json(language lang: Language) -> JSONValue {
    .object([
      ("files", .array(files.map { f in
        var fields: [(String, JSONValue)] = [("file", .string(f.file)), ("passed", .int(f.passed)), ("failed", .int(f.failures.count)),
          ("failures", .array(f.failures.map { .object([("name", .string($0.name)), ("message", .string($0.message.text(lang)))]) }))]
        if let cov = f.coverage { fields.append(("coverage", cov.json(file: f.file))) }
        return .object(fields)
      })),
      ("passed", .int(passed)), ("failed", .int(failed)),
    ])
  }
}
