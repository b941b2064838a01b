import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// The answer of `reglament deadlines`: every deadline of one incident, as text or as the contract's JSON, in Russian
/// or English.
public struct DeadlineReport: Sendable {
  public let compiled: CompiledRegulation
  public let profile: IncidentProfile
  public let history: CaseHistory
  public let deadlines: [ProjectedDeadline]
  /// Whether the category was not given and the act's default one was taken.
  public let defaultCategory: Bool

  public init(_ calculator: DeadlineCalculator, incident: Incident, explain: Bool) throws(EngineError) {
    let (profile, history) = try calculator.resolve(incident)
    self.compiled = calculator.compiled
    self.profile = profile
    self.history = history
    deadlines = compiled.plan(profile).deadlines(history, explain: explain)
    defaultCategory = incident.categories.isEmpty && !profile.categories.isEmpty
  }

  var zone: RegulationTimeZone { compiled.clocks.main.timeZone }

  /// What a row is about: id, name, kind of element, role, clause.
  struct Subject {
    var id: String
    var name: String
    var entity: String
    var role: String?
    var clause: String?
    /// Gated by a situation (return, co-executors, interim): shown because it may occur.
    var conditional: Bool
  }

  func subject(_ d: ProjectedDeadline) -> Subject {
    switch d.element {
    case .step(let s):
      let step = compiled.steps[s]
      return Subject(id: step.id, name: step.name, entity: "step", role: step.role, clause: d.rule?.clause ?? step.clause,
        conditional: !step.condition.situations.isEmpty)
    case .limit(let l):
      let limit = compiled.limits[l]
      return Subject(id: limit.id, name: limit.name, entity: "limit", role: compiled.steps[limit.until].role,
        clause: d.rule?.clause ?? limit.clause, conditional: false)
    case .duty(let k):
      let duty = compiled.duties[k]
      return Subject(id: duty.id, name: duty.name, entity: "duty", role: duty.role, clause: d.rule?.clause ?? duty.clause,
        conditional: !duty.condition.situations.isEmpty)
    }
  }

  /// Why a deadline has no instant, in a language.
  func remark(_ issue: DueIssue?, _ lang: Language) -> String? {
    guard let issue else { return nil }
    let ru = lang == .ru
    switch issue {
    case .noDeadline(let reason):
      return ru ? "срок не установлен" + (reason.map { ": \($0)" } ?? "") : "the act sets no deadline"
    case .noRuleApplies: return ru ? "ни одно правило не применимо" : "no rule applies"
    case .anchorUnknown(let s):
      let id = compiled.steps[s].id
      return ru ? "момент «\(id)» неизвестен: у шага нет срока; укажите --event \(id)=…"
        : "the moment of `\(id)` is unknown: that step has no deadline; give --event \(id)=…"
    case .referenceUnknown(let r):
      let id = switch r {
      case .step(let s): compiled.steps[s].id
      case .limit(let l): compiled.limits[l].id
      }
      return ru ? "срок «\(id)» не определён" : "the deadline of `\(id)` is unknown"
    case .outsideCalendar(let d):
      let c = compiled.clocks.main.calendar.coverage
      return ru ? "не вычислен: срок выходит за \(d.russian), а производственный календарь есть на \(c.lowerBound.year)–\(c.upperBound.year) гг."
        : "not computed: it runs past \(d), and the production calendar covers \(c.lowerBound.year)–\(c.upperBound.year)"
    case .cycle: return ru ? "сроки ссылаются друг на друга по кругу" : "deadlines refer to each other in a circle"
    }
  }

  func anchorName(_ d: ProjectedDeadline) -> String? {
    guard let rule = d.rule else { return nil }
    if rule.before != nil { return nil }
    guard let first = rule.anchors.first else { return "detected" }
    switch first {
    case .detected: return "detected"
    case .posted: return "posted"
    case .step(let s): return compiled.steps[s].id
    }
  }

  func referenceID(_ r: DeadlineReference?) -> String? {
    switch r {
    case .step(let s)?: compiled.steps[s].id
    case .limit(let l)?: compiled.limits[l].id
    case nil: nil
    }
  }

  var categoryNames: [String] { compiled.categoryNames(profile) }

  public func json(explain: Bool, language: Language) -> JSONValue {
    let names = categoryNames
    var fields: [(String, JSONValue)] = [
      ("regulation", .string(compiled.regulation.act.id)), ("file", .string(compiled.regulation.file)),
      ("time_zone", .string(zone.identifier)), ("detected", .string(zone.iso(history.detected))),
      ("category", names.isEmpty ? .null : .string(names.joined(separator: " + "))),
      ("categories", .array(names.map { .string($0) })), ("default_category", .bool(defaultCategory)),
    ]
    if let k = profile.kind { fields.append(("kind", .string(compiled.regulation.kinds[k].id))) }
    if let c = profile.channel { fields.append(("channel", .string(compiled.regulation.channels[c].id))) }
    let renderer = FactRenderer(compiled, language: language)
    fields.append(("deadlines", .array(deadlines.map { d in
      let s = subject(d)
      var f: [(String, JSONValue)] = [
        ("step", .string(s.id)), ("name", .string(s.name)), ("entity", .string(s.entity)),
        ("clause", s.clause.map { .string($0) } ?? .null), ("role", s.role.map { .string($0) } ?? .null),
        ("due", d.due.instant.map { .string(zone.iso($0)) } ?? .null),
        ("clock", d.rule.map { .string($0.period.clock.rawValue) } ?? .null),
        ("amount", d.rule.map { .string($0.period.iso) } ?? .null),
        ("anchor", anchorName(d).map { .string($0) } ?? .null),
      ]
      if d.occurrence > 1 { f.append(("occurrence", .int(d.occurrence))) }
      if s.conditional { f.append(("conditional", .bool(true))) }
      if let b = referenceID(d.rule?.before) { f.append(("before", .string(b))) }
      if let b = referenceID(d.rule?.notLaterThan) { f.append(("not_later_than", .string(b))) }
      if let actual = d.actual {
        f.append(("actual", .string(zone.iso(actual))))
        if let due = d.due.instant { f.append(("late_by_seconds", .int(max(0, zone.utc(from: actual) - zone.utc(from: due))))) }
      }
      if let r = remark(d.due.issue, language) { f.append(("remark", .string(r))) }
      if let a = d.rule?.source.assumption { f.append(("assumption", .string(a.text))) }
      if explain {
        f.append(("explanation", .array(([headline(d, language)] + renderer.lines(d.facts).map { $0.rendered() }).map { .string($0) })))
      }
      return .object(f)
    })))
    return .object(fields)
  }

  /// `п. 12: подготовка проекта ответа — 6 рабочих часов с момента «detected» (категория «обычные»)`.
  func headline(_ d: ProjectedDeadline, _ lang: Language) -> String {
    let s = subject(d)
    let ru = lang == .ru
    let clause = s.clause.map { ru ? "п. \($0)" : "clause \($0)" } ?? (ru ? "правило" : "rule")
    guard let rule = d.rule else { return "\(clause): \(ru ? s.name : "`\(s.id)`")" }
    var text = "\(clause): \(ru ? s.name : "`\(s.id)`") — \(CalendarWording.period(rule.period, lang))"
    if let b = referenceID(rule.before) {
      text += ru ? " до истечения срока «\(b)»" : " before the deadline of `\(b)`"
    } else {
      let anchors = rule.anchors.isEmpty ? ["detected"] : rule.anchors.map { a -> String in
        switch a {
        case .detected: "detected"
        case .posted: "posted"
        case .step(let i): compiled.steps[i].id
        }
      }
      text += ru ? " с момента «\(anchors.joined(separator: "» или «"))»" : " from `\(anchors.joined(separator: "` or `"))`"
    }
    if !rule.condition.categories.isEmpty {
      let names = rule.condition.categories.map { compiled.regulation.categories[$0].name }
      text += ru ? " (категория «\(names.joined(separator: "», «"))»)" : " (category «\(names.joined(separator: "», «"))»)"
    }
    return text
  }

  public func text(explain: Bool, language: Language) -> String {
    let ru = language == .ru
    let renderer = FactRenderer(compiled, language: language)
    var out = "\(compiled.regulation.act.id) — \(compiled.regulation.file)\n"
    out += (ru ? "выявлено " : "detected ") + renderer.instant(history.detected) + ", \(zone.identifier)"
    if !categoryNames.isEmpty {
      out += ru ? "; категория «\(categoryNames.joined(separator: "» + «"))»" : "; category «\(categoryNames.joined(separator: "» + «"))»"
      if defaultCategory { out += ru ? " (по умолчанию: категория не указана)" : " (default: no category given)" }
    }
    out += "\n\n"
    let width = max(8, (deadlines.map { subject($0).id.count + ($0.occurrence > 1 ? 4 : 0) }.max() ?? 8) + 2)
    for d in deadlines {
      let s = subject(d)
      let dueText = d.due.instant.map { renderer.instant($0) } ?? (ru ? "срок не определён" : "no deadline")
      let clause = s.clause.map { ru ? "п. \($0)" : "cl. \($0)" } ?? "—"
      var rule = ""
      if let r = d.rule {
        let p = CalendarWording.period(r.period, language)
        if let b = referenceID(r.before) {
          rule = ru ? "за \(p) до «\(b)»" : "\(p) before `\(b)`"
        } else {
          let a = anchorName(d) ?? "detected"
          rule = ru ? "\(p) с «\(a)»" : "\(p) from `\(a)`"
        }
      }
      if d.due.instant == nil, let r = remark(d.due.issue, language) { rule += (rule.isEmpty ? "" : "; ") + r }
      let id = s.id + (d.occurrence > 1 ? " #\(d.occurrence)" : "")
      out += id.padding(width) + clause.padding(8) + dueText.padding(32) + rule + "\n"
      var detail = "    " + s.name
      if s.conditional { detail += ru ? " (при обстоятельстве)" : " (only in a situation)" }
      if let actual = d.actual {
        detail += ru ? "; выполнено \(renderer.instant(actual))" : "; done \(renderer.instant(actual))"
        if let due = d.due.instant {
          let late = zone.utc(from: actual) - zone.utc(from: due)
          if late > 0 {
            detail += ru ? ", опоздание \(CalendarWording.duration(late, language))" : ", late by \(CalendarWording.duration(late, language))"
          }
        }
      }
      out += detail + "\n"
      if explain {
        out += "    " + headline(d, language) + "\n"
        for line in renderer.lines(d.facts) { out += "      " + line.rendered(labelWidth: 22) + "\n" }
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
    var entry: CalendarEntry?
  }

  var rows: [Row] {
    var out: [Row] = []
    var d = from
    while d <= to {
      let kind = table.calendar.kind(of: d)
      let minutes = table.intervals(on: d).reduce(0) { $0 + $1.length } / 60
      if !onlyNotable || kind != .working && kind != .weekend {
        out.append(Row(date: d, kind: kind, minutes: minutes, entry: table.calendar.entry(for: d)))
      }
      d = d.adding(days: 1)
    }
    return out
  }

  func note(_ r: Row, _ lang: Language) -> String {
    if r.kind == .working || (r.kind == .weekend && r.entry == nil) { return r.entry?.note ?? "" }
    return CalendarWording.reason(r.date, r.kind, r.entry, lang)
  }

  public func json(language: Language) -> JSONValue {
    let cal = table.calendar
    let years = Array(Set((from.year...to.year)))
    return .object([
      ("from", .string(from.description)), ("to", .string(to.description)),
      ("schedule", .string(CalendarWording.schedule(table.schedule, language))),
      ("sources", .array(years.sorted().compactMap { y in cal.sources[y].map { .string("\(y): \($0)") } })),
      ("provisional_years", .array(cal.provisionalYears.sorted().filter { years.contains($0) }.map { .int($0) })),
      ("days", .array(rows.map { r in
        .object([
          ("date", .string(r.date.description)), ("working", .bool(r.kind.isWorking)), ("kind", .string(r.kind.rawValue)),
          ("working_minutes", .int(r.minutes)), ("note", .string(note(r, language))),
        ])
      })),
    ])
  }

  public func text(language: Language) -> String {
    let ru = language == .ru
    var out = ru
      ? "производственный календарь \(from.russian)–\(to.russian); график: \(table.schedule.summary)\n"
      : "production calendar \(from)–\(to); schedule: \(CalendarWording.schedule(table.schedule, language))\n"
    for y in from.year...to.year {
      if let s = table.calendar.sources[y] { out += "  \(y): \(ru ? s : englishSource(s))\n" }
      if table.calendar.provisionalYears.contains(y) {
        out += ru ? "  \(y): данные предварительные (проверьте постановление о переносе)\n"
          : "  \(y): provisional data (check the transfer decree)\n"
      }
    }
    for r in rows {
      let h = r.minutes / 60, m = r.minutes % 60
      let kind = ru ? r.kind.russianLabel : r.kind.rawValue
      out += "\(r.date) \(CalendarWording.weekday(r.date, language))  \(kind.padding(16))\(String(h)):\(m < 10 ? "0" : "")\(m)  \(note(r, language))\n"
    }
    return out
  }

  /// The year's legal sources, in English: the decree's date and number from the Russian citation.
  func englishSource(_ s: String) -> String {
    var parts = ["Labour Code arts. 95 and 112"]
    if let r = s.range(of: "от "), let n = s.range(of: "№ ") {
      let date = s[r.upperBound...].prefix { $0 != " " }
      let number = s[n.upperBound...].prefix { $0.isNumber }
      parts.append("Government decree of \(date) No. \(number) on the transfer of days off")
    }
    return parts.joined(separator: "; ")
  }
}
