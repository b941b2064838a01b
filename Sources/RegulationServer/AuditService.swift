import Foundation
import RegulationConformance
import RegulationDiagnostics
import RegulationModel

/// `POST /api/audit`: an uploaded event log (the canonical CSV or JSON Lines) checked against a regulation, the JSON
/// of `reglament audit --format json`. The log goes through the library's `Auditor` from a private temporary file
/// (the importers stream from files), which is removed at once; answers name the upload, never that file.
enum AuditService {
  /// Violations listed in one answer (the summary still counts them all).
  static let maxViolationsShown = 2000

  static func format(_ body: AuditBody) throws -> LogFormat {
    if let f = body.format {
      switch f {
      case "csv": return .csv
      case "jsonl": return .jsonl
      default: throw APIError.invalidField("format", en: "must be csv or jsonl", ru: "csv или jsonl")
      }
    }
    let format = LogFormat.of(path: body.logName ?? "log.csv")
    guard format == .csv || format == .jsonl else {
      throw APIError.invalidField("log_name", en: "the playground takes CSV or JSON Lines logs (.csv, .jsonl)",
        ru: "песочница принимает журналы CSV или JSON Lines (.csv, .jsonl)")
    }
    return format
  }

  static func validate(_ body: AuditBody, maxLogBytes: Int) throws -> LogFormat {
    if let name = body.logName, !RegulationStore.isPlainName(name) {
      throw APIError.invalidField("log_name", en: "must be a plain file name (letters, digits, . _ -)",
        ru: "простое имя файла (буквы, цифры, . _ -)")
    }
    let size = body.log.utf8.count
    guard size <= maxLogBytes else {
      throw APIError(.contentTooLarge, id: "log-too-large",
        en: "the log has \(size) bytes; the server takes at most \(maxLogBytes)",
        ru: "в журнале \(size) байт; сервер принимает не больше \(maxLogBytes)")
    }
    guard !body.log.isEmpty else { throw APIError.invalidField("log", en: "is empty", ru: "пуст") }
    return try format(body)
  }

  static func run(_ reg: Regulation, body: AuditBody, format: LogFormat, language: Language) throws -> JSONValue {
    let engine: AuditEngine
    do {
      engine = try AuditEngine(reg)
    } catch {
      throw APIError(.unprocessableContent, id: "regulation-has-errors", en: error.en, ru: error.ru, language: language)
    }
    let shownName = body.logName ?? (format == .jsonl ? "log.jsonl" : "log.csv")
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/upload." + (format == .jsonl ? "jsonl" : "csv")
    guard FileManager.default.createFile(atPath: path, contents: Data(body.log.utf8), attributes: [.posixPermissions: 0o600])
    else {
      throw APIError(.internalServerError, id: "internal-error", en: "cannot store the upload", ru: "не удаётся сохранить журнал",
        language: language)
    }
    var result: AuditResult
    do {
      result = try Auditor.run(engine: engine, logs: [path], options: AuditOptions())
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
