import Foundation
import RegulationDiagnostics
import RegulationEngine
import RegulationParser
import Testing
import WorkingTime

@testable import RegulationAnalysis

/// Issue 12, items 2 and 3: what each step really gets (`step-squeezed`) and how many rounds, returns and sequential
/// co-executors fit (`rework-limit`). Every expected number is worked out by hand in the comment above it, on the
/// examples' working time: mon–fri 09:00–18:00, lunch 13:00–14:00, Moscow.
@Suite struct StepTimeAndCountTests {
  static func diagnostics(_ fragment: String) -> [Diagnostic] {
    FeasibilityExactSearchTests.diagnostics(fragment)
  }

  /// Routing 30 working minutes; co-executors `infoHours` working hours from routing; the common answer
  /// `draftBefore` working hours before the answer's deadline (3.5 working hours from routing); publishing 30 working
  /// minutes after the draft. `draftClock`: the clock of the draft's "before".
  static func coExecutors(infoHours: Double, draftBefore: Double = 1.5, draftClock: String = "working-hours",
    limitHours: Double = 3.5, limitClock: String = "working-hours") -> String {
    """
    steps:
      - {id: route, role: curator, clause: "5", deadline: {amount: 30, clock: working-minutes, from: detected},
         outcomes: [{if: done, to: info}]}
      - {id: info, role: executor, clause: "7", co_executors: {order: parallel, common_answer_by: main},
         deadline: {amount: \(infoHours), clock: working-hours, from: route, each: true}, outcomes: [{if: done, to: draft}]}
      - {id: draft, role: executor, clause: "8", deadline: {amount: \(draftBefore), clock: \(draftClock), before: answer},
         outcomes: [{if: done, to: publish}]}
      - {id: publish, role: curator, clause: "9", deadline: {amount: 30, clock: working-minutes, from: draft},
         outcomes: [{if: done, to: end}]}
    limits:
      - {id: answer, until: publish, clause: "6", deadline: {amount: \(limitHours), clock: \(limitClock), from: route}}
    """
  }

  /// The least time of `step` on the straight paths, from the one search (working, calendar) in seconds.
  static func least(_ fragment: String, _ step: String) throws -> (working: Int, calendar: Int) {
    let context = try FeasibilityExactSearchTests.context(fragment)
    let index = try #require(context.compiled.stepIndex(step))
    var working = Int.max, calendar = Int.max
    for c in FeasibilityRule.cases(context) {
      for w in c.computed.straight {
        let times = try #require(w.times)
        for (d, s) in w.path.steps.enumerated() where s == index && times.measured[d] {
          working = min(working, times.working[d].seconds)
          calendar = min(calendar, times.calendar[d].seconds)
        }
      }
    }
    return (working, calendar)
  }

  // MARK: step-squeezed

  /// Co-executors 2 working hours after routing, the draft 3.5 − 1.5 = 2 working hours after routing: the main
  /// executor gets 0 working minutes (and 0 calendar minutes: both deadlines are the same instant).
  @Test func mainExecutorGetsNothingAfterCoExecutors() throws {
    let fragment = Self.coExecutors(infoHours: 2)
    let t = try Self.least(fragment, "draft")
    #expect(t.working == 0)
    #expect(t.calendar == 0)
    let found = Self.diagnostics(fragment).filter { $0.id == .stepSqueezed }
    #expect(found.count == 1)
    let d = try #require(found.first)
    #expect(d.subject == "draft")
    #expect(d.severity == .warning)
    // The step's clause, the co-executors' (whose deadline eats its time) and the answer's it is counted back from.
    #expect(d.clauses == ["6", "7", "8"])
    #expect(d.message.ru.hasPrefix("у основного исполнителя 0 мин рабочего времени"), "\(d.message.ru)")
    #expect(d.message.ru.contains("после срока шага «info» (п. 7)"))
    #expect(d.message.en.hasPrefix("the main executor has 0 min of working time"), "\(d.message.en)")
    #expect(!d.message.en.contains("у "), "no Russian in English: \(d.message.en)")
  }

  /// With 1 working hour for the co-executors the main executor gets 2 − 1 = 1 working hour, and at least that in
  /// calendar time (a working hour never spans less than an hour): no finding. Publishing gets its own 30 minutes.
  @Test func anHourLeftIsNoFinding() throws {
    let fragment = Self.coExecutors(infoHours: 1)
    let t = try Self.least(fragment, "draft")
    #expect(t.working == 3600)
    #expect(t.calendar == 3600)
    #expect(try Self.least(fragment, "publish").working == 1800)
    #expect(!Self.diagnostics(fragment).contains { $0.id == .stepSqueezed })
  }

  /// A deadline counted in calendar time is judged in calendar time: the draft 4 calendar hours before an answer due
  /// 5 calendar hours after routing (so 1 calendar hour after routing), the co-executors 1 working hour after routing.
  /// Routing done at 18:00 on a weekday: the co-executors' hour runs to 10:00 the next morning while the draft is due
  /// at 19:00 the same evening, 15 hours before; over weekends and holidays it is worse.
  @Test func calendarDeadlineJudgedInCalendarTime() throws {
    let fragment = Self.coExecutors(infoHours: 1, draftBefore: 4, draftClock: "calendar-hours", limitHours: 5,
      limitClock: "calendar-hours")
    let t = try Self.least(fragment, "draft")
    #expect(t.calendar <= -15 * 3600)
    let found = Self.diagnostics(fragment).filter { $0.id == .stepSqueezed }
    // Publishing, 30 working minutes after the draft's 19:00, is due at 09:30 the next morning: before the co-executors'
    // 10:00, which it waits for too (through the draft): −30 minutes, also a finding.
    #expect(found.map(\.subject) == ["draft", "publish"])
    #expect(found.first?.message.ru.contains("у основного исполнителя −") == true, "\(found.map(\.message.ru))")
    // A working-hours reading of the same words leaves an hour: judged in working time, no finding.
    let working = Self.coExecutors(infoHours: 1, draftBefore: 4, draftClock: "working-hours", limitHours: 6)
    #expect(try Self.least(working, "draft").working == 3600)
    #expect(!Self.diagnostics(working).contains { $0.id == .stepSqueezed })
  }

  /// A step whose deadline the act does not set gets no finding, even though nothing is left for it (`none:`).
  @Test func stepWithoutItsOwnDeadlineIsNoFinding() {
    let fragment = """
      steps:
        - {id: route, role: curator, clause: "5", deadline: {amount: 2, clock: working-hours, from: detected},
           outcomes: [{if: done, to: check}]}
        - {id: check, role: curator, clause: "6", deadline: {none: акт не устанавливает срок}, outcomes: [{if: done, to: end}]}
      limits:
        - {id: answer, until: check, clause: "8", deadline: {amount: 2, clock: working-hours, from: detected}}
      """
    #expect(!Self.diagnostics(fragment).contains { $0.id == .stepSqueezed })
  }

  // MARK: rework-limit: rounds, returns, combined loops

  static func loops(limitHours: Double, returns: Bool) -> String {
    ReworkLimitRule.steps(returns: returns) + """

      limits:
        - {id: answer, until: publish, clause: "8", deadline: {amount: \(limitHours), clock: working-hours, from: detected}}
      """
  }

  static func reworkLimit(_ fragment: String) -> [Diagnostic] { diagnostics(fragment).filter { $0.id == .reworkLimit } }

  /// 30 min + 2 h + 30 min + 30 min = 3.5 working hours without rework; each round adds rework (1 h) and approval
  /// (30 min). In 5 h: (5 − 3.5) / 1.5 = 1 round; the second overruns by 1.5 working hours.
  @Test func oneReworkRoundFits() throws {
    let found = Self.reworkLimit(Self.loops(limitHours: 5, returns: false))
    #expect(found.count == 1)
    let d = try #require(found.first)
    #expect(d.severity == .note)
    #expect(d.message.ru.contains("доработка (rework → approve; п. 10, 11): укладывается кругов: 1; при 2 путь превышает общий срок п. 8"), "\(d.message.ru)")
    #expect(d.message.en.contains("rework round (rework → approve; clause 10, 11): 1 round(s) fit; with 2"), "\(d.message.en)")
    // The loop's clauses and the deadline it breaks.
    #expect(d.clauses == ["8", "10", "11"])
  }

  /// In 3 working hours the path without rework (3.5 h) already fails: still reported, 0 rounds, as a note beside the
  /// `deadline-infeasible` warning.
  @Test func roundsAreReportedWhenThePlainPathFails() throws {
    let all = Self.diagnostics(Self.loops(limitHours: 3, returns: false))
    #expect(all.contains { $0.id == .deadlineInfeasible && $0.severity == .warning })
    let found = all.filter { $0.id == .reworkLimit }
    #expect(found.count == 1)
    let d = try #require(found.first)
    #expect(d.severity == .note)
    #expect(d.message.ru.hasPrefix("«answer»: путь без повторов уже превышает срок п. 8 на "), "\(d.message.ru)")
    #expect(d.message.ru.hasSuffix("доработка (rework → approve; п. 10, 11): не укладывается ни одного круга"), "\(d.message.ru)")
    #expect(d.message.en.hasSuffix("rework round (rework → approve; clause 10, 11): no round fits"), "\(d.message.en)")
  }

  /// A return to the router costs 30 min (return) + 30 min (routing again) = 1 h. In 5 h: one rework round fits
  /// (5 h exactly), one return fits (4.5 h), two returns do not (5.5 h); together 3.5 + 1.5 + 1 = 6 h: 1 h over.
  @Test func returnAndReworkTogetherNoLongerFit() throws {
    let found = Self.reworkLimit(Self.loops(limitHours: 5, returns: true))
    let combined = found.filter { $0.message.en.contains("together") }
    #expect(combined.count == 1, "\(found.map(\.message.en))")
    let d = try #require(combined.first)
    #expect(d.severity == .warning)
    #expect(d.message.ru.contains("1 возврат не по компетенции (return → route) и 1 доработка (rework → approve) вместе уже не укладываются"), "\(d.message.ru)")
    #expect(d.message.en.contains("together no longer fit: the path overruns the overall deadline of clause 8 by"), "\(d.message.en)")
    #expect(d.clauses == ["6", "7", "8", "10", "11"])
    #expect(found.contains { $0.message.ru.contains("возврат не по компетенции (return → route; п. 6, 7): укладывается кругов: 1; при 2") })
    #expect(found.contains { $0.message.ru.contains("доработка (rework → approve; п. 10, 11): укладывается кругов: 1; при 2") })
  }

  /// In 6 h the two together take exactly 6 h: they fit (a note), with 0 minutes to spare; alone, (6 − 3.5) / 1 = 2
  /// returns fit and (6 − 3.5) / 1.5 = 1 rework round.
  @Test func returnAndReworkTogetherFit() throws {
    let found = Self.reworkLimit(Self.loops(limitHours: 6, returns: true))
    let combined = try #require(found.first { $0.message.en.contains("together") })
    #expect(combined.severity == .note)
    #expect(combined.message.en.contains("together fit with at least 0 min to spare"), "\(combined.message.en)")
    #expect(found.contains { $0.message.ru.contains("(return → route; п. 6, 7): укладывается кругов: 2; при 3") })
    #expect(found.contains { $0.message.ru.contains("(rework → approve; п. 10, 11): укладывается кругов: 1; при 2") })
  }

  // MARK: rework-limit: sequential co-executors

  /// Co-executors one after another (order set by the curator, number not capped), 1 working hour each from receiving
  /// the message; the last one drafts 1 working hour before the 6 working hours from routing, i.e. 5 working hours
  /// after routing: 5 co-executors fit (the fifth leaves 0 minutes), with 6 the draft is due before the sixth ends.
  static func sequential(order: String) -> String {
    """
    steps:
      - {id: route, role: curator, clause: "5", deadline: {amount: 30, clock: working-minutes, from: detected},
         outcomes: [{if: done, to: info}]}
      - {id: info, role: executor, clause: "7", co_executors: {order: \(order), order_set_by: curator, common_answer_by: last},
         deadline: {amount: 1, clock: working-hours, from: route, each: true}, outcomes: [{if: done, to: draft}]}
      - {id: draft, role: executor, clause: "9", deadline: {amount: 1, clock: working-hours, before: answer},
         outcomes: [{if: done, to: publish}]}
      - {id: publish, role: curator, clause: "10", deadline: {amount: 30, clock: working-minutes, from: draft},
         outcomes: [{if: done, to: end}]}
    limits:
      - {id: answer, until: publish, clause: "6", deadline: {amount: 6, clock: working-hours, from: route}}
    """
  }

  @Test func fiveSequentialCoExecutorsFit() throws {
    let found = Self.reworkLimit(Self.sequential(order: "sequential"))
    let d = try #require(found.first { $0.message.en.contains("sequential co-executors") })
    #expect(d.severity == .note)
    #expect(d.message.ru.contains("укладывается соисполнителей: 5; при 6 срок шага «draft» (п. 9) наступает раньше срока шага «info» (п. 7)"), "\(d.message.ru)")
    #expect(d.clauses == ["6", "7", "9"])
  }

  /// Calendar hours each (1 hour from receiving the message): the count comes from what the draft gets with one, in
  /// the same search. Routing ends in working time; 5 working hours later is at least 6 calendar hours later (routing
  /// 09:00–12:00: the lunch hour is inside; later, the night is), so the draft gets at least 6 − 1 = 5 hours with one
  /// co-executor: 6 fit, and the seventh ends an hour after the draft is due. Checked against the exact search of the
  /// paths with 6 and 7 co-executors themselves.
  @Test func calendarHourCoExecutorsCountedFromTheSameSearch() throws {
    let fragment = Self.sequential(order: "sequential").replacingOccurrences(
      of: "{amount: 1, clock: working-hours, from: route, each: true}",
      with: "{amount: 1, clock: calendar-hours, from: route, each: true}")
    let d = try #require(Self.reworkLimit(fragment).first { $0.message.en.contains("sequential co-executors") })
    #expect(d.message.en.contains("6 fit; with 7 the deadline of `draft` (clause 9) comes before that of `info` (clause 7)"), "\(d.message.en)")
    let context = try FeasibilityExactSearchTests.context(fragment)
    let c = try #require(FeasibilityRule.cases(context).first)
    let plan = try #require(context.plan(categories: c.categories))
    let explorer = PathExplorer(context: context)
    let search = DetectionSearch(contexts: context.compiled.contexts)
    let ids = ["route"] + Array(repeating: "info", count: 6) + ["draft", "publish"]
    let six = PathExplorer.Path(steps: ids.compactMap { context.compiled.stepIndex($0) }, repeats: 5, loop: "")
    var seven = six
    seven.steps.insert(six.steps[1], at: 1)
    for (path, fits) in [(six, true), (seven, false)] {
      let r = explorer.exact([path], plan: plan, limit: c.limit.index, search: search, stopAtFirstFailure: false,
        budget: 1_000_000)[0].result
      #expect(((r.worst?.slack ?? -1) >= 0) == fits, "\(path.steps.count - 3) co-executors: \(String(describing: r.worst))")
    }
  }

  /// Parallel co-executors all end at once: nothing to count.
  @Test func parallelCoExecutorsAreNotCounted() {
    #expect(!Self.reworkLimit(Self.sequential(order: "parallel")).contains { $0.message.en.contains("co-executors") })
  }
}
