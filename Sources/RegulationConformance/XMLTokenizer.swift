import Foundation

/// Where an XML construct starts: 1-based line and column (columns count characters, not bytes).
struct XMLLocation: Equatable, Sendable, CustomStringConvertible {
  var line: Int
  var column: Int
  var description: String { "\(line):\(column)" }
}

/// A document that is not well-formed XML, or holds what is never read (a DOCTYPE, another encoding than UTF-8):
/// where, and what, in both languages.
struct XMLSyntaxError: Error, Equatable {
  var location: XMLLocation
  var en: String
  var ru: String
  /// The document ended here while elements were open (it is cut short), as opposed to a construct that is wrong.
  var isTruncation = false
}

/// One attribute of a start tag: its name as written (with any prefix) and its value with references replaced.
struct XMLAttribute: Equatable {
  var name: String
  var value: String
}

/// What the tokenizer hands over: a start tag (`empty` for `<a/>`, which is followed by no end token), an end tag,
/// or text (character data, references replaced, CDATA sections as they are; pieces of one run of text may come as
/// several tokens).
enum XMLToken: Equatable {
  case start(name: String, attributes: [XMLAttribute], empty: Bool, at: XMLLocation)
  case end(name: String, at: XMLLocation)
  case text(String)
}

extension XMLToken {
  /// The part of a name after its namespace prefix (`x:row` → `row`).
  static func localName(_ name: String) -> Substring {
    if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
    return name[...]
  }
}

extension [XMLAttribute] {
  /// The value of the attribute with this name as written (`r:id`), or else with this local name (`t` for `x:t`).
  subscript(_ name: String) -> String? {
    if let a = first(where: { $0.name == name }) { return a.value }
    return first(where: { XMLToken.localName($0.name) == name })?.value
  }
}

/// A small streaming XML pull tokenizer over UTF-8 bytes (issue 14: Foundation's `XMLParser` trapped on some inputs,
/// silently accepted documents cut short, and leaked about 2 KB per malformed document). Input comes in chunks, so
/// memory is bounded by the largest token, not by the file. It reads what XES and XLSX writers produce: tags with
/// attributes (either quote), text with the five predefined entities and numeric character references, CDATA;
/// comments, processing instructions and the XML declaration are skipped (an encoding other than UTF-8 is an
/// error). A DOCTYPE is refused: no entity is ever defined or expanded. Namespace prefixes stay part of the names.
/// Every malformed construct is an `XMLSyntaxError` at its line and column; a document that ends with elements open
/// is one too (`isTruncation`). Bytes that are not UTF-8 are read as U+FFFD (`replacedInvalidUTF8` tells).
struct XMLTokenizer {
  /// Elements nested deeper than this are refused (a forged `<a><a><a>…` would otherwise grow the stack).
  static let maxDepth = 4096
  /// Names and entity references longer than this are refused.
  static let maxNameLength = 4096

  private var buffer: [UInt8]
  private var pos = 0
  private let nextChunk: (() -> [UInt8]?)?
  private var line = 1
  /// Characters consumed on the current line.
  private var consumed = 0
  private var open: [(name: String, at: XMLLocation)] = []
  private var sawRoot = false
  private var atStart = true
  private var scratch: [UInt8] = []
  /// Some bytes were not UTF-8 and were read as U+FFFD.
  private(set) var replacedInvalidUTF8 = false

  /// Tokenizes bytes held in memory.
  init(bytes: [UInt8]) {
    buffer = bytes
    nextChunk = nil
  }

  /// Tokenizes bytes handed in chunks by `next` (nil or empty at the end).
  init(chunks next: @escaping () -> [UInt8]?) {
    buffer = []
    nextChunk = next
  }

  /// Tokenizes a file read in 64 KB chunks; nil when it cannot be opened.
  init?(path: String) {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    self.init(chunks: {
      guard let data = try? handle.read(upToCount: 1 << 16), !data.isEmpty else {
        try? handle.close()
        return nil
      }
      return [UInt8](data)
    })
  }

  /// The location of the next byte.
  var location: XMLLocation { XMLLocation(line: line, column: consumed + 1) }

  /// The elements open at this point, outermost first, with where they start.
  var openElements: [(name: String, at: XMLLocation)] { open }

  // MARK: bytes

  /// Makes at least `count` bytes available from `pos` if the input has them.
  @inline(__always)
  private mutating func available(_ count: Int) -> Bool {
    if pos + count <= buffer.count { return true }
    return refill(count)
  }

  private mutating func refill(_ count: Int) -> Bool {
    guard let nextChunk else { return false }
    if pos > 0 {
      buffer.removeSubrange(0..<pos)
      pos = 0
    }
    while buffer.count < count {
      guard let chunk = nextChunk(), !chunk.isEmpty else { return false }
      buffer.append(contentsOf: chunk)
    }
    return true
  }

  @inline(__always)
  private mutating func peek(_ offset: Int = 0) -> UInt8? {
    available(offset + 1) ? buffer[pos + offset] : nil
  }

  @inline(__always)
  private mutating func advance() {
    let b = buffer[pos]
    pos += 1
    if b == 0x0A {
      line += 1
      consumed = 0
    } else if b & 0xC0 != 0x80 {
      consumed += 1
    }
  }

  /// Whether the next bytes are `literal` (ASCII); consumes them if so.
  private mutating func skip(_ literal: StaticString) -> Bool {
    let n = literal.utf8CodeUnitCount
    guard available(n) else { return false }
    let p = literal.utf8Start
    for i in 0..<n where buffer[pos + i] != p[i] { return false }
    for _ in 0..<n { advance() }
    return true
  }

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

  private mutating func skipSpaces() {
    while let b = peek(), Self.isSpace(b) { advance() }
  }

  private func fail(_ at: XMLLocation, _ en: String, _ ru: String) -> XMLSyntaxError {
    XMLSyntaxError(location: at, en: en, ru: ru)
  }

  private mutating func string(_ bytes: [UInt8]) -> String {
    if let s = String(validating: bytes, as: UTF8.self) { return s }
    replacedInvalidUTF8 = true
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The scratch buffer, emptied, to fill outside `self` (its capacity is kept across tokens).
  private mutating func borrowScratch() -> [UInt8] {
    var out: [UInt8] = []
    swap(&out, &scratch)
    out.removeAll(keepingCapacity: true)
    return out
  }

  /// How a byte shows in a message: itself when printable ASCII, else its code.
  private static func shown(_ b: UInt8) -> String {
    b >= 0x21 && b < 0x7F ? "`\(Character(Unicode.Scalar(b)))`" : String(format: "byte 0x%02X", b)
  }

  // MARK: tokens

  /// The next token, nil at the end of a well-formed document.
  mutating func next() throws(XMLSyntaxError) -> XMLToken? {
    while true {
      if atStart {
        atStart = false
        if available(2), buffer[0] == 0xFF && buffer[1] == 0xFE || buffer[0] == 0xFE && buffer[1] == 0xFF {
          throw fail(location, "the document is in UTF-16; only UTF-8 is read (save it as UTF-8)",
            "документ в кодировке UTF-16; читается только UTF-8 (сохраните его в UTF-8)")
        }
        _ = skip("\u{FEFF}")
        let at = location
        if skip("<?xml") {
          if let b = peek(), Self.isSpace(b) || b == UInt8(ascii: "?") {
            try declaration(at)
          } else {
            try processingInstruction(at, afterTarget: true)  // `<?xml-stylesheet …?>`
          }
        }
        continue
      }
      guard let b = peek() else {
        if let (name, at) = open.last {
          var e = fail(location, "the document ends before <\(name)> (opened at \(at)) is closed",
            "документ кончается, не закрыв <\(name)> (открыт в \(at))")
          e.isTruncation = true
          throw e
        }
        if !sawRoot { throw fail(location, "the document has no root element", "в документе нет корневого элемента") }
        return nil
      }
      if b != UInt8(ascii: "<") {
        if open.isEmpty {
          if Self.isSpace(b) {
            advance()
            continue
          }
          throw fail(location, sawRoot ? "text after the root element" : "text before the root element",
            sawRoot ? "текст после корневого элемента" : "текст перед корневым элементом")
        }
        return .text(try text())
      }
      let at = location
      guard let c = peek(1) else {
        advance()
        throw fail(at, "the document ends inside a tag", "документ кончается внутри тега")
      }
      switch c {
      case UInt8(ascii: "/"):
        return try endTag(at)
      case UInt8(ascii: "?"):
        advance()
        advance()
        if skip("xml") {
          if let n = peek(), Self.isSpace(n) || n == UInt8(ascii: "?") {
            throw fail(at, "an XML declaration that is not at the start of the document",
              "объявление XML не в начале документа")
          }
          try processingInstruction(at, afterTarget: true)
        } else {
          try processingInstruction(at, afterTarget: false)
        }
      case UInt8(ascii: "!"):
        if skip("<!--") {
          try comment(at)
        } else if skip("<![CDATA[") {
          guard !open.isEmpty else {
            throw fail(at, "a CDATA section outside the root element", "раздел CDATA вне корневого элемента")
          }
          return .text(try cdata(at))
        } else if skip("<!DOCTYPE") {
          throw fail(at, "a DOCTYPE is not read (it could define entities); remove it",
            "объявление DOCTYPE не читается (оно может определять сущности); удалите его")
        } else {
          throw fail(at, "`<!` starts neither a comment nor a CDATA section", "`<!` не начинает ни комментарий, ни раздел CDATA")
        }
      default:
        return try startTag(at)
      }
    }
  }

  /// `<?xml version="1.0" encoding="…" standalone="…"?>`, after `<?xml`.
  private mutating func declaration(_ at: XMLLocation) throws(XMLSyntaxError) {
    while true {
      skipSpaces()
      if skip("?>") { return }
      guard let b = peek() else {
        throw fail(at, "the XML declaration is not closed with `?>`", "объявление XML не закрыто `?>`")
      }
      guard Self.isNameStart(b) else {
        throw fail(location, "\(Self.shown(b)) in the XML declaration", "\(Self.shown(b)) в объявлении XML")
      }
      let nameAt = location
      let name = try self.name()
      skipSpaces()
      guard skip("=") else { throw fail(location, "`=` expected after `\(name)`", "после `\(name)` ожидается `=`") }
      skipSpaces()
      let value = try attributeValue(nameAt, name: name)
      if name == "encoding" {
        let e = value.lowercased()
        if e != "utf-8" && e != "utf8" && e != "us-ascii" && e != "ascii" {
          throw fail(nameAt, "the document declares the encoding «\(value)»; only UTF-8 is read (save it as UTF-8)",
            "документ объявляет кодировку «\(value)»; читается только UTF-8 (сохраните его в UTF-8)")
        }
      }
    }
  }

  /// Skips a processing instruction up to `?>` (after `<?`, or after its target when `afterTarget`).
  private mutating func processingInstruction(_ at: XMLLocation, afterTarget: Bool) throws(XMLSyntaxError) {
    if !afterTarget {
      guard let b = peek(), Self.isNameStart(b) else {
        throw fail(at, "`<?` not followed by a processing instruction's name", "после `<?` нет имени инструкции обработки")
      }
    }
    while available(2) {
      if buffer[pos] == UInt8(ascii: "?") && buffer[pos + 1] == UInt8(ascii: ">") {
        advance()
        advance()
        return
      }
      advance()
    }
    throw fail(at, "a processing instruction is not closed with `?>`", "инструкция обработки не закрыта `?>`")
  }

  /// Skips a comment, after `<!--`.
  private mutating func comment(_ at: XMLLocation) throws(XMLSyntaxError) {
    while available(3) {
      if buffer[pos] == UInt8(ascii: "-") && buffer[pos + 1] == UInt8(ascii: "-") {
        guard buffer[pos + 2] == UInt8(ascii: ">") else {
          throw fail(location, "`--` inside a comment", "`--` внутри комментария")
        }
        advance()
        advance()
        advance()
        return
      }
      advance()
    }
    throw fail(at, "a comment is not closed with `-->`", "комментарий не закрыт `-->`")
  }

  /// The text of a CDATA section, after `<![CDATA[`.
  private mutating func cdata(_ at: XMLLocation) throws(XMLSyntaxError) -> String {
    var out = borrowScratch()
    defer { scratch = out }
    while available(3) {
      if buffer[pos] == UInt8(ascii: "]") && buffer[pos + 1] == UInt8(ascii: "]") && buffer[pos + 2] == UInt8(ascii: ">") {
        advance()
        advance()
        advance()
        return string(out)
      }
      try character(into: &out)
    }
    throw fail(at, "a CDATA section is not closed with `]]>`", "раздел CDATA не закрыт `]]>`")
  }

  /// Character data up to the next `<` or the end.
  private mutating func text() throws(XMLSyntaxError) -> String {
    var out = borrowScratch()
    defer { scratch = out }
    while let b = peek(), b != UInt8(ascii: "<") {
      if b == UInt8(ascii: "&") {
        try reference(into: &out)
      } else {
        try character(into: &out)
      }
    }
    return string(out)
  }

  /// One byte of character data: line ends read as `\n` (XML's end-of-line handling), control characters refused.
  @inline(__always)
  private mutating func character(into out: inout [UInt8]) throws(XMLSyntaxError) {
    let b = buffer[pos]
    if b < 0x20 {
      if b == 0x0D {
        advance()
        if peek() != 0x0A { out.append(0x0A) }
        return
      }
      guard b == 0x09 || b == 0x0A else {
        throw fail(location, String(format: "a control character (U+%04X) is not allowed in XML", b),
          String(format: "управляющий символ (U+%04X) в XML недопустим", b))
      }
    }
    out.append(b)
    advance()
  }

  /// `&name;`, `&#123;` or `&#x7B;`, at `&`: its text appended to `out`.
  private mutating func reference(into out: inout [UInt8]) throws(XMLSyntaxError) {
    let at = location
    advance()
    var body: [UInt8] = []
    while true {
      guard let b = peek() else {
        throw fail(at, "`&` starts a reference that is not closed with `;` (write `&amp;` for `&`)",
          "`&` начинает ссылку, не закрытую `;` (пишите `&amp;` вместо `&`)")
      }
      advance()
      if b == UInt8(ascii: ";") { break }
      guard body.count < 16, b > 0x20, b != UInt8(ascii: "<"), b != UInt8(ascii: "&") else {
        throw fail(at, "`&` starts a reference that is not closed with `;` (write `&amp;` for `&`)",
          "`&` начинает ссылку, не закрытую `;` (пишите `&amp;` вместо `&`)")
      }
      body.append(b)
    }
    if body.first == UInt8(ascii: "#") {
      var digits = body.dropFirst()
      var radix: UInt32 = 10
      if digits.first == UInt8(ascii: "x") {
        radix = 16
        digits = digits.dropFirst()
      }
      var value: UInt32 = 0
      var ok = !digits.isEmpty
      for d in digits {
        let v: UInt32
        switch d {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(d - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: v = UInt32(d - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: v = UInt32(d - UInt8(ascii: "A") + 10)
        default:
          ok = false
          v = 0
        }
        guard ok else { break }
        value = value * radix + v
        if value > 0x10FFFF {
          ok = false
          break
        }
      }
      let written = String(decoding: body, as: UTF8.self)
      guard ok, Self.isXMLChar(value), let scalar = Unicode.Scalar(value) else {
        throw fail(at, "`&\(written);` is not a character XML allows", "`&\(written);` — не допустимый в XML символ")
      }
      out.append(contentsOf: String(Character(scalar)).utf8)
      return
    }
    switch String(decoding: body, as: UTF8.self) {
    case "amp": out.append(UInt8(ascii: "&"))
    case "lt": out.append(UInt8(ascii: "<"))
    case "gt": out.append(UInt8(ascii: ">"))
    case "quot": out.append(UInt8(ascii: "\""))
    case "apos": out.append(UInt8(ascii: "'"))
    case let name:
      throw fail(at, "unknown entity `&\(name);` (only &amp; &lt; &gt; &quot; &apos; and character references are read)",
        "неизвестная сущность `&\(name);` (читаются только &amp; &lt; &gt; &quot; &apos; и ссылки на символы)")
    }
  }

  /// XML 1.0's Char production.
  private static func isXMLChar(_ v: UInt32) -> Bool {
    v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
      || (0x10000...0x10FFFF).contains(v)
  }

  private static func isNameStart(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
      || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b >= 0x80
  }

  private static func isNameByte(_ b: UInt8) -> Bool {
    isNameStart(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-")
      || b == UInt8(ascii: ".")
  }

  /// A name (its first byte already checked).
  private mutating func name() throws(XMLSyntaxError) -> String {
    let at = location
    scratch.removeAll(keepingCapacity: true)
    while let b = peek(), Self.isNameByte(b) {
      guard scratch.count < Self.maxNameLength else {
        throw fail(at, "a name longer than \(Self.maxNameLength) bytes", "имя длиннее \(Self.maxNameLength) байт")
      }
      scratch.append(b)
      advance()
    }
    return string(scratch)
  }

  /// `"…"` or `'…'`: the value with references replaced and white space characters read as spaces.
  private mutating func attributeValue(_ at: XMLLocation, name: String) throws(XMLSyntaxError) -> String {
    guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
      throw fail(location, "the value of `\(name)` must be in quotes", "значение `\(name)` должно быть в кавычках")
    }
    advance()
    var out: [UInt8] = []
    while true {
      guard let b = peek() else {
        throw fail(at, "the value of `\(name)` is not closed with its quote", "значение `\(name)` не закрыто кавычкой")
      }
      if b == quote {
        advance()
        break
      }
      switch b {
      case UInt8(ascii: "<"):
        throw fail(location, "`<` inside the value of `\(name)` (write `&lt;`)", "`<` внутри значения `\(name)` (пишите `&lt;`)")
      case UInt8(ascii: "&"):
        try reference(into: &out)
      case 0x0D:
        advance()
        if peek() != 0x0A { out.append(0x20) }
      case 0x09, 0x0A:
        advance()
        out.append(0x20)
      default:
        try character(into: &out)
      }
    }
    return string(out)
  }

  /// `<name attr="v" …>` or `<name … />`, at `<`.
  private mutating func startTag(_ at: XMLLocation) throws(XMLSyntaxError) -> XMLToken {
    advance()
    guard let first = peek(), Self.isNameStart(first) else {
      let b = peek() ?? 0
      throw fail(at, "`<` followed by \(Self.shown(b)) (write `&lt;` for `<`)", "за `<` следует \(Self.shown(b)) (пишите `&lt;` вместо `<`)")
    }
    if open.isEmpty && sawRoot {
      throw fail(at, "a second root element", "второй корневой элемент")
    }
    let name = try self.name()
    var attributes: [XMLAttribute] = []
    while true {
      let hadSpace = peek().map(Self.isSpace) ?? false
      skipSpaces()
      guard let b = peek() else {
        var e = fail(at, "the document ends inside the tag <\(name)>", "документ кончается внутри тега <\(name)>")
        e.isTruncation = true
        throw e
      }
      if b == UInt8(ascii: ">") {
        advance()
        return try opened(name, attributes, at)
      }
      if b == UInt8(ascii: "/") {
        advance()
        guard peek() == UInt8(ascii: ">") else {
          throw fail(location, "`/` inside the tag <\(name)> not followed by `>`", "`/` в теге <\(name)> без `>` после него")
        }
        advance()
        sawRoot = true
        return .start(name: name, attributes: attributes, empty: true, at: at)
      }
      let attrAt = location
      guard hadSpace, Self.isNameStart(b) else {
        throw fail(attrAt, "\(Self.shown(b)) inside the tag <\(name)>", "\(Self.shown(b)) в теге <\(name)>")
      }
      let attr = try self.name()
      skipSpaces()
      guard skip("=") else {
        throw fail(location, "`=` expected after the attribute `\(attr)`", "после атрибута `\(attr)` ожидается `=`")
      }
      skipSpaces()
      let value = try attributeValue(attrAt, name: attr)
      if attributes.contains(where: { $0.name == attr }) {
        throw fail(attrAt, "the attribute `\(attr)` appears twice in <\(name)>", "атрибут `\(attr)` дважды в <\(name)>")
      }
      attributes.append(XMLAttribute(name: attr, value: value))
    }
  }

  private mutating func opened(_ name: String, _ attributes: [XMLAttribute], _ at: XMLLocation)
    throws(XMLSyntaxError) -> XMLToken
  {
    guard open.count < Self.maxDepth else {
      throw fail(at, "elements nested deeper than \(Self.maxDepth)", "элементы вложены глубже \(Self.maxDepth)")
    }
    open.append((name, at))
    sawRoot = true
    return .start(name: name, attributes: attributes, empty: false, at: at)
  }

  /// `</name>`, at `<`.
  private mutating func endTag(_ at: XMLLocation) throws(XMLSyntaxError) -> XMLToken {
    advance()
    advance()
    guard let first = peek(), Self.isNameStart(first) else {
      throw fail(at, "`</` not followed by a name", "после `</` нет имени")
    }
    let name = try self.name()
    skipSpaces()
    guard let b = peek() else {
      var e = fail(at, "the document ends inside the tag </\(name)>", "документ кончается внутри тега </\(name)>")
      e.isTruncation = true
      throw e
    }
    guard b == UInt8(ascii: ">") else {
      throw fail(location, "\(Self.shown(b)) inside the tag </\(name)>", "\(Self.shown(b)) в теге </\(name)>")
    }
    advance()
    guard let (expected, openedAt) = open.last else {
      throw fail(at, "</\(name)> closes no open element", "</\(name)> не закрывает ни одного открытого элемента")
    }
    guard expected == name else {
      throw fail(at, "</\(name)> where <\(expected)> (opened at \(openedAt)) is to be closed",
        "</\(name)> там, где должен закрыться <\(expected)> (открыт в \(openedAt))")
    }
    open.removeLast()
    return .end(name: name, at: at)
  }
}
