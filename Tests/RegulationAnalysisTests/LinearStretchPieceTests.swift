import Foundation
import RegulationEngine
import RegulationModel
import RegulationParser
import Testing
import WorkingTime

@testable import RegulationAnalysis

/// Inside a linear stretch of a path the search takes every breakpoint by arithmetic on the stretch (`LinearView`)
/// instead of asking for the path's timeline at it. It must find exactly what probing every breakpoint finds (one
/// extrapolated or evaluated timeline each), and what evaluating every breakpoint in full finds: the same pieces,
/// failures, worst slack and instant, run, reach, instants covered, and what each step gets. Checked on every path (up
/// to one round) of every limit and category of the five acts and of generated acts, with and without the limit.
@Suite struct LinearStretchPieceTests {
  typealias Seen = LinearStretchTests.Seen

  static let periods = [
    (CivilDate(year: 2026, month: 4, day: 24)!, CivilDate(year: 2026, month: 5, day: 14)!),
    (CivilDate(year: 2026, month: 12, day: 26)!, CivilDate(year: 2027, month: 1, day: 13)!),
  ]

  /// Compares the three searches on every path of `context`; returns the paths compared, the breakpoints covered and
  /// the timelines asked for by the search with arithmetic and by the one probing every breakpoint.
  static func compare(_ context: AnalysisContext, _ name: String) -> (paths: Int, covered: Int, asked: Int, probed: Int) {
    let explorer = PathExplorer(context: context)
    var compared = 0, covered = 0, asked = 0, probed = 0
    for (from, to) in periods {
      let search = DetectionSearch(contexts: context.compiled.contexts, from: from, to: to)
      for limit in context.compiled.limits {
        for categories in context.incidentCategories(for: Condition()) {
          guard let plan = context.plan(categories: categories) else { continue }
          let paths = explorer.paths(to: limit.until, maxRepeats: 1, plan: plan)
          for ignoreLimit in [false, true] {
            func run(extrapolate: Bool, linearPieces: Bool) -> [(result: DetectionSearch.Result, times: StepTimes?)] {
              explorer.exact(paths, plan: plan, limit: limit.index, search: search, stopAtFirstFailure: false,
                budget: 10_000_000, stepTimes: true, ignoreLimit: ignoreLimit, extrapolate: extrapolate,
                linearPieces: linearPieces).map { ($0.result, $0.times) }
            }
            let full = run(extrapolate: false, linearPieces: false)
            let each = run(extrapolate: true, linearPieces: false)
            let fast = run(extrapolate: true, linearPieces: true)
            for (k, path) in paths.enumerated() {
              let label = "\(name) \(limit.id) \(categories) \(explorer.text(path)) ignoreLimit: \(ignoreLimit)"
              #expect(Seen(fast[k].result, fast[k].times) == Seen(each[k].result, each[k].times), "\(label)")
              #expect(Seen(fast[k].result, fast[k].times) == Seen(full[k].result, full[k].times), "\(label)")
              // Probing every breakpoint asks for a timeline at each; with arithmetic, at most as many.
              #expect(each[k].result.probed == each[k].result.evaluated, "\(label)")
              #expect(fast[k].result.probed <= fast[k].result.evaluated, "\(label)")
              compared += 1
              covered += fast[k].result.evaluated
              asked += fast[k].result.probed
              probed += each[k].result.probed
            }
          }
        }
      }
    }
    return (compared, covered, asked, probed)
  }

  @Test(arguments: LinearStretchTests.acts) func arithmeticPiecesEqualProbingEveryBreakpoint(_ act: String) throws {
    let context = try WalkSignatureTests.context(act)
    let (paths, covered, asked, _) = Self.compare(context, act)
    #expect(paths > 0 || context.compiled.limits.isEmpty, "Оха sets no overall deadline; the others do")
    if act == "001-stavropol" {
      // Its routing, approval and publication count calendar minutes: most breakpoints lie inside stretches.
      #expect(asked * 3 < covered, "asked for \(asked) timelines of \(covered) breakpoints")
    }
  }

  /// A generated act: a chain of `steps` steps with clocks, amounts and anchors drawn from `seed` (calendar minutes
  /// and hours, working minutes, hours and days; from the detection, the step before, two steps before, or counted
  /// back from the overall deadline), a rework loop, and an overall deadline in working hours or days; the working
  /// day has a break and is shortened before holidays.
  static func generated(seed: UInt64, steps: Int, dayClocks: Bool = false) -> String {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    func draw(_ n: Int) -> Int {
      // SplitMix64.
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(n))
    }
    let clocks = [
      ("calendar-minutes", [10, 30, 45, 90]), ("calendar-hours", [1, 2, 4]), ("working-minutes", [15, 30, 60]),
      ("working-hours", [1, 2, 3]), ("working-days", [1]),
    ] + (dayClocks ? [("calendar-days", [1, 2]), ("working-day-hours", [2, 6]), ("immediately", [0])] : [])
    var out = """
      reglament: 1
      act: {id: generated-\(seed), title: Сгенерированный регламент, body: Пример, kind: постановление}
      working_time:
        time_zone: Europe/Moscow
        schedule: {hours: {mon-thu: "09:00-18:00", fri: "09:00-16:45"}, breaks: ["13:00-13:48"], pre_holiday_shortening_minutes: 60}
      roles:
        - {id: curator, name: куратор}
        - {id: executor, name: исполнитель}
      steps:

      """
    let limitClock = draw(3) == 0 ? "working-days" : "working-hours"
    let limitAmount = limitClock == "working-days" ? 1 + draw(2) : 4 + draw(8)
    for i in 0..<steps {
      let (clock, amounts) = clocks[draw(clocks.count)]
      let amount = amounts[draw(amounts.count)]
      var anchor: String
      switch draw(6) {
      case 0: anchor = "from: detected"
      case 1 where i >= 2: anchor = "from: [s\(i - 2), s\(i - 1)]"
      case 2 where i > 0 && i < steps - 1: anchor = "before: answer"
      default: anchor = i == 0 ? "from: detected" : "from: s\(i - 1)"
      }
      if i == steps - 1 {
        // The approval and its rework loop: the last step is approved or sent back once more.
        anchor = i == 0 ? "from: [detected, rework]" : "from: [s\(i - 1), rework]"
      }
      let next = i + 1 < steps ? "s\(i + 1)" : "publish"
      let outcomes = i == steps - 1
        ? "[{if: approved, to: \(next)}, {if: rework, to: rework}]" : "[{if: done, to: \(next)}]"
      let period = clock == "immediately" ? "clock: immediately" : "amount: \(amount), clock: \(clock)"
      out += "  - {id: s\(i), role: curator, clause: \"\(i + 1)\", deadline: {\(period), \(anchor)}, outcomes: \(outcomes)}\n"
    }
    let (reworkClock, reworkAmounts) = clocks[draw(clocks.count - (dayClocks ? 1 : 0))]
    out += "  - {id: rework, role: executor, clause: \"80\", deadline: {amount: \(reworkAmounts[draw(reworkAmounts.count)]), clock: \(reworkClock), from: s\(steps - 1)}, outcomes: [{if: done, to: s\(steps - 1)}]}\n"
    out += "  - {id: publish, role: curator, clause: \"90\", deadline: {amount: 30, clock: calendar-minutes, from: s\(steps - 1)}, outcomes: [{if: done, to: end}]}\n"
    out += "limits:\n  - {id: answer, until: publish, clause: \"91\", deadline: {amount: \(limitAmount), clock: \(limitClock), from: detected}}\n"
    if dayClocks {
      // A shorter deadline of its own, while the steps counted back still count from `answer`'s: searched for
      // `urgent`, the path reads another limit's due (`CrossingRelevance.others`).
      out += "  - {id: urgent, until: publish, clause: \"92\", deadline: {amount: \(2 + draw(3)), clock: working-hours, from: detected}}\n"
    }
    return out
  }

  /// Generated acts; seeds 13...24 add calendar days, working-day hours and immediate steps among the clocks: a stretch
  /// ends only where an instant reaches a boundary that bends what reads it (midnights for day counts and working-day
  /// hours, working intervals for working minutes and hours), and must still find what evaluating every breakpoint
  /// finds.
  @Test(arguments: 1...24) func arithmeticPiecesEqualProbingEveryBreakpointOnGeneratedActs(_ seed: Int) throws {
    let text = Self.generated(seed: UInt64(seed), steps: 2 + seed % 5, dayClocks: seed > 12)
    let parsed = RegulationParser.parse(text: text, path: "generated-\(seed).yaml")
    let reg = try #require(parsed.regulation, "\(parsed.diagnostics.map(\.message.en))\n\(text)")
    let context = try #require(AnalysisContext(reg))
    let (paths, covered, asked, probed) = Self.compare(context, "generated \(seed)")
    #expect(paths > 0)
    #expect(asked <= probed && probed == covered)
  }

  /// The next boundary of the kinds an instant needs (`DetectionSearch.nextBoundary`) against a plain scan of the
  /// working intervals of every clock and of the midnights, at every 7 minutes and at each boundary and a second
  /// either side of it, over the New Year holidays and the turn of the calendar's last year, for each act.
  @Test(arguments: LinearStretchTests.acts) func nextBoundaryEqualsAScanOfTheSchedule(_ act: String) throws {
    let context = try WalkSignatureTests.context(act)
    let contexts = context.compiled.contexts
    let search = DetectionSearch(contexts: contexts)
    var working: [Int] = []
    for day in search.marginStart..<(search.marginStart + search.firstBreakOfDay.count) {
      for c in contexts {
        for iv in c.working.intervals(on: CivilDate(dayNumber: day)) where iv.end > iv.start {
          working += [day * 86_400 + iv.start, day * 86_400 + iv.end]
        }
      }
    }
    working.sort()
    let midnights = (search.marginStart..<(search.marginStart + search.firstBreakOfDay.count)).map { $0 * 86_400 }
    // The first element greater than `t` of a sorted list, by bisection over the whole list.
    func first(after t: Int, _ list: [Int]) -> Int? {
      var lo = 0, hi = list.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if list[mid] > t { hi = mid } else { lo = mid + 1 }
      }
      return lo < list.count ? list[lo] : nil
    }
    func scan(_ t: Int, _ needs: CrossingRelevance.Needs) -> Int? {
      let w = needs.contains(.working) ? first(after: t, working) : nil
      let m = needs.contains(.midnights) ? first(after: t, midnights) : nil
      return [w, m].compactMap { $0 }.min()
    }
    var probes: [Int] = []
    for (from, days) in [(CivilDate(year: 2026, month: 12, day: 25)!, 20), (CivilDate(year: 2027, month: 12, day: 27)!, 12)] {
      let start = LocalTimestamp(date: from).seconds
      probes += stride(from: start, to: start + days * 86_400, by: 420)
      probes += working.filter { $0 >= start && $0 < start + days * 86_400 }.flatMap { [$0 - 1, $0, $0 + 1] }
    }
    probes += [search.marginStart * 86_400 - 1, midnights.last! - 1, midnights.last!, working.last! - 1, working.last!]
    for t in probes {
      for needs: CrossingRelevance.Needs in [.working, .midnights, .all] {
        #expect(search.nextBoundary(after: t, needs) == scan(t, needs), "\(act) \(t) \(needs.rawValue)")
        #expect(search.isBoundary(t, needs) == (scan(t - 1, needs) == t), "\(act) \(t) \(needs.rawValue)")
      }
    }
  }

  /// Усть-Лабинск: the draft is due 4 calendar hours before the answer's deadline of п. 9 (`answer`), also when the
  /// shortened deadline of п. 10 (`urgent-answer`) is searched. That path reads another limit's due: it is tracked as
  /// one more instant of the stretch (`CrossingRelevance.others`), so the path is extrapolated, and the search finds
  /// what evaluating every breakpoint finds (`arithmeticPiecesEqualProbingEveryBreakpoint` compares them field by
  /// field) while asking for fewer timelines than it covers.
  @Test func anotherLimitsDueIsTrackedByTheStretch() throws {
    let context = try WalkSignatureTests.context("000-ust-labinsk")
    let explorer = PathExplorer(context: context)
    let limits = context.compiled.limits
    let urgent = try #require(limits.first { $0.id == "urgent-answer" })
    let answer = try #require(limits.first { $0.id == "answer" })
    let (from, to) = Self.periods[0]
    let search = DetectionSearch(contexts: context.compiled.contexts, from: from, to: to)
    var tracked = 0
    for categories in context.incidentCategories(for: Condition()) {
      guard let plan = context.plan(categories: categories), plan.rule(ofLimit: urgent.index) != nil else { continue }
      let paths = explorer.paths(to: urgent.until, maxRepeats: 0, plan: plan)
      for path in paths {
        let rel = CrossingRelevance(path, plan: plan, limit: urgent.index, context.compiled, search: search)
        guard !rel.others.isEmpty else { continue }
        #expect(rel.others == [answer.index] && rel.usable, "\(explorer.text(path))")
        let found = explorer.exact([path], plan: plan, limit: urgent.index, search: search, stopAtFirstFailure: false,
          budget: 10_000_000)[0].result
        #expect(found.probed * 2 < found.evaluated, "asked \(found.probed) of \(found.evaluated)")
        tracked += 1
      }
    }
    #expect(tracked > 0)
  }

  /// What each step gets in working time, with positions on the working axis taken on segments between working
  /// boundaries (`StepTimes` given the search) against asking the table for every position (no search): the same
  /// least working and calendar seconds, instants and predecessors, on every straight path of every limit and category
  /// of each act, fed the timelines at every 7 minutes over both periods (forwards, then the first period again, as the
  /// search walks its `first` days before the others).
  @Test(arguments: LinearStretchTests.acts) func stepTimesOnSegmentsEqualTheTable(_ act: String) throws {
    let context = try WalkSignatureTests.context(act)
    let explorer = PathExplorer(context: context)
    let search = DetectionSearch(contexts: context.compiled.contexts)
    var instants: [LocalTimestamp] = []
    for (from, to) in Self.periods + [Self.periods[0]] {
      instants += stride(from: LocalTimestamp(date: from).seconds, to: LocalTimestamp(date: to).seconds, by: 420)
        .map { LocalTimestamp(seconds: $0) }
    }
    var compared = 0
    for limit in context.compiled.limits {
      for categories in context.incidentCategories(for: Condition()) {
        guard let plan = context.plan(categories: categories) else { continue }
        for path in explorer.paths(to: limit.until, maxRepeats: 0, plan: plan) {
          var fast = StepTimes(path, plan: plan, context.compiled, search: search)
          var table = StepTimes(path, plan: plan, context.compiled)
          var run = CaseRun(plan, detected: instants[0])
          for t in instants {
            let tl = explorer.timeline(path, plan: plan, limit: limit.index, detected: t, run: &run)
            guard !tl.outsideCalendar else { continue }
            fast.gather(tl)
            table.gather(tl)
          }
          func flat(_ t: StepTimes) -> [Int] {
            (t.working + t.calendar).flatMap { [$0.seconds, $0.at?.seconds ?? -1, $0.after ?? -1] }
          }
          #expect(flat(fast) == flat(table), "\(act) \(limit.id) \(explorer.text(path))")
          #expect(fast.working.contains { $0.at != nil } || !fast.measured.contains(true))
          compared += 1
        }
      }
    }
    #expect(compared > 0 || context.compiled.limits.isEmpty)
  }
}
