import RegulationEngine
import RegulationModel
import WorkingTime

/// The deadlines of one regulation at a detection instant, for `reglament diff`: the one place the diff asks the
/// engine, through the compiled regulation and the evaluation plan of each profile (the projection `reglament
/// deadlines` shows).
struct DiffDeadlineSource: Sendable {
  let compiled: CompiledRegulation
  var clocks: RegulationClocks { compiled.clocks }
  /// Steps without a deadline that other deadlines count from, taken as done at detection (their earliest moment):
  /// otherwise every deadline after them is unknown at every instant and a changed period would show no move.
  let assumedDone: [Int]

  init?(_ regulation: Regulation) {
    guard let compiled = try? CompiledRegulation(regulation) else { return nil }
    self.compiled = compiled
    assumedDone = regulation.stepsAssumedDoneAtDetection.compactMap { compiled.stepIndex($0) }
  }

  /// One computed deadline: `key` is `step:ID`, `limit:ID` or `duty:ID`; `due` is nil when it cannot be computed.
  struct Due: Sendable {
    var key: String
    var id: String
    var entity: String
    var name: String
    var clause: String?
    var role: String?
    var due: LocalTimestamp?
  }

  /// Every deadline of an incident of these categories (all situations) detected at `detected`, local time of the
  /// regulation's zone: each applicable step (projected: a step not yet done ends at its deadline), each limit, each
  /// duty. Categories the version does not have yield no deadlines.
  func deadlines(categories: [String], detected: LocalTimestamp) -> [Due] {
    guard let profile = try? compiled.profile(categories: categories) else { return [] }
    return compiled.plan(profile).deadlines(
      CaseHistory(detected: detected, events: assumedDone.map { CaseEvent(step: $0, at: detected) }), explain: false).map { d in
      let clause = d.rule?.clause
      switch d.element {
      case .step(let s):
        let step = compiled.steps[s]
        return Due(key: "step:\(step.id)", id: step.id, entity: "step", name: step.name, clause: clause ?? step.clause,
          role: step.role, due: d.due.instant)
      case .limit(let l):
        let limit = compiled.limits[l]
        return Due(key: "limit:\(limit.id)", id: limit.id, entity: "limit", name: limit.name,
          clause: clause ?? limit.clause, role: nil, due: d.due.instant)
      case .duty(let k):
        let duty = compiled.duties[k]
        return Due(key: "duty:\(duty.id)", id: duty.id, entity: "duty", name: duty.name, clause: clause ?? duty.clause,
          role: duty.role, due: d.due.instant)
      }
    }
  }
}

extension Regulation {
  /// Ids of steps the act gives no deadline that some deadline counts from (`from: read` when reading has no
  /// deadline), in file order: `reglament diff` takes them as done at detection.
  var stepsAssumedDoneAtDetection: [String] {
    var anchors = Set<String>()
    forEachRule { rule in
      for a in rule.anchors { if case .step(let s) = a.value { anchors.insert(s) } }
    }
    return steps.filter { step in
      guard anchors.contains(step.id) else { return false }
      if case .rules(let rules)? = step.deadline, !rules.isEmpty { return false }
      return true
    }.map(\.id)
  }
}
