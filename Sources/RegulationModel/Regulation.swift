import RegulationDiagnostics
import WorkingTime

/// A day added to the production calendar by the regulation (a regional holiday, an organisation's exception).
public struct CalendarAddition: Sendable, Hashable {
  public var date: CivilDate
  public var kind: DayKind
  public var note: String
  public var range: SourceRange

  public init(date: CivilDate, kind: DayKind, note: String, range: SourceRange) {
    self.date = date
    self.kind = kind
    self.note = note
    self.range = range
  }
}

/// The working time a regulation's clocks count in.
public struct WorkingTimeSpec: Sendable, Hashable {
  public var timeZone: Located<String>
  public var schedule: WorkingSchedule
  public var roleSchedules: [String: WorkingSchedule]
  /// Where each role of `role_schedules` is named, for reference checking.
  public var roleScheduleRoles: [Located<String>]
  public var calendarAdditions: [CalendarAddition]
  public var clause: ClauseReference?
  public var assumption: Assumption?
  public var range: SourceRange

  public init(timeZone: Located<String>, schedule: WorkingSchedule, roleSchedules: [String: WorkingSchedule], roleScheduleRoles: [Located<String>], calendarAdditions: [CalendarAddition], clause: ClauseReference?, assumption: Assumption?, range: SourceRange) {
    self.timeZone = timeZone
    self.schedule = schedule
    self.roleSchedules = roleSchedules
    self.roleScheduleRoles = roleScheduleRoles
    self.calendarAdditions = calendarAdditions
    self.clause = clause
    self.assumption = assumption
    self.range = range
  }
}

/// A finding the authors have read and accept, with their written justification: shown as a note, not hidden.
public struct Acknowledgement: Sendable, Hashable {
  public var finding: String
  public var subject: String?
  public var clauses: [String]
  public var justification: String
  public var range: SourceRange

  public init(finding: String, subject: String?, clauses: [String], justification: String, range: SourceRange) {
    self.finding = finding
    self.subject = subject
    self.clauses = clauses
    self.justification = justification
    self.range = range
  }
}

/// An embedded test: an incident and what the regulation must compute for it.
public struct EmbeddedTest: Sendable, Hashable {
  public var name: String
  public var detected: Located<String>
  public var categories: [Located<String>]
  public var kind: Located<String>?
  public var events: [(step: Located<String>, time: Located<String>)]
  public var expected: [(step: Located<String>, time: Located<String>)]
  /// Expected audit verdicts: step or limit id → `on-time`, `late` or `never-answered`.
  public var audit: [(step: Located<String>, time: Located<String>)] = []
  public var range: SourceRange

  public static func == (a: EmbeddedTest, b: EmbeddedTest) -> Bool { a.name == b.name && a.range == b.range }
  public func hash(into h: inout Hasher) {
    h.combine(name)
    h.combine(range)
  }

  public init(name: String, detected: Located<String>, categories: [Located<String>], kind: Located<String>?, events: [(step: Located<String>, time: Located<String>)], expected: [(step: Located<String>, time: Located<String>)], range: SourceRange) {
    self.name = name
    self.detected = detected
    self.categories = categories
    self.kind = kind
    self.events = events
    self.expected = expected
    self.range = range
  }
}

/// A whole regulation: the act, its working time, participants, categories, exclusions, steps, overall deadlines,
/// duties, acknowledged findings and embedded tests. Every node keeps its source range and clause.
public struct Regulation: Sendable {
  public var file: String
  public var version: Int
  public var act: Act
  public var workingTime: WorkingTimeSpec?
  public var roles: [Role]
  public var kinds: [MessageKind]
  public var channels: [Channel]
  public var categories: [Category]
  public var situations: [Situation]
  public var exclusions: [Exclusion]
  public var steps: [Step]
  public var limits: [Limit]
  public var duties: [Duty]
  public var repeatMessages: RepeatRule?
  public var acknowledgements: [Acknowledgement]
  public var tests: [EmbeddedTest]
  /// v1.1: acts related to this one (the act approving it, amending acts, an act in another file).
  public var relatedActs: [RelatedAct] = []
  /// v1.1: whether 59-FZ applies, which messages the act covers.
  public var regime: Regime?
  /// v1.1: obligations that are not steps (coordination, control, interaction). `duties` are reports.
  public var obligations: [Obligation] = []
  /// v1.1: requirements on the answer's content and form, audited by recorded attributes.
  public var answerRequirements: [AnswerRequirement] = []

  public init(file: String, range: SourceRange) {
    self.file = file
    version = 1
    act = Act(range: range)
    roles = []
    kinds = []
    channels = []
    categories = []
    situations = []
    exclusions = []
    steps = []
    limits = []
    duties = []
    acknowledgements = []
    tests = []
  }

  public func step(_ id: String) -> Step? { steps.first { $0.id == id } }

  /// The regulation as in force on `date`: the steps, limits, deadline rules, exclusions, obligations and answer
  /// requirements whose `since`/`until` editions include that date (a file without editions is returned as it is).
  /// `deadlines --on DATE` computes with this.
  public func edition(on date: CivilDate) -> Regulation {
    let editions = act.editions
    guard !editions.isEmpty else { return self }
    var r = self
    func inForce(_ v: Validity) -> Bool { v.inForce(on: date, editions: editions) }
    func filter(_ d: StepDeadline?) -> StepDeadline? {
      guard case .rules(let rules)? = d else { return d }
      return .rules(rules.filter { inForce($0.validity) })
    }
    r.steps = steps.filter { inForce($0.validity) }.map { s in
      var s = s
      s.deadline = filter(s.deadline)
      return s
    }
    r.limits = limits.filter { inForce($0.validity) }.map { l in
      var l = l
      l.deadline = filter(l.deadline) ?? .rules([])
      return l
    }
    r.exclusions = exclusions.filter { inForce($0.validity) }
    r.obligations = obligations.filter { inForce($0.validity) }
    r.answerRequirements = answerRequirements.filter { inForce($0.validity) }
    return r
  }

  /// The edition in force on `date`: the latest whose `effective_from` is not after it (nil: the original text).
  public func editionID(on date: CivilDate) -> String? {
    act.editions.filter { $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }?.id
  }
  public func limit(_ id: String) -> Limit? { limits.first { $0.id == id } }
  public func role(_ id: String) -> Role? { roles.first { $0.id == id } }

  /// A category by id, name or alias ("решаемые", "фаст-трек", "solvable").
  public func category(named text: String) -> Category? {
    let t = text.lowercased()
    return categories.first { $0.id.lowercased() == t || $0.name.lowercased() == t || $0.aliases.contains { $0.value.lowercased() == t } }
  }

  /// A kind by id or name.
  public func kind(named text: String) -> MessageKind? {
    let t = text.lowercased()
    return kinds.first { $0.id.lowercased() == t || $0.name.lowercased() == t }
  }

  /// The time contexts of the regulation: the organisation's and one per role with its own schedule. `additions` are
  /// the user's own calendar facts (regional holidays, exceptions) laid over the regulation's.
  public func clocks(additions: [(CivilDate, CalendarEntry)] = []) -> RegulationClocks? {
    guard let wt = workingTime, let tz = RegulationTimeZone(identifier: wt.timeZone.value) else { return nil }
    let all = wt.calendarAdditions.map { ($0.date, CalendarEntry(kind: $0.kind, note: $0.note)) } + additions
    let main = TimeContext(timeZone: tz, schedule: wt.schedule, additions: all)
    var byRole: [String: TimeContext] = [:]
    for (role, schedule) in wt.roleSchedules { byRole[role] = TimeContext(timeZone: tz, schedule: schedule, additions: all) }
    return RegulationClocks(main: main, byRole: byRole)
  }
}

/// The clocks of a regulation: the organisation's working time, and the schedules of roles that work differently
/// (an operator on shifts). A step's deadline counts in its role's time; overall limits count in the organisation's.
public struct RegulationClocks: Sendable {
  public let main: TimeContext
  public let byRole: [String: TimeContext]

  public init(main: TimeContext, byRole: [String: TimeContext]) {
    self.main = main
    self.byRole = byRole
  }

  public func context(for role: String?) -> TimeContext { role.flatMap { byRole[$0] } ?? main }
}
