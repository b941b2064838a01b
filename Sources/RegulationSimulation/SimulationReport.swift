import Foundation
import RegulationDiagnostics
import WorkingTime

/// The JSON of `reglament simulate` (fields of ../shared/CLI.md, plus `variants`) and the text summary (ru, en).
public struct SimulationReport: Sendable {
  public let outcome: SimulationOutcome

  public init(_ outcome: SimulationOutcome) { self.outcome = outcome }

  static func round(_ x: Double, _ digits: Int) -> Double {
    guard x.isFinite else { return 0 }
    let f = pow(10, Double(digits))
    return (x * f).rounded() / f
  }

  static func share(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : round(Double(a) / Double(b), 4) }

  func interval(_ e: Estimate, _ digits: Int) -> JSONValue {
    guard e.halfWidth.isFinite else { return .array([.double(Self.round(e.mean, digits)), .double(Self.round(e.mean, digits))]) }
    return .array([.double(Self.round(e.low, digits)), .double(Self.round(e.high, digits))])
  }

  func quantiles(_ h: MinuteHistogram) -> JSONValue {
    .object([("p50", .double(h.quantile(0.5))), ("p90", .double(h.quantile(0.9))), ("p99", .double(h.quantile(0.99))),
      ("mean", .double(Self.round(h.mean, 1)))])
  }

  func fields(_ v: VariantAggregate) -> [(String, JSONValue)] {
    let roles = v.roleIDs
    let steps = v.stepIDs.indices.filter { v.stepOccurrences[$0] > 0 }
    let cats = v.categoryNames.indices.filter { v.categoryCases[$0] > 0 }
    let start = v.model.startDay
    return [
      ("runs", .int(v.runs)), ("incidents", .int(v.incidents)),
      ("late_share", .object([
        ("overall", .double(Self.round(v.lateShare.mean, 4))),
        ("by_step", .object(steps.map { (v.stepIDs[$0], .double(Self.share(v.stepLate[$0], v.stepOccurrences[$0]))) })),
        ("by_category", .object(cats.map { (v.categoryNames[$0], .double(Self.share(v.categoryLate[$0], v.categoryCases[$0]))) })),
        ("repeat", .double(Self.share(v.repeatsLate, v.repeats))),
      ])),
      ("time_to_answer_minutes", quantiles(v.timeToAnswer)),
      ("time_to_first_reply_minutes", quantiles(v.timeToFirstReply)),
      ("deadline_minutes", .object([("p50", .double(v.allowed.quantile(0.5)))])),
      ("utilisation", .object(roles.indices.map { (roles[$0], .double(Self.round(v.utilisation(role: $0), 4))) })),
      ("queue_length", .object(roles.indices.map { (roles[$0], .double(Self.round(v.queueLength(role: $0), 3))) })),
      ("wait_minutes", .object(roles.indices.map { (roles[$0], .double(Self.round(v.meanWait(role: $0).mean, 2))) })),
      ("confidence", .object([
        ("late_share_overall_95", interval(v.lateShare, 4)),
        ("time_to_answer_mean_95", interval(v.meanAnswer, 1)),
      ])),
      ("excluded", .int(v.excluded)), ("repeats", .int(v.repeats)),
      ("by_day", .object([
        ("dates", .array((0..<v.model.days).map { .string(CivilDate(dayNumber: start + $0).description) })),
        ("utilisation", .object(roles.indices.map { r in
          (roles[r], .array(v.busy[r].indices.map { d in
            .double(v.available[r][d] > 0 ? Self.round(v.busy[r][d] / v.available[r][d], 3) : 0) }))
        })),
        ("queue_length", .object(roles.indices.map { r in
          (roles[r], .array(v.queueIntegral[r].map { .double(Self.round($0 / 86_400 / Double(max(1, v.runs)), 2)) }))
        })),
      ])),
    ]
  }

  public func json() -> JSONValue {
    let o = outcome
    var root: [(String, JSONValue)] = [("runs", .int(o.base.runs)), ("seed", .int(Int(truncatingIfNeeded: o.seed)))]
    root += fields(o.base).filter { $0.0 != "runs" }
    if o.variants.count > 1 {
      root.append(("variants", .array(o.variants.indices.dropFirst().map { i in
        let late = o.difference(i) { $0.lateShares }, mean = o.difference(i) { $0.meanAnswers }
        var f: [(String, JSONValue)] = [("name", .string(o.variants[i].name))]
        f += fields(o.variants[i])
        f.append(("difference", .object([
          ("late_share_overall", .double(Self.round(late.mean, 4))),
          ("late_share_overall_95", interval(late, 4)),
          ("time_to_answer_mean_minutes", .double(Self.round(mean.mean, 1))),
          ("time_to_answer_mean_95", interval(mean, 1)),
        ])))
        return .object(f)
      })))
    }
    return .object(root)
  }

  static func percent(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }
  static func minutes(_ x: Double, _ lang: Language) -> String {
    let m = Int(x.rounded())
    if m < 120 { return lang == .ru ? "\(m) мин" : "\(m) min" }
    let h = Double(m) / 60
    return lang == .ru ? String(format: "%.1f ч", h).replacingOccurrences(of: ".", with: ",") : String(format: "%.1f h", h)
  }

  /// «1 прогон», «2 прогона», «5 прогонов».
  static func russianRuns(_ n: Int) -> String {
    let (d10, d100) = (n % 10, n % 100)
    if d10 == 1 && d100 != 11 { return "прогон" }
    if (2...4).contains(d10) && !(12...14).contains(d100) { return "прогона" }
    return "прогонов"
  }

  public func text(_ lang: Language) -> String {
    let ru = lang == .ru
    var out = ""
    let b = outcome.base
    let pct = { (x: Double) -> String in ru ? Self.percent(x).replacingOccurrences(of: ".", with: ",") : Self.percent(x) }
    out += ru
      ? "Моделирование: \(b.runs) \(Self.russianRuns(b.runs)), зерно \(outcome.seed), обращений учтено \(b.incidents) (исключено \(b.excluded))\n"
      : "Simulation: \(b.runs) runs, seed \(outcome.seed), \(b.incidents) incidents counted (\(b.excluded) excluded)\n"
    for (i, v) in outcome.variants.enumerated() {
      let title = i == 0 ? (ru ? "Базовый вариант" : "Base") : (ru ? "Вариант «\(v.name)»" : "Variant “\(v.name)”")
      out += "\n\(title)\n"
      let e = v.lateShare
      if e.halfWidth.isFinite {
        out += ru
          ? "  доля просроченных: \(pct(e.mean)) (95 % ДИ \(pct(max(0, e.low)))…\(pct(min(1, e.high))))\n"
          : "  late share: \(pct(e.mean)) (95 % CI \(pct(max(0, e.low)))–\(pct(min(1, e.high))))\n"
      } else {
        out += ru ? "  доля просроченных: \(pct(e.mean)) (один прогон: ДИ не оценить)\n"
          : "  late share: \(pct(e.mean)) (one run: no CI)\n"
      }
      if i > 0 {
        let d = outcome.difference(i) { $0.lateShares }
        let sign = d.mean >= 0 ? "+" : "−"
        // A share lies in 0…1 and a difference of shares in −1…1: the normal interval of few runs is cut there.
        let (low, high) = (max(-1, d.low), min(1, d.high))
        let ci = d.halfWidth.isFinite ? (ru ? " (парный 95 % ДИ \(pct(low))…\(pct(high)))" : " (paired 95 % CI \(pct(low))–\(pct(high)))") : ""
        out += ru ? "  разница с базовым: \(sign)\(pct(abs(d.mean)))\(ci)\n" : "  difference from base: \(sign)\(pct(abs(d.mean)))\(ci)\n"
      }
      let h = v.timeToAnswer
      out += ru
        ? "  время до ответа: медиана \(Self.minutes(h.quantile(0.5), lang)), 90 % — \(Self.minutes(h.quantile(0.9), lang)), 99 % — \(Self.minutes(h.quantile(0.99), lang)), среднее \(Self.minutes(h.mean, lang))\n"
        : "  time to answer: median \(Self.minutes(h.quantile(0.5), lang)), p90 \(Self.minutes(h.quantile(0.9), lang)), p99 \(Self.minutes(h.quantile(0.99), lang)), mean \(Self.minutes(h.mean, lang))\n"
      let f = v.timeToFirstReply
      if f.count > 0 {
        out += ru
          ? "  время до первого ответа: медиана \(Self.minutes(f.quantile(0.5), lang)), 90 % — \(Self.minutes(f.quantile(0.9), lang))\n"
          : "  time to first reply: median \(Self.minutes(f.quantile(0.5), lang)), p90 \(Self.minutes(f.quantile(0.9), lang))\n"
      }
      let lateSteps = v.stepIDs.indices.filter { v.stepOccurrences[$0] > 0 && v.stepLate[$0] > 0 }
        .sorted { Double(v.stepLate[$0]) / Double(v.stepOccurrences[$0]) > Double(v.stepLate[$1]) / Double(v.stepOccurrences[$1]) }
      if !lateSteps.isEmpty {
        out += ru ? "  просрочки по шагам: " : "  late by step: "
        out += lateSteps.prefix(5).map { "\(v.stepIDs[$0]) \(pct(Double(v.stepLate[$0]) / Double(v.stepOccurrences[$0])))" }
          .joined(separator: ", ") + "\n"
      }
      out += ru ? "  загрузка: " : "  utilisation: "
      out += v.roleIDs.indices.map { "\(v.roleIDs[$0]) \(pct(v.utilisation(role: $0)))" }.joined(separator: ", ") + "\n"
      out += ru ? "  средняя очередь: " : "  mean queue: "
      out += v.roleIDs.indices.map { "\(v.roleIDs[$0]) " + (ru ? String(format: "%.2f", v.queueLength(role: $0)).replacingOccurrences(of: ".", with: ",") : String(format: "%.2f", v.queueLength(role: $0))) }.joined(separator: ", ") + "\n"
    }
    return out
  }

  /// The simulated event log in the audit's canonical CSV.
  public static func traceCSV(_ rows: [String]) -> String {
    "case,step,time,actor,role,department,category,kind\n" + rows.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
  }
}
