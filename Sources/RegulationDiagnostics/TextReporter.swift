/// Compiler-style text: `file:line:column: severity: message [id]`, the source line, a caret, then notes.
public struct TextReporter: Sendable {
  public var language: Language

  public init(language: Language) { self.language = language }

  public func render(_ report: DiagnosticReport) -> String {
    var out = ""
    for d in report.diagnostics { out += render(d, sources: report.sources) }
    out += summary(report)
    return out
  }

  public func render(_ d: Diagnostic, sources: [String: SourceText]) -> String {
    var out = "\(d.range.start): \(d.severity.word(language)): \(d.message.text(language)) [\(d.id.rawValue)]\n"
    out += snippet(d.range, sources: sources)
    if !d.clauses.isEmpty {
      out += "   = " + (language == .ru ? "пункты акта: " : "clauses: ") + d.clauses.joined(separator: ", ") + "\n"
    }
    for note in d.notes {
      if let r = note.range {
        out += "\(r.start): \(Severity.note.word(language)): \(note.message.text(language))\n"
        out += snippet(r, sources: sources)
      } else {
        out += "\(Severity.note.word(language)): \(note.message.text(language))\n"
      }
    }
    if let hint = d.hint { out += (language == .ru ? "подсказка: " : "hint: ") + hint.text(language) + "\n" }
    for fix in d.fixIts {
      out += (language == .ru ? "исправление: " : "fix: ") + "\(fix.range.start): «\(fix.replacement)»\n"
    }
    return out
  }

  func snippet(_ range: SourceRange, sources: [String: SourceText]) -> String {
    guard let text = sources[range.start.file], let line = text.line(range.start.line) else { return "" }
    let number = String(range.start.line)
    let gutter = String(repeating: " ", count: max(5 - number.count, 1))
    let shown = line.count > 160 ? String(line.prefix(160)) + "…" : line
    var caretPrefix = ""
    for (i, ch) in line.unicodeScalars.enumerated() where i < range.start.column - 1 {
      caretPrefix += ch == "\t" ? "\t" : " "
    }
    if caretPrefix.unicodeScalars.count < range.start.column - 1 {
      caretPrefix += String(repeating: " ", count: range.start.column - 1 - caretPrefix.unicodeScalars.count)
    }
    let available = max(1, line.unicodeScalars.count - (range.start.column - 1))
    let width = min(range.length, available, 120)
    let caret = "^" + String(repeating: "~", count: max(0, width - 1))
    return "\(gutter)\(number) | \(shown)\n" + String(repeating: " ", count: gutter.count + number.count) + " | "
      + caretPrefix + caret + "\n"
  }

  func summary(_ report: DiagnosticReport) -> String {
    let e = report.count(.error), w = report.count(.warning), n = report.count(.note)
    let passed = report.tests.filter(\.passed).count, failed = report.tests.count - passed
    let files = report.files.count
    if language == .ru {
      var s = "проверено файлов: \(files); ошибок: \(e), предупреждений: \(w), примечаний: \(n)"
      if !report.tests.isEmpty { s += "; тесты: \(passed) прошло, \(failed) не прошло" }
      return s + "\n"
    }
    var s = "\(files) file\(files == 1 ? "" : "s") checked: \(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s"), "
      + "\(n) note\(n == 1 ? "" : "s")"
    if !report.tests.isEmpty { s += "; tests: \(passed) passed, \(failed) failed" }
    return s + "\n"
  }
}
