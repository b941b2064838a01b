import ArgumentParser
import Foundation
import RegulationDiagnostics
import RegulationModel
import RegulationParser
import RegulationSimulation

struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: localized(
      "Discrete-event simulation of a workload under the regulation: late shares, times to answer, utilisation.",
      "Дискретно-событийная имитация нагрузки по регламенту: доли просрочек, время до ответа, загрузка."),
    discussion: localized("""
      Same seed → same output, on any number of cores. Scenario files: docs/SIMULATION.md, scenarios/.
      Example: reglament simulate regulations/002-okha.yaml --scenario scenarios/002-okha.scenario.yaml \\
                 --runs 50 --seed 7 --set staff.organ.headcount=4 --report /tmp/okha.html
      """, """
      То же зерно → тот же вывод при любом числе ядер. Файлы сценариев: docs/SIMULATION.md, scenarios/.
      Пример: reglament simulate regulations/002-okha.yaml --scenario scenarios/002-okha.scenario.yaml \\
                 --runs 50 --seed 7 --set staff.organ.headcount=4 --report /tmp/okha.html
      """))

  @Argument(help: help("The regulation file.", "Файл регламента.")) var file: String
  @Option(help: help("The scenario file (YAML).", "Файл сценария (YAML).")) var scenario: String
  @Option(help: help("Replications to run (default 20).", "Число прогонов (по умолчанию 20).")) var runs: Int?
  @Option(help: help(
    "Run until the 95 % half-width of the overall late share is below this (e.g. 0.005).",
    "Повторять, пока полуширина 95-процентного интервала общей доли просроченных не станет меньше этого (например, 0.005)."))
  var precision: Double?
  @Option(help: help("Seed of the random streams.", "Зерно случайных потоков.")) var seed: UInt64 = 1
  @Option(name: .customLong("set"), help: help(
    "Override one scenario parameter: KEY=VALUE (repeatable).",
    "Заменить параметр сценария: КЛЮЧ=ЗНАЧЕНИЕ (можно повторять)."))
  var overrides: [String] = []
  @Option(help: help(
    "Write the simulated event log of the first replication (audit's canonical CSV).",
    "Записать журнал событий первого прогона (канонический CSV аудита)."))
  var trace: String?
  @Option(help: help(
    "Write a self-contained HTML report with charts.",
    "Записать самодостаточный HTML-отчёт с диаграммами."))
  var report: String?
  @Option(help: help(
    "Threads (default: every core); the output does not depend on it.",
    "Потоков (по умолчанию — по числу ядер); вывод от этого не зависит."))
  var jobs: Int?
  @Option(help: help("text or json.", "text или json.")) var format: OutputFormat = .text
  @OptionGroup var common: CommonOptions

  func run() throws {
    let lang = common.language
    if let runs, runs < 1 { throw fail("--runs must be 1 or more", "--runs должно быть не меньше 1", language: lang) }
    if let precision, !(precision > 0 && precision < 1) {
      throw fail("--precision must be between 0 and 1, e.g. 0.005", "--precision должно быть между 0 и 1, например 0.005", language: lang)
    }
    if runs != nil && precision != nil {
      throw fail("give --runs or --precision, not both", "укажите --runs или --precision, но не оба", language: lang)
    }
    let parsed = RegulationParser.parse(path: file)
    var sources: [String: SourceText] = [:]
    if let s = parsed.source { sources[file] = s }
    guard let reg = parsed.regulation, !parsed.diagnostics.contains(where: { $0.severity == .error }) else {
      report(parsed.diagnostics.filter { $0.severity == .error }, files: [file], sources: sources, lang)
      throw ExitCode(2)
    }
    let sc = ScenarioParser.parse(path: scenario, regulation: reg)
    if let s = sc.source { sources[scenario] = s }
    guard var model = sc.scenario, !sc.hasErrors else {
      report(sc.diagnostics, files: [scenario], sources: sources, lang)
      throw ExitCode(2)
    }
    var sets: [ScenarioOverride] = []
    for text in overrides {
      guard let o = ScenarioParser.override(text) else {
        throw fail("--set `\(text)` must be KEY=VALUE", "--set «\(text)» должно быть КЛЮЧ=ЗНАЧЕНИЕ", language: lang)
      }
      sets.append(o)
    }
    if !sets.isEmpty {
      let (s, d) = ScenarioParser.apply(sets, to: model, regulation: reg)
      if d.contains(where: { $0.severity == .error }) {
        report(d, files: [scenario], sources: sources, lang)
        throw ExitCode(2)
      }
      model = s
    }
    let compiled = SimulationRunner.models(regulation: reg, scenario: model)
    if compiled.diagnostics.contains(where: { $0.severity == .error }) {
      report(compiled.diagnostics, files: [scenario], sources: sources, lang)
      throw ExitCode(2)
    }
    if let e = compiled.error { throw fail(e.en, e.ru, language: lang) }
    var options = SimulationOptions()
    options.seed = seed
    options.runs = runs ?? 20
    options.precision = precision
    options.trace = trace != nil
    if let jobs { options.jobs = max(1, jobs) }
    let bar = isatty(2) == 1 ? ProgressBar(total: precision == nil ? options.runs : nil, language: lang) : nil
    var progress: (@Sendable (Int, Int?) -> Void)?
    if let bar { progress = { done, _ in bar.update(done) } }
    let outcome = SimulationRunner.run(compiled.models, options: options, progress: progress)
    bar?.finish()
    let rendered = SimulationReport(outcome)
    if let trace {
      guard FileManager.default.createFile(atPath: trace, contents: Data(SimulationReport.traceCSV(outcome.trace ?? []).utf8)) else {
        throw fail("cannot write \(trace)", "не удаётся записать \(trace)", language: lang)
      }
    }
    if let report {
      let html = SimulationHTMLReport(outcome, language: lang, regulation: reg.act.title, scenario: model.name).render()
      guard FileManager.default.createFile(atPath: report, contents: Data(html.utf8)) else {
        throw fail("cannot write \(report)", "не удаётся записать \(report)", language: lang)
      }
    }
    emit(format == .json ? rendered.json().serialized(pretty: true) + "\n" : rendered.text(lang))
  }

  func report(_ diagnostics: [Diagnostic], files: [String], sources: [String: SourceText], _ lang: Language) {
    let r = DiagnosticReport(files: files, diagnostics: diagnostics, sources: sources)
    FileHandle.standardError.write(Data(ReportFormat.text.render(r, language: lang).utf8))
  }
}

/// `[#####.....] 12/20` on stderr, redrawn in place; only when stderr is a terminal.
final class ProgressBar: @unchecked Sendable {
  let total: Int?
  let language: Language
  let lock = NSLock()

  init(total: Int?, language: Language) {
    self.total = total
    self.language = language
  }

  func update(_ done: Int) {
    lock.lock()
    defer { lock.unlock() }
    var line = "\r"
    if let total, total > 0 {
      let width = 30, filled = min(width, done * width / total)
      line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total)"
    } else {
      line += (language == .ru ? "прогонов: " : "runs: ") + "\(done)"
    }
    FileHandle.standardError.write(Data(line.utf8))
  }

  func finish() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
}
