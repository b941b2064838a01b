import RegulationDiagnostics
import WorkingTime

/// A simulation scenario: a workload (arrivals), the staff who handle it, how long each step takes, which way each
/// step goes, and the variants to compare. Read from a `*.scenario.yaml` file by `ScenarioParser`; every value keeps
/// the place it was written so that problems found later can point at it.
public struct Scenario: Sendable {
  public var file: String
  public var name: String
  /// The regulation file the scenario was written for (relative to the scenario), when it names one.
  public var regulation: String?
  public var horizon: ScenarioHorizon
  public var arrivals: ArrivalSpec
  /// Staff by role id.
  public var staff: [String: StaffSpec]
  /// Time per step (step id → distribution of working minutes of the step's role).
  public var durations: [String: Located<Distribution>]
  /// Branch probabilities: step id → outcome (`if:` of the step) → probability.
  public var branches: [String: BranchSpec]
  /// Rounds of rework after which an approval is assumed (a case cannot loop for ever).
  public var maxRework: Int
  /// How many co-executors a co-executed step has: count → probability.
  public var coExecutors: [Int: Double]
  public var queue: QueueDiscipline
  public var variants: [ScenarioVariant]
  /// The regulation's own deadlines changed by a what-if variant (`deadline.process: 6 working-hours`).
  public var deadlines: [DeadlineOverride]
  public var range: SourceRange

  public init(file: String, range: SourceRange) {
    self.file = file
    self.name = ""
    self.horizon = ScenarioHorizon(start: CivilDate(year: 2026, month: 1, day: 12)!, days: 91, warmupDays: 0)
    self.arrivals = ArrivalSpec()
    self.staff = [:]
    self.durations = [:]
    self.branches = [:]
    self.maxRework = 3
    self.coExecutors = [1: 1]
    self.queue = .fcfs
    self.variants = []
    self.deadlines = []
    self.range = range
  }
}

/// The simulated period: arrivals happen from `start` for `days` days; incidents detected in the first `warmupDays`
/// are simulated but not counted (the queues start empty).
public struct ScenarioHorizon: Sendable, Hashable {
  public var start: CivilDate
  public var days: Int
  public var warmupDays: Int

  public init(start: CivilDate, days: Int, warmupDays: Int) {
    self.start = start
    self.days = days
    self.warmupDays = warmupDays
  }
}

/// Where messages come from and what they are.
public struct ArrivalSpec: Sendable {
  /// Mean messages on a working day whose weekday factor is 1.
  public var perDay: Double = 20
  /// 24 relative weights of the hours of the day (local time); uniform by default.
  public var byHour: [Double] = Array(repeating: 1, count: 24)
  /// Factors by weekday, Monday first (7 values).
  public var byWeekday: [Double] = [1, 1, 1, 1, 1, 1, 1]
  /// Factor on days off of the production calendar (holidays, transferred days off); weekends use `byWeekday`.
  public var daysOff: Double = 1
  public var bursts: [Burst] = []
  /// Category mix: each entry is one or more category ids (a base and overlays) with its share.
  public var categories: [WeightedChoice] = []
  public var kinds: [WeightedChoice] = []
  public var channels: [WeightedChoice] = []
  /// Share of messages that are excluded (abusive, 59-ФЗ): only the first step handles them.
  public var excludedShare: Double = 0
  /// Share of repeat messages (the same question again), counted separately.
  public var repeatShare: Double = 0

  public init() {}
}

/// One value of a mix with its share (`ordinary+important: 0.1`).
public struct WeightedChoice: Sendable, Hashable {
  public var names: [String]
  public var share: Double
  public var range: SourceRange

  public init(names: [String], share: Double, range: SourceRange) {
    self.names = names
    self.share = share
    self.range = range
  }
}

/// A storm of messages on one topic: extra arrivals at a constant rate over an interval, with their own category.
public struct Burst: Sendable, Hashable {
  public var start: LocalTimestamp
  public var hours: Double
  public var perHour: Double
  public var categories: [String]
  public var range: SourceRange

  public init(start: LocalTimestamp, hours: Double, perHour: Double, categories: [String], range: SourceRange) {
    self.start = start
    self.hours = hours
    self.perHour = perHour
    self.categories = categories
    self.range = range
  }
}

/// The people of one role.
public struct StaffSpec: Sendable, Hashable {
  public var role: Located<String>
  /// Groups of people with the same schedule. A role without shifts works the regulation's schedule for the role.
  public var shifts: [Shift]
  /// Daily probability that a person is away on vacation, and on sick leave.
  public var vacationShare: Double
  public var sickShare: Double
  /// People from outside the pool who stand in for absent ones (up to this many a day).
  public var substitutes: Int
  public var range: SourceRange

  public init(role: Located<String>, shifts: [Shift], vacationShare: Double = 0, sickShare: Double = 0, substitutes: Int = 0,
    range: SourceRange)
  {
    self.role = role
    self.shifts = shifts
    self.vacationShare = vacationShare
    self.sickShare = sickShare
    self.substitutes = substitutes
    self.range = range
  }

  /// People in all shifts.
  public var headcount: Int { shifts.reduce(0) { $0 + $1.count } }
}

/// People who work the same hours: `schedule == nil` means the regulation's schedule for the role.
public struct Shift: Sendable, Hashable {
  public var count: Int
  public var schedule: StaffSchedule?
  public var range: SourceRange

  public init(count: Int, schedule: StaffSchedule?, range: SourceRange) {
    self.count = count
    self.schedule = schedule
    self.range = range
  }
}

/// A schedule of staff: the production calendar's working days with given hours, or round the clock every day of the
/// year (holidays included: a duty service, and the calendar-free validation runs).
public enum StaffSchedule: Sendable, Hashable {
  case calendar(WorkingSchedule)
  case always
}

/// A distribution of durations, in minutes.
public enum Distribution: Sendable, Hashable, CustomStringConvertible {
  case exponential(mean: Double)
  case lognormal(mean: Double, sigma: Double)
  case triangular(min: Double, mode: Double, max: Double)
  case uniform(min: Double, max: Double)
  case fixed(Double)
  /// Observed durations, drawn uniformly (a column of a table, or fitted from an event log).
  case empirical([Double])

  public var mean: Double {
    switch self {
    case .exponential(let m), .lognormal(let m, _), .fixed(let m): m
    case .triangular(let a, let c, let b): (a + b + c) / 3
    case .uniform(let a, let b): (a + b) / 2
    case .empirical(let xs): xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count)
    }
  }

  public var description: String {
    func f(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e12 ? String(Int(x)) : String(x) }
    switch self {
    case .exponential(let m): return "exponential \(f(m))"
    case .lognormal(let m, let s): return "lognormal \(f(m)) \(f(s))"
    case .triangular(let a, let c, let b): return "triangular \(f(a)) \(f(c)) \(f(b))"
    case .uniform(let a, let b): return "uniform \(f(a)) \(f(b))"
    case .fixed(let x): return "fixed \(f(x))"
    case .empirical(let xs): return "empirical (\(xs.count) values, mean \(f((mean * 10).rounded() / 10)))"
    }
  }
}

/// Probabilities of a step's outcomes.
public struct BranchSpec: Sendable, Hashable {
  public var step: Located<String>
  public var outcomes: [(outcome: Located<String>, probability: Double)]
  public var range: SourceRange

  public init(step: Located<String>, outcomes: [(outcome: Located<String>, probability: Double)], range: SourceRange) {
    self.step = step
    self.outcomes = outcomes
    self.range = range
  }

  public static func == (a: BranchSpec, b: BranchSpec) -> Bool {
    a.step == b.step && a.outcomes.map(\.outcome) == b.outcomes.map(\.outcome)
      && a.outcomes.map(\.probability) == b.outcomes.map(\.probability)
  }
  public func hash(into h: inout Hasher) { h.combine(step) }
}

/// Which waiting message a free person takes next.
public enum QueueDiscipline: String, Sendable, Hashable, CaseIterable {
  /// First come, first served.
  case fcfs
  /// Earliest deadline (of the step, as the engine computes it) first.
  case edf
}

/// A what-if variant: overrides of the base scenario (`staff.executor.headcount: 4`).
public struct ScenarioVariant: Sendable {
  public var name: String
  public var overrides: [ScenarioOverride]
  public var range: SourceRange

  public init(name: String, overrides: [ScenarioOverride], range: SourceRange) {
    self.name = name
    self.overrides = overrides
    self.range = range
  }
}

/// One `key = value` override, from a variant or `--set`.
public struct ScenarioOverride: Sendable, Hashable {
  public var key: String
  public var value: String
  public var range: SourceRange?

  public init(key: String, value: String, range: SourceRange? = nil) {
    self.key = key
    self.value = value
    self.range = range
  }
}

/// An override of the regulation's own deadline for a step or limit: the amount and clock become these.
public struct DeadlineOverride: Sendable, Hashable {
  public var id: String
  public var period: Period

  public init(id: String, period: Period) {
    self.id = id
    self.period = period
  }
}
