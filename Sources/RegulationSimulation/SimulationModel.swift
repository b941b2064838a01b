import RegulationEngine
import RegulationModel
import WorkingTime

/// A problem that stops a simulation before it starts (the regulation's working time, an unknown category): both
/// languages, for the CLI to print.
public struct SimulationError: Error, Sendable {
  public var en: String
  public var ru: String
}

/// One scenario variant compiled against its regulation: indices instead of names, working-time tables shared by
/// the people who keep the same hours, the deadline oracle. Immutable; every replication of the variant shares it.
public final class SimulationModel: Sendable {
  struct Role: Sendable {
    var id: String
    /// Table index of each person.
    var servers: [Int]
    var absentShare: Double
    var substitutes: Int
  }

  /// One incident profile: an entry of the category × kind mix (`mix`) on one channel (`channel`); profile index =
  /// mix × channel count + channel.
  struct Profile: Sendable {
    var categories: [String]
    var kind: String?
    var channel: String?
    /// Share of the category × kind entry (the channel is drawn apart).
    var share: Double
    /// Index of the category mix entry (for the late share by category).
    var categoryChoice: Int
  }

  public let name: String
  let regulation: Regulation
  let scenario: Scenario
  let timeZone: RegulationTimeZone
  let oracle: DeadlineOracle
  let flow: ScenarioFlow
  let tables: [WorkingTimeTable]
  let roles: [Role]
  /// Per step: role index (-1: no role, a delay in the organisation's working time), duration, co-execution
  /// (0 none, 1 parallel, 2 sequential), whether the outcome is `rework`.
  let stepRole: [Int]
  let stepDuration: [Distribution]
  let stepCoExecution: [UInt8]
  let mainTable: Int
  let profiles: [Profile]
  /// Channels of the mix (1 when the scenario gives none) and their cumulative shares.
  let channelCount: Int
  let channelCumulative: [Double]
  /// Per profile, per step: whether the step applies (its condition holds).
  let applies: [[Bool]]
  /// Names of the category mix entries (`ordinary+important`).
  let categoryNames: [String]
  let startDay: Int
  let days: Int
  let warmupDays: Int

  /// Compiles `scenario` (already checked against `regulation`; variant overrides applied).
  public init(regulation original: Regulation, scenario: Scenario, name: String) throws(SimulationError) {
    self.name = name
    // A horizon checked in the file can still be changed by `--set` or a request: checked again here, so no statistic
    // indexes past its days and no period outside the calendar quietly counts nothing.
    let h = scenario.horizon
    guard h.days > 0, h.warmupDays >= 0, h.warmupDays < h.days else {
      throw SimulationError(
        en: "the warm-up (\(h.warmupDays) days) must be shorter than the period (\(h.days) days)",
        ru: "разогрев (\(h.warmupDays) дн.) должен быть короче периода (\(h.days) дн.)")
    }
    let years = RussianProductionCalendar.years
    let (lastDay, overflow) = h.start.dayNumber.addingReportingOverflow(h.days - 1)
    guard !overflow, years.contains(h.start.year), years.contains(CivilDate(dayNumber: lastDay).year) else {
      throw SimulationError(
        en: "the period \(h.start) + \(h.days) days is outside the production calendar (\(years.lowerBound)–\(years.upperBound))",
        ru: "период \(h.start) + \(h.days) дн. выходит за производственный календарь (\(years.lowerBound)–\(years.upperBound))")
    }
    var regulation = original
    // What-if: the regulation's own deadline changed.
    for o in scenario.deadlines {
      if let i = regulation.steps.firstIndex(where: { $0.id == o.id }), case .rules(var rules)? = regulation.steps[i].deadline {
        for j in rules.indices { rules[j].period = o.period }
        regulation.steps[i].deadline = .rules(rules)
      }
      if let i = regulation.limits.firstIndex(where: { $0.id == o.id }), case .rules(var rules) = regulation.limits[i].deadline {
        for j in rules.indices { rules[j].period = o.period }
        regulation.limits[i].deadline = .rules(rules)
      }
    }
    self.regulation = regulation
    self.scenario = scenario
    guard let clocks = regulation.clocks(), let flow = ScenarioFlow(regulation: regulation, scenario: scenario) else {
      throw SimulationError(en: "the regulation has no valid working time or no steps",
        ru: "в регламенте не задано корректное рабочее время или нет шагов")
    }
    self.flow = flow
    timeZone = clocks.main.timeZone
    let additions = (regulation.workingTime?.calendarAdditions ?? []).map { ($0.date, CalendarEntry(kind: $0.kind, note: $0.note)) }
    var tables: [WorkingTimeTable] = [clocks.main.working]
    func tableIndex(_ t: WorkingTimeTable) -> Int {
      if let i = tables.firstIndex(where: { $0 === t }) { return i }
      tables.append(t)
      return tables.count - 1
    }
    var roles: [Role] = []
    for (roleID, spec) in scenario.staff.sorted(by: { $0.key < $1.key }) {
      var servers: [Int] = []
      for shift in spec.shifts {
        let table: WorkingTimeTable
        switch shift.schedule {
        case nil: table = clocks.context(for: roleID).working
        case .calendar(let ws)?: table = TimeContext(timeZone: timeZone, schedule: ws, additions: additions).working
        case .always?: table = AlwaysTable.shared
        }
        let i = tableIndex(table)
        servers += Array(repeating: i, count: shift.count)
      }
      roles.append(Role(id: roleID, servers: servers, absentShare: spec.vacationShare + spec.sickShare,
        substitutes: spec.substitutes))
    }
    self.tables = tables
    self.roles = roles
    mainTable = 0
    stepRole = regulation.steps.map { s in s.role.flatMap { r in roles.firstIndex { $0.id == r.value } } ?? -1 }
    stepDuration = regulation.steps.map { scenario.durations[$0.id]?.value ?? .fixed(0) }
    stepCoExecution = regulation.steps.map { s in
      guard let c = s.coExecution else { return 0 }
      return c.order == "parallel" ? 1 : 2
    }
    // Profiles: the category mix × the kind mix.
    let cats: [(names: [String], share: Double)] =
      scenario.arrivals.categories.isEmpty ? [([], 1)] : scenario.arrivals.categories.map { ($0.names, $0.share) }
    let kinds: [(name: String?, share: Double)] =
      scenario.arrivals.kinds.isEmpty ? [(nil, 1)] : scenario.arrivals.kinds.map { ($0.names.first, $0.share) }
    // Channels: rules with `when: {channel: …}` apply in simulation as in `reglament deadlines`.
    let channels: [(name: String?, share: Double)] =
      scenario.arrivals.channels.isEmpty ? [(nil, 1)] : scenario.arrivals.channels.map { ($0.names.first, $0.share) }
    var profiles: [Profile] = []
    for (ci, c) in cats.enumerated() {
      for k in kinds {
        for ch in channels {
          profiles.append(Profile(categories: c.names, kind: k.name, channel: ch.name, share: c.share * k.share,
            categoryChoice: ci))
        }
      }
    }
    self.profiles = profiles
    channelCount = channels.count
    var acc = 0.0
    channelCumulative = channels.map { acc += $0.share; return acc }
    categoryNames = cats.map { $0.names.isEmpty ? "all" : $0.names.joined(separator: "+") }
    do {
      oracle = try DeadlineOracle(regulation: regulation, clocks: clocks, profiles: profiles.map { ($0.categories, $0.kind, $0.channel) })
    } catch let e as EngineError {
      throw SimulationError(en: e.en, ru: e.ru)
    } catch {
      throw SimulationError(en: "\(error)", ru: "\(error)")
    }
    let oracle = self.oracle
    applies = profiles.indices.map { p in regulation.steps.indices.map { oracle.applies(profile: p, step: $0) } }
    startDay = scenario.horizon.start.dayNumber
    days = scenario.horizon.days
    warmupDays = scenario.horizon.warmupDays
  }

  var stepIDs: [String] { regulation.steps.map(\.id) }
}

/// Round the clock, every day of the year: no weekends, no holidays (a duty service; the calendar-free validation).
enum AlwaysTable {
  static let shared: WorkingTimeTable = {
    let all = Dictionary(uniqueKeysWithValues: (1...7).map { ($0, [ClockRange(start: 0, end: 86_400)]) })
    let schedule = WorkingSchedule(name: "круглосуточно без выходных", weekdays: all, preHolidayShortening: 0)
    return WorkingTimeTable(schedule: schedule,
      calendar: ProductionCalendar(coverage: RussianProductionCalendar.calendar.coverage))
  }()
}
