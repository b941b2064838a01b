import RegulationDiagnostics
import WorkingTime

/// Renders a `RegulationDiff` as text (Russian or English), Markdown for a pull-request comment, or JSON.
public struct DiffReport: Sendable {
  public var diff: RegulationDiff
  public var language: Language

  public init(_ diff: RegulationDiff, language: Language) {
    self.diff = diff
    self.language = language
  }

  func t(_ en: String, _ ru: String) -> String { language == .ru ? ru : en }

  // MARK: - Words

  /// `step`, `шаг` …
  func sectionWord(_ section: String) -> String {
    switch section {
    case "act": t("act", "акт")
    case "working_time": t("working time", "рабочее время")
    case "roles": t("role", "роль")
    case "kinds": t("kind", "вид сообщений")
    case "channels": t("channel", "канал")
    case "categories": t("category", "категория")
    case "situations": t("situation", "обстоятельство")
    case "exclusions": t("exclusion", "исключение")
    case "steps": t("step", "шаг")
    case "limits": t("overall deadline", "общий срок")
    case "duties": t("duty", "обязанность")
    case "repeat_messages": t("repeat messages", "повторные сообщения")
    case "acknowledgements": t("acknowledged finding", "принятое замечание")
    case "tests": t("test", "тест")
    default: section
    }
  }

  func entityWord(_ entity: String) -> String {
    switch entity {
    case "step": t("step", "шаг")
    case "limit": t("overall deadline", "общий срок")
    case "duty": t("duty", "обязанность")
    default: entity
    }
  }

  func kindWord(_ k: EntityChange.Kind) -> String {
    switch k {
    case .added: t("added", "добавлено")
    case .removed: t("removed", "удалено")
    case .modified: t("changed", "изменено")
    case .renamed: t("renamed", "переименовано")
    }
  }

  func clauseText(_ clauses: [String]) -> String {
    clauses.isEmpty ? "" : " (" + t(clauses.count == 1 ? "clause " : "clauses ", "п. ") + clauses.joined(separator: ", ") + ")"
  }

  func subjectText(_ c: EntityChange) -> String {
    if c.section == "act" || c.section == "working_time" || c.section == "repeat_messages" { return sectionWord(c.section) }
    let id = c.kind == .renamed ? "`\(c.oldID ?? "")` → `\(c.id)`" : "`\(c.id)`"
    return sectionWord(c.section) + " " + id
  }

  func value(_ v: String?) -> String { v.map { "«\($0)»" } ?? "—" }

  /// `fri 2026-05-08 17:40` / `пт 08.05.2026 17:40`.
  func when(_ t: LocalTimestamp) -> String {
    language == .ru ? t.russian : "\(englishWeekdayNames[t.date.weekday - 1]) \(t.date) \(clockText(t.secondOfDay))"
  }

  /// `+2 h 00 min`, `−1 d 3 h 15 min`, `0 min`.
  func duration(_ seconds: Int) -> String {
    let sign = seconds > 0 ? "+" : (seconds < 0 ? "−" : "")
    let m = abs(seconds) / 60
    let d = m / 1440, h = (m % 1440) / 60, mm = m % 60
    let mins = mm < 10 && (d > 0 || h > 0) ? "0\(mm)" : "\(mm)"
    var parts: [String] = []
    if d > 0 { parts.append(t("\(d) d", "\(d) сут")) }
    if d > 0 || h > 0 { parts.append(t("\(h) h", "\(h) ч")) }
    parts.append(t("\(mins) min", "\(mins) мин"))
    return sign + parts.joined(separator: " ")
  }

  func range(_ values: [Int]) -> String {
    guard let lo = values.min(), let hi = values.max() else { return "—" }
    return lo == hi ? duration(lo) : "\(duration(lo)) … \(duration(hi))"
  }

  func groupTitle(_ g: DeadlineMoveGroup) -> String {
    "\(entityWord(g.entity)) `\(g.id)`" + clauseText([g.clause].compactMap { $0 })
  }

  func moveSummary(_ g: DeadlineMoveGroup) -> String {
    let appear = g.moves.filter { $0.oldDue == nil }.count, vanish = g.moves.filter { $0.newDue == nil }.count
    var parts = [t("differs at \(g.moves.count) of \(g.of) instants", "отличается в \(g.moves.count) из \(g.of) моментов")]
    let working = g.moves.compactMap(\.workingSeconds), calendar = g.moves.compactMap(\.calendarSeconds)
    if !calendar.isEmpty {
      parts.append(t("working time ", "рабочее время ") + range(working))
      parts.append(t("calendar time ", "календарное время ") + range(calendar))
    }
    if appear > 0 { parts.append(t("appears at \(appear)", "появляется в \(appear)")) }
    if vanish > 0 { parts.append(t("disappears at \(vanish)", "исчезает в \(vanish)")) }
    return parts.joined(separator: "; ")
  }

  /// `+2 h 00 min working, +17 h 00 min calendar`, or whether the deadline appears or disappears.
  func delta(_ m: DeadlineMove) -> String {
    guard let c = m.calendarSeconds else {
      return m.oldDue == nil ? t("the deadline appears", "срок появляется") : t("the deadline disappears", "срок исчезает")
    }
    return [m.workingSeconds.map { duration($0) + t(" working", " рабочих") }, duration(c) + t(" calendar", " календарных")]
      .compactMap { $0 }.joined(separator: ", ")
  }

  func headline() -> String {
    let f = diff.findings
    return t(
      "changes: \(diff.changes.count); deadlines that differ: \(diff.moves.count); findings +\(f.appeared.count) −\(f.disappeared.count)",
      "изменений: \(diff.changes.count); сроков меняется: \(diff.moves.count); замечаний +\(f.appeared.count) −\(f.disappeared.count)")
  }

  func instantsTitle() -> String {
    t("over \(diff.instants.count) hard detection instants of 2026 (wall-clock time, \(diff.timeZone))",
      "по \(diff.instants.count) трудным моментам выявления 2026 года (местное время, \(diff.timeZone))")
  }

  /// Said under the instants' title when some deadline counts from a step that has none.
  func assumedNote() -> String? {
    guard !diff.assumedDoneAtDetection.isEmpty else { return nil }
    let ids = diff.assumedDoneAtDetection.map { "`\($0)`" }.joined(separator: ", ")
    return t("steps the act gives no deadline that deadlines count from (\(ids)) are taken as done at detection",
      "шаги без срока, от которых отсчитываются сроки (\(ids)), считаются выполненными в момент выявления")
  }

  func finding(_ d: Diagnostic) -> String {
    "\(d.range.start): \(d.severity.word(language)): \(d.message.text(language)) [\(d.id.rawValue)]"
      + (d.clauses.isEmpty ? "" : t(" (clauses ", " (п. ") + d.clauses.joined(separator: ", ") + ")")
  }

  // MARK: - Text

  public func text() -> String {
    var out = "reglament diff: \(diff.oldLabel) → \(diff.newLabel)\n"
    guard diff.hasChanges else { return out + t("No changes.\n", "Изменений нет.\n") }
    out += headline() + "\n\n"
    if !diff.changes.isEmpty {
      out += t("What changed:\n", "Что изменилось:\n")
      for c in diff.changes {
        let named = (c.kind == .added || c.kind == .removed) && !c.name.isEmpty ? " — «\(c.name)»" : ""
        out += "  \(subjectText(c))\(clauseText(c.clauses)): \(kindWord(c.kind))\(named)\n"
        let shown = c.kind == .added || c.kind == .removed ? [] : c.fields
        for f in shown { out += "    `\(f.key)`: \(value(f.old)) → \(value(f.new))\n" }
      }
      out += "\n"
    }
    out += t("Deadlines ", "Сроки ") + instantsTitle() + ":\n"
    if let note = assumedNote() { out += "  (\(note))\n" }
    if diff.moves.isEmpty { out += t("  no deadline moves\n", "  ни один срок не сдвигается\n") }
    for g in diff.moves {
      out += "  " + (g.profile.names.isEmpty ? "" : g.profile.label + " ") + "\(groupTitle(g)): \(moveSummary(g))\n"
      // Instants that move alike share a line: "+2 h 00 min working, +17 h 00 min calendar: fri 08.05 17:40, …".
      var byDelta: [(String, [DeadlineMove])] = []
      for m in g.moves {
        let d = delta(m)
        if let i = byDelta.firstIndex(where: { $0.0 == d }) { byDelta[i].1.append(m) } else { byDelta.append((d, [m])) }
      }
      for (d, moves) in byDelta {
        let at = moves.count == g.of
          ? t("at every instant", "во всех моментах") : moves.map { when($0.instant.at) }.joined(separator: ", ")
        out += "    \(d): \(at)\n"
      }
    }
    out += "\n" + t("Findings:\n", "Замечания:\n")
    if diff.findings.appeared.isEmpty && diff.findings.disappeared.isEmpty {
      out += t("  the same (\(diff.findings.unchanged))\n", "  те же (\(diff.findings.unchanged))\n")
    }
    for d in diff.findings.appeared { out += "  + " + finding(d) + "\n" }
    for d in diff.findings.disappeared { out += "  − " + finding(d) + "\n" }
    return out
  }

  // MARK: - Markdown

  func cell(_ s: String) -> String {
    s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }

  func md(_ v: String?) -> String { v.map { "`\(cell($0).replacingOccurrences(of: "`", with: "'"))`" } ?? "—" }

  /// A pull-request comment: headline, tables of changes, moves and findings; each instant in a collapsed block.
  public func markdown() -> String {
    var out = "### reglament diff: `\(diff.oldLabel)` → `\(diff.newLabel)`\n\n"
    guard diff.hasChanges else { return out + t("No changes.\n", "Изменений нет.\n") }
    out += "**\(headline())**\n\n"
    if !diff.changes.isEmpty {
      out += "#### " + t("What changed", "Что изменилось") + "\n\n"
      out += "| \(t("Item", "Элемент")) | \(t("Clause", "Пункт")) | \(t("Change", "Изменение")) |\n|---|---|---|\n"
      for c in diff.changes {
        let fields = c.kind == .added || c.kind == .removed
          ? kindWord(c.kind) + (c.name.isEmpty ? "" : " — «\(cell(c.name))»")
          : c.fields.map { "`\(cell($0.key))`: \(md($0.old)) → \(md($0.new))" }.joined(separator: "<br>")
        let what = c.kind == .renamed ? kindWord(c.kind) + (c.fields.isEmpty ? "" : "<br>" + fields) : fields
        out += "| \(cell(subjectText(c))) | \(c.clauses.joined(separator: ", ")) | \(what) |\n"
      }
      out += "\n"
    }
    out += "#### " + t("Deadlines ", "Сроки ") + instantsTitle() + "\n\n"
    if let note = assumedNote() { out += "_\(note.prefix(1).uppercased() + note.dropFirst())._\n\n" }
    if diff.moves.isEmpty {
      out += t("No deadline moves.\n\n", "Ни один срок не сдвигается.\n\n")
    } else {
      out += "| \(t("Category", "Категория")) | \(t("Deadline", "Срок")) | \(t("Moves at", "Меняется в")) "
        + "| \(t("Working time", "Рабочее время")) | \(t("Calendar time", "Календарное время")) |\n|---|---|---|---|---|\n"
      for g in diff.moves {
        let working = g.moves.compactMap(\.workingSeconds), calendar = g.moves.compactMap(\.calendarSeconds)
        out += "| \(cell(g.profile.label)) | \(cell(groupTitle(g))) | \(g.moves.count) / \(g.of) | \(range(working)) "
          + "| \(range(calendar)) |\n"
      }
      out += "\n<details><summary>\(t("Each instant", "По моментам"))</summary>\n\n"
      for g in diff.moves {
        out += "**\(cell(g.profile.label)) \(cell(groupTitle(g)))**\n\n"
        out += "| \(t("Detected", "Выявлено")) | \(t("Before", "Было")) | \(t("After", "Стало")) | "
          + "\(t("Working", "Рабочее")) | \(t("Calendar", "Календарное")) |\n|---|---|---|---|---|\n"
        for m in g.moves {
          out += "| \(when(m.instant.at)) — \(cell(m.instant.why.text(language))) | \(m.oldDue.map(when) ?? "—") "
            + "| \(m.newDue.map(when) ?? "—") | \(m.workingSeconds.map(duration) ?? "—") "
            + "| \(m.calendarSeconds.map(duration) ?? "—") |\n"
        }
        out += "\n"
      }
      out += "</details>\n\n"
    }
    out += "#### " + t("Findings", "Замечания") + "\n\n"
    if diff.findings.appeared.isEmpty && diff.findings.disappeared.isEmpty {
      out += t("The same findings (\(diff.findings.unchanged)).\n", "Замечания те же (\(diff.findings.unchanged)).\n")
    } else {
      out += "| | \(t("Finding", "Замечание")) | \(t("Where", "Где")) | \(t("Clauses", "Пункты")) | "
        + "\(t("Message", "Сообщение")) |\n|---|---|---|---|---|\n"
      for (sign, list) in [(t("appeared", "появилось"), diff.findings.appeared), (t("gone", "исчезло"), diff.findings.disappeared)] {
        for d in list {
          out += "| \(sign) | `\(d.id.rawValue)` | \(cell(d.range.start.description)) | \(d.clauses.joined(separator: ", ")) "
            + "| \(cell(d.message.text(language))) |\n"
        }
      }
    }
    return out
  }

  // MARK: - JSON

  public func json() -> JSONValue {
    let reporter = JSONReporter(language: language)
    func opt(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    let tz = RegulationTimeZone(identifier: diff.timeZone)
    let changes: [JSONValue] = diff.changes.map { c in
      var f: [(String, JSONValue)] = [("kind", .string(c.kind.rawValue)), ("section", .string(c.section)),
        ("id", .string(c.id))]
      if let o = c.oldID { f.append(("old_id", .string(o))) }
      f += [("name", .string(c.name)), ("clauses", .array(c.clauses.map { .string($0) })),
        ("fields", .array(c.fields.map { .object([("field", .string($0.key)), ("old", opt($0.old)), ("new", opt($0.new))]) }))]
      if let r = c.oldRange { f.append(("old_line", .int(r.start.line))) }
      if let r = c.newRange { f.append(("new_line", .int(r.start.line))) }
      return .object(f)
    }
    let moves: [JSONValue] = diff.moves.map { g in
      .object([
        ("categories", .array(g.profile.categories.map { .string($0) })),
        ("category_names", .array(g.profile.names.map { .string($0) })),
        ("entity", .string(g.entity)), ("id", .string(g.id)), ("name", .string(g.name)), ("clause", opt(g.clause)),
        ("moved", .int(g.moves.count)), ("of", .int(g.of)),
        ("moves", .array(g.moves.map { m in
          .object([
            ("detected", .string(m.detected)), ("old_due", opt(m.oldISO)), ("new_due", opt(m.newISO)),
            ("calendar_minutes", m.calendarSeconds.map { .int($0 / 60) } ?? .null),
            ("working_minutes", m.workingSeconds.map { .int($0 / 60) } ?? .null),
          ])
        })),
      ])
    }
    return .object([
      ("old", .string(diff.oldLabel)), ("new", .string(diff.newLabel)), ("changed", .bool(diff.hasChanges)),
      ("changes", .array(changes)),
      ("instants", .array(diff.instants.map { i in
        .object([("detected", .string(tz?.iso(i.at) ?? i.at.description)), ("why", .string(i.why.text(language)))])
      })),
      ("time_zone", .string(diff.timeZone)),
      ("assumed_done_at_detection", .array(diff.assumedDoneAtDetection.map { .string($0) })),
      ("deadline_moves", .array(moves)),
      ("findings", .object([
        ("appeared", .array(diff.findings.appeared.map(reporter.diagnostic))),
        ("disappeared", .array(diff.findings.disappeared.map(reporter.diagnostic))),
        ("unchanged", .int(diff.findings.unchanged)),
      ])),
      ("summary", .object([
        ("changes", .int(diff.changes.count)), ("moved_deadlines", .int(diff.moves.count)),
        ("findings_appeared", .int(diff.findings.appeared.count)),
        ("findings_disappeared", .int(diff.findings.disappeared.count)),
      ])),
    ])
  }
}
