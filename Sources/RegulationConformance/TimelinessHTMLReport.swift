import RegulationDiagnostics
import WorkingTime

/// A self-contained HTML page (no scripts, no network): the summary, SVG charts of the share of cases on time and of
/// minutes to answer per department, the department and executor tables, and the violations by kind.
public enum TimelinessHTMLReport {
  public static func render(_ r: AuditResult, language: Language) -> String {
    let ru = language == .ru
    func t(_ en: String, _ rus: String) -> String { ru ? rus : en }
    var html = """
      <!doctype html>
      <html lang="\(ru ? "ru" : "en")"><head><meta charset="utf-8">
      <title>\(escape(t("Audit", "Проверка журнала"))): \(escape(r.actTitle))</title>
      <style>
      body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2430;max-width:1100px}
      h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:24px 0 8px} .sub{color:#5b6575;margin:0 0 16px}
      .cards{display:flex;gap:12px;flex-wrap:wrap} .card{border:1px solid #d8dde6;border-radius:8px;padding:10px 14px;min-width:120px}
      .card b{display:block;font-size:22px} table{border-collapse:collapse;width:100%} th,td{padding:4px 8px;border-bottom:1px solid #e3e7ee;text-align:right}
      th:first-child,td:first-child{text-align:left;white-space:nowrap} th{background:#f4f6f9;font-weight:600} svg text{font:12px system-ui,sans-serif}
      .bad{color:#b42318}
      </style></head><body>
      <h1>\(escape(t("Timeliness of answers", "Своевременность ответов")))</h1>
      <p class="sub">\(escape(r.actTitle)) · \(escape(r.logs.joined(separator: ", ")))\(r.logEnd.map { " · " + escape(t("log ends ", "журнал до ") + r.timeZone.iso($0)) } ?? "")</p>
      <div class="cards">
      """
    let cards: [(String, String)] = [
      (t("cases", "дел"), "\(r.cases)"), (t("events", "событий"), "\(r.events)"),
      (t("violating cases", "дел с нарушениями"), "\(r.violatingCases)"),
      (t("violations", "нарушений"), "\(r.violationCount)"), (t("rejected rows", "отклонено строк"), "\(r.rejectedRows)"),
    ]
    for (label, value) in cards { html += "<div class=\"card\"><b>\(escape(value))</b>\(escape(label))</div>" }
    html += "</div>\n"
    html += "<h2>\(escape(t("Share of cases on time, by department", "Доля дел без просрочки по подразделениям")))</h2>\n"
    html += bars(r.byDepartment.map { ($0.name, $0.onTimeShare * 100) }, unit: "%", max: 100)
    html += "<h2>\(escape(t("Minutes to answer (mean and median), by department", "Минут до ответа (среднее и медиана) по подразделениям")))</h2>\n"
    html += pairedBars(r.byDepartment.map { ($0.name, $0.meanMinutesToAnswer ?? 0, $0.medianMinutesToAnswer ?? 0) },
      legend: (t("mean", "среднее"), t("median", "медиана")))
    html += "<h2>\(escape(t("Departments", "Подразделения")))</h2>\n" + table(r.byDepartment, ru: ru)
    html += "<h2>\(escape(t("Executors", "Исполнители")))</h2>\n" + table(r.byExecutor, ru: ru)
    html += "<h2>\(escape(t("Violations by kind", "Нарушения по видам")))</h2>\n"
    html += bars(ViolationKind.allCases.compactMap { k in r.countsByKind[k].map { (k.title(ru), Double($0)) } }, unit: "",
      max: nil)
    html += "</body></html>\n"
    return html
  }

  static func table(_ rows: [TimelinessRow], ru: Bool) -> String {
    let head = ru
      ? ["", "дел", "отвечено", "в срок", "ответов с просрочкой", "ср. мин до ответа", "медиана", "медиана мин до первого ответа", "нарушений"]
      : ["", "cases", "answered", "on time", "overdue answers", "mean min to answer", "median", "median min to first reply", "violations"]
    func f(_ d: Double?) -> String { d.map { String(Int($0.rounded())) } ?? "—" }
    func pct(_ d: Double) -> String { String(Int((d * 100).rounded())) + " %" }
    var s = "<table><tr>" + head.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
    for t in rows {
      let cells = [t.name, "\(t.cases)", "\(t.answered)", pct(t.onTimeShare), pct(t.overdueShare), f(t.meanMinutesToAnswer),
        f(t.medianMinutesToAnswer), f(t.medianMinutesToFirstReply), "\(t.violations)"]
      s += "<tr>" + cells.enumerated().map { i, c in
        "<td\(i == 4 && t.overdueShare > 0 ? " class=\"bad\"" : "")>\(escape(c))</td>" }.joined() + "</tr>\n"
    }
    return s + "</table>\n"
  }

  /// Horizontal bars, one per label.
  static func bars(_ items: [(String, Double)], unit: String, max: Double?) -> String {
    guard !items.isEmpty else { return "<p>—</p>\n" }
    let top = max ?? (items.map(\.1).max() ?? 1)
    let labelWidth = 260.0, barWidth = 520.0, row = 26.0
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(labelWidth + barWidth + 80))\" height=\"\(Int(Double(items.count) * row + 10))\">"
    for (i, (label, value)) in items.enumerated() {
      let y = Double(i) * row + 4
      let w = top > 0 ? barWidth * value / top : 0
      s += "<text x=\"\(Int(labelWidth - 8))\" y=\"\(Int(y + 15))\" text-anchor=\"end\">\(escape(String(label.prefix(40))))</text>"
      s += "<rect x=\"\(Int(labelWidth))\" y=\"\(Int(y))\" width=\"\(String(format: "%.1f", w))\" height=\"18\" fill=\"#3b6fd8\" rx=\"2\"/>"
      let shown = unit == "%" ? String(format: "%.0f %%", value) : String(format: "%.0f", value)
      s += "<text x=\"\(Int(labelWidth + w + 6))\" y=\"\(Int(y + 15))\">\(shown)</text>"
    }
    return s + "</svg>\n"
  }

  /// Two bars per label (mean and median).
  static func pairedBars(_ items: [(String, Double, Double)], legend: (String, String)) -> String {
    guard !items.isEmpty else { return "<p>—</p>\n" }
    let top = items.map { Swift.max($0.1, $0.2) }.max() ?? 1
    let labelWidth = 260.0, barWidth = 520.0, row = 34.0
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(labelWidth + barWidth + 80))\" height=\"\(Int(Double(items.count) * row + 30))\">"
    s += "<rect x=\"\(Int(labelWidth))\" y=\"2\" width=\"12\" height=\"12\" fill=\"#3b6fd8\"/><text x=\"\(Int(labelWidth + 16))\" y=\"12\">\(escape(legend.0))</text>"
    s += "<rect x=\"\(Int(labelWidth + 110))\" y=\"2\" width=\"12\" height=\"12\" fill=\"#f0a030\"/><text x=\"\(Int(labelWidth + 126))\" y=\"12\">\(escape(legend.1))</text>"
    for (i, (label, mean, median)) in items.enumerated() {
      let y = Double(i) * row + 22
      let w1 = top > 0 ? barWidth * mean / top : 0, w2 = top > 0 ? barWidth * median / top : 0
      s += "<text x=\"\(Int(labelWidth - 8))\" y=\"\(Int(y + 18))\" text-anchor=\"end\">\(escape(String(label.prefix(40))))</text>"
      s += "<rect x=\"\(Int(labelWidth))\" y=\"\(Int(y))\" width=\"\(String(format: "%.1f", w1))\" height=\"13\" fill=\"#3b6fd8\"/>"
      s += "<rect x=\"\(Int(labelWidth))\" y=\"\(Int(y + 14))\" width=\"\(String(format: "%.1f", w2))\" height=\"13\" fill=\"#f0a030\"/>"
      s += "<text x=\"\(Int(labelWidth + Swift.max(w1, w2) + 6))\" y=\"\(Int(y + 18))\">\(Int(mean.rounded())) / \(Int(median.rounded()))</text>"
    }
    return s + "</svg>\n"
  }
}

import Foundation

/// HTML text escaping: the XML escaping of the reports, `'` as `&#39;`.
func escape(_ s: String) -> String { JUnitXML.escape(s, apostrophe: "&#39;") }
