import Foundation
import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// Reads a `--map` file (grammar/map.schema.json): an export's columns, statuses, categories, time zone and
/// delimiter. Every problem is a located diagnostic; a map with errors is not returned.
public enum LogMapParser {
  /// The keys a map file may have.
  public static let keys = ["log_map", "columns", "statuses", "ignore_statuses", "categories", "time_zone", "delimiter",
    "dates", "encoding"]

  public static func parse(path: String) -> (LogMap?, [Diagnostic]) {
    let loaded = SourceLoader.load(path: path)
    guard let text = loaded.text else { return (nil, loaded.diagnostics) }
    return parse(text: text, path: path)
  }

  public static func parse(text: String, path: String) -> (LogMap?, [Diagnostic]) {
    let (tree, yamlDiagnostics) = YAMLReader.read(text, path: path, limits: InputLimits())
    var diagnostics = yamlDiagnostics
    guard let tree, yamlDiagnostics.allSatisfy({ $0.severity != .error }) else { return (nil, diagnostics) }
    var map = LogMap(file: path)
    func problem(_ id: DiagnosticID, _ node: YAMLTree, en: String, ru: String, hintEN: String? = nil, hintRU: String? = nil) {
      diagnostics.append(Diagnostic(id, message: .init(en: en, ru: ru), at: node.range(file: path),
        hint: hintEN.map { .init(en: $0, ru: hintRU ?? $0) }))
    }
    func scalar(_ node: YAMLTree, _ what: String) -> String? {
      if let s = node.scalarText { return s }
      problem(.wrongType, node, en: "`\(what)` must be a text, not a \(node.typeName)",
        ru: "«\(what)» должно быть текстом, а не \(node.typeName)")
      return nil
    }
    func pairs(_ node: YAMLTree, _ what: String) -> [(key: YAMLTree, value: YAMLTree)] {
      if case .mapping(let p, _, _) = node { return p }
      problem(.wrongType, node, en: "`\(what)` must be a mapping, not a \(node.typeName)",
        ru: "«\(what)» должно быть отображением (ключ: значение), а не \(node.typeName)")
      return []
    }
    for (keyNode, value) in pairs(tree, "map") {
      guard let key = keyNode.scalarText else { continue }
      switch key {
      case "log_map":
        if value.scalarText != "1" {
          problem(.unsupportedVersion, value, en: "unsupported map version; write `log_map: 1`",
            ru: "неподдерживаемая версия карты; напишите `log_map: 1`")
        }
      case "columns":
        for (k, v) in pairs(value, "columns") {
          guard let name = k.scalarText, let column = scalar(v, "columns.\(name)") else { continue }
          guard let field = LogMap.Field(rawValue: name) else {
            let known = LogMap.Field.allCases.map(\.rawValue).joined(separator: ", ")
            problem(.unknownKey, k, en: "unknown canonical column `\(name)`; known: \(known)",
              ru: "неизвестный канонический столбец «\(name)»; есть: \(known)")
            continue
          }
          map.columns[field] = Located(column, at: v.range(file: path))
        }
      case "statuses":
        for (k, v) in pairs(value, "statuses") {
          guard let status = k.scalarText else { continue }
          var steps: [String] = []
          if case .sequence(let items, _, _) = v {
            steps = items.compactMap { scalar($0, "statuses.\(status)") }
          } else if let s = scalar(v, "statuses.\(status)") {
            steps = [s]
          }
          if steps.isEmpty || steps.contains(where: \.isEmpty) {
            problem(.invalidValue, v, en: "status `\(status)` must name a step id (or a list of them)",
              ru: "статус «\(status)» должен называть шаг регламента (или список шагов)")
            continue
          }
          map.statuses[normalizedStatus(status)] = Located(steps, at: v.range(file: path))
        }
      case "ignore_statuses":
        if case .sequence(let items, _, _) = value {
          for item in items { if let s = scalar(item, "ignore_statuses") { map.ignoredStatuses.insert(normalizedStatus(s)) } }
        } else {
          problem(.wrongType, value, en: "`ignore_statuses` must be a list", ru: "«ignore_statuses» должно быть списком")
        }
      case "categories":
        for (k, v) in pairs(value, "categories") {
          guard let name = k.scalarText, let id = scalar(v, "categories.\(name)") else { continue }
          map.categories[normalizedStatus(name)] = Located(id, at: v.range(file: path))
        }
      case "time_zone":
        guard let zone = scalar(value, "time_zone") else { continue }
        if RegulationTimeZone(identifier: zone) == nil {
          problem(.unknownTimeZone, value, en: "unknown time zone `\(zone)`", ru: "неизвестный часовой пояс «\(zone)»",
            hintEN: "use an IANA name such as Europe/Moscow", hintRU: "укажите имя IANA, например Europe/Moscow")
        } else {
          map.timeZone = Located(zone, at: value.range(file: path))
        }
      case "delimiter":
        guard let d = scalar(value, "delimiter") else { continue }
        switch d {
        case ";": map.delimiter = UInt8(ascii: ";")
        case ",": map.delimiter = UInt8(ascii: ",")
        case "\t", "tab", "\\t": map.delimiter = 0x09
        default:
          problem(.invalidValue, value, en: "the delimiter must be `;`, `,` or `tab`",
            ru: "разделитель должен быть «;», «,» или «tab»")
        }
      case "dates":
        guard let d = scalar(value, "dates") else { continue }
        switch d {
        case "day-first": map.dayFirst = true
        case "month-first": map.dayFirst = false
        default:
          problem(.invalidValue, value, en: "`dates` is `day-first` (08.05.2026, 08/05/2026) or `month-first` (05/08/2026)",
            ru: "«dates» — `day-first` (08.05.2026, 08/05/2026) или `month-first` (05/08/2026)")
        }
      case "encoding":
        guard let e = scalar(value, "encoding")?.lowercased() else { continue }
        switch e {
        case "utf-8", "utf8": map.encoding = "utf-8"
        case "cp1251", "windows-1251": map.encoding = "cp1251"
        default:
          problem(.invalidValue, value, en: "the encoding must be `utf-8` or `cp1251`",
            ru: "кодировка должна быть «utf-8» или «cp1251»")
        }
      default:
        let suggestion = Suggestions.best(for: key, among: keys)
        problem(.unknownKey, keyNode, en: "unknown key `\(key)` in a log map", ru: "неизвестный ключ «\(key)» в карте журнала",
          hintEN: suggestion.map { "did you mean `\($0)`?" }, hintRU: suggestion.map { "возможно, имелось в виду «\($0)»?" })
      }
    }
    if tree["log_map"] == nil {
      problem(.missingField, tree, en: "a log map starts with `log_map: 1`", ru: "карта журнала начинается с `log_map: 1`")
    }
    let errors = diagnostics.contains { $0.severity == .error }
    return (errors ? nil : map, diagnostics)
  }

  /// Statuses compare case-insensitively, with spaces collapsed and «ё» read as «е».
  public static func normalizedStatus(_ s: String) -> String {
    s.lowercased().replacingOccurrences(of: "ё", with: "е").split(whereSeparator: { $0 == " " || $0 == "\u{A0}" })
      .joined(separator: " ")
  }
}
