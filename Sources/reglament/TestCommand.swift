import ArgumentParser
import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import RegulationParser

struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: localized(
      "Run the embedded tests of regulation files; report which steps and limits with a deadline they check.",
      "Выполнить встроенные тесты файлов регламентов и показать, какие шаги и сроки они проверяют."),
    discussion: localized(
      "Example: reglament test regulations/ --coverage --threshold 100",
      "Пример: reglament test regulations/ --coverage --threshold 100"))

  @Argument(help: help("Files or directories.", "Файлы или папки.")) var paths: [String]
  @Flag(help: help(
    "Report which steps and clauses with a deadline no test checks.",
    "Показать шаги и пункты со сроком, которые не проверяет ни один тест."))
  var coverage = false
  @Option(help: help(
    "Fail (exit 1) when a file's tests check less than N percent of its steps and limits with a deadline.",
    "Завершиться с кодом 1, если тесты файла проверяют меньше N процентов его шагов и сроков."))
  var threshold: Double?
  @Flag(help: help(
    "Re-record the expected deadlines with what is computed now.",
    "Перезаписать ожидаемые сроки тем, что вычислено сейчас."))
  var update = false
  @Option(help: help("text or json.", "text или json.")) var format: OutputFormat = .text
  @OptionGroup var common: CommonOptions

  func run() throws {
    let lang = common.language
    let files = try regulationFiles(paths, language: lang)
    var updates = ""
    if update {
      for file in files {
        guard let reg = RegulationParser.parse(path: file).regulation else { continue }
        // Expectations live in the regulation itself and in NAME.test.yaml beside it.
        for target in [file, RegulationParser.testFilePath(for: file)] {
          guard let source = try? String(contentsOfFile: target, encoding: .utf8) else { continue }
          let (newText, changed) = ExpectationUpdater.update(text: source, path: target, regulation: reg)
          if changed > 0 { try newText.write(toFile: target, atomically: true, encoding: .utf8) }
          updates += "\(target): \(lang == .ru ? "обновлено ожиданий" : "expectations updated"): \(changed)\n"
        }
      }
    }
    let report = TestRunReport(RegulationChecker.report(paths: files).1)
    emit(format == .json ? report.json(language: lang).serialized(pretty: true) + "\n"
      : updates + report.text(coverage: coverage, language: lang))
    if report.failedRun(threshold: threshold) { throw ExitCode(1) }
  }
}
