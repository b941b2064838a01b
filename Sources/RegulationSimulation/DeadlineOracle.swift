import RegulationEngine
import RegulationModel
import WorkingTime

/// The only place the simulation asks for deadlines: every due instant comes from the engine's single evaluator
/// (engine v2: `CompiledRegulation` → `EvaluationPlan`), the same one `reglament deadlines` and the audit use.
final class DeadlineOracle: Sendable {
  let compiled: CompiledRegulation
  /// The evaluation plan of each incident profile the scenario generates.
  private let plans: [EvaluationPlan]
  /// Per limit: its id and the index of the step that meets it.
  let limits: [(id: String, until: Int)]

  /// One due instant per recorded event (nil: the act sets none), and the overall limits.
  struct Evaluation {
    var eventDues: [LocalTimestamp?]
    var limits: [(limit: Int, due: LocalTimestamp, reachedAt: LocalTimestamp?)]
  }

  /// `profiles`: category ids, kind and channel of each incident profile the scenario generates.
  init(regulation: Regulation, clocks: RegulationClocks,
    profiles: [(categories: [String], kind: String?, channel: String?)]) throws
  {
    let compiled = CompiledRegulation(regulation, clocks: clocks)
    self.compiled = compiled
    // Situations: those the regulation's steps require (the flow's branches decide whether a case shows them), and no
    // other: a rule or limit only for a situation no step stands for (Ust-Labinsk's `urgent` 4 hours) holds for no
    // simulated case, as the audit reads a log that never shows it.
    let situations = Set(regulation.steps.flatMap { $0.condition.situations.map(\.value) })
    plans = try profiles.map { p in
      compiled.plan(try compiled.profile(categories: p.categories, kind: p.kind, channel: p.channel, situations: situations))
    }
    limits = compiled.limits.map { ($0.id, $0.until) }
  }

  private func history(_ detected: Int, _ events: some Collection<(step: Int, at: Int)>) -> CaseHistory {
    CaseHistory(detected: LocalTimestamp(seconds: detected),
      events: events.map { CaseEvent(step: $0.step, at: LocalTimestamp(seconds: $0.at)) })
  }

  /// A case run of a profile: the simulator records each completed step in it and asks what is due, so every case is
  /// evaluated once, event by event, with buffers reused from case to case.
  func run(profile: Int) -> CaseRun { CaseRun(plans[profile], detected: LocalTimestamp(seconds: 0)) }

  /// Whether an overall limit applies to a profile.
  func limitApplies(profile: Int, limit: Int) -> Bool { plans[profile].rule(ofLimit: limit) != nil }

  /// Whether the plan of a profile has a deadline rule for a step (without one, every occurrence's deadline is none).
  func hasRule(profile: Int, step: Int) -> Bool { plans[profile].rule(ofStep: step) != nil }

  /// Per step: whether its completion can change a deadline of the profile's plan.
  func stepsThatMatter(profile: Int) -> [Bool] { plans[profile].stepsThatMatter() }

  /// Whether a step's condition holds for a profile.
  func applies(profile: Int, step: Int) -> Bool { plans[profile].applies(step) }

  /// The deadline of the next occurrence of `step`, given the events so far.
  func due(of step: Int, profile: Int, detected: Int, events: ArraySlice<(step: Int, at: Int)>) -> LocalTimestamp? {
    plans[profile].due(of: step, in: history(detected, events))
  }

  /// Replays a finished case (events in time order): each event's deadline and the overall limits.
  func evaluate(profile: Int, detected: Int, events: [(step: Int, at: Int)]) -> Evaluation {
    let ev = plans[profile].evaluate(history(detected, events))
    var dues = [LocalTimestamp?](repeating: nil, count: events.count)
    for v in ev.events where v.event >= 0 && v.event < dues.count { dues[v.event] = v.due.instant }
    let limitResults = ev.limits.compactMap { l -> (limit: Int, due: LocalTimestamp, reachedAt: LocalTimestamp?)? in
      l.due.instant.map { (l.limit, $0, l.reachedAt) }
    }
    return Evaluation(eventDues: dues, limits: limitResults)
  }
}
