import Foundation
import RegulationEngine
import RegulationModel
import RegulationParser
import TestSupport
import Testing
import WorkingTime

@testable import RegulationAnalysis

/// The exact search extrapolates a path's timeline between the detection instants where a deadline can change speed
/// or jump (`LinearStretch`). It must find exactly what the search evaluating every instant finds: the same pieces,
/// failures, worst instant and slack, run of failing detections, reach, and what each step gets. Checked on every
/// path (up to one round) of every limit and category of the shipped acts, over the May and the New Year holidays.
@Suite struct LinearStretchTests {
  static let acts = ["000-ust-labinsk", "001-stavropol", "002-okha", "003-lipetsk", "004-krasnoufimsk"]

  struct Seen: Equatable {
    var worstSlack: Int?
    var worstAt: Int?
    var failing: Int
    var pieces: Int
    var evaluated: Int
    var reachDays: Int
    var run: [Int]
    var exhausted: Bool
    var outside: Bool
    var times: [Int]

    init(_ r: DetectionSearch.Result, _ t: StepTimes?) {
      worstSlack = r.worst?.slack
      worstAt = r.worst?.at.seconds
      failing = r.failing
      pieces = r.pieces
      evaluated = r.evaluated
      reachDays = r.reachDays
      run = r.worstRun.map { [$0.from.seconds, $0.to.seconds] } ?? []
      exhausted = r.exhausted
      outside = r.outsideCalendar
      times = t.map { t in
        t.calendar.flatMap { [$0.seconds, $0.at?.seconds ?? -1, $0.after ?? -1] }
          + t.working.flatMap { [$0.seconds, $0.at?.seconds ?? -1, $0.after ?? -1] }
      } ?? []
    }
  }

  // The extrapolated search against evaluating every breakpoint in full, on every path of the five acts over two
  // periods (24 April–14 May 2026, 26 December 2026–13 January 2027): `LinearStretchPieceTests.arithmeticPiecesEqualProbingEveryBreakpoint` (it compares the full
  // search with the extrapolated one both with and without the breakpoints taken by arithmetic).

  /// The extrapolation really replaces evaluations: Ставрополь's straight path is evaluated at far fewer instants
  /// than the search asks for (its routing and approval count calendar minutes; only the answer's working hours,
  /// the draft counted back from it and the routing read by them can bend the timeline).
  @Test func stavropolIsMostlyExtrapolated() throws {
    let context = try WalkSignatureTests.context("001-stavropol")
    let explorer = PathExplorer(context: context)
    let plan = try #require(context.plan(categories: []))
    let limit = try #require(context.compiled.limits.first)
    let path = try #require(explorer.paths(to: limit.until, maxRepeats: 0, plan: plan).min { $0.steps.count < $1.steps.count })
    let search = DetectionSearch(contexts: context.compiled.contexts,
      from: CivilDate(year: 2026, month: 3, day: 16)!, to: CivilDate(year: 2026, month: 3, day: 16)!)
    var stretch = LinearStretch()
    let relevance = CrossingRelevance(path, plan: plan, limit: limit.index, context.compiled, search: search)
    #expect(relevance.usable)
    var run = CaseRun(plan, detected: LocalTimestamp(date: CivilDate(year: 2026, month: 3, day: 16)!))
    var asked = 0, evaluated = 0
    var wrong: [Int] = []
    _ = search.search(stopAtFirstFailure: false) { t0 in
      asked += 1
      let tl: PathExplorer.Timeline
      if let known = stretch.extrapolate(t0.seconds) {
        tl = known
        let real = explorer.timeline(path, plan: plan, limit: limit.index, detected: t0, run: &run)
        if real.ends.map({ $0.end }) != known.ends.map({ $0.end }) || real.limitDue != known.limitDue {
          wrong.append(t0.seconds)
        }
      } else {
        evaluated += 1
        tl = explorer.timeline(path, plan: plan, limit: limit.index, detected: t0, run: &run)
        stretch.observe(t0.seconds, tl, relevance, search)

      }
      var instants = tl.ends.compactMap { $0.end }
      if let d = tl.limitDue { instants.append(d) }
      return (explorer.slack(tl), instants, tl.outsideCalendar)
    }
    #expect(wrong.isEmpty, "extrapolated wrongly at \(wrong)")
    #expect(asked > 0)
    #expect(evaluated * 2 < asked, "evaluated \(evaluated) of \(asked)")
  }
}
