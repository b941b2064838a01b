import RegulationEngine
import RegulationModel
import WorkingTime

/// The deadlines of one regulation at a detection instant, for `reglament diff`: the one place the diff asks the
/// engine (today `DeadlineCalculator`; the engine-v2 `EvaluationPlan` replaces it here and nowhere else).
struct DiffDeadlineSource: Sendable {
  let regulation: Regulation
  let clocks: RegulationClocks
  let calculator: DeadlineCalculator

  init?(_ regulation: Regulation) {
    guard let clocks = regulation.clocks() else { return nil }
    self.regulation = regulation
    self.clocks = clocks
    calculator = DeadlineCalculator(regulation: regulation, clocks: clocks)
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
  /// regulation's zone. A computation the calendar cannot cover yields no deadlines (both versions alike).
  func deadlines(categories: [String], detected: LocalTimestamp) -> [Due] {
    let incident = Incident(detected: detected, categories: categories)
    guard let list = try? calculator.deadlines(for: try calculator.normalized(incident), explain: false) else { return [] }
    return list.map { d in
      Due(key: "\(d.entity):\(d.step)", id: d.step, entity: d.entity, name: d.name, clause: d.clause, role: d.role,
        due: d.due)
    }
  }
}
