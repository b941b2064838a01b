import WorkingTime

/// A case built event by event, asking the evaluator what is due after each: the simulator and the feasibility
/// analysis walk cases this way. Reuses its buffers across cases (`reset`), so a run allocates nothing per case once
/// warmed up.
public struct CaseRun: Sendable {
  private var replay: Replay

  public init(_ plan: EvaluationPlan, detected: LocalTimestamp, posted: LocalTimestamp? = nil) {
    replay = Replay(plan, CaseHistory(detected: detected, posted: posted))
  }

  /// The history so far.
  public var history: CaseHistory { replay.history }

  /// Starts a new case with the same plan.
  public mutating func reset(detected: LocalTimestamp, posted: LocalTimestamp? = nil) {
    replay.reset(detected: detected, posted: posted)
  }

  /// Records that `step` was completed at `at` (events may come out of time order; they are kept in time order).
  public mutating func record(_ step: Int, at: LocalTimestamp, actor: String? = nil, department: String? = nil) {
    // Without texts, as plain values (no `CaseEvent` built, copied or destroyed: the simulator's hot path).
    if actor == nil, department == nil {
      replay.append(step: step, at: at.seconds)
    } else {
      replay.append(CaseEvent(step: step, at: at, actor: actor, department: department))
    }
  }

  /// The deadline of the next occurrence of `step`.
  public mutating func due(of step: Int) -> Due { replay.stepDue(step, at: replay.order.count) }

  /// The deadline of an overall limit.
  public mutating func limitDue(_ limit: Int) -> Due { replay.limitDue(limit, at: replay.order.count) }

  /// The whole case replayed.
  public mutating func evaluation() -> CaseEvaluation { replay.evaluation() }

  /// The whole case replayed into `out`, reusing its arrays: with `reset` and `record`, replaying case after case
  /// allocates nothing once the buffers have grown (the audit's hot path).
  /// `workingTimeOfLateOnly`: working-time lateness only for late events and limits (on-time ones carry their elapsed
  /// lateness there too), which saves the costliest calendar arithmetic when only late ones are read.
  public mutating func evaluation(into out: inout CaseEvaluation, workingTimeOfLateOnly: Bool = false) {
    replay.evaluation(into: &out, needs: EvaluationNeeds(workingLateness: workingTimeOfLateOnly ? .lateOnly : .all))
  }

  /// The whole case replayed into `out`, computing what `needs` asks for.
  public mutating func evaluation(into out: inout CaseEvaluation, needs: EvaluationNeeds) {
    replay.evaluation(into: &out, needs: needs)
  }

  /// A closed case replayed: the run starts a new case at `detected` (and `posted`), records `steps[i]` at `times[i]`
  /// (local seconds) and replays it into `out`, computing what `needs` asks for. The audit's hot path: with the
  /// events in time order each is appended at the end (no search, no sort) and the evaluation walks them once; any
  /// order is accepted and gives what recording them one by one gives.
  public mutating func replay(detected: LocalTimestamp, posted: LocalTimestamp?, steps: [Int], times: [Int],
    needs: EvaluationNeeds, into out: inout CaseEvaluation)
  {
    precondition(steps.count == times.count, "one time per step")
    replay.reset(detected: detected, posted: posted)
    replay.append(steps: steps, times: times)
    replay.evaluation(into: &out, needs: needs)
  }

  /// Every applicable step's first deadline and every limit's, projected from detection alone (a step not done is
  /// assumed to end at its deadline), written into the buffers (`nil`: none). Reuses the run's buffers: no allocation
  /// per case once warmed up — the hot path of simulations and of `reglament bench --what engine`.
  public mutating func project(
    detected: LocalTimestamp, steps stepDues: inout [LocalTimestamp?], limits limitDues: inout [LocalTimestamp?]
  ) {
    replay.reset(detected: detected)
    for s in stepDues.indices { stepDues[s] = replay.stepDue(s, at: 0).instant }
    for l in limitDues.indices { limitDues[l] = replay.limitDue(l, at: 0).instant }
  }
}
