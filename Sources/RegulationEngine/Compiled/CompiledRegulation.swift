import RegulationDiagnostics
import RegulationModel
import Synchronization
import WorkingTime

/// A regulation compiled once for evaluation: steps, limits and duties by index with every reference resolved, typed
/// outcomes and conditions, the clock of every role, and the step graph. Immutable; share it between threads.
public final class CompiledRegulation: Sendable {
  public let regulation: Regulation
  public let clocks: RegulationClocks
  /// The clocks steps count in: index 0 is the organisation's, then one per role with its own schedule.
  public let contexts: [TimeContext]
  public let steps: [CompiledStep]
  public let limits: [CompiledLimit]
  public let duties: [CompiledDuty]
  public let graph: StepGraph
  let stepIndexByKey: [String: Int]
  let limitIndexByID: [String: Int]
  let categoryIndexByKey: [String: Int]
  let kindIndexByKey: [String: Int]
  let channelIndexByKey: [String: Int]
  let situationIndexByID: [String: Int]
  private let plans = Mutex<[IncidentProfile: EvaluationPlan]>([:])

  /// Compiles a regulation that parsed without errors. `additions`: the user's own calendar facts.
  public convenience init(_ regulation: Regulation, additions: [(CivilDate, CalendarEntry)] = []) throws(EngineError) {
    guard let clocks = regulation.clocks(additions: additions) else {
      throw EngineError(.noWorkingTime)
    }
    self.init(regulation, clocks: clocks)
  }

  /// Compiles a regulation with clocks already built.
  public init(_ reg: Regulation, clocks: RegulationClocks) {
    regulation = reg
    self.clocks = clocks
    func keyed<T>(_ items: [T], _ keys: (T) -> [String]) -> [String: Int] {
      var out: [String: Int] = [:]
      for (i, item) in items.enumerated() {
        for k in keys(item) where out[k.lowercased()] == nil { out[k.lowercased()] = i }
      }
      return out
    }
    // Ids first, so that an id always wins over another element's name.
    var stepKeys = keyed(reg.steps) { [$0.id] }
    for (k, v) in keyed(reg.steps, { [$0.name] }) where stepKeys[k] == nil { stepKeys[k] = v }
    stepIndexByKey = stepKeys
    limitIndexByID = keyed(reg.limits) { [$0.id] }
    var catKeys = keyed(reg.categories) { [$0.id] }
    for (k, v) in keyed(reg.categories, { [$0.name] + $0.aliases.map(\.value) }) where catKeys[k] == nil { catKeys[k] = v }
    categoryIndexByKey = catKeys
    kindIndexByKey = keyed(reg.kinds) { [$0.id, $0.name] }
    channelIndexByKey = keyed(reg.channels) { [$0.id, $0.name] }
    situationIndexByID = keyed(reg.situations) { [$0.id, $0.name] }

    var contexts = [clocks.main]
    var contextByRole: [String: Int] = [:]
    for role in clocks.byRole.keys.sorted() {
      contextByRole[role] = contexts.count
      contexts.append(clocks.byRole[role]!)
    }
    self.contexts = contexts

    let stepIDs = Dictionary(reg.steps.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let limitIDs = Dictionary(reg.limits.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let categories = categoryIndexByKey, kinds = kindIndexByKey, channels = channelIndexByKey
    let situations = situationIndexByID
    func condition(_ c: Condition) -> CompiledCondition {
      var out = CompiledCondition()
      out.categories = c.categories.compactMap { categories[$0.value.lowercased()] }
      out.allOf = c.allOf.map { group in group.compactMap { categories[$0.value.lowercased()] } }
      out.overlayCategories = out.categories.filter { reg.categories[$0].overlay }
      out.kinds = c.kinds.compactMap { kinds[$0.value.lowercased()] }
      out.channels = c.channels.compactMap { channels[$0.value.lowercased()] }
      out.situations = c.situations.compactMap { situations[$0.value.lowercased()] }
      return out
    }
    func reference(_ id: String?) -> DeadlineReference? {
      guard let id else { return nil }
      if let s = stepIDs[id] { return .step(s) }
      return limitIDs[id].map { .limit($0) }
    }
    // Monitoring software that records and dispatches: its period runs on the calendar, never on a schedule.
    let systemRoles = Set(reg.roles.filter { $0.actor == .system }.map(\.id))
    func calendarPeriod(_ p: Period) -> Period {
      switch p.clock {
      case .workingMinutes: Period(clock: .calendarMinutes, amount: p.amount)
      case .workingHours, .workingDayHours: Period(clock: .calendarHours, amount: p.amount)
      case .workingDays: Period(clock: .calendarDays, amount: p.amount)
      default: p
      }
    }
    func deadline(_ d: StepDeadline?, clause: String?, system: Bool = false, range: SourceRange? = nil) -> CompiledDeadline {
      switch d {
      case nil, .none?:
        if system, let range {
          // A system step with no period of its own completes at once (its dispatch starts the next clocks).
          let rule = DeadlineRule(period: Period(clock: .immediately, amount: 0), amountRange: range, clockRange: range,
            anchors: [], before: nil, notLaterThan: nil, each: false, condition: Condition(), clause: nil, assumption: nil,
            quote: nil, range: range)
          return .rules([CompiledRule(period: rule.period, anchors: [], before: nil, notLaterThan: nil, each: false,
            condition: CompiledCondition(), clause: clause, source: rule)])
        }
        if case .none(let reason, _)? = d { return .none(reason: reason) }
        return .missing
      case .rules(let rules)?:
        return .rules(rules.map { r in
          CompiledRule(
            period: system ? calendarPeriod(r.period) : r.period,
            anchors: r.anchors.compactMap { a -> CompiledAnchor? in
              switch a.value {
              case .detected: .detected
              case .posted: .posted
              case .step(let s): stepIDs[s].map { .step($0) }
              }
            },
            before: reference(r.before?.value), notLaterThan: reference(r.notLaterThan?.value), each: r.each,
            condition: condition(r.condition), clause: r.clause?.number ?? clause, source: r)
        })
      }
    }
    steps = reg.steps.enumerated().map { i, s in
      let mode: CoExecutionMode? = s.coExecution.map {
        $0.order == "sequential" ? .sequential(orderSetBy: $0.orderSetBy?.value) : .parallel
      }
      return CompiledStep(
        index: i, id: s.id, name: s.name, role: s.role?.value, clause: s.clause?.number,
        condition: condition(s.condition),
        deadline: deadline(s.deadline, clause: s.clause?.number, system: s.role.map { systemRoles.contains($0.value) } ?? false,
          range: s.idRange),
        outcomes: s.outcomes.map { o in
          let target: OutcomeTarget = o.to.flatMap { stepIDs[$0.value] }.map { .step($0) } ?? .end
          return CompiledOutcome(kind: OutcomeKind(o.on), target: target, clause: o.clause?.number)
        },
        coExecution: mode, clock: s.role.flatMap { contextByRole[$0.value] } ?? 0, overlap: s.overlap?.value, source: s)
    }
    limits = reg.limits.enumerated().map { i, l in
      CompiledLimit(index: i, id: l.id, name: l.name, until: stepIDs[l.until.value] ?? 0, clause: l.clause?.number,
        deadline: deadline(l.deadline, clause: l.clause?.number), overlap: l.overlap?.value, source: l)
    }
    duties = reg.duties.enumerated().map { i, d in
      CompiledDuty(index: i, id: d.id, name: d.name, role: d.role?.value, clause: d.clause?.number,
        condition: condition(d.condition), deadline: deadline(d.deadline, clause: d.clause?.number), source: d)
    }
    var edges: [(from: Int, to: Int)] = []
    var ends: [Int] = []
    for s in steps {
      for o in s.outcomes {
        switch o.target {
        case .step(let t): edges.append((s.index, t))
        case .end: ends.append(s.index)
        }
      }
    }
    graph = StepGraph(stepCount: steps.count, edges: edges, ends: ends)
  }

  /// The step with this id, or (failing that) this name, case-insensitively.
  public func stepIndex(_ idOrName: String) -> Int? { stepIndexByKey[idOrName.lowercased()] }
  /// The limit with this id.
  public func limitIndex(_ id: String) -> Int? { limitIndexByID[id.lowercased()] }
  /// A category by id, name or alias ("решаемые", "фаст-трек", "solvable"), case-insensitively.
  public func categoryIndex(_ text: String) -> Int? { categoryIndexByKey[text.lowercased()] }

  /// The category used when none is given: the first base (non-overlay) category.
  public var defaultCategory: Int? { regulation.categories.firstIndex { !$0.overlay } }

  /// Resolves names, ids and aliases to a profile. An overlay category given alone («повышенной важности») is laid
  /// over the first base category it applies to; no category means the default one.
  public func profile(
    categories names: [String] = [], kind: String? = nil, channel: String? = nil, situations: Set<String>? = nil,
    coExecutors: Int = 1
  ) throws(EngineError) -> IncidentProfile {
    let reg = regulation
    var base: [Int] = [], overlay: [Int] = []
    for name in names {
      guard let i = categoryIndex(name) else {
        if reg.categories.isEmpty {
          throw EngineError(.noCategories(given: name))
        }
        throw EngineError(.unknownCategory(name, known: reg.categories.map { "\($0.id) («\($0.name)»)" }))
      }
      if reg.categories[i].overlay { overlay.append(i) } else { base.append(i) }
    }
    if base.isEmpty, let first = overlay.first {
      let target = reg.categories[first].appliesTo.first.flatMap { categoryIndex($0.value) } ?? defaultCategory
      if let target { base.append(target) }
    } else if base.isEmpty, let d = defaultCategory {
      base.append(d)
    }
    var kindIndex: Int?
    if let kind {
      guard let k = kindIndexByKey[kind.lowercased()] else {
        throw EngineError(.unknownKind(kind, known: reg.kinds.map(\.id)))
      }
      kindIndex = k
    }
    var channelIndex: Int?
    if let channel {
      guard let c = channelIndexByKey[channel.lowercased()] else {
        throw EngineError(.unknownChannel(channel, known: reg.channels.map(\.id)))
      }
      channelIndex = c
    }
    var situationSet: Set<Int>?
    if let situations {
      situationSet = []
      for s in situations {
        guard let i = situationIndexByID[s.lowercased()] else {
          throw EngineError(.unknownSituation(s, known: reg.situations.map(\.id)))
        }
        situationSet!.insert(i)
      }
    }
    return IncidentProfile(categories: Array(Set(base)).sorted() + Array(Set(overlay)).sorted(), kind: kindIndex,
      channel: channelIndex, situations: situationSet, coExecutors: max(1, coExecutors))
  }

  /// The evaluation plan of a profile, prepared once and cached.
  public func plan(_ profile: IncidentProfile) -> EvaluationPlan {
    if let cached = plans.withLock({ $0[profile] }) { return cached }
    let plan = EvaluationPlan(self, profile: profile)
    plans.withLock { $0[profile] = plan }
    return plan
  }

  /// Names of the categories of a profile, as the act writes them.
  public func categoryNames(_ profile: IncidentProfile) -> [String] {
    profile.categories.map { regulation.categories[$0].name }
  }
}
