import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// Every deadline of one incident, as `reglament deadlines`, embedded tests and the web API show them: a client of the
/// one evaluator (`EvaluationPlan`), which it asks with the incident's profile and case history.
public struct DeadlineCalculator: Sendable {
  public let compiled: CompiledRegulation

  /// `additions`: the user's own calendar facts laid over the regulation's calendar.
  public init?(regulation: Regulation, additions: [(CivilDate, CalendarEntry)] = []) {
    guard let c = try? CompiledRegulation(regulation, additions: additions) else { return nil }
    compiled = c
  }

  public init(_ compiled: CompiledRegulation) { self.compiled = compiled }

  public var regulation: Regulation { compiled.regulation }
  /// The organisation's time context (time zone, calendar, schedule).
  public var time: TimeContext { compiled.clocks.main }

  /// The profile and case history of an incident; throws on an unknown category, kind, channel, situation or step.
  public func resolve(_ incident: Incident) throws(EngineError) -> (IncidentProfile, CaseHistory) {
    let profile = try compiled.profile(categories: incident.categories, kind: incident.kind, channel: incident.channel,
      situations: incident.situations)
    var history = CaseHistory(detected: incident.detected, posted: incident.posted)
    for (name, at) in incident.events {
      if name == "posted" {
        history.posted = at
        continue
      }
      guard let s = compiled.stepIndex(name) else {
        throw EngineError(.unknownStep(name, known: compiled.steps.map(\.id)))
      }
      history.events.append(CaseEvent(step: s, at: at))
    }
    return (profile, history)
  }

  /// Every deadline of the incident, in file order: steps, then limits, then duties.
  public func deadlines(for incident: Incident, explain: Bool = true) throws(EngineError) -> [ProjectedDeadline] {
    let (profile, history) = try resolve(incident)
    return compiled.plan(profile).deadlines(history, explain: explain)
  }

  /// The deadline now in force for each step and limit after every recorded event, by id: what embedded tests'
  /// `expect:` states (for a step done several times, the deadline its next occurrence would have).
  public func deadlinesInForce(for incident: Incident) throws(EngineError) -> [String: LocalTimestamp] {
    let (profile, history) = try resolve(incident)
    let plan = compiled.plan(profile)
    var run = CaseRun(plan, detected: history.detected, posted: history.posted)
    for e in history.events { run.record(e.step, at: e.at) }
    var out: [String: LocalTimestamp] = [:]
    for s in compiled.steps where plan.applies(s.index) {
      if let t = run.due(of: s.index).instant { out[s.id] = t }
    }
    for l in compiled.limits where plan.rule(ofLimit: l.index) != nil {
      if let t = run.limitDue(l.index).instant { out[l.id] = t }
    }
    return out
  }

  /// The id of a projected deadline's step, limit or duty.
  public func id(of d: ProjectedDeadline) -> String {
    switch d.element {
    case .step(let s): compiled.steps[s].id
    case .limit(let l): compiled.limits[l].id
    case .duty(let k): compiled.duties[k].id
    }
  }
}
