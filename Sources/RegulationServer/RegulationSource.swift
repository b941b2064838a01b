import Foundation
import RegulationDiagnostics
import RegulationModel
import RegulationParser

/// The regulation one request is about, read and named: pasted text, or a shipped file (with its `*.test.yaml`).
struct RegulationSource: Sendable {
  /// The name diagnostics carry (`regulations/004-krasnoufimsk.yaml`, or `playground.yaml` for pasted text).
  var label: String
  /// Pasted text (empty for a shipped regulation, which is read from disk when parsed).
  var text: String
  /// Set for a shipped regulation: parsed from disk so that its test file comes along.
  var diskPath: String?
  /// A shipped file's (and its test file's) modification time and size: a changed file is a new input.
  var stamp: String = ""

  /// The exact input, for caching answers.
  var cacheKey: String { label + "\u{0}" + stamp + "\u{0}" + text }

  /// `name`, when given, must be a plain file name whatever else the request holds.
  static func validateName(_ fields: SourceFields) throws { try APIError.requirePlainName(fields.name, field: "name") }

  static func resolve(_ fields: SourceFields, store: RegulationStore) throws -> RegulationSource {
    try validateName(fields)
    switch (fields.text, fields.regulation) {
    case (let text?, nil):
      return RegulationSource(label: fields.name ?? "playground.yaml", text: text, diskPath: nil)
    case (nil, let name?):
      let entry = try shipped(name, store: store)
      let stamp = Self.stamp(entry.path) + "/" + Self.stamp(RegulationParser.testFilePath(for: entry.path))
      return RegulationSource(label: entry.path, text: "", diskPath: entry.path, stamp: stamp)
    case (nil, nil):
      throw APIError(.badRequest, id: "invalid-request", en: "give `text` (regulation YAML) or `regulation` (a shipped file name)",
        ru: "укажите «text» (текст регламента) или «regulation» (имя файла из каталога)")
    case (_?, _?):
      throw APIError(.badRequest, id: "invalid-request", en: "give either `text` or `regulation`, not both",
        ru: "укажите что-то одно: «text» или «regulation»")
    }
  }

  /// A shipped regulation by name: 400 `invalid-path` for anything but a plain name, 404 `unknown-regulation`.
  static func shipped(_ name: String, store: RegulationStore) throws -> RegulationStore.Entry {
    switch store.entry(named: name) {
    case .success(let e): return e
    case .failure(.invalidName):
      throw APIError(.badRequest, id: "invalid-path",
        en: "`\(name)` is not a plain file name; only regulations of the served directory can be opened",
        ru: "«\(name)» — не простое имя файла; открыть можно только регламенты из каталога сервера")
    case .failure(.unknown):
      let known = store.list().map(\.name).joined(separator: ", ")
      throw APIError(.notFound, id: "unknown-regulation", en: "no regulation `\(name)`; there are: \(known)",
        ru: "нет регламента «\(name)»; есть: \(known)")
    }
  }

  /// Modification time and size of a file (`-` when there is none): one system call.
  static func stamp(_ path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "-" }
    return "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_size)"
  }

  func parse() -> RegulationParser.Result {
    if let diskPath { return RegulationParser.parse(path: diskPath) }
    return RegulationParser.parse(text: text, path: label)
  }

  /// The model of a regulation without errors, or 422 `regulation-has-errors` with its diagnostics.
  func regulation(language: Language) throws -> Regulation {
    let parsed = parse()
    let errors = parsed.diagnostics.filter { $0.severity == .error }
    guard let reg = parsed.regulation, errors.isEmpty else {
      let reporter = JSONReporter(language: language)
      throw APIError(.unprocessableContent, id: "regulation-has-errors",
        en: "the regulation has errors; fix them first (see diagnostics)",
        ru: "в регламенте есть ошибки; сначала исправьте их (см. diagnostics)",
        diagnostics: errors.map(reporter.diagnostic), language: language)
    }
    return reg
  }
}
