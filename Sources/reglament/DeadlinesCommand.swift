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
    abstract: localized(
      "Every deadline of one incident, chained through anchors, with --explain for the derivation.",
      "Все сроки одного инцидента по цепочке отсчётов; --explain показывает вывод."),
    discussion: localized("""
      DATETIME without an offset is local time of the regulation's time zone. A step given several times with
      --event occurred several times (rework rounds, returns); each occurrence gets its own deadline.
      Example: reglament deadlines regulations/004-krasnoufimsk.yaml --detected 2026-05-08T17:40 \\
                 --category "повышенной важности" --event route=2026-05-12T09:10 --explain
      """, """
      ДАТАВРЕМЯ без смещения — местное время часового пояса регламента. Шаг, указанный в --event несколько раз,
      выполнялся несколько раз (доработки, возвраты); у каждого выполнения свой срок.
      Пример: reglament deadlines regulations/004-krasnoufimsk.yaml --detected 2026-05-08T17:40 \\
                 --category "повышенной важности" --event route=2026-05-12T09:10 --explain
      """))

  @Argument(help: help("The regulation file.", "Файл регламента.")) var file: String
  @Option(help: help(
    "When the message was detected (YYYY-MM-DDTHH:MM[±HH:MM]).",
    "Когда сообщение выявлено (ГГГГ-ММ-ДДTЧЧ:ММ[±ЧЧ:ММ])."))
  var detected: String
  @Option(help: help(
    "Category id, name or alias; repeat for an overlay category.",
    "Категория: id, название или синоним; повторите для дополнительной категории."))
  var category: [String] = []
  @Option(help: help("Message kind.", "Вид сообщения.")) var kind: String?
  @Option(help: help(
    "Channel the message came through.",
    "Канал, по которому поступило сообщение."))
  var channel: String?
  @Option(help: help(
    "Situation that applies (co-executors, interim, …); repeatable. Default: all.",
    "Обстоятельство (соисполнители, промежуточный ответ, …); можно повторять. По умолчанию — все."))
  var situation: [String] = []
  @Option(help: help(
    "Actual time of a step already done: STEP=DATETIME; repeatable, also for one step.",
    "Фактическое время выполненного шага: ШАГ=ДАТАВРЕМЯ; можно повторять, в том числе для одного шага."))
  var event: [String] = []
  @Option(help: help(
    "A calendar file with your own days off and working days (format of docs/TIME.md).",
    "Файл календаря с вашими выходными и рабочими днями (формат docs/TIME.md)."))
  var calendar: String?
  @Option(help: help(
    "Use the edition of the act in force on this date (YYYY-MM-DD); default: the detection date.",
    "Применить редакцию акта, действующую на эту дату (ГГГГ-ММ-ДД); по умолчанию — дата выявления."))
  var on: String?
  @Option(help: help(
    "Read a disputed wording otherwise: READING=ALTERNATIVE (an assumption's id and one of its rejected readings); repeatable.",
    "Прочитать спорную формулировку иначе: ПРОЧТЕНИЕ=ВАРИАНТ (id допущения и одно из отвергнутых прочтений); можно повторять."))
  var reading: [String] = []
  @Flag(help: help(
    "Explain every deadline, one line per rule applied.",
    "Объяснить каждый срок: по строке на каждое применённое правило."))
  var explain = false
  @Option(help: help("text or json.", "text или json.")) var format: OutputFormat = .text
  @OptionGroup var common: CommonOptions

  func run() throws {
    let lang = common.language
    let written = try loadRegulation(file, language: lang)
    let (whole, chosen) = try read(written, under: reading, language: lang)
    let additions = try userCalendar(calendar, language: lang)
    var compiled: CompiledRegulation
    do {
      compiled = try CompiledRegulation(whole, additions: additions)
    } catch {
      throw fail(error.en, error.ru, language: lang)
    }
    let time = compiled.clocks.main
    let t0 = try instant(detected, option: "--detected", in: time, language: lang)
    // The edition in force: on --on, else on the detection date (a case detected before an amendment keeps the old text).
    var editionDate = t0.date
    if let on {
      guard let d = CivilDate(iso: on) else {
        throw fail("--on `\(on)` is not a date (YYYY-MM-DD)", "--on «\(on)» — не дата (ГГГГ-ММ-ДД)", language: lang)
      }
      editionDate = d
    }
    if !whole.act.editions.isEmpty, let c = try? CompiledRegulation(whole.edition(on: editionDate), additions: additions) {
      compiled = c
    }
    var events: [(step: String, at: LocalTimestamp)] = []
    for e in event {
      let parts = e.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else {
        throw fail("--event `\(e)` must be STEP=DATETIME", "--event «\(e)» должно быть ШАГ=ДАТА_ВРЕМЯ", language: lang)
      }
      let t = try instant(parts[1], option: "--event \(parts[0])", in: time, language: lang)
      if t < t0 {
        throw fail("--event \(e): the step is recorded before the message was detected (\(time.timeZone.iso(t0)))",
          "--event \(e): шаг выполнен раньше, чем выявлено сообщение (\(time.timeZone.iso(t0)))", language: lang)
      }
      events.append((parts[0], t))
    }
    let categories = category.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
    let incident = Incident(detected: t0, categories: categories, kind: kind, channel: channel,
      situations: situation.isEmpty ? nil : Set(situation), events: events)
    do {
      let report = try DeadlineReport(DeadlineCalculator(compiled), incident: incident, explain: explain)
      // Readings other than the file's own are stated first: these are not the act's deadlines as the file reads it.
      if format == .json {
        var json = report.json(explain: explain, language: lang)
        if case .object(var pairs) = json, !chosen.isEmpty {
          pairs.append(("readings", .object(chosen.map { ($0.reading, .string($0.alternative)) })))
          json = .object(pairs)
        }
        emit(json.serialized(pretty: true) + "\n")
      } else {
        let lines = chosen.map { c in
          lang == .ru ? "прочтение: \(c.reading) = \(c.alternative) (не то, что принято в файле)\n"
            : "reading: \(c.reading) = \(c.alternative) (not the one the file chose)\n"
        }
        emit(lines.joined() + report.text(explain: explain, language: lang))
      }
    } catch {
      throw fail(error.en, error.ru, language: lang)
    }
  }
}
