/// The key tables of docs/LANGUAGE.md, generated from `RegulationLanguage` (the one description that also drives
/// validation and the JSON Schema). A test checks that the document holds exactly these tables.
public enum LanguageDocs {
  /// The marker line that opens the generated reference in docs/LANGUAGE.md; everything after it is generated.
  public static let marker = "<!-- Сгенерировано из описания языка (RegulationLanguage.swift); не править вручную. -->"

  /// The reference: one table per section of the language, in order of first appearance.
  public static func reference() -> String {
    var out = marker + "\n"
    for object in RegulationLanguage.allObjects { out += "\n" + table(object) }
    return out
  }

  /// One section's table: key, value, required, meaning.
  public static func table(_ o: ObjectSpec) -> String {
    var out = "### \(SpecValidator.russianName(o.name)) (`\(o.name)`)\n\n\(o.doc)\n\n"
    out += "| ключ | значение | обяз. | что это |\n|---|---|---|---|\n"
    for f in o.fields {
      out += "| `\(f.key)` | \(describe(f.value)) | \(f.required ? "да" : "") | \(escape(f.doc)) |\n"
    }
    return out
  }

  static func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

  /// A value shape in words for legal staff.
  public static func describe(_ v: ValueSpec) -> String {
    switch v {
    case .text: return "текст"
    case .identifier: return "идентификатор"
    case .clause: return "номер пункта"
    case .integer(let minimum, let maximum):
      return maximum == Int.max ? "целое число ≥ \(minimum)" : "целое число от \(minimum) до \(maximum)"
    case .amount: return "число"
    case .boolean: return "true / false"
    case .date: return "дата ГГГГ-ММ-ДД"
    case .approximateDate: return "дата (можно «около ГГГГ-ММ-ДД», ГГГГ-ММ, ГГГГ)"
    case .dateTime: return "дата и время"
    case .timeRange: return "ЧЧ:ММ-ЧЧ:ММ"
    case .enumeration(let values): return values.map { "`\($0)`" }.joined(separator: ", ")
    case .reference(let kind): return "id: " + referenceName(kind)
    case .object(let o): return "раздел «\(SpecValidator.russianName(o.name))»"
    case .list(let item): return "список: " + describe(item)
    case .oneOrMany(let item): return describe(item) + " или их список"
    case .dictionary(let keys, _, let value): return "раздел (ключи — \(keys)): " + describe(value)
    case .either(let options): return options.map(describe).joined(separator: " или ")
    }
  }

  static func referenceName(_ kind: ReferenceKind) -> String {
    switch kind {
    case .role: "роль"
    case .step: "шаг"
    case .category: "категория (id, название или синоним)"
    case .kind: "вид сообщения"
    case .channel: "площадка"
    case .situation: "обстоятельство"
    case .stepOrLimit: "шаг или общий срок"
    case .stepOrEnd: "шаг или `end`"
    case .anchor: "шаг, `detected` или `posted`"
    case .edition: "редакция"
    }
  }
}
