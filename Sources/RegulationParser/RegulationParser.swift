import Foundation
import RegulationDiagnostics
import RegulationModel

/// Reads a regulation file: loads and checks the bytes, parses YAML, validates it against the language, builds the
/// model and checks references. Never throws: every problem is a diagnostic, and as much model as can be built is.
public enum RegulationParser {
  /// The outcome of reading one file.
  public struct Result: Sendable {
    public var regulation: Regulation?
    public var diagnostics: [Diagnostic]
    public var source: SourceText?
  }

  /// Parses a file from disk.
  public static func parse(path: String, limits: InputLimits = InputLimits()) -> Result {
    let loaded = SourceLoader.load(path: path, limits: limits)
    guard let text = loaded.text else { return Result(regulation: nil, diagnostics: loaded.diagnostics, source: nil) }
    var result = parse(text: text, path: path, limits: limits, preloaded: loaded.diagnostics)
    result.diagnostics = loaded.diagnostics + result.diagnostics
    return result
  }

  /// Parses text already in memory (tests, the playground).
  public static func parse(text: String, path: String, limits: InputLimits = InputLimits()) -> Result {
    let pre = SourceLoader.decode(Array(text.utf8), path: path, limits: limits)
    var result = parse(text: text, path: path, limits: limits, preloaded: pre.diagnostics)
    result.diagnostics = pre.diagnostics + result.diagnostics
    return result
  }

  static func parse(text: String, path: String, limits: InputLimits, preloaded: [Diagnostic]) -> Result {
    let source = SourceText(path: path, text: text)
    if preloaded.contains(where: { $0.id == .nestingTooDeep || $0.id == .emptyFile || $0.id == .tabIndentation }) {
      return Result(regulation: nil, diagnostics: [], source: source)
    }
    let (tree, yamlDiagnostics) = YAMLReader.read(text, path: path, limits: limits)
    guard let tree else { return Result(regulation: nil, diagnostics: yamlDiagnostics, source: source) }
    var validator = SpecValidator(file: path)
    validator.validate(tree, against: .object(RegulationLanguage.root), path: "")
    if case .mapping = tree {} else {
      return Result(regulation: nil, diagnostics: yamlDiagnostics + validator.diagnostics, source: source)
    }
    var builder = ModelBuilder(file: path)
    let regulation = builder.build(tree)
    var checker = ReferenceChecker(regulation)
    checker.check()
    return Result(regulation: regulation, diagnostics: yamlDiagnostics + validator.diagnostics + builder.diagnostics
      + checker.diagnostics, source: source)
  }

  /// Parses an amount: `30`, `1.5`, `1,5`.
  public static func amount(_ text: String) -> Double? {
    let t = text.replacingOccurrences(of: ",", with: ".").trimmingCharacters(in: .whitespaces)
    guard !t.isEmpty, t.allSatisfy({ $0.isNumber || $0 == "." }), let v = Double(t), v >= 0, v.isFinite, v < 1_000_000 else {
      return nil
    }
    return v
  }

  /// ISO weekdays of `mon`, `mon-fri`, `sat-sun`.
  public static func weekdays(_ text: String) -> [Int]? {
    let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    let parts = text.split(separator: "-").map(String.init)
    guard let first = parts.first.flatMap({ names.firstIndex(of: $0) }) else { return nil }
    if parts.count == 1 { return [first + 1] }
    guard parts.count == 2, let last = names.firstIndex(of: parts[1]), last >= first else { return nil }
    return Array((first + 1)...(last + 1))
  }

  /// Every `*.yaml`/`*.yml` file under the given paths (files are taken as they are), sorted.
  public static func expand(paths: [String]) -> (files: [String], missing: [String]) {
    var files: [String] = []
    var missing: [String] = []
    let fm = FileManager.default
    for p in paths {
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
        missing.append(p)
        continue
      }
      if isDir.boolValue {
        let base = p.hasSuffix("/") ? String(p.dropLast()) : p
        let found = (fm.enumerator(atPath: p)?.compactMap { $0 as? String } ?? [])
          .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasSuffix(".test.yaml") }
          .map { base + "/" + $0 }
        files += found.sorted()
      } else {
        files.append(p)
      }
    }
    return (files, missing)
  }
}
