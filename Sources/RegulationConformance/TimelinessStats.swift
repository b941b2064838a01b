import Foundation

/// Timeliness of one department or executor over the audited period (Липецк п. 20; the regional ratings): how many
/// cases, how many answered, the share answered late, and minutes to the answer and to the first reply.
public struct TimelinessRow: Sendable, Hashable {
  public var name: String
  public var cases: Int
  public var answered: Int
  /// Cases with no late step, no exceeded limit, no missing answer.
  public var onTime: Int
  /// Answered cases whose answer came after its deadline.
  public var overdueAnswers: Int
  public var violations: Int
  /// Calendar minutes from detection to the (final) answer, one per answered case, sorted.
  public var minutesToAnswer: [Int]
  /// Calendar minutes from detection to the first reply (an interim or the final answer), sorted.
  public var minutesToFirstReply: [Int]

  public var onTimeShare: Double { cases == 0 ? 1 : Double(onTime) / Double(cases) }
  public var overdueShare: Double { answered == 0 ? 0 : Double(overdueAnswers) / Double(answered) }
  public var meanMinutesToAnswer: Double? { Self.mean(minutesToAnswer) }
  public var medianMinutesToAnswer: Double? { Self.median(minutesToAnswer) }
  public var meanMinutesToFirstReply: Double? { Self.mean(minutesToFirstReply) }
  public var medianMinutesToFirstReply: Double? { Self.median(minutesToFirstReply) }

  static func mean(_ v: [Int]) -> Double? { v.isEmpty ? nil : Double(v.reduce(0, +)) / Double(v.count) }
  static func median(_ v: [Int]) -> Double? {
    guard !v.isEmpty else { return nil }
    let m = v.count / 2
    return v.count % 2 == 1 ? Double(v[m]) : Double(v[m - 1] + v[m]) / 2
  }
}

/// Accumulates timeliness rows by name.
struct TimelinessAccumulator {
  struct Acc {
    var cases = 0, answered = 0, onTime = 0, overdue = 0, violations = 0
    var toAnswer: [Int32] = []
    var toFirst: [Int32] = []
  }
  var rows: [String: Acc] = [:]

  mutating func add(_ name: String, onTime: Bool, answeredMinutes: Int?, firstReplyMinutes: Int?, overdue: Bool,
    violations: Int)
  {
    var a = rows[name] ?? Acc()
    a.cases += 1
    if onTime { a.onTime += 1 }
    a.violations += violations
    if let m = answeredMinutes {
      a.answered += 1
      a.toAnswer.append(Int32(clamping: m))
      if overdue { a.overdue += 1 }
    }
    if let f = firstReplyMinutes { a.toFirst.append(Int32(clamping: f)) }
    rows[name] = a
  }

  /// Rows sorted by name (deterministic output).
  func result() -> [TimelinessRow] {
    rows.keys.sorted { a, b in
      let c = a.compare(b, options: .numeric)
      return c == .orderedSame ? a < b : c == .orderedAscending
    }.map { name in
      let a = rows[name]!
      return TimelinessRow(name: name, cases: a.cases, answered: a.answered, onTime: a.onTime, overdueAnswers: a.overdue,
        violations: a.violations, minutesToAnswer: a.toAnswer.map(Int.init).sorted(),
        minutesToFirstReply: a.toFirst.map(Int.init).sorted())
    }
  }
}
