import Foundation
import RegulationDiagnostics
import Yams

/// Parses YAML text into a `YAMLTree`, turning every libyaml error into a diagnostic at its place. Duplicate keys
/// (which Yams rejects one at a time) are all reported: each one found is renamed and parsing resumes.
enum YAMLReader {
  static let duplicateMarker = "__reglament_duplicate_"

  static func read(_ original: String, path: String, limits: InputLimits) -> (YAMLTree?, [Diagnostic]) {
    var text = original
    var diagnostics: [Diagnostic] = []
    for attempt in 0..<64 {
      do {
        guard let node = try Yams.compose(yaml: text) else {
          return (nil, [Diagnostic(.emptyFile, message: .init(en: "the file has no YAML content (only comments)",
            ru: "в файле нет содержимого YAML (только комментарии)"), at: SourceRange(file: path, line: 1, column: 1))])
        }
        var budget = limits.maxNodes
        do {
          return (try YAMLTree.from(node, budget: &budget), diagnostics)
        } catch let e as NodeBudgetExceeded {
          diagnostics.append(Diagnostic(.documentTooComplex, message: .init(
            en: "the document expands to more than \(limits.maxNodes) nodes (aliases referring to aliases?)",
            ru: "документ разворачивается более чем в \(limits.maxNodes) узлов (ссылки на ссылки?)"),
            at: SourceRange(file: path, line: e.line, column: e.column),
            hint: .init(en: "write the values out instead of using `&anchor`/`*alias`",
              ru: "запишите значения явно вместо `&якорь`/`*ссылка`")))
          return (nil, diagnostics)
        }
      } catch let error as YamlError {
        if case .duplicatedKeysInMapping(let duplicates, let context) = error, attempt < 63,
          let (renamed, found) = renameSecondOccurrence(of: duplicates, after: context.mark, in: text, attempt: attempt)
        {
          text = renamed
          let first = SourceRange(file: path, line: context.mark.line, column: context.mark.column, length: found.key.count)
          diagnostics.append(Diagnostic(.duplicateKey, message: .init(
            en: "key `\(found.key)` is given twice in the same section", ru: "ключ `\(found.key)` указан дважды в одном разделе"),
            at: SourceRange(file: path, line: found.line, column: found.column, length: found.key.count),
            notes: [DiagnosticNote(.init(en: "first given here", ru: "впервые указан здесь"), at: first)],
            hint: .init(en: "keep one of them; the second one is ignored", ru: "оставьте один; второй не учитывается")))
          continue
        }
        diagnostics.append(syntaxDiagnostic(error, path: path))
        return (nil, diagnostics)
      } catch {
        diagnostics.append(Diagnostic(.yamlSyntax, message: .init(en: "cannot parse YAML: \(error)",
          ru: "не удаётся разобрать YAML: \(error)"), at: SourceRange(file: path, line: 1, column: 1)))
        return (nil, diagnostics)
      }
    }
    return (nil, diagnostics)
  }

  struct Found {
    var key: String
    var line: Int
    var column: Int
  }

  /// Finds the next line at the first key's column that repeats one of the duplicate keys, and renames it.
  static func renameSecondOccurrence(of keys: [String], after mark: Mark, in text: String, attempt: Int) -> (String, Found)? {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard mark.line >= 1, mark.line <= lines.count else { return nil }
    let col = mark.column - 1
    for i in mark.line..<lines.count {
      let scalars = Array(lines[i].unicodeScalars)
      guard scalars.count > col else { continue }
      let prefix = String(String.UnicodeScalarView(scalars[0..<col]))
      guard prefix.allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
      let rest = String(String.UnicodeScalarView(scalars[col...]))
      for key in keys {
        for written in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(written) {
          let after = rest.dropFirst(written.count).drop { $0 == " " }
          if after.first == ":" {
            lines[i] = prefix + "\(duplicateMarker)\(attempt)" + rest.dropFirst(written.count)
            return (lines.joined(separator: "\n"), Found(key: key, line: i + 1, column: col + 1))
          }
        }
      }
    }
    return nil
  }

  static func syntaxDiagnostic(_ error: YamlError, path: String) -> Diagnostic {
    var problem = "\(error)"
    var line = 1, column = 1
    var contextText = ""
    switch error {
    case .scanner(let context, let p, let mark, _), .parser(let context, let p, let mark, _),
      .composer(let context, let p, let mark, _):
      problem = p
      line = mark.line
      column = mark.column
      if let context { contextText = context.text }
    case .reader(let p, let offset, _, let yaml):
      problem = p
      if let offset {
        let prefix = yaml.utf8.prefix(offset)
        line = prefix.filter { $0 == 0x0A }.count + 1
      }
    case .duplicatedKeysInMapping(let duplicates, let context):
      problem = "duplicated keys: \(duplicates.joined(separator: ", "))"
      line = context.mark.line
      column = context.mark.column
    default: break
    }
    let (hintEn, hintRu) = hint(for: problem)
    let whileText = contextText.isEmpty ? "" : " (\(contextText))"
    return Diagnostic(.yamlSyntax, message: .init(
      en: "YAML syntax error: \(problem)\(whileText)",
      ru: "синтаксическая ошибка YAML: \(russian(problem))\(whileText.isEmpty ? "" : " (\(russian(contextText)))")"),
      at: SourceRange(file: path, line: line, column: column),
      hint: hintEn.map { .init(en: $0, ru: hintRu ?? $0) })
  }

  static func hint(for problem: String) -> (String?, String?) {
    if problem.contains("mapping values are not allowed") {
      return ("a value that contains `: ` must be quoted, e.g. `quote: \"срок: 30 минут\"`",
        "значение, в котором есть `: `, заключите в кавычки, например `quote: \"срок: 30 минут\"`")
    }
    if problem.contains("could not find expected ':'") {
      return ("every line of a section must be `key: value`; check the line above", "каждая строка раздела — `ключ: значение`; проверьте строку выше")
    }
    if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
      return ("check the indentation: items of one section start in the same column",
        "проверьте отступы: элементы одного раздела начинаются в одной колонке")
    }
    if problem.contains("found undefined alias") { return ("define the `&anchor` before using `*alias`", "объявите `&якорь` до `*ссылки`") }
    if problem.contains("expected a single document") {
      return ("a regulation file holds one document; remove the extra `---`", "в файле регламента один документ; уберите лишний `---`")
    }
    if problem.contains("found unexpected end of stream") || problem.contains("found unknown escape") {
      return ("check that every quote is closed", "проверьте, что все кавычки закрыты")
    }
    return (nil, nil)
  }

  static func russian(_ problem: String) -> String {
    let table: [(String, String)] = [
      ("mapping values are not allowed in this context", "здесь не может начинаться значение раздела"),
      ("could not find expected ':'", "не найден ожидаемый символ «:»"),
      ("did not find expected key", "не найден ожидаемый ключ"),
      ("did not find expected '-' indicator", "не найден ожидаемый символ «-»"),
      ("found character that cannot start any token", "символ, с которого не может начинаться элемент"),
      ("found unexpected end of stream", "неожиданный конец файла"),
      ("found undefined alias", "ссылка на необъявленный якорь"),
      ("expected a single document in the stream", "ожидался один документ"),
      ("while scanning a simple key", "при чтении ключа"),
      ("while parsing a block mapping", "при разборе раздела"),
      ("while parsing a block collection", "при разборе списка"),
      ("while scanning a quoted scalar", "при чтении строки в кавычках"),
      ("while parsing a flow sequence", "при разборе списка в скобках"),
      ("while parsing a flow mapping", "при разборе раздела в скобках"),
    ]
    for (en, ru) in table where problem.hasPrefix(en) { return ru + problem.dropFirst(en.count) }
    return problem
  }
}
