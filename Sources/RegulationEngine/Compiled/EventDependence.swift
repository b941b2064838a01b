/// Which recorded events a plan's deadlines can depend on (additive: for clients that build cases event by event).
extension EvaluationPlan {
  /// Per step: whether a recorded completion of the step can change a deadline of this plan — a rule of a step, limit
  /// or duty counts from the step (`from:`, including the projection from its deadline when it is not recorded) or
  /// refers to it (`before:`, `not_later_than:`), or its occurrences chain (sequential co-executors). A client that
  /// builds a case event by event (the simulator's `CaseRun`) may leave the other steps' completions out without
  /// changing any deadline it asks for. A limit's `until` step decides whether the limit is met, not when it is due:
  /// it is not marked for that (a client that leaves it out reads its first completion itself).
  public func stepsThatMatter() -> [Bool] {
    var matter = chains
    func mark(_ slot: Slot) {
      let rules: [CompiledRule]
      switch slot {
      case .rule(let r): rules = [r]
      case .choice(let rs, _): rules = rs
      default: return
      }
      for r in rules {
        for case .step(let s) in r.anchors where matter.indices.contains(s) { matter[s] = true }
        for case .step(let s)? in [r.before, r.notLaterThan] where matter.indices.contains(s) { matter[s] = true }
      }
    }
    steps.forEach(mark)
    limits.forEach(mark)
    duties.forEach(mark)
    return matter
  }
}
