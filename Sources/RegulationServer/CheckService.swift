import RegulationAnalysis
import RegulationDiagnostics
import RegulationModel
import RegulationParser

/// `POST /api/check`: the JSON of `reglament check --format json` for one regulation, optionally with its outline.
enum CheckService {
  static func check(_ source: RegulationSource, language: Language, outline: Bool, strict: Bool) -> JSONValue {
    let result = source.diskPath.map { RegulationChecker.check(path: $0) }
      ?? RegulationChecker.check(text: source.text, path: source.label)
    var sources: [String: SourceText] = [:]
    if let s = result.source { sources[source.label] = s }
    if let t = result.testSource { sources[t.path] = t }
    let report = DiagnosticReport(files: [source.label], diagnostics: result.diagnostics, tests: result.tests,
      sources: sources)
    guard case .object(var fields) = JSONReporter(language: language).render(report) else { return .null }
    fields.append(("exit_code", .int(Int(report.exitCode(strict: strict)))))
    if outline { fields.append(("outline", result.regulation.map(Outline.json) ?? .null)) }
    return .object(fields)
  }
}

/// What the playground's forms offer for a regulation: categories, kinds, situations, steps and limits.
enum Outline {
  static func json(_ reg: Regulation) -> JSONValue {
    .object([
      ("act", .object([("id", .string(reg.act.id)), ("title", .string(reg.act.title))])),
      ("language_version", .int(reg.version)),
      ("time_zone", reg.workingTime.map { .string($0.timeZone.value) } ?? .null),
      ("categories", .array(reg.categories.map { c in
        .object([("id", .string(c.id)), ("name", .string(c.name)), ("overlay", .bool(c.overlay)),
          ("aliases", .array(c.aliases.map { .string($0.value) })), ("clause", c.clause.map { .string($0.number) } ?? .null)])
      })),
      ("kinds", .array(reg.kinds.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })),
      ("situations", .array(reg.situations.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })),
      ("steps", .array(reg.steps.map { s in
        .object([("id", .string(s.id)), ("name", .string(s.name)), ("role", s.role.map { .string($0.value) } ?? .null),
          ("clause", s.clause.map { .string($0.number) } ?? .null)])
      })),
      ("limits", .array(reg.limits.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })),
    ])
  }
}

/// `POST /api/tests`: the JSON of `reglament test --format json` for one regulation (the library's TestRunReport),
/// with the regulation's errors (tests do not run while there are any).
enum TestsService {
  static func run(_ source: RegulationSource, language: Language) -> JSONValue {
    let result = source.diskPath.map { RegulationChecker.check(path: $0) }
      ?? RegulationChecker.check(text: source.text, path: source.label)
    guard case .object(var fields) = TestRunReport([result]).json(language: language) else { return .null }
    let reporter = JSONReporter(language: language)
    fields.append(("errors", .array(result.diagnostics.filter { $0.severity == .error }.map(reporter.diagnostic))))
    return .object(fields)
  }
}

/// `GET /api/rules`: the JSON of `reglament rules --format json`.
enum RulesService {
  static func list(language: Language) -> JSONValue {
    let analysis = Set(Analyzer.rules.map(\.id))
    return .array(DiagnosticID.allCases.map { id in
      .object([("id", .string(id.rawValue)), ("severity", .string(id.defaultSeverity.rawValue)),
        ("analysis", .bool(analysis.contains(id))), ("description", .string(id.summary.text(language)))])
    })
  }
}
