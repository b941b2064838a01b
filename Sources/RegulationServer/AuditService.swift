import Foundation
import RegulationConformance
import RegulationDiagnostics
import RegulationModel
import RegulationParser

/// `POST /api/audit`: an uploaded event log (the canonical CSV, JSON Lines, XES, or XLSX sent in base64), with an
/// optional `--map` of its columns and statuses, checked against a regulation: the JSON of
/// `reglament audit --format json`. The log goes through the library's `Auditor` from a private temporary file
/// (the importers stream from files), which is removed at once; answers name the upload, never that file.
enum AuditService {
  /// Violations listed in one answer (the summary still counts them all).
  static let maxViolationsShown = 2000

  /// What `validate` accepted: the log's bytes, its format, the name it goes by, and the map.
  struct Upload: Sendable {
    var bytes: Data
    var format: LogFormat
    var name: String
    var map: LogMap
  }

  static func format(_ body: AuditBody) throws -> LogFormat {
    if let f = body.format {
      guard let format = LogFormat(rawValue: f) else {
        throw APIError.invalidField("format", en: "must be csv, jsonl, xes or xlsx", ru: "csv, jsonl, xes или xlsx")
      }
      return format
    }
    return LogFormat.of(path: body.logName ?? (body.logBase64 != nil ? "log.xlsx" : "log.csv"))
  }

  static func validate(_ body: AuditBody, maxLogBytes: Int, language: Language) throws -> Upload {
    try APIError.requirePlainName(body.logName, field: "log_name")
    try APIError.requirePlainName(body.mapName, field: "map_name")
    let bytes: Data
    switch (body.log, body.logBase64) {
    case (let text?, nil): bytes = Data(text.utf8)
    case (nil, let encoded?):
      guard let decoded = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
        throw APIError.invalidField("log_base64", en: "is not base64", ru: "не в кодировке base64")
      }
      bytes = decoded
    case (nil, nil):
      throw APIError(.badRequest, id: "invalid-request", en: "give the log as `log` (text) or `log_base64` (bytes)",
        ru: "передайте журнал в «log» (текст) или «log_base64» (байты)")
    case (_?, _?):
      throw APIError(.badRequest, id: "invalid-request", en: "give either `log` or `log_base64`, not both",
        ru: "укажите что-то одно: «log» или «log_base64»")
    }
    guard bytes.count <= maxLogBytes else {
      throw APIError(.contentTooLarge, id: "log-too-large",
        en: "the log has \(bytes.count) bytes; the server takes at most \(maxLogBytes)",
        ru: "в журнале \(bytes.count) байт; сервер принимает не больше \(maxLogBytes)")
    }
    guard !bytes.isEmpty else { throw APIError.invalidField(body.log != nil ? "log" : "log_base64", en: "is empty", ru: "пуст") }
    let format = try format(body)
    var map = LogMap.canonical
    if let text = body.map {
      let mapName = body.mapName ?? "map.yaml"
      let (parsed, diagnostics) = LogMapParser.parse(text: text, path: mapName)
      guard let parsed else {
        let reporter = JSONReporter(language: language)
        throw APIError(.unprocessableContent, id: "map-has-errors", en: "the map has errors; fix them first (see diagnostics)",
          ru: "в карте журнала есть ошибки; сначала исправьте их (см. diagnostics)",
          diagnostics: diagnostics.filter { $0.severity == .error }.map(reporter.diagnostic), language: language)
      }
      map = parsed
    }
    return Upload(bytes: bytes, format: format, name: body.logName ?? "log." + format.rawValue, map: map)
  }

  static func run(_ reg: Regulation, upload: Upload, language: Language) throws -> JSONValue {
    let engine: AuditEngine
    do {
      engine = try AuditEngine(reg)
    } catch {
      throw APIError(.unprocessableContent, id: "regulation-has-errors", en: error.en, ru: error.ru, language: language)
    }
    let shownName = upload.name
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/upload." + upload.format.rawValue
    guard FileManager.default.createFile(atPath: path, contents: upload.bytes, attributes: [.posixPermissions: 0o600])
    else {
      throw APIError(.internalServerError, id: "internal-error", en: "cannot store the upload", ru: "не удаётся сохранить журнал",
        language: language)
    }
    var result: AuditResult
    do {
      result = try Auditor.run(engine: engine, logs: [path], map: upload.map, options: AuditOptions())
    } catch {
      throw APIError(.unprocessableContent, id: "unreadable-log", en: error.en.replacingOccurrences(of: path, with: shownName),
        ru: error.ru.replacingOccurrences(of: path, with: shownName), language: language)
    }
    func named(_ s: String) -> String { s.replacingOccurrences(of: path, with: shownName) }
    result.logs = result.logs.map(named)
    result.rejected = result.rejected.map { var r = $0; r.file = named(r.file); r.reason = AuditText(en: named(r.reason.en), ru: named(r.reason.ru)); return r }
    result.notices = result.notices.map { AuditText(en: named($0.en), ru: named($0.ru)) }
    let total = result.violations.count
    if total > maxViolationsShown { result.violations = Array(result.violations.prefix(maxViolationsShown)) }
    guard case .object(var fields) = AuditJSONReport.render(result, language: language) else { return .null }
    fields.append(("violations_shown", .int(result.violations.count)))
    fields.append(("violations_total", .int(total)))
    return .object(fields)
  }

  /// A fresh directory only this process can read.
  static func temporaryDirectory() throws -> String {
    var template = Array((NSTemporaryDirectory() + "/reglament-audit-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw APIError(.internalServerError, id: "internal-error", en: "cannot create a temporary directory",
        ru: "не удаётся создать временный каталог")
    }
    return String(cString: made)
  }
}
