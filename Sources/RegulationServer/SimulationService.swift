import Foundation
import RegulationDiagnostics
import RegulationModel
import RegulationParser
import RegulationSimulation

/// `POST /api/simulate`: a small simulation of a regulation, the JSON of `reglament simulate --format json` plus the
/// scenario it ran and its text summary. The run is bounded before it starts: replications, and the incidents the
/// scenario can generate over all replications and variants, against the server's caps.
enum SimulationService {
  /// Where the scenario came from: the request, the served scenarios directory, or generated for the regulation.
  enum Origin: String { case request, shipped, generated }

  struct Plan {
    var scenario: Scenario
    var models: [SimulationModel]
    var text: String
    var origin: Origin
    var file: String?
    var warnings: [Diagnostic]
    var runs: Int
    var seed: UInt64
    /// The most incidents the run can generate (an upper bound, from the arrival rates).
    var incidentBound: Int
  }

  /// Everything up to the run: scenario, overrides, caps. Throws the API's errors (400, 422).
  static func plan(_ reg: Regulation, source: RegulationSource, body: SimulateBody, options: ServerOptions,
    scenarios: RegulationStore?, language: Language) throws -> Plan {
    let reporter = JSONReporter(language: language)
    let runs = body.runs ?? 5
    guard runs >= 1 else { throw APIError.invalidField("runs", en: "must be 1 or more", ru: "не меньше 1") }
    guard runs <= options.maxSimulationRuns else {
      throw tooLarge(en: "at most \(options.maxSimulationRuns) runs here, not \(runs)",
        ru: "здесь не больше \(options.maxSimulationRuns) прогонов, а не \(runs)", language: language)
    }
    let seed = body.seed ?? 1
    guard (0...Int(UInt32.max)).contains(seed) else {
      throw APIError.invalidField("seed", en: "must be 0…4294967295", ru: "от 0 до 4294967295")
    }
    if let p = body.perDay, !(p > 0 && p <= 100_000) {
      throw APIError.invalidField("per_day", en: "must be a number above 0, at most 100000", ru: "число больше 0, не больше 100000")
    }
    if let set = body.set {
      guard set.count <= 50 else { throw APIError.invalidField("set", en: "at most 50 overrides", ru: "не больше 50 изменений") }
      if let key = set.keys.sorted().first(where: { $0.isEmpty || $0.contains("=") }) {
        throw APIError.invalidField("set", en: "`\(key)` is not a key", ru: "«\(key)» — не ключ")
      }
    }
    if let d = body.days, !(1...366).contains(d) {
      throw APIError.invalidField("days", en: "must be 1…366", ru: "от 1 до 366")
    }

    // The scenario: from the request, shipped beside the regulation's name, or generated.
    let (text, origin, file) = try scenarioText(body.scenario, source: source, scenarios: scenarios, regulation: reg,
      language: language)
    let parsed = ScenarioParser.parse(text: text, path: file ?? "scenario.yaml", regulation: reg)
    guard var scenario = parsed.scenario, !parsed.hasErrors else {
      throw APIError(.unprocessableContent, id: "scenario-has-errors",
        en: "the scenario has errors (see diagnostics)", ru: "в сценарии есть ошибки (см. diagnostics)",
        diagnostics: parsed.diagnostics.filter { $0.severity == .error }.map(reporter.diagnostic), language: language)
    }
    if body.variants != true { scenario.variants = [] }

    // Overrides: `per_day`, `days`, then `set` in key order (deterministic).
    var overrides: [ScenarioOverride] = []
    if let p = body.perDay { overrides.append(ScenarioOverride(key: "arrivals.per_day", value: "\(p)", range: nil)) }
    if let d = body.days { overrides.append(ScenarioOverride(key: "horizon.days", value: "\(d)", range: nil)) }
    for (key, value) in (body.set ?? [:]).sorted(by: { $0.key < $1.key }) {
      guard let o = ScenarioParser.override("\(key)=\(value)") else {
        throw APIError.invalidField("set.\(key)", en: "needs a key and a value", ru: "нужны ключ и значение")
      }
      overrides.append(o)
    }
    if !overrides.isEmpty {
      let (s, d) = ScenarioParser.apply(overrides, to: scenario, regulation: reg)
      if d.contains(where: { $0.severity == .error }) {
        throw APIError(.badRequest, id: "invalid-request", en: "an override cannot be applied (see diagnostics)",
          ru: "изменение параметра не применимо (см. diagnostics)",
          diagnostics: d.filter { $0.severity == .error }.map(reporter.diagnostic), language: language)
      }
      scenario = s
    }
    // The simulator counts from the end of the warm-up; a horizon inside it would crash the statistics (the library
    // checks this in a scenario file, not after overrides).
    guard scenario.horizon.warmupDays < scenario.horizon.days else {
      let h = scenario.horizon
      throw APIError(.badRequest, id: "invalid-request",
        en: "the simulated period (\(h.days) days) must be longer than the scenario's warm-up (\(h.warmupDays) days)",
        ru: "период моделирования (\(h.days) дн.) должен быть длиннее разогрева сценария (\(h.warmupDays) дн.)", language: language)
    }
    if scenario.horizon.days > 366 {
      throw tooLarge(en: "at most 366 simulated days here, not \(scenario.horizon.days)",
        ru: "здесь не больше 366 дней моделирования, а не \(scenario.horizon.days)", language: language)
    }

    let compiled = SimulationRunner.models(regulation: reg, scenario: scenario)
    if compiled.diagnostics.contains(where: { $0.severity == .error }) {
      throw APIError(.unprocessableContent, id: "scenario-has-errors",
        en: "a variant of the scenario has errors (see diagnostics)", ru: "в варианте сценария есть ошибки (см. diagnostics)",
        diagnostics: compiled.diagnostics.filter { $0.severity == .error }.map(reporter.diagnostic), language: language)
    }
    if let e = compiled.error {
      throw APIError(.unprocessableContent, id: "scenario-has-errors", en: e.en, ru: e.ru, language: language)
    }
    let bound = incidentBound(scenario) * runs * max(1, compiled.models.count)
    guard bound <= options.maxSimulatedIncidents else {
      throw tooLarge(
        en: "this run could generate up to \(bound) incidents (\(runs) runs × \(compiled.models.count) variants); the server allows \(options.maxSimulatedIncidents). Lower runs, days or per_day.",
        ru: "этот прогон может породить до \(bound) сообщений (\(runs) прогонов × \(compiled.models.count) вариантов); сервер допускает \(options.maxSimulatedIncidents). Уменьшите runs, days или per_day.",
        language: language)
    }
    let warnings = parsed.diagnostics.filter { $0.severity != .error }
    return Plan(scenario: scenario, models: compiled.models, text: text, origin: origin, file: file, warnings: warnings,
      runs: runs, seed: UInt64(seed), incidentBound: bound)
  }

  /// Runs a plan on one thread (the server's other requests keep the other cores) and renders the answer.
  static func run(_ plan: Plan, regulation: Regulation, language: Language) -> JSONValue {
    var options = SimulationOptions()
    options.runs = plan.runs
    options.seed = plan.seed
    options.jobs = 1
    let outcome = SimulationRunner.run(plan.models, options: options)
    let report = SimulationReport(outcome)
    guard case .object(var fields) = report.json() else { return .null }
    let reporter = JSONReporter(language: language)
    fields.append(("scenario", .object([
      ("name", .string(plan.scenario.name)), ("origin", .string(plan.origin.rawValue)),
      ("file", plan.file.map { .string($0) } ?? .null), ("text", .string(plan.text)),
      ("start", .string(plan.scenario.horizon.start.description)), ("days", .int(plan.scenario.horizon.days)),
      ("per_day", .double(plan.scenario.arrivals.perDay)), ("incident_bound", .int(plan.incidentBound)),
    ])))
    // The page labels charts with the act's own names; the report's keys stay ids (the CLI contract).
    fields.append(("names", .object([
      ("roles", .object(regulation.roles.map { ($0.id, .string($0.name)) })),
      ("steps", .object(regulation.steps.map { ($0.id, .string($0.name)) })),
      ("categories", .object(regulation.categories.map { ($0.id, .string($0.name)) })),
    ])))
    fields.append(("warnings", .array(plan.warnings.map(reporter.diagnostic))))
    fields.append(("report_text", .string(report.text(language))))
    return .object(fields)
  }

  /// The most incidents one replication of one variant can generate: the busiest day's rate on every day, plus the
  /// bursts.
  static func incidentBound(_ s: Scenario) -> Int {
    let a = s.arrivals
    let factor = max(a.byWeekday.max() ?? 1, a.daysOff, 0)
    let daily = a.perDay * factor * Double(s.horizon.days)
    let bursts = a.bursts.reduce(0.0) { $0 + $1.hours * $1.perHour }
    let total = (daily + bursts).rounded(.up)
    return total.isFinite && total < Double(Int.max / 1_000_000) ? Int(total) : Int.max / 1_000_000
  }

  static func tooLarge(en: String, ru: String, language: Language) -> APIError {
    APIError(.unprocessableContent, id: "simulation-too-large", en: en, ru: ru, language: language)
  }

  /// The scenario's YAML, where it came from, and the path it is parsed under (relative files of a shipped
  /// scenario resolve beside it; a scenario from a request may not name files at all).
  static func scenarioText(_ given: String?, source: RegulationSource, scenarios: RegulationStore?, regulation: Regulation,
    language: Language) throws -> (String, Origin, String?) {
    if let given {
      if let refusal = ScenarioGuard.refusal(given) {
        throw APIError(.unprocessableContent, id: "scenario-has-errors", en: refusal.message.en, ru: refusal.message.ru,
          diagnostics: [JSONReporter(language: language).diagnostic(refusal)], language: language)
      }
      return (given, .request, nil)
    }
    if let store = scenarios, let name = shippedScenarioName(for: source) {
      if case .success(let entry) = store.entry(named: name),
        let text = try? String(contentsOfFile: entry.path, encoding: .utf8) {
        return (text, .shipped, entry.path)
      }
    }
    return (DefaultScenario.yaml(for: regulation), .generated, nil)
  }

  /// `004-krasnoufimsk.yaml` → `004-krasnoufimsk.scenario.yaml`: for a shipped regulation, or pasted text that goes
  /// by a shipped regulation's name.
  static func shippedScenarioName(for source: RegulationSource) -> String? {
    let name = (source.label as NSString).lastPathComponent
    for ext in [".yaml", ".yml"] where name.hasSuffix(ext) {
      return String(name.dropLast(ext.count)) + ".scenario.yaml"
    }
    return nil
  }
}

/// A scenario sent over the API must not make the server read files: `empirical: {file: …}` reads a path. Any line
/// (but a whole-line comment) holding the word `file`, or a backslash (an escape could spell it), is refused with
/// its line; values are given inline instead (`empirical: [12, 30, 45]`).
enum ScenarioGuard {
  static func refusal(_ text: String, file: String = "scenario.yaml") -> Diagnostic? {
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if trimmed.hasPrefix("#") { continue }
      let scalars = Array(line.unicodeScalars)
      if let i = scalars.firstIndex(of: "\\") {
        return Diagnostic(.invalidValue, message: .init(
          en: "a scenario sent to the server may not contain backslash escapes",
          ru: "сценарий, отправленный на сервер, не может содержать обратную косую черту (экранирование)"),
          at: SourceRange(file: file, line: lineNumber, column: i + 1, length: 1))
      }
      if let column = wordColumn("file", in: scalars) {
        return Diagnostic(.invalidValue, message: .init(
          en: "a scenario sent to the server cannot read files (`file:`); give the values inline, e.g. `empirical: [12, 30, 45]`",
          ru: "сценарий, отправленный на сервер, не может читать файлы («file:»); перечислите значения, например `empirical: [12, 30, 45]`"),
          at: SourceRange(file: file, line: lineNumber, column: column, length: 4))
      }
    }
    return nil
  }

  /// The 1-based column of `word` standing alone (not inside a longer name such as `profile` or `file-report`).
  static func wordColumn(_ word: String, in line: [Unicode.Scalar]) -> Int? {
    let w = Array(word.unicodeScalars)
    guard line.count >= w.count else { return nil }
    func isNameChar(_ s: Unicode.Scalar) -> Bool {
      s.properties.isAlphabetic || s.properties.numericType != nil || s == "_" || s == "-"
    }
    for start in 0...(line.count - w.count) where Array(line[start..<(start + w.count)]) == w {
      let before = start == 0 ? nil : line[start - 1]
      let after = start + w.count < line.count ? line[start + w.count] : nil
      if before.map(isNameChar) != true, after.map(isNameChar) != true { return start + 1 }
    }
    return nil
  }
}
