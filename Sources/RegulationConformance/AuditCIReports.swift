import RegulationDiagnostics

/// SARIF 2.1.0: one result per violation, the rule being its kind; the location is the log line.
public enum AuditSARIFReport {
  public static func render(_ r: AuditResult, language: Language) -> JSONValue {
    let kinds = ViolationKind.allCases
    let rules: [JSONValue] = kinds.map { k in
      .object([
        ("id", .string("audit-" + k.rawValue)),
        ("shortDescription", .object([("text", .string(k.title(language == .ru)))])),
        ("defaultConfiguration", .object([("level", .string(k.isNotice ? "note" : "error"))])),
      ])
    }
    let results: [JSONValue] = r.violations.map { v in
      let file = r.logs.count == 1 ? r.logs[0] : (r.logs.first ?? "")
      var region: [(String, JSONValue)] = []
      if let p = v.position { region.append(("startLine", .int(p))) }
      var props: [(String, JSONValue)] = [("case", .string(v.caseID))]
      if let c = v.clause { props.append(("clauses", .array([.string(c)]))) }
      if let s = v.step { props.append(("step", .string(s))) }
      if let d = v.department { props.append(("department", .string(d))) }
      if let role = v.role { props.append(("role", .string(role))) }
      if let l = v.lateBySeconds { props.append(("late_by_seconds", .int(l))) }
      return .object([
        ("ruleId", .string("audit-" + v.kind.rawValue)), ("ruleIndex", .int(kinds.firstIndex(of: v.kind) ?? 0)),
        ("level", .string(v.kind.isNotice ? "note" : "error")),
        ("message", .object([("text", .string("\(v.caseID): " + (language == .ru ? v.detail.ru : v.detail.en)))])),
        ("locations", .array([.object([("physicalLocation", .object([
          ("artifactLocation", .object([("uri", .string(file))])),
          ("region", .object(region.isEmpty ? [("startLine", .int(1))] : region)),
        ]))])])),
        ("properties", .object(props)),
      ])
    }
    return .object([
      ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
      ("version", .string("2.1.0")),
      ("runs", .array([.object([
        ("tool", .object([("driver", .object([
          ("name", .string("reglament")), ("version", .string(SARIFReporter.toolVersion)),
          ("informationUri", .string("https://example.invalid/reglament")), ("rules", .array(rules)),
        ]))])),
        ("artifacts", .array(r.logs.map { .object([("location", .object([("uri", .string($0))]))]) })),
        ("results", .array(results)),
      ])])),
    ])
  }
}

/// JUnit XML (written with `JUnitXML`, as `check` writes it): one test suite per regulation, one test case per case
/// of the log, failing with its violations.
public enum AuditJUnitReport {
  public static func render(_ r: AuditResult, language: Language) -> String {
    var byCase: [String: [Violation]] = [:]
    for v in r.violations where !v.kind.isNotice { byCase[v.caseID, default: []].append(v) }
    var cases = ""
    for c in r.caseList {
      var failure: (message: String, type: String, body: String?)?
      if let list = byCase[c.id], !list.isEmpty {
        let body = list.map { "\($0.kind.rawValue) \($0.step ?? ""): " + (language == .ru ? $0.detail.ru : $0.detail.en) }
          .joined(separator: "\n")
        failure = (message: "\(list.count) violation(s)", type: "audit", body: body)
      }
      cases += JUnitXML.testCase(classname: r.regulationFile, name: c.id, failure: failure)
    }
    let failures = r.caseList.filter { $0.violations > 0 }.count
    return JUnitXML.document(name: "reglament audit", tests: r.caseList.count, failures: failures,
      suites: JUnitXML.suite(name: r.regulationFile, tests: r.caseList.count, failures: failures, cases: cases))
  }
}
