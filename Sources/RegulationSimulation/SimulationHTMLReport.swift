import Foundation
import RegulationDiagnostics
import WorkingTime

/// One self-contained HTML page (inline CSS and SVG, no scripts, no network): a summary table of the variants, late
/// share by step and variant, the distribution of time to answer with the deadline marked, utilisation and queue
/// length by role over time.
public struct SimulationHTMLReport: Sendable {
  let outcome: SimulationOutcome
  let language: Language
  let regulation: String
  let scenario: String

  public init(_ outcome: SimulationOutcome, language: Language, regulation: String, scenario: String) {
    self.outcome = outcome
    self.language = language
    self.regulation = regulation
    self.scenario = scenario
  }

  static let palette = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7e8c", "#57606a"]

  func t(_ en: String, _ ru: String) -> String { language == .ru ? ru : en }

  static func esc(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  static func f(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

  func pct(_ x: Double) -> String {
    let s = Self.f(x * 100) + " %"
    return language == .ru ? s.replacingOccurrences(of: ".", with: ",") : s
  }

  func num(_ x: Double, _ digits: Int) -> String {
    language == .ru ? Self.f(x, digits).replacingOccurrences(of: ".", with: ",") : Self.f(x, digits)
  }

  func variantName(_ i: Int) -> String { i == 0 ? t("base", "базовый") : outcome.variants[i].name }

  public func render() -> String {
    let b = outcome.base
    var html = """
      <!DOCTYPE html>
      <html lang="\(language.rawValue)"><head><meta charset="utf-8">
      <title>\(Self.esc(t("Simulation", "Моделирование"))): \(Self.esc(scenario))</title>
      <style>
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:24px auto;max-width:1100px;padding:0 16px}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}p.sub{color:#57606a;margin:0 0 16px}
      table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:6px 8px;text-align:right}
      th:first-child,td:first-child{text-align:left}th{background:#f6f8fa;font-weight:600}
      svg{display:block;margin:4px 0 8px;background:#fff}.axis{stroke:#8c959f;stroke-width:1}.grid{stroke:#eaeef2;stroke-width:1}
      .lbl{font-size:11px;fill:#57606a}.legend{font-size:12px;fill:#1f2328}.note{color:#57606a;font-size:12px}
      </style></head><body>
      <h1>\(Self.esc(t("Simulation", "Моделирование"))): \(Self.esc(scenario))</h1>
      <p class="sub">\(Self.esc(regulation))<br>\(Self.esc(t("runs", "прогонов"))): \(b.runs), \(Self.esc(t("seed", "зерно"))): \(outcome.seed), \(Self.esc(t("incidents counted", "учтено сообщений"))): \(b.incidents)</p>

      """
    html += summaryTable()
    html += "<h2>\(Self.esc(t("Late share by step and variant", "Доля просрочек по шагам и вариантам")))</h2>\n" + lateByStep()
    html += "<h2>\(Self.esc(t("Time from detection to the final answer", "Время от выявления до итогового ответа")))</h2>\n"
      + answerDistribution()
    html += "<h2>\(Self.esc(t("Utilisation by role, by day (base)", "Загрузка ролей по дням (базовый вариант)")))</h2>\n"
      + series(values: { v, r, d in v.available[r][d] > 0 ? v.busy[r][d] / v.available[r][d] : 0 }, percent: true)
    html += "<h2>\(Self.esc(t("Mean queue length by role, by day (base)", "Средняя очередь ролей по дням (базовый вариант)")))</h2>\n"
      + series(values: { v, r, d in v.queueIntegral[r][d] / 86_400 / Double(max(1, v.runs)) }, percent: false)
    html += "<p class=\"note\">\(Self.esc(t("Deadlines are the engine's (the same as `reglament deadlines`); quantiles from 1-minute bins (15-minute bins beyond 48 hours).", "Сроки — из движка (те же, что печатает `reglament deadlines`); квантили по корзинам в 1 минуту (после 48 часов — 15 минут).")))</p>\n"
    html += "</body></html>\n"
    return html
  }

  func summaryTable() -> String {
    var s = "<table><tr><th>\(Self.esc(t("Variant", "Вариант")))</th><th>\(Self.esc(t("Late share", "Доля просрочек")))</th>"
      + "<th>\(Self.esc(t("95 % CI", "95 % ДИ")))</th><th>\(Self.esc(t("Δ vs base (paired 95 % CI)", "Разница с базовым (парный 95 % ДИ)")))</th>"
      + "<th>\(Self.esc(t("Median answer, min", "Медиана ответа, мин")))</th><th>p90</th>"
      + "<th>\(Self.esc(t("Utilisation", "Загрузка")))</th></tr>\n"
    for (i, v) in outcome.variants.enumerated() {
      let e = v.lateShare
      var diff = "—"
      if i > 0 {
        let d = outcome.difference(i) { $0.lateShares }
        diff = "\(d.mean >= 0 ? "+" : "")\(pct(d.mean)) (\(pct(d.low))…\(pct(d.high)))"
      }
      let util = v.roleIDs.indices.map { "\(v.roleIDs[$0]) \(pct(v.utilisation(role: $0)))" }.joined(separator: ", ")
      s += "<tr><td><span style=\"color:\(Self.palette[i % Self.palette.count])\">■</span> \(Self.esc(variantName(i)))</td>"
        + "<td>\(pct(e.mean))</td><td>\(e.halfWidth.isFinite ? "\(pct(e.low))…\(pct(e.high))" : "—")</td><td>\(diff)</td>"
        + "<td>\(Int(v.timeToAnswer.quantile(0.5)))</td><td>\(Int(v.timeToAnswer.quantile(0.9)))</td>"
        + "<td style=\"font-size:12px\">\(Self.esc(util))</td></tr>\n"
    }
    return s + "</table>\n"
  }

  func legend(_ names: [String], x: Int, y: Int) -> String {
    var s = ""
    var cx = x
    for (i, n) in names.enumerated() {
      s += "<rect x=\"\(cx)\" y=\"\(y - 9)\" width=\"10\" height=\"10\" fill=\"\(Self.palette[i % Self.palette.count])\"/>"
      s += "<text class=\"legend\" x=\"\(cx + 14)\" y=\"\(y)\">\(Self.esc(n))</text>"
      cx += 28 + n.unicodeScalars.count * 7
    }
    return s
  }

  func lateByStep() -> String {
    let b = outcome.base
    let steps = b.stepIDs.indices.filter { i in outcome.variants.contains { $0.stepOccurrences[i] > 0 } }
    let n = outcome.variants.count
    let barH = 12, gap = 10, left = 190, width = 1000, plotW = width - left - 80
    let rowH = n * barH + gap
    let height = 40 + steps.count * rowH + 10
    let shares = steps.map { s in outcome.variants.map { v in
      v.stepOccurrences[s] == 0 ? 0 : Double(v.stepLate[s]) / Double(v.stepOccurrences[s]) } }
    let maxShare = Self.nice(max(0.04, shares.flatMap { $0 }.max() ?? 0))
    var svg = "<svg width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
    svg += legend((0..<n).map(variantName), x: left, y: 16)
    for k in 0...4 {
      let x = left + plotW * k / 4
      svg += "<line class=\"grid\" x1=\"\(x)\" y1=\"28\" x2=\"\(x)\" y2=\"\(height - 10)\"/>"
      svg += "<text class=\"lbl\" x=\"\(x)\" y=\"\(height)\" text-anchor=\"middle\">\(pct(maxShare * Double(k) / 4))</text>"
    }
    for (row, s) in steps.enumerated() {
      let y0 = 32 + row * rowH
      svg += "<text class=\"lbl\" x=\"\(left - 6)\" y=\"\(y0 + n * barH / 2 + 4)\" text-anchor=\"end\">\(Self.esc(b.stepIDs[s]))</text>"
      for v in 0..<n {
        let w = Int(Double(plotW) * shares[row][v] / maxShare)
        let y = y0 + v * barH
        svg += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(max(w, shares[row][v] > 0 ? 1 : 0))\" height=\"\(barH - 2)\" fill=\"\(Self.palette[v % Self.palette.count])\"/>"
        svg += "<text class=\"lbl\" x=\"\(left + w + 4)\" y=\"\(y + barH - 3)\">\(pct(shares[row][v]))</text>"
      }
    }
    svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"28\" x2=\"\(left)\" y2=\"\(height - 10)\"/></svg>\n"
    return svg
  }

  func answerDistribution() -> String {
    let width = 1000, height = 300, left = 60, right = 20, top = 30, bottom = 40
    let plotW = width - left - right, plotH = height - top - bottom
    let limit = max(60, Int((outcome.variants.map { $0.timeToAnswer.quantile(0.99) }.max() ?? 60) * 1.1))
    let binWidth = max(1, limit / 80)
    let bins = limit / binWidth
    let densities = outcome.variants.map { v -> [Double] in
      let d = v.timeToAnswer.density(width: binWidth, limit: bins * binWidth)
      let total = max(1, v.timeToAnswer.count)
      return d.map { Double($0) / Double(total) }
    }
    let maxD = max(1e-9, densities.flatMap { $0 }.max() ?? 0)
    let hours = bins * binWidth > 600
    func axisLabel(_ m: Double) -> String { hours ? "\(Int((m / 60).rounded())) \(t("h", "ч"))" : "\(Int(m)) \(t("min", "мин"))" }
    func x(_ minutes: Double) -> Int { left + Int(Double(plotW) * minutes / Double(bins * binWidth)) }
    func y(_ d: Double) -> Int { top + plotH - Int(Double(plotH) * d / maxD) }
    var svg = "<svg width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
    svg += legend((0..<outcome.variants.count).map(variantName), x: left, y: 16)
    for k in 0...5 {
      let m = Double(bins * binWidth) * Double(k) / 5
      svg += "<line class=\"grid\" x1=\"\(x(m))\" y1=\"\(top)\" x2=\"\(x(m))\" y2=\"\(top + plotH)\"/>"
      svg += "<text class=\"lbl\" x=\"\(x(m))\" y=\"\(top + plotH + 16)\" text-anchor=\"middle\">\(axisLabel(m))</text>"
    }
    svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(left + plotW)\" y2=\"\(top + plotH)\"/>"
    svg += "<text class=\"lbl\" x=\"\(left - 6)\" y=\"\(top + 8)\" text-anchor=\"end\">\(pct(maxD))</text>"
    for (v, d) in densities.enumerated() {
      let color = Self.palette[v % Self.palette.count]
      var path = "M\(x(0)),\(y(0))"
      for (i, value) in d.enumerated() {
        path += " L\(x(Double(i * binWidth))),\(y(value)) L\(x(Double((i + 1) * binWidth))),\(y(value))"
      }
      path += " L\(x(Double(bins * binWidth))),\(y(0))"
      svg += "<path d=\"\(path)\" fill=\"\(v == 0 ? color : "none")\" fill-opacity=\"\(v == 0 ? "0.18" : "0")\" stroke=\"\(color)\" stroke-width=\"1.5\"/>"
    }
    let deadline = outcome.base.allowed.quantile(0.5)
    if outcome.base.allowed.count > 0, deadline <= Double(bins * binWidth) {
      svg += "<line x1=\"\(x(deadline))\" y1=\"\(top)\" x2=\"\(x(deadline))\" y2=\"\(top + plotH)\" stroke=\"#cf222e\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
      svg += "<text class=\"legend\" x=\"\(x(deadline) + 6)\" y=\"\(top + 14)\" fill=\"#cf222e\">\(Self.esc(t("deadline (median of the cases)", "срок (медиана по делам)"))): \(axisLabel(deadline))</text>"
    } else if outcome.base.allowed.count > 0 {
      svg += "<text class=\"legend\" x=\"\(left + plotW - 4)\" y=\"\(top + 14)\" text-anchor=\"end\" fill=\"#cf222e\">\(Self.esc(t("deadline (median)", "срок (медиана)"))): \(axisLabel(deadline)) →</text>"
    }
    return svg + "</svg>\n"
  }

  /// The smallest of 1, 2, 2.5, 5 × 10^k not below `x`: a round top for an axis.
  static func nice(_ x: Double) -> Double {
    let e = pow(10, floor(log10(x)))
    for m in [1, 2, 2.5, 5, 10] where m * e >= x { return m * e }
    return 10 * e
  }

  func series(values: (VariantAggregate, Int, Int) -> Double, percent: Bool) -> String {
    let v = outcome.base
    let width = 1000, height = 260, left = 60, right = 20, top = 30, bottom = 40
    let plotW = width - left - right, plotH = height - top - bottom
    let days = v.model.days
    let data = v.roleIDs.indices.map { r in (0..<days).map { values(v, r, $0) } }
    let maxV = percent ? max(1, data.flatMap { $0 }.max() ?? 1) : Self.nice(max(0.5, data.flatMap { $0 }.max() ?? 0))
    func x(_ d: Int) -> Int { left + (days <= 1 ? 0 : plotW * d / (days - 1)) }
    func y(_ value: Double) -> Int { top + plotH - Int(Double(plotH) * value / maxV) }
    var svg = "<svg width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
    svg += legend(v.roleIDs, x: left, y: 16)
    for k in 0...4 {
      let value = maxV * Double(k) / 4
      svg += "<line class=\"grid\" x1=\"\(left)\" y1=\"\(y(value))\" x2=\"\(left + plotW)\" y2=\"\(y(value))\"/>"
      svg += "<text class=\"lbl\" x=\"\(left - 6)\" y=\"\(y(value) + 4)\" text-anchor=\"end\">\(percent ? pct(value) : num(value, 2))</text>"
    }
    let step = max(1, days / 8)
    for d in stride(from: 0, to: days, by: step) {
      let date = CivilDate(dayNumber: v.model.startDay + d)
      svg += "<text class=\"lbl\" x=\"\(x(d))\" y=\"\(top + plotH + 16)\" text-anchor=\"middle\">\(date.russianShort)</text>"
    }
    if v.model.warmupDays > 0 {
      let wx = x(v.model.warmupDays)
      svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(wx - left)\" height=\"\(plotH)\" fill=\"#f6f8fa\"/>"
      svg += "<text class=\"lbl\" x=\"\(left + 4)\" y=\"\(top + 12)\">\(Self.esc(t("warm-up", "разогрев")))</text>"
    }
    svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(left + plotW)\" y2=\"\(top + plotH)\"/>"
    for (r, series) in data.enumerated() {
      let points = series.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
      svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(Self.palette[r % Self.palette.count])\" stroke-width=\"1.5\"/>"
    }
    return svg + "</svg>\n"
  }
}
