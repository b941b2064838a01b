extension AuditSession {
  /// Starts a log of `format` named `file`, as `Auditor.read` does before a file's rows: for a log held in memory
  /// whose reader (`XESLogReader(bytes:name:)`, `XLSXLogReader(bytes:name:)`) then hands its rows to this session
  /// (the fuzz targets, issue 14).
  public func begin(file: String, format: LogFormat) {
    begin(file: file, spreadsheet: format == .xlsx, canonical: format == .xes)
  }
}
