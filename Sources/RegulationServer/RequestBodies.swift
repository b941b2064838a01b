import Foundation
import Hummingbird
import RegulationDiagnostics

/// A JSON field that may be one string or a list of strings (`"category": "обычные"` or `["ordinary", "important"]`).
struct OneOrMany: Decodable, Sendable {
  var values: [String]

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let one = try? c.decode(String.self) { values = [one] } else { values = try c.decode([String].self) }
  }
}

/// The regulation a request is about: pasted text, or the name of a shipped one.
struct SourceFields: Decodable, Sendable {
  /// Regulation YAML as typed in the playground.
  var text: String?
  /// The file name of a shipped regulation (`004-krasnoufimsk.yaml`).
  var regulation: String?
  /// The name diagnostics give pasted text (a plain file name; default `playground.yaml`).
  var name: String?
  /// `ru` or `en`.
  var lang: String?
}

/// A request body and the fields it reads (`null` in one of them is refused; other fields are ignored).
protocol RequestFields: Decodable, Sendable {
  static var fields: Set<String> { get }
  /// Fields that are objects, and the fields read inside them (`null` refused there too).
  static var nested: [String: Set<String>] { get }
}

extension RequestFields {
  static var nested: [String: Set<String>] { [:] }
}

struct CheckBody: RequestFields {
  static let fields: Set<String> = ["text", "regulation", "name", "lang", "outline", "strict", "quick"]
  var text: String?
  var regulation: String?
  var name: String?
  var lang: String?
  /// Also answer the regulation's categories, kinds, steps and situations (what the playground's forms offer).
  var outline: Bool?
  var strict: Bool?
  /// Parse, validate and resolve references only: no analysis rules, no embedded tests (milliseconds instead of the
  /// path exploration of the deadline analysis; the playground asks this first while you type).
  var quick: Bool?

  var source: SourceFields { SourceFields(text: text, regulation: regulation, name: name, lang: lang) }
}

struct DeadlinesBody: RequestFields {
  static let fields: Set<String> = ["text", "regulation", "name", "lang", "detected", "category", "kind", "situations",
    "events", "explain"]
  struct Event: Decodable, Sendable {
    var step: String
    var at: String
  }

  var text: String?
  var regulation: String?
  var name: String?
  var lang: String?
  var detected: String
  var category: OneOrMany?
  var kind: String?
  var situations: [String]?
  var events: [Event]?
  var explain: Bool?

  var source: SourceFields { SourceFields(text: text, regulation: regulation, name: name, lang: lang) }
}

struct CalendarBody: RequestFields {
  static let fields: Set<String> = ["text", "regulation", "name", "lang", "year", "from", "to", "notable"]
  var text: String?
  var regulation: String?
  var name: String?
  var lang: String?
  var year: Int?
  var from: String?
  var to: String?
  var notable: Bool?

  var source: SourceFields { SourceFields(text: text, regulation: regulation, name: name, lang: lang) }
  var hasSource: Bool { text != nil || regulation != nil }
}

struct TestsBody: RequestFields {
  static let fields: Set<String> = ["text", "regulation", "name", "lang"]
  var text: String?
  var regulation: String?
  var name: String?
  var lang: String?

  var source: SourceFields { SourceFields(text: text, regulation: regulation, name: name, lang: lang) }
}

struct SimulateBody: RequestFields {
  static let fields: Set<String> = ["text", "regulation", "name", "lang", "scenario", "runs", "seed", "per_day", "days",
    "set", "variants"]
  var text: String?
  var regulation: String?
  var name: String?
  var lang: String?
  /// Scenario YAML; without it the regulation's shipped scenario, else a generated one.
  var scenario: String?
  var runs: Int?
  var seed: Int?
  /// Shorthands of `set`: `arrivals.per_day` and `horizon.days`.
  var perDay: Double?
  var days: Int?
  /// Overrides as `--set KEY=VALUE` takes them (`{"staff.executor.headcount": "4"}`).
  var set: [String: String]?
  /// Also run the scenario's variants (paired with the base); off by default, each one costs a whole run.
  var variants: Bool?

  enum CodingKeys: String, CodingKey {
    case text, regulation, name, lang, scenario, runs, seed, days, set, variants
    case perDay = "per_day"
  }

  var source: SourceFields { SourceFields(text: text, regulation: regulation, name: name, lang: lang) }
}

struct AuditBody: RequestFields {
  static let fields: Set<String> = ["text", "regulation", "name", "lang", "log", "log_base64", "log_name", "format", "map",
    "map_name"]
  var text: String?
  var regulation: String?
  var name: String?
  var lang: String?
  /// The log's text: the canonical CSV (`case,step,time,...`), JSON Lines or XES.
  var log: String?
  /// The log's bytes in base64, for a binary export (XLSX) or a text in another encoding; instead of `log`.
  var logBase64: String?
  /// The uploaded file's name (a plain name), used in the answer and, without `format`, to tell the format.
  var logName: String?
  /// `csv`, `jsonl`, `xes` or `xlsx`.
  var format: String?
  /// A map of the export's columns, statuses and categories (`reglament audit --map`), as YAML text.
  var map: String?
  /// The map's file name (a plain name), used in its diagnostics.
  var mapName: String?

  enum CodingKeys: String, CodingKey {
    case text, regulation, name, lang, log, format, map
    case logBase64 = "log_base64"
    case logName = "log_name"
    case mapName = "map_name"
  }

  var source: SourceFields { SourceFields(text: text, regulation: regulation, name: name, lang: lang) }
}

struct DiffBody: RequestFields {
  static let fields: Set<String> = ["old", "new", "lang"]
  static let nested: [String: Set<String>] = ["old": ["text", "regulation", "name"], "new": ["text", "regulation", "name"]]
  /// One version: `text` or a shipped `regulation`, and the name it goes by.
  struct Side: Decodable, Sendable {
    var text: String?
    var regulation: String?
    var name: String?
  }

  var old: Side
  var new: Side
  var lang: String?
}

enum RequestBody {
  /// Reads at most `limit` bytes (413 `body-too-large` past it) and decodes them (400 `malformed-json` or
  /// `invalid-request`, naming the field).
  static func decode<T: RequestFields>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
      throw APIError.bodyTooLarge(limit)
    }
    var request = request
    let buffer: ByteBuffer
    do {
      buffer = try await request.collectBody(upTo: limit)
    } catch let e as HTTPError where e.status == .contentTooLarge {
      throw APIError.bodyTooLarge(limit)
    }
    return try decode(type, from: Data(buffer.readableBytesView))
  }

  static func decode<T: RequestFields>(_ type: T.Type, from data: Data) throws -> T {
    try rejectNulls(data, fields: T.fields, nested: T.nested)
    do {
      return try JSONDecoder().decode(type, from: data)
    } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
      throw APIError.malformedJSON(String(describing: context.underlyingError.map { "\($0)" } ?? context.debugDescription))
    } catch let DecodingError.keyNotFound(key, context) {
      throw APIError.invalidField(path(context.codingPath + [key]), en: "required", ru: "обязательное поле")
    } catch let DecodingError.typeMismatch(type, context) {
      throw APIError.invalidField(path(context.codingPath), en: "must be \(jsonName(type))", ru: "должно быть: \(jsonName(type))")
    } catch let DecodingError.valueNotFound(type, context) {
      throw APIError.invalidField(path(context.codingPath), en: "must be \(jsonName(type))", ru: "должно быть: \(jsonName(type))")
    } catch let DecodingError.dataCorrupted(context) {
      throw APIError.invalidField(path(context.codingPath), en: context.debugDescription, ru: context.debugDescription)
    } catch {
      throw APIError.malformedJSON("\(error)")
    }
  }

  /// A field is given or left out; `null` is neither (the decoder would take it for "left out").
  static func rejectNulls(_ data: Data, fields: Set<String>, nested: [String: Set<String>] = [:]) throws {
    guard data.range(of: Data("null".utf8)) != nil,
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
    try rejectNulls(object, fields: fields, nested: nested, prefix: "")
  }

  static func rejectNulls(_ object: [String: Any], fields: Set<String>, nested: [String: Set<String>], prefix: String) throws {
    if let key = object.keys.sorted().first(where: { fields.contains($0) && object[$0] is NSNull }) {
      throw APIError.invalidField(prefix + key, en: "must not be null (leave it out instead)",
        ru: "не может быть null (просто не указывайте)")
    }
    for (key, inner) in nested.sorted(by: { $0.key < $1.key }) {
      if let child = object[key] as? [String: Any] {
        try rejectNulls(child, fields: inner, nested: [:], prefix: prefix + key + ".")
      }
    }
  }

  static func path(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
  }

  static func jsonName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Bool.Type: "true or false"
    case is Int.Type: "an integer"
    case is Double.Type: "a number"
    default: "an object or list of the documented shape"
    }
  }

  /// `lang` of a body or query: `ru` or `en`; otherwise the request's Accept-Language (Russian when it leads).
  static func language(_ value: String?, request: Request) throws -> Language {
    switch value {
    case "ru": return .ru
    case "en": return .en
    case nil:
      let accept = request.headers[.acceptLanguage]?.lowercased() ?? ""
      return accept.hasPrefix("ru") ? .ru : .en
    case let other?:
      throw APIError(.badRequest, id: "invalid-request", en: "`lang` must be ru or en, not `\(other)`",
        ru: "«lang» — ru или en, а не «\(other)»")
    }
  }
}
