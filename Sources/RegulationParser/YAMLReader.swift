import CLibYAML
import Foundation
import RegulationDiagnostics

/// Reads YAML text into a `YAMLTree` straight from libyaml's events, without an intermediate document model:
/// iterative (no recursion per nesting level), counting nodes reached through aliases against a budget (alias bombs),
/// and reporting every duplicate key of every mapping in one pass. libyaml's errors become diagnostics at their place.
enum YAMLReader {
  /// A collection being read.
  private struct Frame {
    var isMapping: Bool
    var line: Int
    var column: Int
    var anchor: String?
    var items: [YAMLTree] = []
    var pairs: [(key: YAMLTree, value: YAMLTree)] = []
    var pendingKey: YAMLTree?
    var size = 1
  }

  static func read(_ text: String, path: String, limits: InputLimits) -> (YAMLTree?, [Diagnostic]) {
    var bytes = Array(text.utf8)
    if bytes.isEmpty { bytes = [0x0A] }
    return bytes.withUnsafeBufferPointer { buffer in
      var parser = yaml_parser_t()
      guard yaml_parser_initialize(&parser) == 1 else {
        return (nil, [Diagnostic(.yamlSyntax, message: .init(en: "cannot start the YAML parser", ru: "не удаётся запустить разбор YAML"),
          at: SourceRange(file: path, line: 1, column: 1))])
      }
      defer { yaml_parser_delete(&parser) }
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      let (tree, diagnostics) = readEvents(&parser, path: path, limits: limits, bytes: buffer)
      return (tree, tree == nil ? diagnostics.map { SyntaxErrorLocator.refine($0, text: text) } : diagnostics)
    }
  }

  private static func readEvents(
    _ parser: inout yaml_parser_t, path: String, limits: InputLimits, bytes: UnsafeBufferPointer<UInt8>
  ) -> (YAMLTree?, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var stack: [Frame] = []
    var anchors: [String: (tree: YAMLTree, size: Int)] = [:]
    var root: YAMLTree?
    var documents = 0
    var budget = limits.maxNodes
    let marks = MarkConverter(bytes)

    func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
      p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    /// Attaches a finished node to its parent (or makes it the root).
    func attach(_ node: YAMLTree, size: Int) {
      guard !stack.isEmpty else {
        root = node
        return
      }
      stack[stack.count - 1].size += size
      if stack[stack.count - 1].isMapping {
        if let key = stack[stack.count - 1].pendingKey {
          stack[stack.count - 1].pairs.append((key, node))
          stack[stack.count - 1].pendingKey = nil
        } else {
          stack[stack.count - 1].pendingKey = node
        }
      } else {
        stack[stack.count - 1].items.append(node)
      }
    }

    while true {
      var event = yaml_event_t()
      guard yaml_parser_parse(&parser, &event) == 1 else {
        diagnostics.append(syntaxDiagnostic(parser, path: path, bytes: bytes, marks: marks))
        return (nil, diagnostics)
      }
      defer { yaml_event_delete(&event) }
      var (line, column) = marks.position(event.start_mark)
      // An empty value at the very end of a file without a final line break (`---` alone) is marked on a line that
      // does not exist: it is at the end of the last line.
      if Int(event.start_mark.index) >= bytes.count { (line, column) = clampedToText(line: line, column: column, bytes: bytes) }
      switch event.type {
      case YAML_STREAM_END_EVENT:
        if documents == 0 || root == nil {
          return (nil, [Diagnostic(.emptyFile, message: .init(en: "the file has no YAML content (only comments)",
            ru: "в файле нет содержимого YAML (только комментарии)"), at: SourceRange(file: path, line: 1, column: 1))])
        }
        return (root, diagnostics)
      case YAML_DOCUMENT_START_EVENT:
        documents += 1
        if documents > 1 {
          diagnostics.append(Diagnostic(.yamlSyntax, message: .init(
            en: "YAML syntax error: expected a single document in the stream",
            ru: "синтаксическая ошибка YAML: ожидался один документ"), at: SourceRange(file: path, line: line, column: column),
            hint: .init(en: "a regulation file holds one document; remove the extra `---`",
              ru: "в файле регламента один документ; уберите лишний `---`")))
          return (nil, diagnostics)
        }
      case YAML_SCALAR_EVENT:
        budget -= 1
        let scalar = event.data.scalar
        let value = scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(scalar.length)), as: UTF8.self) } ?? ""
        let quoted = scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
        let node = YAMLTree.scalar(value, quoted: quoted, line: line, column: column)
        if let anchor = string(scalar.anchor) { anchors[anchor] = (node, 1) }
        attach(node, size: 1)
      case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
        // Deep trees would exhaust the stack of everything that walks them; a regulation needs fewer than ten levels.
        guard stack.count < limits.maxDepth else {
          diagnostics.append(Diagnostic(.nestingTooDeep, message: .init(
            en: "nesting is deeper than \(limits.maxDepth) levels; a regulation needs fewer than ten",
            ru: "вложенность глубже \(limits.maxDepth) уровней; регламенту достаточно десяти"),
            at: SourceRange(file: path, line: line, column: column),
            hint: .init(en: "check the brackets and the indentation around this line",
              ru: "проверьте скобки и отступы около этой строки")))
          return (nil, diagnostics)
        }
        let isMapping = event.type == YAML_MAPPING_START_EVENT
        let anchor = isMapping ? string(event.data.mapping_start.anchor) : string(event.data.sequence_start.anchor)
        stack.append(Frame(isMapping: isMapping, line: line, column: column, anchor: anchor))
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        let frame = stack.removeLast()
        budget -= 1
        let node: YAMLTree
        if frame.isMapping {
          node = .mapping(uniquePairs(frame.pairs, path: path, into: &diagnostics), line: frame.line, column: frame.column)
        } else {
          node = .sequence(frame.items, line: frame.line, column: frame.column)
        }
        if let anchor = frame.anchor { anchors[anchor] = (node, frame.size) }
        attach(node, size: frame.size)
      case YAML_ALIAS_EVENT:
        let name = string(event.data.alias.anchor) ?? ""
        guard let target = anchors[name] else {
          diagnostics.append(Diagnostic(.yamlSyntax, message: .init(
            en: "YAML syntax error: found undefined alias `*\(name)`", ru: "синтаксическая ошибка YAML: ссылка на необъявленный якорь `*\(name)`"),
            at: SourceRange(file: path, line: line, column: column, length: name.count + 1),
            hint: .init(en: "define the `&anchor` before using `*alias`", ru: "объявите `&якорь` до `*ссылки`")))
          return (nil, diagnostics)
        }
        budget -= target.size
        if budget < 0 {
          diagnostics.append(Diagnostic(.documentTooComplex, message: .init(
            en: "the document expands to more than \(limits.maxNodes) nodes (aliases referring to aliases?)",
            ru: "документ разворачивается более чем в \(limits.maxNodes) узлов (ссылки на ссылки?)"),
            at: SourceRange(file: path, line: line, column: column),
            hint: .init(en: "write the values out instead of using `&anchor`/`*alias`",
              ru: "запишите значения явно вместо `&якорь`/`*ссылка`")))
          return (nil, diagnostics)
        }
        attach(target.tree, size: target.size)
      default:
        break
      }
      if budget < 0 {
        diagnostics.append(Diagnostic(.documentTooComplex, message: .init(
          en: "the document has more than \(limits.maxNodes) nodes", ru: "в документе более \(limits.maxNodes) узлов"),
          at: SourceRange(file: path, line: line, column: column)))
        return (nil, diagnostics)
      }
    }
  }

  /// Reports every key given twice in one mapping (with a note at its first occurrence) and keeps the first.
  private static func uniquePairs(
    _ pairs: [(key: YAMLTree, value: YAMLTree)], path: String, into diagnostics: inout [Diagnostic]
  ) -> [(key: YAMLTree, value: YAMLTree)] {
    guard pairs.count > 1 else { return pairs }
    // Most sections have a handful of keys: compare them pairwise before paying for a dictionary.
    if pairs.count <= 12 {
      let keys = pairs.map(\.key.scalarText)
      var clash = false
      outer: for i in keys.indices {
        guard let k = keys[i] else { continue }
        for j in keys.indices where j > i && keys[j] == k {
          clash = true
          break outer
        }
      }
      if !clash { return pairs }
    }
    var first: [String: YAMLTree] = [:]
    var kept: [(key: YAMLTree, value: YAMLTree)] = []
    kept.reserveCapacity(pairs.count)
    for pair in pairs {
      guard let key = pair.key.scalarText else {
        kept.append(pair)
        continue
      }
      if let earlier = first[key] {
        diagnostics.append(Diagnostic(.duplicateKey, message: .init(
          en: "key `\(key)` is given twice in the same section", ru: "ключ `\(key)` указан дважды в одном разделе"),
          at: pair.key.range(file: path),
          notes: [DiagnosticNote(.init(en: "first given here", ru: "впервые указан здесь"), at: earlier.range(file: path))],
          hint: .init(en: "keep one of them; the second one is ignored", ru: "оставьте один; второй не учитывается")))
      } else {
        first[key] = pair.key
        kept.append(pair)
      }
    }
    return kept
  }

  static func syntaxDiagnostic(
    _ parser: yaml_parser_t, path: String, bytes: UnsafeBufferPointer<UInt8>, marks: MarkConverter
  ) -> Diagnostic {
    let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
    let context = parser.context.map { String(cString: $0) } ?? ""
    var line = Int(parser.problem_mark.line) + 1, column = Int(parser.problem_mark.column) + 1
    if parser.error == YAML_READER_ERROR {
      // The reader (control characters, bad encoding) gives a byte offset, not a mark.
      (line, column) = position(ofByte: Int(parser.problem_offset), in: bytes)
    } else if marks.needed {
      (line, column) = marks.position(parser.problem_mark)
    } else {
      (line, column) = clampedToText(line: line, column: column, bytes: bytes)
    }
    let (hintEn, hintRu) = hint(for: problem)
    let whileText = context.isEmpty ? "" : " (\(context))"
    return Diagnostic(.yamlSyntax, message: .init(
      en: "YAML syntax error: \(problem)\(whileText)",
      ru: "синтаксическая ошибка YAML: \(russian(problem))\(context.isEmpty ? "" : " (\(russian(context)))")"),
      at: SourceRange(file: path, line: line, column: column),
      hint: hintEn.map { .init(en: $0, ru: hintRu ?? $0) })
  }

  /// Line and column (in Unicode scalars, 1-based) of a byte offset.
  static func position(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    let end = min(max(offset, 0), bytes.count)
    var line = 1, column = 1
    for i in 0..<end {
      if bytes[i] == 0x0A {
        line += 1
        column = 1
      } else if bytes[i] & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }

  /// At the end of a file without a final line break libyaml moves its mark to the start of a line that does not
  /// exist; the problem is at the end of the last line.
  static func clampedToText(line: Int, column: Int, bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    let lines = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    guard line > lines else { return (line, column) }
    return position(ofByte: bytes.count, in: bytes)
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
      ("control characters are not allowed", "управляющие символы не допускаются"),
      ("did not find expected ',' or '}'", "не найдена ожидаемая «,» или «}»"),
      ("did not find expected ',' or ']'", "не найдена ожидаемая «,» или «]»"),
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

/// libyaml counts lines at `\r`, U+0085, U+2028 and U+2029 too; a diagnostic's line is a line of the file as editors
/// and the excerpt show it (ended by `\n` only). When the text has such a break, marks are converted through their
/// character index; otherwise libyaml's line and column are already right and cost nothing.
struct MarkConverter {
  let needed: Bool
  /// Character (Unicode scalar) offset at which each `\n`-line starts.
  private let lineStarts: [Int]

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var needed = false
    for i in bytes.indices {
      let b = bytes[i]
      if b == 0x0D, i + 1 == bytes.count || bytes[i + 1] != 0x0A { needed = true; break }
      if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x85 { needed = true; break }
      if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
        needed = true
        break
      }
    }
    self.needed = needed
    var starts = [0]
    if needed {
      var scalar = 0
      for b in bytes where b & 0xC0 != 0x80 {
        scalar += 1
        if b == 0x0A { starts.append(scalar) }
      }
    }
    lineStarts = starts
  }

  /// 1-based line and column of a mark.
  func position(_ mark: yaml_mark_t) -> (Int, Int) {
    guard needed else { return (Int(mark.line) + 1, Int(mark.column) + 1) }
    let index = Int(mark.index)
    var lo = 0, hi = lineStarts.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if lineStarts[mid] <= index { lo = mid + 1 } else { hi = mid }
    }
    let line = max(lo, 1)
    return (line, index - lineStarts[line - 1] + 1)
  }
}
