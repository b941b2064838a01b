import Foundation
import Hummingbird
import RegulationDiagnostics

/// An error answered as JSON: `{"error": {"id", "status", "message"}, "diagnostics": [...]}`.
/// `id` is stable (scripts match on it); `diagnostics` carries the regulation's own findings, with their ids.
public struct APIError: Error, HTTPResponseError, Sendable {
  public var status: HTTPResponse.Status
  public var id: String
  public var message: LocalizedText
  public var diagnostics: [JSONValue]
  public var language: Language

  public init(_ status: HTTPResponse.Status, id: String, en: String, ru: String, diagnostics: [JSONValue] = [],
    language: Language = .en) {
    self.status = status
    self.id = id
    self.message = LocalizedText(en: en, ru: ru)
    self.diagnostics = diagnostics
    self.language = language
  }

  public var json: JSONValue {
    var fields: [(String, JSONValue)] = [
      ("error", .object([("id", .string(id)), ("status", .int(Int(status.code))), ("message", .string(message.text(language)))]))
    ]
    if !diagnostics.isEmpty { fields.append(("diagnostics", .array(diagnostics))) }
    return .object(fields)
  }

  public func response(from request: Request, context: some RequestContext) throws -> Response {
    JSONResponse.make(json, status: status)
  }

  func localized(_ language: Language) -> APIError {
    var copy = self
    copy.language = language
    return copy
  }

  static func malformedJSON(_ detail: String) -> APIError {
    APIError(.badRequest, id: "malformed-json", en: "The request body is not valid JSON: \(detail)",
      ru: "Тело запроса — не корректный JSON: \(detail)")
  }

  static func invalidField(_ field: String, en: String, ru: String) -> APIError {
    APIError(.badRequest, id: "invalid-request", en: "`\(field)`: \(en)", ru: "«\(field)»: \(ru)")
  }

  /// A file name given in `field` (`name`, `log_name`, `map_name`), when given, must be a plain one: it names the
  /// upload in answers and must never reach a path.
  static func requirePlainName(_ name: String?, field: String) throws {
    if let name, !RegulationStore.isPlainName(name) {
      throw invalidField(field, en: "must be a plain file name (letters, digits, . _ -)", ru: "простое имя файла (буквы, цифры, . _ -)")
    }
  }

  static func bodyTooLarge(_ limit: Int) -> APIError {
    APIError(.contentTooLarge, id: "body-too-large", en: "The request body exceeds \(limit) bytes.",
      ru: "Тело запроса больше \(limit) байт.")
  }

  static let busy = APIError(.serviceUnavailable, id: "busy",
    en: "The server is running another simulation or audit; try again in a moment.",
    ru: "Сервер занят другим моделированием или проверкой журнала; повторите чуть позже.")

  static let timeLimit = APIError(.serviceUnavailable, id: "time-limit",
    en: "The computation took longer than the server's time limit.", ru: "Вычисление не уложилось в отведённое время.")
}

/// JSON responses with ordered keys (the CLI's serializer), UTF-8.
enum JSONResponse {
  static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
    make(bytes: value.serialized(), status: status)
  }

  static func make(bytes: String, status: HTTPResponse.Status = .ok) -> Response {
    make(buffer: ByteBuffer(string: bytes), status: status)
  }

  static func make(buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
      body: .init(byteBuffer: buffer))
  }
}
