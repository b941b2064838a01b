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

    mutating func add(onTime: Bool, answeredMinutes: Int?, firstReplyMinutes: Int?, overdue: Bool, violations: Int) {
      cases += 1
      if onTime { self.onTime += 1 }
      self.violations += violations
      if let m = answeredMinutes {
        answered += 1
        toAnswer.append(Int32(clamping: m))
        if overdue { self.overdue += 1 }
      }
      if let f = firstReplyMinutes { toFirst.append(Int32(clamping: f)) }
    }

    mutating func merge(_ o: Acc) {
      cases += o.cases
      answered += o.answered
      onTime += o.onTime
      overdue += o.overdue
      violations += o.violations
      toAnswer += o.toAnswer
      toFirst += o.toFirst
    }
  }
  var rows: [String: Acc] = [:]
  /// Rows by interned id + 1 (0: no name recorded), merged into `rows` by name at the end (`merge(names:)`): no
  /// hashing of a (Cyrillic) name per case.
  var byID: [Acc] = []

  /// Adds one case of the name with this interned id (−1: none recorded, «—»).
  mutating func add(id: Int32, onTime: Bool, answeredMinutes: Int?, firstReplyMinutes: Int?, overdue: Bool, violations: Int) {
    let i = Int(id) + 1
    if i >= byID.count { byID += repeatElement(Acc(), count: i - byID.count + 1) }
    byID[i].add(onTime: onTime, answeredMinutes: answeredMinutes, firstReplyMinutes: firstReplyMinutes, overdue: overdue,
      violations: violations)
  }

  /// Moves the rows kept by id into the rows by name (`names[id]`; no id: «—»).
  mutating func merge(names: [String]) {
    for (i, a) in byID.enumerated() where a.cases > 0 { rows[i == 0 ? "—" : names[i - 1], default: Acc()].merge(a) }
    byID = []
  }

  /// Adds one case. Mutates the row in place (`rows[name, default:]`): copying a row out and back would copy its
  /// minute lists on every case, which made the audit quadratic in the cases per department (issue 10).
  mutating func add(_ name: String, onTime: Bool, answeredMinutes: Int?, firstReplyMinutes: Int?, overdue: Bool,
    violations: Int)
  {
    rows[name, default: Acc()].add(onTime: onTime, answeredMinutes: answeredMinutes, firstReplyMinutes: firstReplyMinutes,
      overdue: overdue, violations: violations)
  }

  /// The minutes in ascending order: counted per minute when they span a short range (minutes to an answer mostly
  /// lie within days; a comparison sort of a million of them was a visible part of a whole audit), else sorted.
  static func sorted(_ v: [Int32]) -> [Int] {
    guard let lo = v.min(), let hi = v.max() else { return [] }
    let span = Int(hi) - Int(lo) + 1
    guard span <= max(1 << 16, v.count * 4) else { return v.map(Int.init).sorted() }
    var counts = [Int32](repeating: 0, count: span)
    for m in v { counts[Int(m) - Int(lo)] += 1 }
    var out: [Int] = []
    out.reserveCapacity(v.count)
    for (i, n) in counts.enumerated() where n > 0 { out.append(contentsOf: repeatElement(Int(lo) + i, count: Int(n))) }
    return out
  }

  /// Rows sorted by name (deterministic output).
  func result() -> [TimelinessRow] {
    rows.keys.sorted { a, b in
      let c = a.compare(b, options: .numeric)
      return c == .orderedSame ? a < b : c == .orderedAscending
    }.map { name in
      let a = rows[name]!
      return TimelinessRow(name: name, cases: a.cases, answered: a.answered, onTime: a.onTime, overdueAnswers: a.overdue,
        violations: a.violations, minutesToAnswer: Self.sorted(a.toAnswer), minutesToFirstReply: Self.sorted(a.toFirst))
    }
  }
}
