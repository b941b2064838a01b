import Foundation
import ArgumentParser
import RegulationAnalysis
import RegulationDiagnostics
import RegulationEngine
import RegulationParser
import WorkingTime

struct DeadlinesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deadlines",
    abstract: "Every deadline of one incident, chained through anchors, with --explain for the derivation.",
    discussion: """
      DATETIME without an offset is local time of the regulation's time zone.
      Example: reglament deadlines regulations/004-krasnoufimsk.yaml --detected 2026-05-08T17:40 \\
                 --category "повышенной важности" --event route=2026-05-12T09:10 --explain
      """)

  @Argument(help: "The regulation file.") var file: String
  @Option(help: "When the message was detected (YYYY-MM-DDTHH:MM[±HH:MM]).") var detected: String
  @Option(help: "Category id, name or alias; repeat for an overlay category.") var category: [String] = []
  @Option(help: "Message kind.") var kind: String?
  @Option(help: "Situation that applies (co-executors, interim, …); repeatable. Default: all.") var situation: [String] = []
  @Option(help: "Actual time of a step already done: STEP=DATETIME; repeatable.") var event: [String] = []
  @Option(help: "A calendar file with your own days off and working days (format of docs/TIME.md).") var calendar: String?
  @Flag(help: "Explain every deadline, one line per rule applied.") var explain = false
  @Option(help: "text or json.") var format: OutputFormat = .text
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
    let additions = try userCalendar(calendar, language: lang)
    guard let calc = DeadlineCalculator(regulation: reg, additions: additions) else {
      throw fail("the regulation's working time is invalid", "рабочее время регламента задано неверно", language: lang)
    }
    let tz = calc.time.timeZone
    guard let t0 = tz.parseDateTime(detected) else {
      throw fail("--detected `\(detected)` is not a date and time (YYYY-MM-DDTHH:MM[±HH:MM])",
        "--detected «\(detected)» — не дата и время (ГГГГ-ММ-ДДTЧЧ:ММ[±ЧЧ:ММ])", language: lang)
    }
    var events: [String: LocalTimestamp] = [:]
    for e in event {
      let parts = e.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let t = tz.parseDateTime(parts[1]) else {
        throw fail("--event `\(e)` must be STEP=DATETIME", "--event «\(e)» должно быть ШАГ=ДАТА_ВРЕМЯ", language: lang)
      }
      events[parts[0]] = t
    }
    for s in situation where !reg.situations.contains(where: { $0.id == s }) {
      let known = reg.situations.map(\.id).joined(separator: ", ")
      throw fail("unknown situation `\(s)`; known: \(known)", "неизвестное обстоятельство «\(s)»; есть: \(known)", language: lang)
    }
    let categories = category.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
    let incident = Incident(detected: t0, categories: categories, kind: kind,
      situations: situation.isEmpty ? nil : Set(situation), events: events)
    do {
      let normalized = try calc.normalized(incident)
      let list = try calc.deadlines(for: normalized, explain: explain)
      let report = DeadlineReport(regulation: reg, time: calc.time, incident: normalized, deadlines: list)
      emit(format == .json ? report.json(explain: explain).serialized(pretty: true) + "\n" : report.text(explain: explain))
    } catch let e as EngineError {
      throw fail(e.en, e.ru, language: lang)
    }
  }
}
