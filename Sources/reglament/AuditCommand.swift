import ArgumentParser
import Foundation
import RegulationConformance
import RegulationDiagnostics
import RegulationModel
import RegulationParser
import WorkingTime

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: localized(
      "Audit recorded incident logs (CSV, JSON Lines, XES, XLSX) against a regulation's clauses.",
      "Аудит записанных журналов инцидентов (CSV, JSON Lines, XES, XLSX) по пунктам регламента."),
    discussion: localized("""
      The canonical CSV has a header with case,step,time and optionally actor,role,department,category,kind; a
      case's detection is its event with step `detected`. --map maps an export's columns, statuses and categories
      (docs/AUDIT.md). Exit 0: no violations; 1: violations; 2: the log cannot be read at all.
      Example: reglament audit regulations/003-lipetsk.yaml incidents.csv --map im-export.map.yaml \\
                 --report timeliness.html --explain INC-00042
      """, """
      В каноническом CSV есть заголовок со столбцами case,step,time и, по желанию, actor,role,department,category,kind;
      выявление случая — его событие с шагом `detected`. --map сопоставляет столбцы, статусы и категории выгрузки
      (docs/AUDIT.md). Код выхода 0: нарушений нет; 1: есть нарушения; 2: журнал не удаётся прочитать.
      Пример: reglament audit regulations/003-lipetsk.yaml incidents.csv --map im-export.map.yaml \\
                 --report timeliness.html --explain INC-00042
      """))

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, junit, csv }

  @Argument(help: help("The regulation file.", "Файл регламента.")) var file: String
  @Argument(help: help(
    "Log files (.csv/.tsv/.txt, .jsonl, .xes, .xlsx).",
    "Файлы журнала (.csv/.tsv/.txt, .jsonl, .xes, .xlsx)."))
  var logs: [String]
  @Option(help: help(
    "text, json, sarif, junit or csv (violations).",
    "text, json, sarif, junit или csv (нарушения)."))
  var format: Format = .text
  @Option(help: help(
    "A map of the export's columns, statuses and categories (YAML, grammar/map.schema.json).",
    "Сопоставление столбцов, статусов и категорий выгрузки (YAML, grammar/map.schema.json)."))
  var map: String?
  @Option(help: help(
    "Write the timeliness report (departments, executors, SVG charts) to this HTML file.",
    "Записать отчёт о своевременности (подразделения, исполнители, диаграммы SVG) в этот HTML-файл."))
  var report: String?
  @Option(help: help(
    "Print this case's replay step by step.",
    "Показать проигрывание этого случая шаг за шагом."))
  var explain: String?
  @Option(help: help(
    "Close a case when its last event is this many days behind the log (default 30).",
    "Закрыть случай, когда его последнее событие отстаёт от журнала на столько дней (по умолчанию 30)."))
  var horizon: Int = 30
  @Option(help: help(
    "Only cases detected at or after this instant (report period).",
    "Только случаи, выявленные в этот момент или позже (отчётный период)."))
  var from: String?
  @Option(help: help(
    "Only cases detected before this instant.",
    "Только случаи, выявленные до этого момента."))
  var to: String?
  @Option(help: help(
    "A calendar file with your own days off and working days (format of docs/TIME.md).",
    "Файл календаря с вашими выходными и рабочими днями (формат docs/TIME.md)."))
  var calendar: String?
  @Option(help: help("""
      1: read and judge on one thread; 2: judge closed cases on a second thread while reading on (the default with \
      two cores or more). The output is the same.
      """, """
      1 — читать и проверять в одном потоке; 2 — проверять закрытые случаи во втором потоке, продолжая чтение (по \
      умолчанию при двух ядрах и более). Вывод одинаков.
      """)) var threads: Int?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let lang = common.language
    let parsed = RegulationParser.parse(path: file)
    let errors = parsed.diagnostics.filter { $0.severity == .error }
    guard let reg = parsed.regulation, errors.isEmpty else {
      var sources: [String: SourceText] = [:]
      if let s = parsed.source { sources[file] = s }
      let report = DiagnosticReport(files: [file], diagnostics: errors, sources: sources)
      FileHandle.standardError.write(Data(ReportFormat.text.render(report, language: lang).utf8))
      throw ExitCode(2)
    }
    var logMap = LogMap.canonical
    if let map {
      let (m, diagnostics) = LogMapParser.parse(path: map)
      guard let m else {
        let source = (try? String(contentsOfFile: map, encoding: .utf8)).map { [map: SourceText(path: map, text: $0)] } ?? [:]
        let report = DiagnosticReport(files: [map], diagnostics: diagnostics, sources: source)
        FileHandle.standardError.write(Data(ReportFormat.text.render(report, language: lang).utf8))
        throw ExitCode(2)
      }
      logMap = m
    }
    let additions = try userCalendar(calendar, language: lang)
    do {
      let engine = try AuditEngine(reg, additions: additions)
      var options = AuditOptions()
      options.horizonSeconds = horizon * 86_400
      options.explainCase = explain
      options.keepCaseList = format == .junit
      if let threads {
        guard threads == 1 || threads == 2 else {
          throw fail("--threads must be 1 or 2, not \(threads)", "--threads: 1 или 2, а не \(threads)", language: lang)
        }
        options.threads = threads
      }
      if let from {
        guard let t = engine.timeZone.parseDateTime(from) else {
          throw fail("--from `\(from)` is not a date and time", "--from «\(from)» — не дата и время", language: lang)
        }
        options.from = t
      }
      if let to {
        guard let t = engine.timeZone.parseDateTime(to) else {
          throw fail("--to `\(to)` is not a date and time", "--to «\(to)» — не дата и время", language: lang)
        }
        options.to = t
      }
      if isatty(2) == 1 {
        options.progress = { rows in
          FileHandle.standardError.write(Data("\r\(rows / 1_000_000) M rows…".utf8))
        }
      }
      let result = try Auditor.run(engine: engine, logs: logs, map: logMap, options: options)
      if isatty(2) == 1, result.events >= 1 << 20 { FileHandle.standardError.write(Data("\r".utf8)) }
      if let explain, result.explanation == nil {
        FileHandle.standardError.write(Data(((lang == .ru ? "случая \(explain) нет в журнале" : "case \(explain) is not in the log") + "\n").utf8))
      }
      switch format {
      case .text: emit(AuditTextReport.render(result, language: lang))
      case .json: emit(AuditJSONReport.render(result, language: lang).serialized(pretty: true) + "\n")
      case .sarif: emit(AuditSARIFReport.render(result, language: lang).serialized(pretty: true) + "\n")
      case .junit: emit(AuditJUnitReport.render(result, language: lang))
      case .csv: emit(AuditCSVReport.render(result, language: lang))
      }
      if let report {
        do {
          try TimelinessHTMLReport.render(result, language: lang).write(toFile: report, atomically: true, encoding: .utf8)
        } catch {
          throw fail("cannot write \(report)", "не удаётся записать \(report)", language: lang)
        }
      }
      if result.violatingCases > 0 { throw ExitCode(1) }
    } catch let e as AuditError {
      throw fail(e.en, e.ru, language: lang)
    }
  }
}
