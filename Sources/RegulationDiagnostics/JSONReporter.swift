/// The JSON of `reglament check --format json`, exactly the fields of the CLI contract (plus `id`-stable extras).
public struct JSONReporter: Sendable {
  public var language: Language

  public init(language: Language) { self.language = language }

  public func render(_ report: DiagnosticReport) -> JSONValue {
    let passed = report.tests.filter(\.passed).count
    return .object([
      ("files", .array(report.files.map { .string($0) })),
      ("diagnostics", .array(report.diagnostics.map(diagnostic))),
      ("tests", .object([("passed", .int(passed)), ("failed", .int(report.tests.count - passed))])),
      ("summary", .object([
        ("errors", .int(report.count(.error))), ("warnings", .int(report.count(.warning))),
        ("notes", .int(report.count(.note))),
      ])),
    ])
  }

  public func diagnostic(_ d: Diagnostic) -> JSONValue {
    var fields: [(String, JSONValue)] = [
      ("severity", .string(d.severity.rawValue)), ("id", .string(d.id.rawValue)),
      ("message", .string(d.message.text(language))), ("file", .string(d.range.start.file)),
      ("line", .int(d.range.start.line)), ("column", .int(d.range.start.column)),
      ("clauses", .array(d.clauses.map { .string($0) })),
      ("notes", .array(d.notes.map { note in
        var n: [(String, JSONValue)] = [("message", .string(note.message.text(language)))]
        if let r = note.range {
          n += [("file", .string(r.start.file)), ("line", .int(r.start.line)), ("column", .int(r.start.column))]
        }
        return .object(n)
      })),
    ]
    if let subject = d.subject { fields.append(("subject", .string(subject))) }
    if let hint = d.hint { fields.append(("hint", .string(hint.text(language)))) }
    if !d.fixIts.isEmpty {
      fields.append(("fixits", .array(d.fixIts.map {
        .object([("line", .int($0.range.start.line)), ("column", .int($0.range.start.column)),
          ("length", .int($0.range.length)), ("replacement", .string($0.replacement))])
      })))
    }
    return .object(fields)
  }
}
