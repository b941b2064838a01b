import ArgumentParser
import Foundation
import RegulationEngine
import RegulationParser
import WorkingTime

struct CalendarCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calendar",
    abstract: localized(
      "The production calendar and working schedule in force: days off, transfers, shortened days.",
      "Производственный календарь и действующий график: выходные, переносы, сокращённые дни."),
    discussion: localized("""
      Example: reglament calendar --from 2026-04-27 --to 2026-05-13 --schedule regulations/002-okha.yaml
      """, """
      Пример: reglament calendar --from 2026-04-27 --to 2026-05-13 --schedule regulations/002-okha.yaml
      """))

  @Option(help: help("A whole year.", "Целый год.")) var year: Int?
  @Option(help: help("First date (YYYY-MM-DD).", "Первая дата (ГГГГ-ММ-ДД).")) var from: String?
  @Option(help: help("Last date (YYYY-MM-DD).", "Последняя дата (ГГГГ-ММ-ДД).")) var to: String?
  @Option(help: help(
    "A regulation file whose schedule and calendar additions to use.",
    "Файл регламента, чей график и дополнения календаря применить."))
  var schedule: String?
  @Option(help: help(
    "A calendar file with your own days off and working days (format of docs/TIME.md).",
    "Файл календаря с вашими выходными и рабочими днями (формат docs/TIME.md)."))
  var calendar: String?
  @Flag(help: help(
    "Only days that differ from an ordinary week.",
    "Только дни, отличающиеся от обычной недели."))
  var notable = false
  @Option(help: help("text or json.", "text или json.")) var format: OutputFormat = .text
  @OptionGroup var common: CommonOptions

  func run() throws {
    let lang = common.language
    var start: CivilDate, end: CivilDate
    if year != nil, from != nil || to != nil {
      throw fail("give either --year or --from/--to, not both", "укажите либо --year, либо --from/--to, но не оба", language: lang)
    }
    if let from, let to {
      guard let a = CivilDate(iso: from), let b = CivilDate(iso: to), a <= b else {
        throw fail("--from/--to must be dates YYYY-MM-DD, from ≤ to", "--from/--to — даты ГГГГ-ММ-ДД, from ≤ to", language: lang)
      }
      (start, end) = (a, b)
    } else if from != nil || to != nil {
      throw fail("give both --from and --to", "укажите и --from, и --to", language: lang)
    } else {
      let y = year ?? 2026
      (start, end) = (CivilDate(year: y, month: 1, day: 1)!, CivilDate(year: y, month: 12, day: 31)!)
    }
    let additions = try userCalendar(calendar, language: lang)
    var base = RussianProductionCalendar.calendar
    base.apply(additions)
    var table = WorkingTimeTable(schedule: .standard, calendar: base)
    if let schedule {
      let reg = try loadRegulation(schedule, language: lang)
      guard let ctx = reg.clocks(additions: additions)?.main else {
        throw fail("cannot read the schedule from \(schedule); run `reglament check \(schedule)`",
          "не удаётся прочитать график из \(schedule); выполните `reglament check \(schedule)`", language: lang)
      }
      table = ctx.working
    }
    let cal = table.calendar
    guard cal.covers(start), cal.covers(end) else {
      let c = cal.coverage
      throw fail("the production calendar has data for \(c.lowerBound)…\(c.upperBound) only; \(start)…\(end) is outside",
        "данные производственного календаря есть только за \(c.lowerBound.russian)–\(c.upperBound.russian); запрошено \(start.russian)–\(end.russian)",
        language: lang)
    }
    let report = CalendarReport(from: start, to: end, table: table, onlyNotable: notable)
    emit(format == .json ? report.json(language: lang).serialized(pretty: true) + "\n" : report.text(language: lang))
  }
}
