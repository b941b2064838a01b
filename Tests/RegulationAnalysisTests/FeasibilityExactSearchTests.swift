import Foundation
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
    // Calendar minutes read by working hours (the limit counts from routing), a step counted back from the limit, a
    // step counted from the latest of two, a cap by the limit: what the extrapolation between crossings must follow.
    """
    steps:
      - {id: route, role: curator, clause: "6", deadline: {amount: 30, clock: calendar-minutes, from: detected},
         outcomes: [{if: done, to: draft}]}
      - {id: draft, role: executor, clause: "9", deadline: {amount: 90, clock: working-minutes, before: answer},
         outcomes: [{if: done, to: check}]}
      - {id: check, role: curator, clause: "10", deadline: {amount: 20, clock: calendar-minutes, from: [route, draft]},
         outcomes: [{if: done, to: publish}]}
      - {id: publish, role: curator, clause: "12",
         deadline: {amount: 45, clock: calendar-minutes, from: check, not_later_than: answer},
         outcomes: [{if: done, to: end}]}
    limits:
      - {id: answer, until: publish, clause: "8", deadline: {amount: 4, clock: working-hours, from: route}}
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
    // The same search evaluating every instant (no extrapolation between crossings) finds exactly the same.
    let full = explorer.exact([path], plan: plan, limit: limit.index, search: search, stopAtFirstFailure: false,
      budget: 1_000_000, extrapolate: false)[0].result
    #expect(LinearStretchTests.Seen(exact, nil) == LinearStretchTests.Seen(full, nil))
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

/// The shapes that used to crash or run for seconds (issue 14): they end, soundly, within a generous bound (the precise
/// timing is measured on the release binary, see docs/FINDINGS.md).
@Suite struct FeasibilityBoundsTests {
  /// `n` steps in one chain, each one working minute after the one before; the answer is due in `limitDays` working
  /// days (as Fixtures/slow/make-chain.py writes it).
  static func chain(_ n: Int, limitDays: Int = 5) -> String {
    var out = "steps:\n"
    for i in 0..<n {
      let from = i == 0 ? "detected" : "s\(i - 1)"
      let to = i + 1 < n ? "s\(i + 1)" : "end"
      out += "  - {id: s\(i), role: curator, clause: \"1\", deadline: {amount: 1, clock: working-minutes, from: \(from)}, outcomes: [{if: done, to: \(to)}]}\n"
    }
    out += "limits:\n  - {id: answer, until: s\(n - 1), clause: \"8\", deadline: {amount: \(limitDays), clock: working-days, from: detected}}\n"
    return out
  }

  static func timed(_ body: () -> [Diagnostic]) -> (Duration, [Diagnostic]) {
    let clock = ContinuousClock()
    var found: [Diagnostic] = []
    let elapsed = clock.measure { found = body() }
    return (elapsed, found)
  }

  /// 5 000 steps (a 690 KB file): no stack overflow, an answer in seconds, and never an unproved "fits".
  @Test func fiveThousandStepChainEnds() {
    let (elapsed, found) = Self.timed { FeasibilityExactSearchTests.diagnostics(Self.chain(5000)) }
    #expect(elapsed < .seconds(120), "generous bound for a debug build under load: \(elapsed)")
    let verdicts = found.filter { $0.subject == "answer" && ($0.id == .deadlineInfeasible || $0.id == .reworkLimit) }
    #expect(verdicts.count == 1, "\(found.map(\.message.en))")
    // 5 000 working minutes (10 working days) cannot fit 5 working days: an overrun, or "unknown" if the budget
    // stopped the search first — never "fits".
    #expect(!verdicts.contains { $0.id == .reworkLimit })
  }

  /// 2^20 paths with a slow branch: infeasible, within the bound.
  @Test func twentyIndependentBranchesEndQuickly() {
    let (elapsed, found) = Self.timed { FeasibilityExactSearchTests.diagnostics(FeasibilityExactSearchTests.branches(20, slow: 7)) }
    #expect(elapsed < .seconds(60), "\(elapsed)")
    #expect(found.contains { $0.id == .deadlineInfeasible && $0.severity == .warning && $0.subject == "answer" })
  }

  /// A rework round of 500 working days ends past the calendar's years (2026–2027): the rounds are unknown, not
  /// "3 or more rounds fit".
  @Test func reworkPastTheCalendarIsUnknown() {
    let fragment = """
      steps:
        - {id: route, role: curator, clause: "6", deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: draft}]}
        - {id: draft, role: executor, clause: "9", deadline: {amount: 2, clock: working-hours, from: route}, outcomes: [{if: done, to: approve}]}
        - {id: approve, role: curator, clause: "10", deadline: {amount: 30, clock: working-minutes, from: [draft, rework]}, outcomes: [{if: approved, to: publish}, {if: rework, to: rework}]}
        - {id: rework, role: executor, clause: "11", deadline: {amount: 500, clock: working-days, from: approve}, outcomes: [{if: done, to: approve}]}
        - {id: publish, role: curator, clause: "12", deadline: {amount: 30, clock: working-minutes, from: approve}, outcomes: [{if: done, to: end}]}
      limits:
        - {id: answer, until: publish, clause: "8", deadline: {amount: 5, clock: working-hours, from: detected}}
      """
    let found = FeasibilityExactSearchTests.diagnostics(fragment)
    let verdict = found.first { $0.id == .reworkLimit && $0.subject == "answer" }
    #expect(verdict?.message.en.contains("or more rounds fit") == false, "\(found.map(\.message.en))")
    #expect(verdict?.message.en.contains("0 round(s) fit; with 1 unknown") == true, "\(found.map(\.message.en))")
    // With 50 working days the round is inside the calendar: a real overrun, not "unknown".
    let known = FeasibilityExactSearchTests.diagnostics(fragment.replacingOccurrences(of: "amount: 500", with: "amount: 50"))
    let line = known.first { $0.id == .reworkLimit && $0.subject == "answer" }
    #expect(line?.message.en.contains("0 round(s) fit") == true, "\(known.map(\.message.en))")
    #expect(line?.message.en.contains("unknown") == false)
  }
}
