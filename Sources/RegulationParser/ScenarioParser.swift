import Foundation
import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// Reads a simulation scenario: loads and checks the bytes, parses YAML with the regulation reader, validates the
/// shape against `ScenarioLanguage`, builds the model and checks it against the regulation (roles, steps, outcomes,
/// categories; probabilities that sum to 1; staff for every role the flow needs). Never throws.
public enum ScenarioParser {
  public struct Result: Sendable {
    public var scenario: Scenario?
    public var diagnostics: [Diagnostic]
    public var source: SourceText?
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
  }

  public static func parse(path: String, regulation: Regulation, limits: InputLimits = InputLimits()) -> Result {
    let loaded = SourceLoader.load(path: path, limits: limits)
    guard let text = loaded.text else { return Result(scenario: nil, diagnostics: loaded.diagnostics, source: nil) }
    var r = parse(text: text, path: path, regulation: regulation, limits: limits, checked: true)
    r.diagnostics = loaded.diagnostics + r.diagnostics
    return r
  }

  public static func parse(text: String, path: String, regulation: Regulation, limits: InputLimits = InputLimits()) -> Result {
    parse(text: text, path: path, regulation: regulation, limits: limits, checked: false)
  }

  static func parse(text: String, path: String, regulation: Regulation, limits: InputLimits, checked: Bool) -> Result {
    let source = SourceText(path: path, text: text)
    var pre: [Diagnostic] = []
    if !checked {
      let c = SourceLoader.check(text: text, path: path, limits: limits)
      pre = c.diagnostics
      if c.text == nil { return Result(scenario: nil, diagnostics: pre, source: source) }
    }
    if pre.contains(where: { $0.id == .emptyFile || $0.id == .tabIndentation }) {
      return Result(scenario: nil, diagnostics: pre, source: source)
    }
    let (tree, yamlDiagnostics) = YAMLReader.read(text, path: path, limits: limits)
    guard let tree else { return Result(scenario: nil, diagnostics: pre + yamlDiagnostics, source: source) }
    var validator = SpecValidator(file: path)
    validator.validate(tree, against: .object(ScenarioLanguage.root), path: "")
    // Numbers are checked by the builder, with messages about rates and shares rather than deadlines.
    let shape = validator.diagnostics.filter { $0.id != .invalidDuration }.map(localizedNames)
    guard case .mapping = tree else { return Result(scenario: nil, diagnostics: pre + yamlDiagnostics + shape, source: source) }
    var builder = ScenarioBuilder(file: path, regulation: regulation)
    var scenario = builder.build(tree)
    builder.check(&scenario)
    return Result(scenario: scenario, diagnostics: pre + yamlDiagnostics + shape + builder.diagnostics, source: source)
  }

  /// Applies `key=value` overrides (`--set`, or a variant's `set:`) to a scenario. Problems are diagnostics located
  /// at the override (a variant's line) or in `--set` (line 1, no file).
  public static func apply(_ overrides: [ScenarioOverride], to scenario: Scenario, regulation: Regulation)
    -> (Scenario, [Diagnostic])
  {
    var builder = ScenarioBuilder(file: scenario.file, regulation: regulation)
    var s = scenario
    for o in overrides { builder.apply(o, to: &s) }
    if builder.diagnostics.isEmpty { builder.check(&s) }
    return (s, builder.diagnostics)
  }

  /// Reads `KEY=VALUE` of `--set`.
  public static func override(_ text: String) -> ScenarioOverride? {
    guard let eq = text.firstIndex(of: "=") else { return nil }
    let key = text[..<eq].trimmingCharacters(in: .whitespaces), value = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
    guard !key.isEmpty, !value.isEmpty else { return nil }
    return ScenarioOverride(key: key, value: value, range: SourceRange(file: "--set", line: 1, column: 1, length: text.count))
  }

  static let russianObjectNames = [
    "Scenario": "сценарий", "Horizon": "период", "Arrivals": "поток", "Burst": "всплеск", "Staff": "сотрудники",
    "Shift": "смена", "Absence": "отсутствия", "Distribution": "распределение", "Lognormal": "логнормальное",
    "Triangular": "треугольное", "Uniform": "равномерное", "EmpiricalSource": "эмпирическое", "Variant": "вариант",
  ]

  static func localizedNames(_ d: Diagnostic) -> Diagnostic {
    var d = d
    for (en, ru) in russianObjectNames { d.message.ru = d.message.ru.replacingOccurrences(of: "«\(en)»", with: "«\(ru)»") }
    return d
  }
}
