import RegulationDiagnostics

/// libyaml reports a syntax error where it gave up, which is often lines after the mistake: an unclosed quote runs on
/// to the next `"` ten lines below, an over-indented key reads as the continuation of the value above it. When the
/// text shows such a mistake at or before the reported place, the diagnostic is moved to it (the original place
/// stays as a note).
enum SyntaxErrorLocator {
  static func refine(_ diagnostic: Diagnostic, text: String) -> Diagnostic {
    guard diagnostic.id == .yamlSyntax else { return diagnostic }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.prefix(4000)) }
    let errorLine = diagnostic.range.start.line
    let path = diagnostic.range.start.file
    var moved = diagnostic
    if let open = unclosedQuote(lines, upTo: errorLine),
      closingLine(lines, from: open).map({ $0 >= errorLine - 1 }) ?? true {
      moved.range = SourceRange(file: path, line: open.line, column: open.column)
      moved.message = .init(
        en: "YAML syntax error: the quoted string that starts here is not closed on its line",
        ru: "синтаксическая ошибка YAML: строка в кавычках, начатая здесь, не закрыта в своей строке")
      moved.hint = .init(en: "close the quote: `\(open.quote)…\(open.quote)`", ru: "закройте кавычку: `\(open.quote)…\(open.quote)`")
      if open.line != errorLine {
        moved.notes = [DiagnosticNote(.init(en: "the YAML reader stopped here: \(diagnostic.message.en)",
          ru: "разбор YAML остановился здесь: \(diagnostic.message.ru)"), at: diagnostic.range)]
      }
      return moved
    }
    if let bad = misindentedLine(lines, upTo: errorLine) {
      moved.range = SourceRange(file: path, line: bad.line, column: bad.column)
      let more = bad.column > bad.expected
      moved.message = .init(
        en: "YAML syntax error: this line is indented \(more ? "more" : "less") than the keys of its section",
        ru: "синтаксическая ошибка YAML: строка сдвинута \(more ? "правее" : "левее"), чем ключи её раздела")
      moved.hint = .init(
        en: "check the indentation: keys of one section start in the same column (here column \(bad.expected))",
        ru: "проверьте отступы: ключи одного раздела начинаются в одной колонке (здесь — в колонке \(bad.expected))")
      if bad.line != errorLine {
        moved.notes = [DiagnosticNote(.init(en: "the YAML reader stopped here: \(diagnostic.message.en)",
          ru: "разбор YAML остановился здесь: \(diagnostic.message.ru)"), at: diagnostic.range)]
      }
      return moved
    }
    return diagnostic
  }

  /// The first quote that opens a value and is not closed on its line (a regulation never needs a quoted string
  /// spanning lines; `>-` is the way to write long text).
  static func unclosedQuote(_ lines: [String], upTo last: Int) -> (line: Int, column: Int, quote: Character)? {
    var inBlockScalar: Int? = nil
    for (i, line) in lines.prefix(last).enumerated() {
      let chars = Array(line)
      let indent = chars.prefix { $0 == " " }.count
      if let block = inBlockScalar {
        if chars.allSatisfy({ $0 == " " }) || indent > block { continue }
        inBlockScalar = nil
      }
      var j = indent
      var quote: Character? = nil
      var start = 0
      var previous: Character = " "
      var valueStart = true
      while j < chars.count {
        let c = chars[j]
        if let q = quote {
          if c == "\\" && q == "\"" {
            j += 2
            continue
          }
          if c == q {
            if q == "'" && j + 1 < chars.count && chars[j + 1] == "'" {
              j += 2
              continue
            }
            quote = nil
          }
        } else {
          if c == "#" && (previous == " " || j == 0) { break }
          if (c == "\"" || c == "'") && valueStart {
            quote = c
            start = j
          }
          valueStart = c == " " ? valueStart || ": -[{,".contains(previous) : "[{,".contains(c)
          if c == "-" && (j == indent) { valueStart = false }
        }
        previous = c
        j += 1
      }
      if let q = quote { return (i + 1, start + 1, q) }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasSuffix("|") || trimmed.hasSuffix(">") || trimmed.hasSuffix(">-") || trimmed.hasSuffix("|-")
        || trimmed.hasSuffix(">+") || trimmed.hasSuffix("|+") {
        inBlockScalar = indent
      }
    }
    return nil
  }

  /// The line where a quoted string that runs on past its line is closed (nil: never). A run-on quote that caused the
  /// error closes at the next quote, on or just before the line where the reader stopped; a deliberate multi-line
  /// string closes long before an unrelated error.
  static func closingLine(_ lines: [String], from open: (line: Int, column: Int, quote: Character)) -> Int? {
    var first = true
    for index in (open.line - 1)..<lines.count {
      var chars = Array(lines[index])
      if first {
        chars = Array(chars.dropFirst(open.column))
        first = false
      }
      var j = 0
      while j < chars.count {
        if open.quote == "\"" && chars[j] == "\\" {
          j += 2
          continue
        }
        if chars[j] == open.quote {
          if open.quote == "'" && j + 1 < chars.count && chars[j + 1] == "'" {
            j += 2
            continue
          }
          return index + 1
        }
        j += 1
      }
    }
    return nil
  }

  /// The first block line whose indentation matches no open section: deeper than its predecessor although that one
  /// holds a value, or between two levels after a dedent.
  static func misindentedLine(_ lines: [String], upTo last: Int) -> (line: Int, column: Int, expected: Int)? {
    // Open indentation levels (0-based columns where keys or list items of an open section start).
    var levels: [Int] = []
    var previousOpens = true
    var inBlockScalar: Int? = nil
    var flowDepth = 0
    var quotedUntil = 0
    for (i, raw) in lines.prefix(last).enumerated() {
      // Continuation lines of a quoted string spanning lines are not keys.
      if i + 1 <= quotedUntil { continue }
      if let open = unclosedQuote([raw], upTo: 1) {
        quotedUntil = closingLine(lines, from: (i + 1, open.column, open.quote)) ?? Int.max
      }
      let line = stripComment(raw)
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      let indent = line.prefix { $0 == " " }.count
      if let block = inBlockScalar {
        if indent > block { continue }
        inBlockScalar = nil
      }
      if flowDepth > 0 {
        flowDepth += depthChange(trimmed)
        continue
      }
      if trimmed == "---" || trimmed.hasPrefix("%") { continue }
      if previousOpens, levels.last.map({ indent > $0 }) ?? true {
        levels.append(indent)
      } else {
        guard let top = levels.last else { return nil }
        if indent > top {
          // Deeper than a `key: value` line: an over-indented key, or the legal continuation of a plain value.
          let content = trimmed.hasPrefix("- ") ? Substring(trimmed.dropFirst(2)) : Substring(trimmed)
          if keyColon(content) != nil || trimmed.hasPrefix("- ") { return (i + 1, indent + 1, top + 1) }
          continue
        }
        // A dedent must land on an open level; between two levels it belongs to the one it left.
        var left = top
        while let t = levels.last, t > indent {
          left = t
          levels.removeLast()
        }
        if levels.last != indent { return (i + 1, indent + 1, left + 1) }
      }
      // A list item `- key: value` opens a mapping at the column after `- `.
      var content = Substring(trimmed)
      var column = indent
      while content.hasPrefix("- ") || content == "-" {
        column += 2
        content = content.dropFirst(2).drop { $0 == " " }
        if levels.last != column { levels.append(column) }
      }
      if content.isEmpty {
        previousOpens = true
        continue
      }
      guard let colon = keyColon(content) else {
        // A plain value continuing onto this line, or something this check does not read.
        if content.first == "[" || content.first == "{" { flowDepth += depthChange(String(content)) }
        previousOpens = false
        continue
      }
      let value = content[content.index(colon, offsetBy: 1)...].trimmingCharacters(in: .whitespaces)
      if value.isEmpty {
        previousOpens = true
      } else {
        previousOpens = false
        if ["|", ">", "|-", ">-", "|+", ">+"].contains(value) { inBlockScalar = column }
        if value.first == "[" || value.first == "{" { flowDepth += depthChange(value) }
      }
    }
    return nil
  }

  static func stripComment(_ line: String) -> String {
    var previous: Character = " "
    var quote: Character? = nil
    var out = ""
    for c in line {
      if let q = quote {
        if c == q { quote = nil }
      } else if c == "\"" || c == "'" {
        if previous == " " || previous == ":" { quote = c }
      } else if c == "#" && previous == " " {
        break
      }
      out.append(c)
      previous = c
    }
    return out
  }

  static func keyColon(_ content: Substring) -> String.Index? {
    if content.first == "\"" || content.first == "'" || content.first == "[" || content.first == "{" { return nil }
    var i = content.startIndex
    while i < content.endIndex {
      if content[i] == ":" {
        let next = content.index(after: i)
        if next == content.endIndex || content[next] == " " { return i }
      }
      i = content.index(after: i)
    }
    return nil
  }

  static func depthChange(_ s: String) -> Int {
    var d = 0
    var quote: Character? = nil
    for c in s {
      if let q = quote {
        if c == q { quote = nil }
        continue
      }
      switch c {
      case "\"", "'": quote = c
      case "[", "{": d += 1
      case "]", "}": d -= 1
      default: break
      }
    }
    return max(0, d)
  }
}
