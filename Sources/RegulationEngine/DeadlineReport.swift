import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// The answer of `reglament deadlines`: every deadline of one incident, as text or as the contract's JSON.
public struct DeadlineReport: Sendable {
  public var regulation: Regulation
  public var time: TimeContext
  public var incident: Incident
  public var deadlines: [ComputedDeadline]

  public init(regulation: Regulation, time: TimeContext, incident: Incident, deadlines: [ComputedDeadline]) {
    self.regulation = regulation
    self.time = time
    self.incident = incident
    self.deadlines = deadlines
  }

  var categoryNames: [String] { incident.categories.map { regulation.category(named: $0)?.name ?? $0 } }

  public func json(explain: Bool) -> JSONValue {
    let tz = time.timeZone
    var fields: [(String, JSONValue)] = [
      ("regulation", .string(regulation.act.id)), ("file", .string(regulation.file)),
      ("time_zone", .string(tz.identifier)), ("detected", .string(tz.iso(incident.detected))),
      ("category", categoryNames.count == 1 ? .string(categoryNames[0]) : (categoryNames.isEmpty ? .null : .string(categoryNames.joined(separator: " + ")))),
      ("categories", .array(categoryNames.map { .string($0) })),
    ]
    if let k = incident.kind { fields.append(("kind", .string(k))) }
    fields.append(("deadlines", .array(deadlines.map { d in
      var f: [(String, JSONValue)] = [
        ("step", .string(d.step)), ("name", .string(d.name)), ("entity", .string(d.entity)),
        ("clause", d.clause.map { .string($0) } ?? .null), ("role", d.role.map { .string($0) } ?? .null),
        ("due", d.due.map { .string(tz.iso($0)) } ?? .null),
        ("clock", d.period.map { .string($0.clock.rawValue) } ?? .null),
        ("amount", d.period.map { .string($0.iso) } ?? .null),
        ("anchor", d.anchor.map { .string($0) } ?? .null),
      ]
      if let b = d.before { f.append(("before", .string(b))) }
      if let b = d.notLaterThan { f.append(("not_later_than", .string(b))) }
      if let r = d.remark { f.append(("remark", .string(r))) }
      if let a = d.assumption { f.append(("assumption", .string(a))) }
      if explain { f.append(("explanation", .array(d.explanation.map { .string($0.text.isEmpty ? $0.label : $0.rendered()) }))) }
      return .object(f)
    })))
    return .object(fields)
  }

  public func text(explain: Bool) -> String {
    let tz = time.timeZone
    var out = "\(regulation.act.title.isEmpty ? regulation.act.id : regulation.act.id) — \(regulation.file)\n"
    out += "выявлено \(incident.detected.russian) (\(tz.offsetText(at: incident.detected)), \(tz.identifier))"
    if !categoryNames.isEmpty { out += "; категория «\(categoryNames.joined(separator: "» + «"))»" }
    out += "\n\n"
    let width = max(8, (deadlines.map(\.step.count).max() ?? 8) + 2)
    for d in deadlines {
      let dueText = d.due.map { "\($0.russian) (\(tz.offsetText(at: $0)))" } ?? "срок не определён"
      let clause = d.clause.map { "п. \($0)" } ?? "—"
      let rule = d.period.map { p in d.before.map { "за \(p) до «\($0)»" } ?? "\(p) с «\(d.anchor ?? "detected")»" } ?? (d.remark ?? "")
      out += d.step.padding(width) + clause.padding(8) + dueText.padding(32) + rule + "\n"
      if explain {
        for line in d.explanation.dropFirst() { out += "    " + line.rendered(labelWidth: 18) + "\n" }
        out += "\n"
      }
    }
    return out
  }
}

extension String {
  func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}

/// The answer of `reglament calendar`: days of a range with their kind and working minutes under a schedule.
public struct CalendarReport: Sendable {
  public var from: CivilDate
  public var to: CivilDate
  public var table: WorkingTimeTable
  public var onlyNotable: Bool

  public init(from: CivilDate, to: CivilDate, table: WorkingTimeTable, onlyNotable: Bool = false) {
    self.from = from
    self.to = to
    self.table = table
    self.onlyNotable = onlyNotable
  }

  struct Row {
    var date: CivilDate
    var kind: DayKind
    var minutes: Int
    var note: String
  }

  var rows: [Row] {
    var out: [Row] = []
    var d = from
    while d <= to {
      let kind = table.calendar.kind(of: d)
      let minutes = table.intervals(on: d).reduce(0) { $0 + $1.length } / 60
      var note = table.calendar.entry(for: d)?.note ?? ""
      if kind == .shortened, note.isEmpty { note = "предпраздничный день (ТК РФ ст. 95)" }
      if !onlyNotable || kind != .working && kind != .weekend { out.append(Row(date: d, kind: kind, minutes: minutes, note: note)) }
      d = d.adding(days: 1)
    }
    return out
  }

  public func json() -> JSONValue {
    let cal = table.calendar
    let years = Array(Set((from.year...to.year)))
    return .object([
      ("from", .string(from.description)), ("to", .string(to.description)),
      ("schedule", .string(table.schedule.summary)),
      ("sources", .array(years.sorted().compactMap { y in cal.sources[y].map { .string("\(y): \($0)") } })),
      ("provisional_years", .array(cal.provisionalYears.sorted().filter { years.contains($0) }.map { .int($0) })),
      ("days", .array(rows.map { r in
        .object([
          ("date", .string(r.date.description)), ("working", .bool(r.kind.isWorking)), ("kind", .string(r.kind.rawValue)),
          ("working_minutes", .int(r.minutes)), ("note", .string(r.note)),
        ])
      })),
    ])
  }

  public func text() -> String {
    var out = "производственный календарь \(from.russian)–\(to.russian); график: \(table.schedule.summary)\n"
    for y in from.year...to.year {
      if let s = table.calendar.sources[y] { out += "  \(y): \(s)\n" }
      if table.calendar.provisionalYears.contains(y) { out += "  \(y): данные предварительные (проверьте постановление о переносе)\n" }
    }
    for r in rows {
      let h = r.minutes / 60, m = r.minutes % 60
      out += "\(r.date) \(russianWeekdayNames[r.date.weekday - 1])  \(r.kind.rawValue.padding(16))\(String(h)):\(m < 10 ? "0" : "")\(m)  \(r.note)\n"
    }
    return out
  }
}
