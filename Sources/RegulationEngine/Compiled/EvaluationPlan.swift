import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// The deadlines of one incident profile, prepared: for each step, limit and duty, whether it applies and which rule
/// counts. Evaluating a case history with a plan is arithmetic on the calendar tables only.
public struct EvaluationPlan: Sendable {
  /// What a step, limit or duty is under this profile.
  enum Slot: Sendable {
    /// The element's condition does not hold.
    case notApplicable
    /// It applies, and one rule gives its deadline.
    case rule(CompiledRule)
    /// Several rules match and the act (or, silent, the engine) takes the earliest or the latest due of them.
    case choice([CompiledRule], latest: Bool)
    /// It applies, but none of its rules does.
    case noRuleApplies
    /// It applies and the act gives it no deadline.
    case noDeadline(reason: String?)
  }

  public let profile: IncidentProfile
  let steps: [Slot]
  let limits: [Slot]
  let duties: [Slot]
  /// Clock of each step (index into `contexts`).
  let stepClock: [Int]
  let stepRoles: [String?]
  let contexts: [TimeContext]
  let successors: [[Int]]
  let entries: [Int]
  let limitUntil: [Int]
  /// Steps whose occurrences chain (sequential co-executors with a period each).
  let chains: [Bool]
  /// Rules that matched besides the chosen one, by element: an explicit, reported choice (not silently the first).
  public let overlaps: [OverlappingRules]

  init(_ c: CompiledRegulation, profile: IncidentProfile) {
    self.profile = profile
    var overlaps: [OverlappingRules] = []
    func slot(_ d: CompiledDeadline, applies: Bool, overlap: OverlapChoice? = nil, element: OverlappingRules.Element) -> Slot {
      guard applies else { return .notApplicable }
      switch d {
      case .missing: return .noDeadline(reason: nil)
      case .none(let reason): return .noDeadline(reason: reason)
      case .rules(let rules):
        let matching = rules.filter { $0.condition.matches(profile) }
        let overlay = matching.filter { $0.condition.isOverlayMatch(profile) }
        let candidates = overlay.isEmpty ? matching : overlay
        guard let chosen = candidates.first else { return .noRuleApplies }
        if candidates.count > 1 {
          overlaps.append(OverlappingRules(element: element, choice: overlap, chosen: chosen.source.range,
            others: candidates.dropFirst().map(\.source.range)))
          switch overlap {
          case .listedFirst?, .overlayFirst?: return .rule(chosen)
          case .latest?: return .choice(candidates, latest: true)
          case .earliest?, nil: return .choice(candidates, latest: false)
          }
        }
        return .rule(chosen)
      }
    }
    steps = c.steps.map {
      slot($0.deadline, applies: $0.condition.matches(profile), overlap: $0.overlap, element: .step($0.index))
    }
    limits = c.limits.map { slot($0.deadline, applies: true, overlap: $0.overlap, element: .limit($0.index)) }
    duties = c.duties.map { slot($0.deadline, applies: $0.condition.matches(profile), element: .duty($0.index)) }
    self.overlaps = overlaps
    stepClock = c.steps.map(\.clock)
    stepRoles = c.steps.map(\.role)
    contexts = c.contexts
    successors = c.graph.successors
    entries = c.graph.entries
    limitUntil = c.limits.map(\.until)
    chains = c.steps.map { s in
      guard s.chainsOccurrences, case .rules(let rules) = s.deadline else { return false }
      return rules.contains(where: \.each)
    }
  }

  /// Whether a step's condition holds for this profile.
  public func applies(_ step: Int) -> Bool {
    if case .notApplicable = steps[step] { return false }
    return true
  }

  /// Whether a duty's condition holds for this profile.
  public func dutyApplies(_ duty: Int) -> Bool {
    if case .notApplicable = duties[duty] { return false }
    return true
  }

  /// The rule that gives a step its deadline under this profile.
  public func rule(ofStep step: Int) -> CompiledRule? {
    switch steps[step] {
    case .rule(let r): return r
    case .choice(let rules, _): return rules.first
    default: return nil
    }
  }

  /// The rule that gives a limit its deadline under this profile.
  public func rule(ofLimit limit: Int) -> CompiledRule? {
    switch limits[limit] {
    case .rule(let r): return r
    case .choice(let rules, _): return rules.first
    default: return nil
    }
  }

  /// The clock a step's deadlines count in.
  public func clock(ofStep step: Int) -> TimeContext { contexts[stepClock[step]] }

  /// The organisation's clock (overall limits count in it).
  public var mainClock: TimeContext { contexts[0] }

  // MARK: - Evaluation

  /// Replays a history: the deadline each recorded event had and whether it was met, the overall limits, and what
  /// may come next.
  public func evaluate(_ history: CaseHistory) -> CaseEvaluation {
    var r = Replay(self, history)
    return r.evaluation()
  }

  /// The deadline the next occurrence of `step` has, given the history so far.
  public func due(of step: Int, in history: CaseHistory) -> LocalTimestamp? {
    var r = Replay(self, history)
    return r.stepDue(step, at: r.order.count).instant
  }

  /// The due instant of an overall limit, given the history so far.
  public func limitDue(_ limit: Int, in history: CaseHistory) -> LocalTimestamp? {
    var r = Replay(self, history)
    return r.limitDue(limit, at: r.order.count).instant
  }

  /// Every deadline of an incident as `reglament deadlines` shows it: each applicable step (each recorded occurrence,
  /// or the next one projected when none is recorded: a step not yet done is assumed to end at its deadline), each
  /// limit and each duty, with the facts that derive it when `explain`.
  public func deadlines(_ history: CaseHistory, explain: Bool) -> [ProjectedDeadline] {
    var r = Replay(self, history)
    return r.projection(explain: explain)
  }
}

/// Two or more rules of one element that match the same incident: the engine takes the first and says so.
public struct OverlappingRules: Sendable, Hashable {
  public enum Element: Sendable, Hashable {
    case step(Int), limit(Int), duty(Int)
  }
  public var element: Element
  /// What the act says to do (`overlap:`); `nil`: it is silent, and the earliest due is taken.
  public var choice: OverlapChoice?
  public var chosen: SourceRange
  public var others: [SourceRange]
}
