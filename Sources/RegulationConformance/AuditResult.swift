import WorkingTime

/// A row of the log that was not audited, and why.
public struct RejectedRow: Sendable, Hashable {
  public var file: String
  /// Line (CSV, JSON Lines, XLSX row) or event number (XES).
  public var position: Int
  public var reason: AuditText
}

/// One case as JUnit lists it.
public struct CaseSummary: Sendable, Hashable {
  public var id: String
  public var violations: Int
}

/// Everything an audit found.
public struct AuditResult: Sendable {
  public var regulationFile: String
  public var actTitle: String
  public var timeZone: RegulationTimeZone
  public var logs: [String]
  public var cases = 0
  public var events = 0
  public var rejectedRows = 0
  /// Events of statuses the map says to ignore.
  public var ignoredEvents = 0
  /// Cases detected outside `--from`/`--to`.
  public var outsidePeriod = 0
  public var violatingCases = 0
  public var violationCount = 0
  public var countsByKind: [ViolationKind: Int] = [:]
  public var violations: [Violation] = []
  public var rejected: [RejectedRow] = []
  public var notices: [AuditText] = []
  public var byDepartment: [TimelinessRow] = []
  public var byExecutor: [TimelinessRow] = []
  /// The step-by-step replay of `--explain CASE` (nil when not asked or the case is not in the log).
  public var explanation: [AuditText]?
  public var caseList: [CaseSummary] = []
  /// The latest time in the log: a deadline after it is not yet missed.
  public var logEnd: LocalTimestamp?
  /// Rejected rows kept for the report (all are counted).
  public static let maxRejectedKept = 100_000
}
