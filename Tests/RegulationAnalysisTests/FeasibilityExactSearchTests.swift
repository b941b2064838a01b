import RegulationDiagnostics
import RegulationEngine
import RegulationParser
import Testing
import WorkingTime

@testable import RegulationAnalysis

/// The exact search over detection instants against a naive oracle (every minute of a month), and the bound that
/// keeps the analysis sound when there are too many paths to enumerate.
@Suite struct FeasibilityExactSearchTests {
  static func context(_ fragment: String) throws -> AnalysisContext {
    let parsed = RegulationParser.parse(text: RuleExamples.regulation(fragment), path: "t.yaml")
    let reg = try #require(parsed.regulation, "\(parsed.diagnostics.map(\.message.en))")
    return try #require(AnalysisContext(reg))
  }

  /// Mixed clocks: working minutes and hours, calendar minutes and hours, counting back from the limit.
  static let regulations = [
    """
    steps:
      - {id: route, role: curator, clause: "6", deadline: {amount: 30, clock: working-minutes, from: detected},
         outcomes: [{if: done, to: draft}]}
      - {id: draft, role: executor, clause: "9", deadline: {amount: 3, clock: working-hours, from: route},
         outcomes: [{if: done, to: publish}]}
      - {id: publish, role: curator, clause: "12", deadline: {amount: 45, clock: calendar-minutes, from: draft},
         outcomes: [{if: done, to: end}]}
    limits:
      - {id: answer, until: publish, clause: "8", deadline: {amount: 4, clock: working-hours, from: detected}}
    """,
    """
    steps:
      - {id: route, role: curator, clause: "6", deadline: {amount: 2, clock: calendar-hours, from: detected},
         outcomes: [{if: done, to: draft}]}
      - {id: draft, role: executor, clause: "9", deadline: {amount: 1, clock: calendar-hours, before: answer},
         outcomes: [{if: done, to: publish}]}
      - {id: publish, role: curator, clause: "12", deadline: {amount: 30, clock: calendar-minutes, from: draft},
         outcomes: [{if: done, to: end}]}
    limits:
      - {id: answer, until: publish, clause: "8", deadline: {amount: 8, clock: working-hours, from: detected}}
    """,
  ]

  /// Over a month with the May holidays, the least slack found at the breakpoints equals the least slack of a scan
  /// of every minute, and so do the number of failing minutes' presence and the worst instant's slack.
  @Test(arguments: regulations) func exactSearchEqualsMinuteByMinuteScan(_ fragment: String) throws {
    let context = try Self.context(fragment)
    let explorer = PathExplorer(context: context)
    let plan = try #require(context.plan(categories: []))
    let limit = context.compiled.limits[0]
    let path = try #require(explorer.paths(to: limit.until, maxRepeats: 0, plan: plan).first)
    let from = CivilDate(year: 2026, month: 4, day: 27)!, to = CivilDate(year: 2026, month: 5, day: 13)!
    let search = DetectionSearch(contexts: context.compiled.contexts, from: from, to: to)
    let (exact, _) = explorer.exact(path, plan: plan, limit: limit.index, search: search, stopAtFirstFailure: false,
      budget: 1_000_000)
    #expect(!exact.exhausted)
    var run = CaseRun(plan, detected: LocalTimestamp(date: from))
    var brute: Int?
    var failingMinutes = 0
    var t = LocalTimestamp(date: from).seconds
    while t < LocalTimestamp(date: to).seconds + 86_400 {
      let tl = explorer.timeline(path, plan: plan, limit: limit.index, detected: LocalTimestamp(seconds: t), run: &run)
      if let s = explorer.slack(tl) {
        brute = min(brute ?? s, s)
        if s < 0 { failingMinutes += 1 }
      }
      t += 60
    }
    #expect(exact.worst?.slack == brute)
    #expect((exact.failing > 0) == (failingMinutes > 0))
    #expect(exact.evaluated < 17 * 1440 / 4, "the search evaluates far fewer instants than the scan")
  }

  /// `count` binary choices in a row (each step leads to an `a` or a `b` variant, both to the next choice), every
  /// step one working minute; the `b` variant of choice `slow` takes `slowHours` working hours.
  static func branches(_ count: Int, slow: Int?, slowHours: Int = 100) -> String {
    var out = "steps:\n"
    for i in 0..<count {
      let next = i + 1 < count ? "c\(i + 1)" : "publish"
      out += "  - {id: c\(i), role: curator, clause: \"\(i + 1)\", deadline: {amount: 1, clock: working-minutes, from: \(i == 0 ? "detected" : "[a\(i - 1), b\(i - 1)]")}, outcomes: [{if: done, to: a\(i)}, {if: clarify, to: b\(i)}]}\n"
      out += "  - {id: a\(i), role: executor, clause: \"\(i + 1)\", deadline: {amount: 1, clock: working-minutes, from: c\(i)}, outcomes: [{if: done, to: \(next)}]}\n"
      let amount = i == slow ? "\(slowHours), clock: working-hours" : "1, clock: working-minutes"
      out += "  - {id: b\(i), role: executor, clause: \"\(i + 1)\", deadline: {amount: \(amount), from: c\(i)}, outcomes: [{if: done, to: \(next)}]}\n"
    }
    out += "  - {id: publish, role: curator, clause: \"90\", deadline: {amount: 1, clock: working-minutes, from: [a\(count - 1), b\(count - 1)]}, outcomes: [{if: done, to: end}]}\n"
    out += "limits:\n  - {id: answer, until: publish, clause: \"91\", deadline: {amount: 40, clock: working-hours, from: detected}}\n"
    return out
  }

  static func diagnostics(_ fragment: String, budget: Int? = nil) -> [Diagnostic] {
    RegulationChecker.check(text: RuleExamples.regulation(fragment), path: "t.yaml", runTests: false,
      analysisBudget: budget).diagnostics
  }

  /// 2^14 paths, past the budget; the slow branch is in the first choice, which the enumeration reaches last.
  @Test func fourteenBranchesWithOneSlowBranchAreInfeasible() {
    let found = Self.diagnostics(Self.branches(14, slow: 0))
    let infeasible = found.filter { $0.id == .deadlineInfeasible && $0.severity == .warning && $0.subject == "answer" }
    #expect(infeasible.count == 1, "\(found.map(\.message.en))")
    #expect(infeasible.first?.message.en.contains("b0") == true)
  }

  /// Without a slow branch the same shape fits, but past the budget the analysis says it does not know.
  @Test func pastTheBudgetTheVerdictIsUnknownNotFits() {
    let found = Self.diagnostics(Self.branches(14, slow: nil))
    #expect(!found.contains { $0.id == .reworkLimit }, "no 'fits' verdict: \(found.map(\.message.en))")
    let unknown = found.filter { $0.id == .deadlineInfeasible && $0.severity == .note }
    #expect(unknown.count == 1)
    #expect(unknown.first?.message.en.contains("unknown beyond 4000 paths") == true)
    #expect(unknown.first?.hint?.en.contains("--analysis-budget") == true)
    #expect(unknown.first?.range.start.line ?? 0 > 1, "located at the limit")
  }

  /// 20 independent choices (2^20 paths) end, with a verdict that is not "fits"; a slow branch is still found.
  @Test func twentyBranchesAreBoundedNotEnumerated() {
    let found = Self.diagnostics(Self.branches(20, slow: 3))
    #expect(found.contains { $0.id == .deadlineInfeasible && $0.severity == .warning && $0.subject == "answer" })
    let fine = Self.diagnostics(Self.branches(20, slow: nil))
    #expect(!fine.contains { $0.id == .reworkLimit })
  }
}
