/// SARIF 2.1.0 (OASIS) for code-scanning tools.
public struct SARIFReporter: Sendable {
  public var language: Language
  public static let toolVersion = "0.1.0"

  public init(language: Language) { self.language = language }

  public func render(_ report: DiagnosticReport) -> JSONValue {
    let ids = DiagnosticID.allCases
    let rules: [JSONValue] = ids.map { id in
      .object([
        ("id", .string(id.rawValue)),
        ("shortDescription", .object([("text", .string(id.summary.text(language)))])),
        ("defaultConfiguration", .object([("level", .string(level(id.defaultSeverity)))])),
      ])
    }
    let results: [JSONValue] = report.diagnostics.map { d in
      var fields: [(String, JSONValue)] = [
        ("ruleId", .string(d.id.rawValue)),
        ("ruleIndex", .int(ids.firstIndex(of: d.id) ?? 0)),
        ("level", .string(level(d.severity))),
        ("message", .object([("text", .string(d.message.text(language) + (d.hint.map { " " + $0.text(language) } ?? "")))])),
        ("locations", .array([location(d.range)])),
      ]
      let related = d.notes.enumerated().compactMap { (i, n) -> JSONValue? in
        guard let r = n.range else { return nil }
        guard case .object(var loc) = location(r) else { return nil }
        loc.insert(("id", .int(i + 1)), at: 0)
        loc.append(("message", .object([("text", .string(n.message.text(language)))])))
        return .object(loc)
      }
      if !related.isEmpty { fields.append(("relatedLocations", .array(related))) }
      var properties: [(String, JSONValue)] = [("clauses", .array(d.clauses.map { .string($0) }))]
      if let subject = d.subject { properties.append(("subject", .string(subject))) }
      fields.append(("properties", .object(properties)))
      return .object(fields)
    }
    return .object([
      ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
      ("version", .string("2.1.0")),
      ("runs", .array([.object([
        ("tool", .object([("driver", .object([
          ("name", .string("reglament")),
          ("version", .string(Self.toolVersion)),
          ("informationUri", .string("https://example.invalid/reglament")),
          ("rules", .array(rules)),
        ]))])),
        ("artifacts", .array(report.files.map { .object([("location", .object([("uri", .string($0))]))]) })),
        ("results", .array(results)),
      ])])),
    ])
  }

  func level(_ s: Severity) -> String { s.rawValue }

  func location(_ r: SourceRange) -> JSONValue {
    .object([("physicalLocation", .object([
      ("artifactLocation", .object([("uri", .string(r.start.file))])),
      ("region", .object([
        ("startLine", .int(r.start.line)), ("startColumn", .int(r.start.column)),
        ("endColumn", .int(r.start.column + r.length)),
      ])),
    ]))])
  }
}
