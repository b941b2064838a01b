import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// One item of a regulation as `reglament diff` compares it: a section ("steps", "roles", …), its id, name and clause,
/// and its fields flattened to `(key, value)` pairs in file order ("deadline[category: ordinary].amount" → "6").
public struct DiffEntity: Sendable, Hashable {
  /// The YAML section: `act`, `working_time`, `roles`, `kinds`, `channels`, `categories`, `situations`,
  /// `exclusions`, `steps`, `limits`, `duties`, `repeat_messages`, `acknowledgements`, `tests`.
  public var section: String
  public var id: String
  public var name: String
  public var clause: String?
  public var fields: [Field]
  public var range: SourceRange

  /// One compared value; `key` uses the file's own vocabulary (`amount`, `clock`, `from`, `when`, …).
  public struct Field: Sendable, Hashable {
    public var key: String
    public var value: String
  }

  public func value(_ key: String) -> String? { fields.first { $0.key == key }?.value }
}

/// Flattens a regulation into the entities `reglament diff` matches by id.
public enum DiffOutline {
  /// Every entity of the regulation, section by section in the order of the language.
  public static func entities(of reg: Regulation) -> [DiffEntity] {
    var out: [DiffEntity] = []
    out.append(act(reg.act, version: reg.version))
    if let wt = reg.workingTime { out.append(workingTime(wt)) }
    for r in reg.roles {
      var f = Fields()
      f.add("name", r.name)
      f.add("clause", r.clause?.number)
      f.add("duties", list(r.duties))
      f.add("substitutes", r.substitutes)
      f.add("outside", r.outside ? "true" : nil)
      f.add("schedule", r.schedule)
      out.append(DiffEntity(section: "roles", id: r.id, name: r.name, clause: r.clause?.number, fields: f.items, range: r.range))
    }
    for k in reg.kinds {
      out.append(simple("kinds", k.id, k.name, k.clause, k.range))
    }
    for c in reg.channels {
      var e = simple("channels", c.id, c.name, c.clause, c.range)
      if let v = c.visibility { e.fields.append(.init(key: "visibility", value: v)) }
      out.append(e)
    }
    for c in reg.categories {
      var f = Fields()
      f.add("name", c.name)
      f.add("clause", c.clause?.number)
      f.add("aliases", list(c.aliases.map(\.value)))
      f.add("overlay", c.overlay ? "true" : nil)
      f.add("applies_to", list(c.appliesTo.map(\.value)))
      f.add("definition", c.definition)
      out.append(DiffEntity(section: "categories", id: c.id, name: c.name, clause: c.clause?.number, fields: f.items, range: c.range))
    }
    for s in reg.situations { out.append(simple("situations", s.id, s.name, s.clause, s.range)) }
    for e in reg.exclusions {
      var f = Fields()
      f.add("name", e.name)
      f.add("clause", e.clause?.number)
      f.add("grounds", list(e.grounds))
      f.add("consequence", e.consequence?.value)
      f.add("step", e.step?.value)
      out.append(DiffEntity(section: "exclusions", id: e.id, name: e.name, clause: e.clause?.number, fields: f.items, range: e.range))
    }
    for s in reg.steps {
      var f = Fields()
      f.add("name", s.name)
      f.add("clause", s.clause?.number)
      f.add("action", s.action)
      f.add("role", s.role?.value)
      f.add("when", condition(s.condition))
      if let c = s.coExecution {
        f.add("co_executors.order", c.order)
        f.add("co_executors.order_set_by", c.orderSetBy?.value)
        f.add("co_executors.common_answer_by", c.commonAnswerBy)
      }
      deadline(s.deadline, owner: s.clause?.number, into: &f)
      for o in keyed(s.outcomes.map { ($0.on, $0) }) {
        f.add("outcomes[\(o.key)]", o.value.to?.value ?? "—")
        f.add("outcomes[\(o.key)].clause", o.value.clause?.number)
      }
      f.add("quote", s.quote)
      out.append(DiffEntity(section: "steps", id: s.id, name: s.name, clause: s.clause?.number, fields: f.items, range: s.range))
    }
    for l in reg.limits {
      var f = Fields()
      f.add("name", l.name)
      f.add("clause", l.clause?.number)
      f.add("until", l.until.value)
      deadline(l.deadline, owner: l.clause?.number, into: &f)
      f.add("quote", l.quote)
      out.append(DiffEntity(section: "limits", id: l.id, name: l.name, clause: l.clause?.number, fields: f.items, range: l.range))
    }
    for d in reg.duties {
      var f = Fields()
      f.add("name", d.name)
      f.add("clause", d.clause?.number)
      f.add("role", d.role?.value)
      f.add("recipient", d.recipient?.value)
      f.add("every", d.every)
      f.add("when", condition(d.condition))
      deadline(d.deadline, owner: d.clause?.number, into: &f)
      out.append(DiffEntity(section: "duties", id: d.id, name: d.name, clause: d.clause?.number, fields: f.items, range: d.range))
    }
    if let r = reg.repeatMessages {
      var f = Fields()
      f.add("clause", r.clause?.number)
      f.add("steps", list(r.steps.map(\.value)))
      f.add("requirement", r.requirement)
      out.append(DiffEntity(section: "repeat_messages", id: "repeat_messages", name: "", clause: r.clause?.number,
        fields: f.items, range: r.range))
    }
    for a in reg.acknowledgements {
      let id = a.finding + (a.subject.map { ":" + $0 } ?? "")
      var f = Fields()
      f.add("clauses", list(a.clauses))
      f.add("justification", a.justification)
      out.append(DiffEntity(section: "acknowledgements", id: id, name: "", clause: nil, fields: f.items, range: a.range))
    }
    for t in reg.tests {
      var f = Fields()
      f.add("detected", t.detected.value)
      f.add("categories", list(t.categories.map(\.value)))
      f.add("kind", t.kind?.value)
      for e in t.events { f.add("events[\(e.step.value)]", e.time.value) }
      for e in t.expected { f.add("expect[\(e.step.value)]", e.time.value) }
      out.append(DiffEntity(section: "tests", id: t.name, name: t.name, clause: nil, fields: f.items, range: t.range))
    }
    return out
  }

  static func act(_ a: Act, version: Int) -> DiffEntity {
    var f = Fields()
    f.add("reglament", String(version))
    f.add("id", a.id)
    f.add("title", a.title)
    f.add("body", a.body)
    f.add("kind", a.kind)
    f.add("number", a.number)
    f.add("date", a.date)
    f.add("status", a.status)
    f.add("jurisdiction", a.jurisdiction)
    f.add("region", a.region)
    f.add("municipality", a.municipality)
    f.add("effective_from", a.effectiveFrom)
    f.add("effective_until", a.effectiveUntil)
    for r in a.replaces { f.add("replaces[\(related(r))]", r.clause?.number ?? "") }
    for r in a.implements { f.add("implements[\(related(r))]", r.clause?.number ?? "") }
    f.add("source", a.source)
    return DiffEntity(section: "act", id: "act", name: a.title, clause: nil, fields: f.items, range: a.range)
  }

  static func related(_ r: RelatedAct) -> String {
    [r.title, r.body, r.number.map { "№ \($0)" }, r.date].compactMap { $0 }.joined(separator: ", ")
  }

  static func workingTime(_ wt: WorkingTimeSpec) -> DiffEntity {
    var f = Fields()
    f.add("time_zone", wt.timeZone.value)
    f.add("clause", wt.clause?.number)
    f.add("schedule", scheduleText(wt.schedule))
    for (role, s) in wt.roleSchedules.sorted(by: { $0.key < $1.key }) { f.add("role_schedules[\(role)]", scheduleText(s)) }
    for a in wt.calendarAdditions.sorted(by: { $0.date < $1.date }) {
      f.add("calendar[\(a.date)]", a.kind.rawValue + (a.note.isEmpty ? "" : " (\(a.note))"))
    }
    f.add("assumption", wt.assumption?.text)
    return DiffEntity(section: "working_time", id: "working_time", name: "", clause: wt.clause?.number, fields: f.items,
      range: wt.range)
  }

  static func scheduleText(_ s: WorkingSchedule) -> String {
    var t = s.summary
    if !s.roundTheClock { t += "; pre_holiday_shortening_minutes: \(s.preHolidayShortening / 60)" }
    return t
  }

  static func simple(_ section: String, _ id: String, _ name: String, _ clause: ClauseReference?, _ range: SourceRange)
    -> DiffEntity
  {
    var f = Fields()
    f.add("name", name)
    f.add("clause", clause?.number)
    return DiffEntity(section: section, id: id, name: name, clause: clause?.number, fields: f.items, range: range)
  }

  /// `category: ordinary, solvable; situation: interim` (empty for an unconditional rule).
  static func condition(_ c: Condition) -> String? {
    var parts: [String] = []
    func add(_ key: String, _ list: [Located<String>]) {
      if !list.isEmpty { parts.append("\(key): " + list.map(\.value).joined(separator: ", ")) }
    }
    add("category", c.categories)
    add("kind", c.kinds)
    add("channel", c.channels)
    add("situation", c.situations)
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }

  /// Deadline rules keyed by their condition (`deadline[category: ordinary].amount`), or `deadline.amount` for the
  /// single unconditional rule, so that reordering rules is not a change and a changed amount is one line. A rule's
  /// clause is listed only when it differs from its owner's (the parser gives a rule its step's clause).
  static func deadline(_ d: StepDeadline?, owner: String?, into f: inout Fields) {
    switch d {
    case nil: return
    case .none(let reason, _)?: f.add("deadline.none", reason)
    case .rules(let rules)?:
      for (key, r) in keyed(rules.map { (condition($0.condition) ?? "", $0) }) {
        let p = key.isEmpty ? "deadline" : "deadline[\(key)]"
        f.add("\(p).amount", r.period.clock == .immediately ? nil : amountText(r.period.amount))
        f.add("\(p).clock", r.period.clock.rawValue)
        f.add("\(p).from", r.anchors.isEmpty ? nil : r.anchors.map(\.value.name).joined(separator: ", "))
        f.add("\(p).before", r.before?.value)
        f.add("\(p).not_later_than", r.notLaterThan?.value)
        f.add("\(p).each", r.each ? "true" : nil)
        f.add("\(p).clause", r.clause?.number == owner ? nil : r.clause?.number)
        f.add("\(p).assumption", r.assumption?.text)
        f.add("\(p).quote", r.quote)
      }
    }
  }

  static func amountText(_ a: Double) -> String {
    a == a.rounded() ? String(Int(a)) : String(a)
  }

  /// Items keyed by a label, repeated labels numbered (`done`, `done#2`).
  static func keyed<T>(_ items: [(String, T)]) -> [(key: String, value: T)] {
    var seen: [String: Int] = [:]
    return items.map { label, item in
      let n = (seen[label] ?? 0) + 1
      seen[label] = n
      return (n == 1 ? label : "\(label)#\(n)", item)
    }
  }

  static func list(_ items: [String]) -> String? { items.isEmpty ? nil : items.joined(separator: "; ") }

  struct Fields {
    var items: [DiffEntity.Field] = []
    mutating func add(_ key: String, _ value: String?) {
      guard let value, !value.isEmpty else { return }
      items.append(.init(key: key, value: value))
    }
  }
}
