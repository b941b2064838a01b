import ArgumentParser
import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import WorkingTime

extension RegulationChecker.Readings: ExpressibleByArgument {}

struct CheckCommand: ParsableCommand, PreparesAhead {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: localized(
      "Parse, validate and analyse regulation files and run their embedded tests.",
      "Разобрать, проверить и проанализировать файлы регламентов и выполнить их встроенные тесты."),
    discussion: localized("""
      A directory means every *.yaml/*.yml under it. Exit code 0: no errors; 1: errors (or warnings with --strict);
      2: bad usage or unreadable input.
      Example: reglament check regulations/ --format sarif > findings.sarif
      """, """
      Папка — это все файлы *.yaml/*.yml в ней. Код выхода 0: ошибок нет; 1: есть ошибки (или предупреждения при
      --strict); 2: неверный вызов или нечитаемый файл.
      Пример: reglament check regulations/ --format sarif > findings.sarif
      """))

  @Argument(help: help("Files or directories.", "Файлы или папки.")) var paths: [String]
  @Option(help: help(
    "text, json, sarif, junit or github.",
    "text, json, sarif, junit или github."))
  var format: ReportFormat = .text
  @Flag(help: help(
    "Treat warnings as findings (exit 1).",
    "Считать предупреждения замечаниями (код выхода 1)."))
  var strict = false
  @Option(help: ArgumentHelp(
    localized("chosen (the readings the file's assumptions chose) or all (every combination with the rejected readings).",
      "chosen (прочтения, выбранные допущениями файла) или all (все сочетания с отвергнутыми прочтениями)."),
    discussion: localized(
      "With all, a finding that holds under some readings and not others is a reading-dependent warning.",
      "При all замечание, верное при одних прочтениях и неверное при других, — предупреждение reading-dependent.")))
  var readings: RegulationChecker.Readings = .chosen
  @Option(help: ArgumentHelp(localized(
    "Paths the feasibility analysis may enumerate per overall deadline and category (default: derived from the file's size, 4000 up to 16 KB); past it the analysis says \"unknown\".",
    "Сколько путей анализ выполнимости может перебрать на общий срок и категорию (по умолчанию — по размеру файла, 4000 до 16 КБ); сверх этого анализ отвечает «неизвестно»."),
    valueName: "N"))
  var analysisBudget: Int?
  @OptionGroup var common: CommonOptions

  /// Every file reads the production calendar and most share the round-the-clock table.
  static func prepareAhead() { WorkingTimeTableCache.prepareInBackground() }

  func run() throws {
    if let n = analysisBudget, n < 1 || n > 10_000_000 {
      throw fail("--analysis-budget: expected a whole number from 1 to 10000000, got \(n)",
        "--analysis-budget: нужно целое число от 1 до 10000000, получено \(n)", language: common.language)
    }
    let (report, _) = RegulationChecker.report(paths: try regulationFiles(paths, language: common.language),
      readings: readings, analysisBudget: analysisBudget)
    let text = PhaseTimer.measure("render") { format.render(report, language: common.language, strict: strict) }
    PhaseTimer.measure("write") { emit(text) }
    if PhaseTimer.enabled { FileHandle.standardError.write(Data(PhaseTimer.report().utf8)) }
    let unreadable = report.diagnostics.contains {
      [.unreadableFile, .emptyFile, .binaryFile, .notUTF8, .fileTooLarge].contains($0.id)
    }
    if unreadable && report.files.count == 1 { throw ExitCode(2) }
    throw ExitCode(report.exitCode(strict: strict))
  }
}
