import ArgumentParser
import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import RegulationParser

struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run the embedded tests of regulation files; report which steps and limits with a deadline they check.",
    discussion: "Example: reglament test regulations/ --coverage --threshold 100")

  @Argument(help: "Files or directories.") var paths: [String]
  @Flag(help: "Report which steps and clauses with a deadline no test checks.") var coverage = false
  @Option(help: "Fail (exit 1) when a file's tests check less than N percent of its steps and limits with a deadline.")
  var threshold: Double?
  @Flag(help: "Re-record the expected deadlines with what is computed now.") var update = false
  @Option(help: "text or json.") var format: OutputFormat = .text
  @OptionGroup var common: CommonOptions

  func run() throws {
    let lang = common.language
    let files = try regulationFiles(paths, language: lang)
    let ru = lang == .ru
    var failed = false
    var fileJSON: [JSONValue] = []
    var text = ""
    var passedTotal = 0, failedTotal = 0
    for file in files {
      if update, let reg = RegulationParser.parse(path: file).regulation {
        // Expectations live in the regulation itself and in NAME.test.yaml beside it.
        for target in [file, RegulationParser.testFilePath(for: file)] {
          guard let source = try? String(contentsOfFile: target, encoding: .utf8) else { continue }
          let (newText, changed) = ExpectationUpdater.update(text: source, path: target, regulation: reg)
          if changed > 0 { try newText.write(toFile: target, atomically: true, encoding: .utf8) }
          text += "\(target): \(lang == .ru ? "обновлено ожиданий" : "expectations updated"): \(changed)\n"
        }
      }
      let result = RegulationChecker.check(path: file)
      let cov = result.regulation.map { TestCoverage($0, covered: result.covered) }
      let passed = result.tests.filter(\.passed).count
      let failures = result.tests.filter { !$0.passed }
      passedTotal += passed
      failedTotal += failures.count
      if !failures.isEmpty { failed = true }
      if result.diagnostics.contains(where: { $0.severity == .error }) { failed = true }
      if let threshold, let cov, cov.percent < threshold { failed = true }
      text += ru ? "\(file): пройдено \(passed), не пройдено \(failures.count)\n" : "\(file): \(passed) passed, \(failures.count) failed\n"
      let failureDiagnostics = result.diagnostics.filter { $0.id == .testFailed }
      for f in failures {
        let messages = failureDiagnostics.filter { $0.message.en.hasPrefix("test «\(f.name)»") }.map { $0.message.text(lang) }
        text += "  ✗ \(f.name): \(messages.isEmpty ? (f.message ?? "") : messages.joined(separator: "; "))\n"
      }
      if coverage, let cov {
        let percent = cov.items.isEmpty ? "—" : String(format: "%.1f%%", cov.percent)
        text += ru
          ? "  покрытие: \(percent) шагов и общих сроков со сроком (\(cov.coveredItems.count)/\(cov.items.count)), пунктов \(cov.coveredClauses.count)/\(cov.clauses.count)\n"
          : "  coverage: \(percent) of steps and limits with a deadline (\(cov.coveredItems.count)/\(cov.items.count)), clauses \(cov.coveredClauses.count)/\(cov.clauses.count)\n"
        if !cov.uncoveredItems.isEmpty {
          text += ru ? "  не покрыты: \(cov.uncoveredItems.joined(separator: ", ")) (пункты \(cov.uncoveredClauses.joined(separator: ", ")))\n"
            : "  not covered: \(cov.uncoveredItems.joined(separator: ", ")) (clauses \(cov.uncoveredClauses.joined(separator: ", ")))\n"
        }
      }
      var f: [(String, JSONValue)] = [("file", .string(file)), ("passed", .int(passed)), ("failed", .int(failures.count)),
        ("failures", .array(failures.map { .object([("name", .string($0.name)), ("message", .string($0.message ?? ""))]) }))]
      if let cov { f.append(("coverage", cov.json(file: file))) }
      fileJSON.append(.object(f))
    }
    text += ru ? "пройдено \(passedTotal), не пройдено \(failedTotal)\n" : "\(passedTotal) passed, \(failedTotal) failed\n"
    emit(format == .json ? JSONValue.object([("files", .array(fileJSON)), ("passed", .int(passedTotal)),
      ("failed", .int(failedTotal))]).serialized(pretty: true) + "\n" : text)
    if failed { throw ExitCode(1) }
  }
}
