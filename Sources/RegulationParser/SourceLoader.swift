import Foundation
import RegulationDiagnostics

/// Limits that keep hostile input from exhausting time or memory.
public struct InputLimits: Sendable {
  /// Largest file read, in bytes.
  public var maxBytes: Int = 16 * 1024 * 1024
  /// Deepest nesting accepted (flow brackets, block indentation columns, sequence dashes on one line).
  public var maxDepth: Int = 200
  /// Most YAML nodes composed, counting those reached through aliases.
  public var maxNodes: Int = 2_000_000

  public init() {}
}

/// Reads a file's bytes and turns them into text, or explains why it cannot: empty, binary, not UTF-8 (with a guess
/// at the encoding), too large. Tabs in indentation and excessive nesting are caught here, before the YAML parser.
public enum SourceLoader {
  /// The outcome of loading: the text (if usable) and problems found.
  public struct Loaded: Sendable {
    public var text: String?
    public var diagnostics: [Diagnostic]
  }

  public static func load(path: String, limits: InputLimits = InputLimits()) -> Loaded {
    let url = URL(fileURLWithPath: path)
    let whole = SourceRange(file: path, line: 1, column: 1)
    guard let handle = try? FileHandle(forReadingFrom: url) else {
      return Loaded(text: nil, diagnostics: [Diagnostic(.unreadableFile, message: .init(
        en: "cannot open the file", ru: "не удаётся открыть файл"), at: whole,
        hint: .init(en: "check the path and the permissions", ru: "проверьте путь и права доступа"))])
    }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: limits.maxBytes + 1)) ?? Data()
    if data.count > limits.maxBytes {
      let mb = limits.maxBytes / 1024 / 1024
      return Loaded(text: nil, diagnostics: [Diagnostic(.fileTooLarge, message: .init(
        en: "the file is larger than \(mb) MB; a regulation is never that long",
        ru: "файл больше \(mb) МБ; регламент не бывает такого размера"), at: whole,
        hint: .init(en: "check that this is the right file", ru: "проверьте, тот ли это файл"))])
    }
    return decode(Array(data), path: path, limits: limits)
  }

  /// Checks and decodes bytes already in memory.
  public static func decode(_ bytes: [UInt8], path: String, limits: InputLimits = InputLimits()) -> Loaded {
    let whole = SourceRange(file: path, line: 1, column: 1)
    var bytes = bytes[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      return Loaded(text: nil, diagnostics: [Diagnostic(.emptyFile, message: .init(
        en: "the file is empty", ru: "файл пуст"), at: whole, hint: .init(
        en: "start with `reglament: 1` and an `act:` section (see docs/LANGUAGE.md)",
        ru: "начните с `reglament: 1` и раздела `act:` (см. docs/LANGUAGE.md)"))])
    }
    if let nul = bytes.firstIndex(of: 0) {
      let (line, col) = position(of: nul - bytes.startIndex, in: Array(bytes))
      return Loaded(text: nil, diagnostics: [Diagnostic(.binaryFile, message: .init(
        en: "the file contains a NUL byte: it is binary, not a YAML text",
        ru: "в файле есть нулевой байт: это двоичный файл, а не текст YAML"),
        at: SourceRange(file: path, line: line, column: col))])
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let firstBad = firstInvalidUTF8(Array(bytes))
      let (line, col) = position(of: firstBad, in: Array(bytes))
      let cyrillic = looksLikeWindows1251(Array(bytes))
      return Loaded(text: nil, diagnostics: [Diagnostic(.notUTF8, message: cyrillic
        ? .init(en: "the file is not UTF-8; it looks like Windows-1251 (cp1251) Cyrillic",
          ru: "файл не в UTF-8; похоже, он в кодировке Windows-1251 (cp1251)")
        : .init(en: "the file is not valid UTF-8 (byte 0x\(String(Array(bytes)[firstBad], radix: 16, uppercase: true)))",
          ru: "файл не в кодировке UTF-8 (байт 0x\(String(Array(bytes)[firstBad], radix: 16, uppercase: true)))"),
        at: SourceRange(file: path, line: line, column: col),
        notes: cyrillic ? windows1251Line(Array(bytes), line: line) : [],
        hint: cyrillic
          ? .init(en: "re-save it as UTF-8, e.g. `iconv -f cp1251 -t utf-8 in.yaml > out.yaml`",
            ru: "пересохраните файл в UTF-8, например `iconv -f cp1251 -t utf-8 in.yaml > out.yaml`")
          : .init(en: "re-save the file as UTF-8", ru: "пересохраните файл в кодировке UTF-8"))])
    }
    var diagnostics = tabIndentation(text, path: path)
    if let deep = excessiveNesting(text, path: path, limit: limits.maxDepth) { diagnostics.append(deep) }
    return Loaded(text: text, diagnostics: diagnostics)
  }

  /// The offending line decoded as Windows-1251, so the user sees which text it is.
  static func windows1251Line(_ bytes: [UInt8], line: Int) -> [DiagnosticNote] {
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    guard line >= 1, line <= lines.count, let text = String(data: Data(lines[line - 1]), encoding: .windowsCP1251) else { return [] }
    let shown = text.count > 100 ? String(text.prefix(100)) + "…" : text
    return [DiagnosticNote(.init(en: "line \(line) read as Windows-1251: «\(shown)»", ru: "строка \(line) в кодировке Windows-1251: «\(shown)»"))]
  }

  static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
    var line = 1, lineStart = 0
    for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    let prefix = Array(bytes[lineStart..<min(offset, bytes.count)])
    let col = (String(validating: prefix, as: UTF8.self)?.unicodeScalars.count ?? prefix.count) + 1
    return (line, col)
  }

  static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let n = b < 0x80 ? 1 : (b >> 5 == 0x6 ? 2 : (b >> 4 == 0xE ? 3 : (b >> 3 == 0x1E ? 4 : 0)))
      if n == 0 || i + n > bytes.count { return i }
      for k in 1..<n where bytes[i + k] >> 6 != 0x2 { return i }
      i += n
    }
    return max(0, bytes.count - 1)
  }

  /// Most high bytes fall in cp1251's Cyrillic letter range 0xC0–0xFF (and 0xA8/0xB8 for Ё/ё).
  static func looksLikeWindows1251(_ bytes: [UInt8]) -> Bool {
    let high = bytes.filter { $0 >= 0x80 }
    guard !high.isEmpty else { return false }
    let cyr = high.filter { $0 >= 0xC0 || $0 == 0xA8 || $0 == 0xB8 }.count
    return Double(cyr) / Double(high.count) > 0.8
  }

  /// YAML forbids tabs in indentation; libyaml's own message for them is cryptic.
  static func tabIndentation(_ text: String, path: String) -> [Diagnostic] {
    var out: [Diagnostic] = []
    var inBlockScalar = false
    var blockIndent = 0
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let indent = line.prefix { $0 == " " }.count
      if inBlockScalar {
        if line.trimmingCharacters(in: .whitespaces).isEmpty || indent > blockIndent { continue }
        inBlockScalar = false
      }
      let rest = line.dropFirst(indent)
      if rest.first == "\t" && !rest.trimmingCharacters(in: .whitespaces).isEmpty {
        out.append(Diagnostic(.tabIndentation, message: .init(
          en: "a tab is used for indentation; YAML allows only spaces",
          ru: "отступ сделан табуляцией; в YAML отступы делаются только пробелами"),
          at: SourceRange(file: path, line: i + 1, column: indent + 1),
          hint: .init(en: "replace the tab with spaces (two per level)", ru: "замените табуляцию пробелами (по два на уровень)"),
          fixIts: [FixIt(range: SourceRange(file: path, line: i + 1, column: indent + 1), replacement: "  ")]))
        if out.count >= 20 { break }
      }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasSuffix("|") || trimmed.hasSuffix(">") || trimmed.hasSuffix("|-") || trimmed.hasSuffix(">-") {
        inBlockScalar = true
        blockIndent = indent
      }
    }
    return out
  }

  /// Finds nesting deeper than `limit` without parsing (the YAML parser recurses per level).
  static func excessiveNesting(_ text: String, path: String, limit: Int) -> Diagnostic? {
    var flow = 0
    var line = 1, column = 0
    var inSingle = false, inDouble = false, inComment = false
    var lineStartIndent = true, indent = 0, dashes = 0
    func report(_ l: Int, _ c: Int) -> Diagnostic {
      Diagnostic(.nestingTooDeep, message: .init(
        en: "nesting is deeper than \(limit) levels; a regulation needs fewer than ten",
        ru: "вложенность глубже \(limit) уровней; регламенту достаточно десяти"),
        at: SourceRange(file: path, line: l, column: c),
        hint: .init(en: "check the brackets and the indentation around this line",
          ru: "проверьте скобки и отступы около этой строки"))
    }
    for scalar in text.unicodeScalars {
      column += 1
      if scalar == "\n" {
        line += 1
        column = 0
        inComment = false
        inSingle = false
        lineStartIndent = true
        indent = 0
        dashes = 0
        continue
      }
      if lineStartIndent {
        if scalar == " " {
          indent += 1
          if indent > limit * 4 { return report(line, column) }
          continue
        }
        if scalar == "-" {
          dashes += 1
          if dashes > limit { return report(line, column) }
          continue
        }
        lineStartIndent = false
      }
      if inComment { continue }
      if inDouble {
        if scalar == "\"" { inDouble = false }
        continue
      }
      if inSingle {
        if scalar == "'" { inSingle = false }
        continue
      }
      switch scalar {
      case "#": inComment = true
      case "\"": inDouble = true
      case "'": inSingle = true
      case "[", "{":
        flow += 1
        if flow > limit { return report(line, column) }
      case "]", "}": flow = max(0, flow - 1)
      default: break
      }
    }
    return nil
  }
}
