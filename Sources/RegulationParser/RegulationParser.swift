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
    /// The `NAME.test.yaml` beside the file, when there is one.
    public var testSource: SourceText?
  }

  /// `regulations/x.yaml` → `regulations/x.test.yaml`.
  public static func testFilePath(for path: String) -> String {
    for ext in [".yaml", ".yml"] where path.hasSuffix(ext) { return String(path.dropLast(ext.count)) + ".test" + ext }
    return path + ".test.yaml"
  }

  /// Parses a file from disk.
  public static func parse(path: String, limits: InputLimits = InputLimits()) -> Result {
    let loaded = PhaseTimer.measure("parse: load", file: path) { SourceLoader.load(path: path, limits: limits) }
    guard let text = loaded.text else { return Result(regulation: nil, diagnostics: loaded.diagnostics, source: nil, testSource: nil) }
    var result = parse(text: text, path: path, limits: limits, preloaded: loaded.diagnostics, checkReferences: false)
    result.diagnostics = loaded.diagnostics + result.diagnostics
    let testPath = testFilePath(for: path)
    if result.regulation != nil, FileManager.default.fileExists(atPath: testPath) {
      let (tests, diagnostics, source) = PhaseTimer.measure("parse: test file", file: path) {
        parseTestFile(path: testPath, limits: limits)
      }
      result.regulation?.tests += tests
      result.diagnostics += diagnostics
      result.testSource = source
    }
    if let reg = result.regulation {
      var checker = ReferenceChecker(reg)
      PhaseTimer.measure("parse: references", file: path) { checker.check() }
      result.diagnostics += checker.diagnostics
    }
    return result
  }

  /// Reads the tests of a `NAME.test.yaml` file.
  static func parseTestFile(path: String, limits: InputLimits) -> ([EmbeddedTest], [Diagnostic], SourceText?) {
    let loaded = SourceLoader.load(path: path, limits: limits)
    guard let text = loaded.text else { return ([], loaded.diagnostics, nil) }
    let source = SourceText(path: path, text: text)
    if loaded.diagnostics.contains(where: { $0.severity == .error }) { return ([], loaded.diagnostics, source) }
    let (tree, yamlDiagnostics) = YAMLReader.read(text, path: path, limits: limits)
    guard let tree else { return ([], loaded.diagnostics + yamlDiagnostics, source) }
    var validator = SpecValidator(file: path)
    validator.validate(tree, against: .object(RegulationLanguage.testFile), path: "")
    return (ModelBuilder(file: path).tests(tree), loaded.diagnostics + yamlDiagnostics + validator.diagnostics, source)
  }

  /// Parses text already in memory (tests, the playground).
  public static func parse(text: String, path: String, limits: InputLimits = InputLimits()) -> Result {
    let pre = SourceLoader.check(text: text, path: path, limits: limits)
    guard pre.text != nil else { return Result(regulation: nil, diagnostics: pre.diagnostics, source: nil, testSource: nil) }
    var result = parse(text: text, path: path, limits: limits, preloaded: pre.diagnostics, checkReferences: true)
    result.diagnostics = pre.diagnostics + result.diagnostics
    return result
  }

  static func parse(text: String, path: String, limits: InputLimits, preloaded: [Diagnostic], checkReferences: Bool) -> Result {
    let source = SourceText(path: path, text: text)
    if preloaded.contains(where: { $0.id == .emptyFile || $0.id == .tabIndentation }) {
      return Result(regulation: nil, diagnostics: [], source: source, testSource: nil)
    }
    let (tree, yamlDiagnostics) = PhaseTimer.measure("parse: yaml", file: path) {
      YAMLReader.read(text, path: path, limits: limits)
    }
    guard let tree else { return Result(regulation: nil, diagnostics: yamlDiagnostics, source: source, testSource: nil) }
    guard case .mapping = tree else {
      var validator = SpecValidator(file: path)
      validator.validate(tree, against: .object(RegulationLanguage.root), path: "")
      return Result(regulation: nil, diagnostics: yamlDiagnostics + validator.diagnostics, source: source, testSource: nil)
    }
    // Checking the shape and building the model only read the tree: on large files they run on two cores.
    let work = ParallelWork()
    DispatchQueue.concurrentPerform(iterations: 2) { part in
      if part == 0 {
        var validator = SpecValidator(file: path)
        PhaseTimer.measure("parse: validate", file: path) {
          validator.validate(tree, against: .object(RegulationLanguage.root), path: "")
        }
        work.set(shape: validator.diagnostics)
      } else {
        let regulation = PhaseTimer.measure("parse: model", file: path) { ModelBuilder(file: path).build(tree) }
        var checker = ReferenceChecker(regulation)
        if checkReferences { checker.check() }
        work.set(regulation: regulation, diagnostics: checker.diagnostics)
      }
    }
    return Result(regulation: work.regulation, diagnostics: yamlDiagnostics + work.shape + work.model, source: source,
      testSource: nil)
  }

  /// The checks of references and anchor cycles on a model built in memory (a regulation read under another reading
  /// of its words, `Regulation.applying(readings:)`).
  public static func checkReferences(_ regulation: Regulation) -> [Diagnostic] {
    var checker = ReferenceChecker(regulation)
    checker.check()
    return checker.diagnostics
  }

  /// Reads YAML only, without the language checks (for measuring the parser's share of the work): whether it parsed.
  public static func readsAsYAML(text: String, limits: InputLimits = InputLimits()) -> Bool {
    YAMLReader.read(text, path: "", limits: limits).0 != nil
  }

  /// Parses an amount: `30`, `1.5`, `1,5`.
  public static func amount(_ text: String) -> Double? {
    if let v = Double(text), v >= 0, v < 1_000_000, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }) {
      return v
    }
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
        files += RegulationFileListing.files(under: p)
      } else {
        files.append(p)
      }
    }
    return (files, missing)
  }
}

/// Results of the two parallel halves of `parse`, each written once under a lock.
final class ParallelWork: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var shape: [Diagnostic] = []
  private(set) var model: [Diagnostic] = []
  private(set) var regulation: Regulation?

  func set(shape diagnostics: [Diagnostic]) {
    lock.lock()
    shape = diagnostics
    lock.unlock()
  }

  func set(regulation: Regulation, diagnostics: [Diagnostic]) {
    lock.lock()
    self.regulation = regulation
    model = diagnostics
    lock.unlock()
  }
}
