import Foundation
import Testing
import RegulationModel
import WorkingTime
@testable import RegulationSimulation

/// The simulator against independent oracles: the Erlang C formula, and a slow second-by-second reference
/// simulation written here from the schedule's hours and the calendar's day kinds (no `WorkingTimeTable`).
@Suite struct ValidationTests {
  /// Erlang C: mean wait in queue of M/M/c with arrival rate λ and service rate μ (per minute).
  static func erlangCWait(lambda: Double, mu: Double, c: Int) -> Double {
    let a = lambda / mu, rho = a / Double(c)
    var sum = 0.0, term = 1.0
    for k in 0..<c {
      if k > 0 { term *= a / Double(k) }
      sum += term
    }
    let last = term * a / Double(c) / (1 - rho)  // a^c / c! / (1 − ρ)
    let pWait = last / (sum + last)
    return pWait / (Double(c) * mu - lambda)
  }

  @Test func erlangCFormulaMatchesATextbookCase() {
    // λ = 2/min, μ = 1/min, c = 3: P(wait) = 4/9, Wq = 4/9 / (3 − 2) = 0.444… min.
    #expect(abs(Self.erlangCWait(lambda: 2, mu: 1, c: 3) - 4.0 / 9) < 1e-12)
  }

  /// M/M/3 at ρ = 0.8 around the clock (staff `always`, no calendar): the mean wait in queue across replications
  /// contains the formula's value in its 95 % confidence interval.
  @Test func mmcMatchesErlangC() {
    let reg = Fixtures.regulation()
    let lambda = 0.24, meanService = 10.0, c = 3  // per minute; ρ = 0.24 · 10 / 3 = 0.8
    let scenario = """
      scenario: 1
      horizon: {start: 2026-03-02, days: 16, warmup_days: 2}
      arrivals: {per_day: \(lambda * 1440), days_off: 1}
      staff:
        agent: {headcount: \(c), always: true}
      durations:
        serve: {exponential: \(meanService)}
      """
    let outcome = Fixtures.outcome(scenario, regulation: reg, runs: 16)
    let wait = outcome.base.meanWait(role: 0)
    let expected = Self.erlangCWait(lambda: lambda, mu: 1 / meanService, c: c)
    #expect(abs(wait.mean - expected) <= wait.halfWidth, "simulated \(wait.mean) ± \(wait.halfWidth), Erlang C \(expected)")
    #expect(wait.halfWidth < 0.15 * expected)
    // Utilisation is ρ.
    #expect(abs(outcome.base.utilisation(role: 0) - 0.8) < 0.02)
  }

  /// Whether second `s` (local seconds) is working for 09:00–18:00 on working days, one hour shorter before a
  /// holiday: from the day kinds of the production calendar only.
  static func isWorkingSecond(_ s: Int, calendar: ProductionCalendar) -> Bool {
    let date = CivilDate(dayNumber: Int((Double(s) / 86_400).rounded(.down)))
    let kind = calendar.kind(of: date)
    let sod = s - date.dayNumber * 86_400
    switch kind {
    case .working, .workingWeekend: return sod >= 9 * 3600 && sod < 18 * 3600
    case .shortened: return sod >= 9 * 3600 && sod < 17 * 3600
    default: return false
    }
  }

  /// FCFS, `c` identical people who work only in working seconds, fixed service demand: completion instants.
  static func reference(arrivals: [Int], service: Int, c: Int, calendar: ProductionCalendar) -> [Int] {
    var done = Array(repeating: -1, count: arrivals.count)
    var remaining = Array(repeating: 0, count: c), job = Array(repeating: -1, count: c)
    var queue: [Int] = [], next = 0, finished = 0
    var s = arrivals.first ?? 0
    while finished < arrivals.count {
      // Completions at instant s, then arrivals at s, then free people at work take the oldest waiting.
      for k in 0..<c where job[k] >= 0 && remaining[k] == 0 {
        done[job[k]] = s
        job[k] = -1
        finished += 1
      }
      while next < arrivals.count && arrivals[next] <= s {
        queue.append(next)
        next += 1
      }
      let working = isWorkingSecond(s, calendar: calendar)
      if working {
        for k in 0..<c where job[k] < 0 && !queue.isEmpty {
          job[k] = queue.removeFirst()
          remaining[k] = service
        }
        for k in 0..<c where job[k] >= 0 && remaining[k] > 0 { remaining[k] -= 1 }
      }
      s += 1
    }
    return done
  }

  /// Two people on 09:00–18:00 over the May holidays of 2026 (1 and 11 May off, 8 May shortened): every completion
  /// instant of the simulator equals the reference's, second for second.
  @Test func workingHoursAgreeWithSecondBySecondReference() throws {
    let reg = Fixtures.regulation(deadline: "{amount: 8, clock: working-hours, from: detected}",
      hours: "mon-fri: \"09:00-18:00\"", shortening: 60)
    let scenario = """
      scenario: 1
      horizon: {start: 2026-04-27, days: 21}
      arrivals: {per_day: 30, by_weekday: {sat-sun: 0.3}, days_off: 0.3}
      staff:
        agent: {headcount: 2}
      durations:
        serve: {fixed: 40}
      """
    let outcome = Fixtures.outcome(scenario, regulation: reg, runs: 1, trace: true)
    let rows = try #require(outcome.trace)
    let tz = try #require(RegulationTimeZone(identifier: "Asia/Yekaterinburg"))
    var arrivals: [String: Int] = [:], completions: [String: Int] = [:]
    for row in rows {
      let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let t = try #require(tz.parseDateTime(f[2])).seconds
      if f[1] == "detected" { arrivals[f[0]] = t } else { completions[f[0]] = t }
    }
    let ids = arrivals.keys.sorted { (arrivals[$0]!, $0) < (arrivals[$1]!, $1) }
    #expect(ids.count > 300)
    let expected = Self.reference(arrivals: ids.map { arrivals[$0]! }, service: 2400, c: 2,
      calendar: RussianProductionCalendar.calendar)
    var mismatches = 0
    for (i, id) in ids.enumerated() where completions[id] != expected[i] { mismatches += 1 }
    #expect(mismatches == 0, "\(mismatches) of \(ids.count) completions differ")
    // Work carried over: some case detected before 17:20 on a working day finishes the next working morning.
    #expect(ids.contains { id in
      let a = LocalTimestamp(seconds: arrivals[id]!), d = LocalTimestamp(seconds: completions[id]!)
      return d.date > a.date && d.secondOfDay < 12 * 3600
    })
  }

  /// A task of 40 working minutes started at 17:50 on a 09:00–18:00 day ends at 09:30 of the next working day.
  @Test func workCarriesOverTheNight() throws {
    let reg = Fixtures.regulation(deadline: "{amount: 8, clock: working-hours, from: detected}",
      hours: "mon-fri: \"09:00-18:00\"", shortening: 60)
    // One burst message at 17:50 on Friday 15 May 2026; nothing else.
    let scenario = """
      scenario: 1
      horizon: {start: 2026-05-15, days: 1}
      arrivals:
        per_day: 0
        bursts: [{start: 2026-05-15T17:50, hours: 0.00028, per_hour: 100000}]
      staff:
        agent: {headcount: 1}
      durations:
        serve: {fixed: 40}
      """
    let outcome = Fixtures.outcome(scenario, regulation: reg, runs: 1, trace: true)
    let rows = try #require(outcome.trace)
    let done = rows.filter { $0.contains(",serve,") }
    // About 28 messages in that second; the first is done on Monday 18 May 2026 at 09:30, the next 40 minutes later.
    #expect(done.count > 10)
    #expect(done.first?.contains(",2026-05-18T09:30:00+05:00,") == true)
    #expect(done.dropFirst().first?.contains(",2026-05-18T10:10:00+05:00,") == true)
  }
}
