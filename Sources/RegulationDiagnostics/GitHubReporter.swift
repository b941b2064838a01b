/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
public struct GitHubReporter: Sendable {
  public var language: Language

  public init(language: Language) { self.language = language }

  public func render(_ report: DiagnosticReport) -> String {
    report.diagnostics.map { d in
      let command = d.severity == .error ? "error" : (d.severity == .warning ? "warning" : "notice")
      var message = d.message.text(language)
      if !d.clauses.isEmpty { message += " (" + (language == .ru ? "п. " : "clauses ") + d.clauses.joined(separator: ", ") + ")" }
      if let hint = d.hint { message += "\n" + hint.text(language) }
      return "::\(command) file=\(property(d.range.start.file)),line=\(d.range.start.line),col=\(d.range.start.column),"
        + "title=\(property(d.id.rawValue))::\(data(message))"
    }.joined(separator: "\n") + (report.diagnostics.isEmpty ? "" : "\n")
  }

  func data(_ s: String) -> String {
    s.split(separator: "%", omittingEmptySubsequences: false).joined(separator: "%25")
      .split(separator: "\r", omittingEmptySubsequences: false).joined(separator: "%0D")
      .split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "%0A")
  }

  func property(_ s: String) -> String {
    data(s).split(separator: ":", omittingEmptySubsequences: false).joined(separator: "%3A")
      .split(separator: ",", omittingEmptySubsequences: false).joined(separator: "%2C")
  }
}
