import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import WorkingTime

/// Which steps, limits and clauses with a deadline the embedded tests check.
public struct TestCoverage: Sendable {
  public var items: [String]
  public var coveredItems: [String]
  public var clauses: [String]
  public var coveredClauses: [String]

  public var uncoveredItems: [String] { items.filter { !coveredItems.contains($0) } }
  public var uncoveredClauses: [String] { clauses.filter { !coveredClauses.contains($0) } }
  /// Share of steps and limits with a deadline that some test checks, 0…100 (stricter than counting clauses: one clause
  /// often sets several deadlines). 0 when there is no deadline at all: nothing is covered, not everything.
  public var percent: Double { items.isEmpty ? 0 : Double(coveredItems.count) * 100 / Double(items.count) }
  /// Whether there is any deadline to cover.
  public var isMeasurable: Bool { !items.isEmpty }

  public init(_ reg: Regulation, covered: Set<String>) {
    var items: [String] = [], clauseOf: [String: [String]] = [:]
    func add(_ id: String, _ d: StepDeadline?, _ fallback: String?) {
      guard case .rules(let rules)? = d, !rules.isEmpty else { return }
      items.append(id)
      clauseOf[id] = rules.compactMap { $0.clause?.number ?? fallback }
    }
    reg.steps.forEach { add($0.id, $0.deadline, $0.clause?.number) }
    reg.limits.forEach { add($0.id, $0.deadline, $0.clause?.number) }
    self.items = items
    coveredItems = items.filter { covered.contains($0) }
    clauses = sortClauses(clauseOf.values.flatMap { $0 })
    coveredClauses = sortClauses(coveredItems.flatMap { clauseOf[$0] ?? [] })
  }

  public func json(file: String) -> JSONValue {
    .object([
      ("file", .string(file)), ("percent", isMeasurable ? .double((percent * 10).rounded() / 10) : .null),
      ("steps", .int(items.count)), ("covered_steps", .int(coveredItems.count)),
      ("uncovered_steps", .array(uncoveredItems.map { .string($0) })),
      ("clauses", .array(clauses.map { .string($0) })), ("uncovered_clauses", .array(uncoveredClauses.map { .string($0) })),
    ])
  }
}

/// Rewrites the `expect:` values of a regulation file with what the engine computes now (`reglament test --update`).
public enum ExpectationUpdater {
  public static func update(text: String, path: String? = nil, regulation reg: Regulation) -> (String, Int) {
    guard let calc = DeadlineCalculator(regulation: reg) else { return (text, 0) }
    let tz = calc.time.timeZone
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var changed = 0
    for test in reg.tests where path == nil || test.range.start.file == path {
      guard let t0 = tz.parseDateTime(test.detected.value) else { continue }
      var events: [(step: String, at: LocalTimestamp)] = []
      for e in test.events { if let t = tz.parseDateTime(e.time.value) { events.append((e.step.value, t)) } }
      let inc = Incident(detected: t0, categories: test.categories.map(\.value), kind: test.kind?.value, events: events)
      guard let computed = try? calc.deadlinesInForce(for: inc) else { continue }
      // Replace from the end of a line backwards so earlier columns stay valid.
      for (step, value) in test.expected.sorted(by: { ($0.time.range.start.line, $0.time.range.start.column) > ($1.time.range.start.line, $1.time.range.start.column) }) {
        guard let due = computed[step.value] else { continue }
        let new = tz.compactISO(due)
        guard new != value.value, tz.parseDateTime(value.value) != due else { continue }
        let i = value.range.start.line - 1
        var scalars = Array(lines[i].unicodeScalars)
        let start = value.range.start.column - 1, end = min(scalars.count, start + value.range.length)
        scalars.replaceSubrange(start..<end, with: Array(new.unicodeScalars))
        lines[i] = String(String.UnicodeScalarView(scalars))
        changed += 1
      }
    }
    return (lines.joined(separator: "\n"), changed)
  }
}
