import Foundation
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
  /// Threads: 1 judges each batch of closed cases on the reading thread; 2 (the default on a machine with at least
  /// two cores) judges them on a second thread while the next batch is read. Every output is the same either way.
  public var threads: Int = ProcessInfo.processInfo.activeProcessorCount >= 2 ? 2 : 1
  /// Every this many rows (a power of two) the cases gone stale are closed and handed to the judge as one batch; a case
  /// touched by the last `recentCases` rows stays open. Tests make them small, to cross many batches on short logs.
  var sweepEvery = 1 << 16
  var recentCases = 4096
  /// Called every 1 048 576 rows with the number of rows read (progress on a terminal).
  public var progress: (@Sendable (Int) -> Void)?

  public init() {}
}
