import Foundation
import RegulationDiagnostics

/// Limits that keep hostile input from exhausting time or memory.
public struct InputLimits: Sendable {
  /// Largest file read, in bytes.
  public var maxBytes: Int = 16 * 1024 * 1024
  /// Deepest nesting of sections and lists accepted.
  public var maxDepth: Int = 200
  /// Most YAML nodes composed, counting those reached through aliases.
  public var maxNodes: Int = 2_000_000

  public init() {}
}

/// Reads a file's bytes and turns them into text, or explains why it cannot: empty, binary, not UTF-8 (with a guess
/// at the encoding), too large. Tabs in indentation are caught here, before the YAML parser.
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
    var bytes = bytes[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    if let nul = bytes.firstIndex(of: 0) {
      let (line, col) = position(of: nul - bytes.startIndex, in: Array(bytes))
      return Loaded(text: nil, diagnostics: [Diagnostic(.binaryFile, message: .init(
        en: "the file contains a NUL byte: it is binary, not a YAML text",
        ru: "в файле есть нулевой байт: это двоичный файл, а не текст YAML"),
        at: SourceRange(file: path, line: line, column: col))])
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let all = Array(bytes)
      let firstBad = firstInvalidUTF8(all)
      let (line, col) = position(of: firstBad, in: all)
      let cyrillic = looksLikeWindows1251(all)
      return Loaded(text: nil, diagnostics: [Diagnostic(.notUTF8, message: cyrillic
        ? .init(en: "the file is not UTF-8; it looks like Windows-1251 (cp1251) Cyrillic",
          ru: "файл не в UTF-8; похоже, он в кодировке Windows-1251 (cp1251)")
        : .init(en: "the file is not valid UTF-8 (byte 0x\(String(all[firstBad], radix: 16, uppercase: true)))",
          ru: "файл не в кодировке UTF-8 (байт 0x\(String(all[firstBad], radix: 16, uppercase: true)))"),
        at: SourceRange(file: path, line: line, column: col),
        notes: cyrillic ? windows1251Line(all, line: line) : [],
        hint: cyrillic
          ? .init(en: "re-save it as UTF-8, e.g. `iconv -f cp1251 -t utf-8 in.yaml > out.yaml`",
            ru: "пересохраните файл в UTF-8, например `iconv -f cp1251 -t utf-8 in.yaml > out.yaml`")
          : .init(en: "re-save the file as UTF-8", ru: "пересохраните файл в кодировке UTF-8"))])
    }
    return check(text: text, path: path, limits: limits)
  }

  /// The checks of decoded text: empty, tabs in indentation. (Nesting depth is checked while reading the YAML.)
  public static func check(text: String, path: String, limits: InputLimits = InputLimits()) -> Loaded {
    if text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      return Loaded(text: nil, diagnostics: [Diagnostic(.emptyFile, message: .init(
        en: "the file is empty", ru: "файл пуст"), at: SourceRange(file: path, line: 1, column: 1), hint: .init(
        en: "start with `reglament: 1` and an `act:` section (see docs/LANGUAGE.md)",
        ru: "начните с `reglament: 1` и раздела `act:` (см. docs/LANGUAGE.md)"))])
    }
    return Loaded(text: text, diagnostics: tabIndentation(text, path: path))
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

  /// YAML forbids tabs in indentation; libyaml's own message for them is cryptic. One pass over the bytes: a line
  /// whose indentation (after spaces) starts with a tab, outside block scalars (`|`, `>`), is reported.
  static func tabIndentation(_ text: String, path: String) -> [Diagnostic] {
    var out: [Diagnostic] = []
    var blockIndent: Int?
    var line = 1
    var indent = 0, atIndent = true, firstByte: UInt8 = 0, blank = true
    var last: UInt8 = 0, beforeLast: UInt8 = 0
    func endLine() {
      if let b = blockIndent {
        if blank || indent > b { return }
        blockIndent = nil
      }
      if firstByte == 0x09 && !blank && out.count < 20 {
        out.append(Diagnostic(.tabIndentation, message: .init(
          en: "a tab is used for indentation; YAML allows only spaces",
          ru: "отступ сделан табуляцией; в YAML отступы делаются только пробелами"),
          at: SourceRange(file: path, line: line, column: indent + 1),
          hint: .init(en: "replace the tab with spaces (two per level)", ru: "замените табуляцию пробелами (по два на уровень)"),
          fixIts: [FixIt(range: SourceRange(file: path, line: line, column: indent + 1), replacement: "  ")]))
      }
      // A line ending with `|`, `>`, `|-` or `>-` opens a block scalar: its lines are text, tabs allowed.
      if last == 0x7C || last == 0x3E || (last == 0x2D && (beforeLast == 0x7C || beforeLast == 0x3E)) { blockIndent = indent }
    }
    for b in text.utf8 {
      if b == 0x0A {
        endLine()
        line += 1
        indent = 0
        atIndent = true
        firstByte = 0
        blank = true
        last = 0
        beforeLast = 0
        continue
      }
      if atIndent {
        if b == 0x20 {
          indent += 1
          continue
        }
        atIndent = false
        firstByte = b
      }
      if b != 0x20 && b != 0x09 && b != 0x0D {
        blank = false
        beforeLast = last
        last = b
      }
    }
    endLine()
    return out
  }


}
