import RegulationDiagnostics
import WorkingTime

/// The JSON of `reglament audit --format json` (../shared/CLI.md): summary, violations, rejected rows, by_department,
/// plus late_by_working_minutes, the rating metrics, by_executor and notices.
public enum AuditJSONReport {
  public static func render(_ r: AuditResult, language: Language) -> JSONValue {
    let tz = r.timeZone
    func text(_ t: AuditText) -> String { language == .ru ? t.ru : t.en }
    let counts: [(String, JSONValue)] = ViolationKind.allCases.compactMap { k in
      r.countsByKind[k].map { (k.rawValue, .int($0)) }
    }
    let summary: JSONValue = .object([
      ("cases", .int(r.cases)), ("events", .int(r.events)), ("rejected_rows", .int(r.rejectedRows)),
      ("violating_cases", .int(r.violatingCases)), ("violations", .int(r.violationCount)),
      ("ignored_events", .int(r.ignoredEvents)), ("outside_period", .int(r.outsidePeriod)),
      ("by_kind", .object(counts)),
      ("log_end", r.logEnd.map { .string(tz.iso($0)) } ?? .null),
    ])
    let violations: [JSONValue] = r.violations.map { v in
      .object([
        ("case", .string(v.caseID)), ("kind", .string(v.kind.rawValue)), ("step", v.step.map(JSONValue.string) ?? .null),
        ("clause", v.clause.map(JSONValue.string) ?? .null), ("role", v.role.map(JSONValue.string) ?? .null),
        ("department", v.department.map(JSONValue.string) ?? .null), ("actor", v.actor.map(JSONValue.string) ?? .null),
        ("due", v.due.map { .string(tz.iso($0)) } ?? .null), ("actual", v.actual.map { .string(tz.iso($0)) } ?? .null),
        ("late_by_seconds", v.lateBySeconds.map(JSONValue.int) ?? .null),
        ("late_by_working_minutes", v.lateByWorkingSeconds.map { .int(Int((Double($0) / 60).rounded(.up))) } ?? .null),
        ("line", v.position.map(JSONValue.int) ?? .null), ("notice", .bool(v.kind.isNotice)),
        ("explanation", .string(text(v.detail))),
      ])
    }
    let rejected: [JSONValue] = r.rejected.map {
      .object([("file", .string($0.file)), ("line", .int($0.position)), ("reason", .string(text($0.reason)))])
    }
    var fields: [(String, JSONValue)] = [
      ("regulation", .string(r.regulationFile)), ("time_zone", .string(tz.identifier)),
      ("logs", .array(r.logs.map(JSONValue.string))), ("summary", summary), ("violations", .array(violations)),
      ("rejected", .array(rejected)), ("by_department", .array(r.byDepartment.map { row($0, key: "department") })),
      ("by_executor", .array(r.byExecutor.map { row($0, key: "executor") })),
      ("notices", .array(r.notices.map { .string(text($0)) })),
    ]
    if let e = r.explanation { fields.append(("explanation", .array(e.map { .string(text($0)) }))) }
    return .object(fields)
  }

  static func row(_ t: TimelinessRow, key: String) -> JSONValue {
    func num(_ d: Double?) -> JSONValue { d.map { .double(($0 * 10).rounded() / 10) } ?? .null }
    return .object([
      (key, .string(t.name)), ("cases", .int(t.cases)), ("answered", .int(t.answered)),
      ("on_time_share", .double((t.onTimeShare * 10_000).rounded() / 10_000)),
      ("overdue_share", .double((t.overdueShare * 10_000).rounded() / 10_000)),
      ("mean_minutes_to_answer", num(t.meanMinutesToAnswer)), ("median_minutes_to_answer", num(t.medianMinutesToAnswer)),
      ("mean_minutes_to_first_reply", num(t.meanMinutesToFirstReply)),
      ("median_minutes_to_first_reply", num(t.medianMinutesToFirstReply)), ("violations", .int(t.violations)),
    ])
  }
}

/// The text report: a summary, then one line per violation (`case: kind step (clause, role, department) …`),
/// rejected rows with their lines, and the timeliness table.
public enum AuditTextReport {
  public static func render(_ r: AuditResult, language: Language) -> String {
    let ru = language == .ru
    func text(_ t: AuditText) -> String { ru ? t.ru : t.en }
    var out = ""
    for n in r.notices { out += (ru ? "примечание: " : "note: ") + text(n) + "\n" }
    for v in r.violations {
      let place = [v.clause.map { ru ? "п. \($0)" : "clause \($0)" }, v.role, v.department].compactMap { $0 }
        .joined(separator: ", ")
      let at = v.position.map { ru ? "строка \($0)" : "line \($0)" }.map { " [\($0)]" } ?? ""
      out += "\(v.caseID): \(v.kind.title(ru))\(v.step.map { " «\($0)»" } ?? "")"
        + (place.isEmpty ? "" : " (\(place))") + ": " + text(v.detail) + at + "\n"
    }
    for x in r.rejected {
      out += "\(x.file):\(x.position): " + (ru ? "строка отклонена: " : "row rejected: ") + text(x.reason) + "\n"
    }
    if r.rejectedRows > r.rejected.count {
      out += ru ? "… и ещё \(r.rejectedRows - r.rejected.count) отклонённых строк\n"
        : "… and \(r.rejectedRows - r.rejected.count) more rejected rows\n"
    }
    if let e = r.explanation {
      out += "\n" + e.map(text).joined(separator: "\n") + "\n"
    }
    out += "\n" + TimelinessTable.render(r.byDepartment, title: ru ? "Подразделение" : "Department", language: language)
    out += ru
      ? "\nДел: \(r.cases), событий: \(r.events), отклонено строк: \(r.rejectedRows), дел с нарушениями: \(r.violatingCases), нарушений: \(r.violationCount)\n"
      : "\nCases: \(r.cases), events: \(r.events), rejected rows: \(r.rejectedRows), violating cases: \(r.violatingCases), violations: \(r.violationCount)\n"
    return out
  }
}

/// The timeliness table (Липецк п. 20): one row per department or executor.
public enum TimelinessTable {
  public static func render(_ rows: [TimelinessRow], title: String, language: Language) -> String {
    let ru = language == .ru
    let head = [title, ru ? "дел" : "cases", ru ? "отвечено" : "answered", ru ? "в срок" : "on time",
      ru ? "просрочено ответов" : "overdue answers", ru ? "ср. мин до ответа" : "mean min to answer",
      ru ? "медиана" : "median", ru ? "мин до первого ответа" : "min to first reply"]
    func f(_ d: Double?) -> String { d.map { String(Int($0.rounded())) } ?? "—" }
    func pct(_ d: Double) -> String { String(Int((d * 100).rounded())) + " %" }
    let body = rows.map { t in
      [t.name, "\(t.cases)", "\(t.answered)", pct(t.onTimeShare), pct(t.overdueShare), f(t.meanMinutesToAnswer),
        f(t.medianMinutesToAnswer), f(t.medianMinutesToFirstReply)]
    }
    let all = [head] + body
    let widths = head.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
    return all.map { r in
      r.indices.map { i in i == 0 ? r[i].padding(toLength: widths[i], withPad: " ", startingAt: 0)
        : String(repeating: " ", count: widths[i] - r[i].count) + r[i] }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }
}

/// CSV of violations, one per line, in the canonical columns (quoted as RFC 4180).
public enum AuditCSVReport {
  public static func render(_ r: AuditResult, language: Language) -> String {
    let tz = r.timeZone
    var out = "case,kind,step,clause,role,department,actor,due,actual,late_by_seconds,late_by_working_minutes,line,explanation\n"
    func q(_ s: String?) -> String {
      guard let s else { return "" }
      return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    for v in r.violations {
      let cells: [String?] = [v.caseID, v.kind.rawValue, v.step, v.clause, v.role, v.department, v.actor,
        v.due.map { tz.iso($0) }, v.actual.map { tz.iso($0) }, v.lateBySeconds.map(String.init),
        v.lateByWorkingSeconds.map { String(Int((Double($0) / 60).rounded(.up))) }, v.position.map(String.init),
        language == .ru ? v.detail.ru : v.detail.en]
      out += cells.map(q).joined(separator: ",") + "\n"
    }
    return out
  }
}

import Foundation
