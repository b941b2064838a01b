import Foundation
import RegulationEngine
import RegulationModel
import RegulationParser
import TestSupport
import Testing
import WorkingTime

@testable import RegulationAnalysis

/// Paths whose walks have the same signature share one exact search: equal signatures must mean equal timelines at
/// every detection instant. Checked against the evaluator itself on every path (up to two rounds) of the shipped acts,
/// at detection instants through the May and New Year holidays.
@Suite struct WalkSignatureTests {
  static let acts = ["000-ust-labinsk", "001-stavropol", "002-okha", "003-lipetsk", "004-krasnoufimsk"]

  static func context(_ act: String) throws -> AnalysisContext {
    let path = repositoryRoot.appendingPathComponent("regulations/\(act).yaml").path
    let reg = try #require(RegulationParser.parse(path: path).regulation)
    return try #require(AnalysisContext(reg))
  }

  /// Every 97 minutes over 2026-04-27 … 2026-05-13 and 2026-12-28 … 2027-01-12.
  static let instants: [LocalTimestamp] = {
    var out: [LocalTimestamp] = []
    for (from, days) in [(CivilDate(year: 2026, month: 4, day: 27)!, 17), (CivilDate(year: 2026, month: 12, day: 28)!, 16)] {
      var t = LocalTimestamp(date: from).seconds
      while t < LocalTimestamp(date: from).seconds + days * 86_400 {
        out.append(LocalTimestamp(seconds: t))
        t += 97 * 60
      }
    }
    return out
  }()

  struct Observed: Equatable {
    var slack: Int?
    var instants: Set<Int>
    var outside: Bool
  }

  static func observe(
    _ explorer: PathExplorer, _ path: PathExplorer.Path, _ plan: EvaluationPlan, _ limit: Int, _ t: LocalTimestamp,
    _ run: inout CaseRun
  ) -> Observed {
    let tl = explorer.timeline(path, plan: plan, limit: limit, detected: t, run: &run)
    var instants = Set(tl.ends.compactMap { $0.end?.seconds })
    if let d = tl.limitDue { instants.insert(d.seconds) }
    return Observed(slack: explorer.slack(tl), instants: instants, outside: tl.outsideCalendar)
  }

  @Test(arguments: acts) func equalSignaturesMeanEqualTimelines(_ act: String) throws {
    let context = try Self.context(act)
    let explorer = PathExplorer(context: context)
    for limit in context.compiled.limits {
      for categories in context.incidentCategories(for: Condition()) {
        guard let plan = context.plan(categories: categories) else { continue }
        let paths = explorer.paths(to: limit.until, maxRepeats: 2, plan: plan)
        var signatures = WalkSignatures(plan)
        var groups: [[Int]: [PathExplorer.Path]] = [:]
        for p in paths { groups[signatures.signature(of: p.steps, limit: limit.index), default: []].append(p) }
        var run = CaseRun(plan, detected: Self.instants[0])
        for group in groups.values where group.count > 1 {
          for t in Self.instants {
            let first = Self.observe(explorer, group[0], plan, limit.index, t, &run)
            for other in group.dropFirst() {
              let seen = Self.observe(explorer, other, plan, limit.index, t, &run)
              #expect(seen == first, "\(act) \(limit.id): \(explorer.text(group[0])) and \(explorer.text(other)) at \(t)")
            }
          }
        }
      }
    }
  }

  /// Красноуфимск, «повышенной важности»: returning the message to the router (п. 11) goes through steps the act gives
  /// no deadline that ends before the answer's (from reading, which has none), and the answer counts from detection
  /// again (п. 12), so the return leaves every deadline of the path as it was; a rework round (п. 15) does not.
  @Test func aReturnThroughStepsWithoutDeadlinesSharesTheSearchAReworkDoesNot() throws {
    let context = try Self.context("004-krasnoufimsk")
    let plan = try #require(context.plan(categories: ["ordinary", "important"]))
    let limit = try #require(context.compiled.limits.first { $0.id == "important-reaction" })
    let ids = { (names: [String]) in names.compactMap { context.compiled.stepIndex($0) } }
    var signatures = WalkSignatures(plan)
    let straight = signatures.signature(of: ids(["read", "route", "answer", "approve", "publish"]), limit: limit.index)
    let returned = signatures.signature(
      of: ids(["read", "route", "answer", "return", "route", "answer", "approve", "publish"]), limit: limit.index)
    let withCoExecutors = signatures.signature(
      of: ids(["read", "route", "co-executor-info", "answer", "approve", "publish"]), limit: limit.index)
    let reworked = signatures.signature(
      of: ids(["read", "route", "answer", "approve", "rework", "approve", "publish"]), limit: limit.index)
    #expect(straight == returned)
    #expect(straight == withCoExecutors)
    #expect(straight != reworked)
    // And the evaluator agrees: the rework round ends an hour later (two 30-minute steps) on a working Tuesday.
    let explorer = PathExplorer(context: context)
    var run = CaseRun(plan, detected: Self.instants[0])
    let t = LocalTimestamp(date: CivilDate(year: 2026, month: 3, day: 17)!, hour: 10, minute: 0)
    let a = Self.observe(explorer, .init(steps: ids(["read", "route", "answer", "approve", "publish"]), repeats: 0,
      loop: ""), plan, limit.index, t, &run)
    let b = Self.observe(explorer, .init(steps: ids(["read", "route", "answer", "approve", "rework", "approve", "publish"]),
      repeats: 1, loop: ""), plan, limit.index, t, &run)
    #expect(a.slack == 0)
    #expect(b.slack == -3600)
  }
}
