import WorkingTime

/// How to run an audit.
public struct AuditOptions: Sendable {
  /// A case whose last event is this much older than the latest time read is closed and replayed, so memory is
  /// bounded by the cases open within this window (default 30 days). An event for a closed case is rejected.
  public var horizonSeconds: Int = 30 * 86_400
  /// The case whose replay to record step by step (`--explain CASE`).
  public var explainCase: String?
  /// Keep every case's id and verdict (JUnit lists passing cases too).
  public var keepCaseList = false
  /// Only cases detected in this period count (`--from`, `--to`); others are counted as outside the period.
  public var from: LocalTimestamp?
  public var to: LocalTimestamp?
  /// Keep violations for the report (off in the benchmark, which only counts them).
  public var keepViolations = true
  /// Replay closed cases (off only to time the import and case assembly alone in the benchmark).
  public var replay = true
  /// Called every 1 048 576 rows with the number of rows read (progress on a terminal).
  public var progress: (@Sendable (Int) -> Void)?

  public init() {}
}
