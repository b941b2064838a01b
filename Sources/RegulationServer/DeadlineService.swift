import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import WorkingTime

/// `POST /api/deadlines`: every deadline of one incident, the JSON of `reglament deadlines --format json`, plus the
/// working intervals of the span it covers (for the playground's timeline). The one file that calls the engine's
/// deadline computation, so a change of engine touches only this.
enum DeadlineService {
  /// The longest span whose working intervals are listed (days).
  static let maxTimelineDays = 62

  static func compute(_ reg: Regulation, body: DeadlinesBody, language: Language) throws -> JSONValue {
    func bad(_ en: String, _ ru: String) -> APIError {
      APIError(.unprocessableContent, id: "invalid-incident", en: en, ru: ru, language: language)
    }
    let compiled: CompiledRegulation
    do {
      compiled = try CompiledRegulation(reg)
    } catch {
      throw bad(error.en, error.ru)
    }
    let time = compiled.clocks.main
    let tz = time.timeZone
    guard let detected = tz.parseDateTime(body.detected) else {
      throw bad("`detected` `\(body.detected)` is not a date and time (YYYY-MM-DDTHH:MM[±HH:MM])",
        "«detected» «\(body.detected)» — не дата и время (ГГГГ-ММ-ДДTЧЧ:ММ[±ЧЧ:ММ])")
    }
    var events: [(step: String, at: LocalTimestamp)] = []
    for e in body.events ?? [] {
      guard let t = tz.parseDateTime(e.at) else {
        throw bad("the time of event `\(e.step)`, `\(e.at)`, is not a date and time",
          "время события «\(e.step)», «\(e.at)», — не дата и время")
      }
      guard t >= detected else {
        throw bad("event `\(e.step)` is recorded before the message was detected (\(tz.iso(detected)))",
          "шаг «\(e.step)» выполнен раньше, чем выявлено сообщение (\(tz.iso(detected)))")
      }
      events.append((e.step, t))
    }
    let situations = body.situations ?? []
    let categories = (body.category?.values ?? []).flatMap {
      $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    }.filter { !$0.isEmpty }
    let incident = Incident(detected: detected, categories: categories, kind: body.kind,
      situations: situations.isEmpty ? nil : Set(situations), events: events)
    let explain = body.explain ?? true
    let report: DeadlineReport
    do {
      report = try DeadlineReport(DeadlineCalculator(compiled), incident: incident, explain: explain)
    } catch {
      throw bad(error.en, error.ru)
    }
    guard case .object(var fields) = report.json(explain: explain, language: language) else { return .null }
    var last = detected
    if case .array(let list)? = fields.first(where: { $0.0 == "deadlines" })?.1 {
      for case .object(let d) in list {
        if case .string(let due)? = d.first(where: { $0.0 == "due" })?.1, let t = tz.parseDateTime(due) { last = max(last, t) }
      }
    }
    for e in events { last = max(last, e.at) }
    fields.append(("working_time", workingTime(time, from: detected, to: last)))
    return .object(fields)
  }

  /// Working intervals of the main clock from the day of `from` to the day of `to` (at most `maxTimelineDays`), and
  /// each day's kind, so the page can shade working and non-working time.
  static func workingTime(_ time: TimeContext, from: LocalTimestamp, to: LocalTimestamp) -> JSONValue {
    let tz = time.timeZone
    let first = from.date
    let last = min(max(to, from).date, first.adding(days: maxTimelineDays - 1))
    var days: [JSONValue] = []
    var d = first
    while d <= last {
      let intervals = time.working.intervals(on: d).map { r -> JSONValue in
        .array([.string(tz.iso(LocalTimestamp(date: d, secondOfDay: r.start))),
          .string(tz.iso(LocalTimestamp(date: d, secondOfDay: r.end)))])
      }
      days.append(.object([("date", .string(d.description)), ("kind", .string(time.calendar.kind(of: d).rawValue)),
        ("intervals", .array(intervals))]))
      d = d.adding(days: 1)
    }
    return .object([("time_zone", .string(tz.identifier)), ("schedule", .string(time.working.schedule.summary)),
      ("days", .array(days))])
  }
}

/// `POST /api/calendar`: the JSON of `reglament calendar --format json`, under a regulation's schedule when given.
enum CalendarService {
  static let maxDays = 800

  static func compute(_ body: CalendarBody, regulation: Regulation?, language: Language) throws -> JSONValue {
    func bad(_ en: String, _ ru: String) -> APIError {
      APIError(.badRequest, id: "invalid-request", en: en, ru: ru, language: language)
    }
    if let y = body.year, !(1900...2200).contains(y) { throw bad("`year` must be 1900…2200", "«year» — от 1900 до 2200") }
    var start: CivilDate, end: CivilDate
    if let from = body.from, let to = body.to {
      guard let a = CivilDate(iso: from), let b = CivilDate(iso: to), a <= b else {
        throw bad("`from`/`to` must be dates YYYY-MM-DD, from ≤ to", "«from»/«to» — даты ГГГГ-ММ-ДД, from ≤ to")
      }
      (start, end) = (a, b)
    } else if body.from != nil || body.to != nil {
      throw bad("give both `from` and `to`", "укажите и «from», и «to»")
    } else {
      let y = body.year ?? 2026
      (start, end) = (CivilDate(year: y, month: 1, day: 1)!, CivilDate(year: y, month: 12, day: 31)!)
    }
    guard end.dayNumber - start.dayNumber < maxDays else {
      throw bad("at most \(maxDays) days at once", "не больше \(maxDays) дней за раз")
    }
    var table = WorkingTimeTable(schedule: .standard, calendar: RussianProductionCalendar.calendar)
    if let regulation {
      guard let ctx = regulation.clocks()?.main else {
        throw APIError(.unprocessableContent, id: "invalid-incident", en: "the regulation's working time is invalid",
          ru: "рабочее время регламента задано неверно", language: language)
      }
      table = ctx.working
    }
    let cal = table.calendar
    guard cal.covers(start), cal.covers(end) else {
      let c = cal.coverage
      throw APIError(.unprocessableContent, id: "calendar-coverage",
        en: "the production calendar has data for \(c.lowerBound)…\(c.upperBound) only; \(start)…\(end) is outside",
        ru: "данные производственного календаря есть только за \(c.lowerBound.russian)–\(c.upperBound.russian); запрошено \(start.russian)–\(end.russian)",
        language: language)
    }
    return CalendarReport(from: start, to: end, table: table, onlyNotable: body.notable ?? false).json(language: language)
  }
}
