import WorkingTime

/// How the instant a deadline counts from was chosen.
public enum StartFact: Sendable, Hashable {
  case detected
  case posted
  /// The author's posting time is not recorded: taken as the detection.
  case postedAsDetected
  /// A recorded completion of this step.
  case stepDone(Int)
  /// This step is not recorded: assumed to end at its own deadline.
  case stepDue(Int)
  /// The previous co-executor's recorded completion (sequential co-executors).
  case previousCoExecutor
  /// Counted back from this deadline (`before:`).
  case reference(DeadlineReference)
}

/// One fact of a deadline's derivation; rendered per language by `DeadlineFactRenderer`.
public enum DeadlineFact: Sendable, Hashable {
  case start(StartFact, LocalTimestamp)
  /// The step counts in its role's own schedule, not the organisation's.
  case roleSchedule(role: String, WorkingSchedule)
  /// A fact of the calendar and clock (working intervals, days off, art. 191/193/194).
  case time(ExplanationFact)
  /// `n` sequential co-executors, each with the full period: the last one's deadline.
  case coExecutorsInTurn(count: Int, due: LocalTimestamp)
  /// `not_later_than:` — the capping deadline and whether it was earlier.
  case cap(DeadlineReference, LocalTimestamp, applied: Bool)
  /// A reading of the act that its text does not state.
  case assumption(String)
  /// The act gives no deadline (with its reason, when it says one).
  case noDeadline(reason: String?)
  /// The anchor step has no deadline and no recorded time.
  case noStart(Int)
  case referenceUnknown(DeadlineReference)
  case outsideCalendar(CivilDate)
  case due(LocalTimestamp)
  /// Several rules match: the earliest (or latest) due of them is taken.
  case ruleChosen(clauses: [String], chosen: String, latest: Bool)
}
