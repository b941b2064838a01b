import Foundation
import RegulationModel

/// The formats a log can be in.
public enum LogFormat: String, Sendable, CaseIterable {
  case csv, jsonl, xes, xlsx

  /// By the file's extension (`.csv`, `.tsv`, `.txt`, `.jsonl`, `.ndjson`, `.json`, `.xes`, `.xlsx`).
  public static func of(path: String) -> LogFormat {
    let ext = (path as NSString).pathExtension.lowercased()
    switch ext {
    case "jsonl", "ndjson", "json": return .jsonl
    case "xes": return .xes
    case "xlsx": return .xlsx
    default: return .csv
    }
  }
}

/// Audits logs against a regulation in one streaming pass.
public enum Auditor {
  public static func run(engine: AuditEngine, logs: [String], map: LogMap = .canonical, options: AuditOptions = AuditOptions())
    throws(AuditError) -> AuditResult
  {
    let session = try AuditSession(engine: engine, map: map, options: options)
    for path in logs { try read(path, into: session, map: map) }
    return session.finish()
  }

  /// Reads one log into a session.
  public static func read(_ path: String, into session: AuditSession, map: LogMap) throws(AuditError) {
    var sink = session
    switch LogFormat.of(path: path) {
    case .csv:
      session.begin(file: path)
      try CSVLogReader(path: path, delimiter: map.delimiter, encoding: map.encoding).read(into: &sink)
    case .jsonl:
      session.begin(file: path)
      try JSONLinesLogReader(path: path, columns: LogMap.Field.allCases.map { map.column(for: $0) }).read(into: &sink)
    case .xes:
      session.begin(file: path, canonical: true)
      try XESLogReader(path: path).read(into: &sink)
    case .xlsx:
      session.begin(file: path, spreadsheet: true)
      try XLSXLogReader(path: path).read(into: &sink)
    }
  }
}
