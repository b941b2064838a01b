import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Guards Foundation's `XMLParser` against bytes that are not UTF-8: on Linux, libxml2 passes such bytes through in
/// element names and FoundationXML then traps converting them (a fuzzed `<\u{FF}log/>` killed the audit). A document
/// that declares no other encoding and is not valid UTF-8 is read with invalid bytes as U+FFFD, as the CSV reader does.
enum XMLText {
  /// Whether `data` must be repaired: it is not valid UTF-8 and its XML declaration names no other encoding.
  static func needsRepair(_ data: Data) -> Bool {
    if declaresOtherEncoding(data.prefix(256)) { return false }
    return String(validating: data, as: UTF8.self) == nil
  }

  /// `data` with every invalid UTF-8 sequence replaced by U+FFFD.
  static func repaired(_ data: Data) -> Data { Data(String(decoding: data, as: UTF8.self).utf8) }

  /// Whether the file at `path` must be repaired; reads it in chunks (constant memory).
  static func needsRepair(path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    var carry = Data()
    var first = true
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      var bytes = carry + chunk
      if first {
        first = false
        if declaresOtherEncoding(bytes.prefix(256)) { return false }
      }
      // Keep a sequence cut at the chunk's end for the next one.
      var end = bytes.count, back = 0
      while end > 0, back < 3, bytes[bytes.startIndex + end - 1] & 0xC0 == 0x80 {
        end -= 1
        back += 1
      }
      if end > 0, bytes[bytes.startIndex + end - 1] >= 0xC0 { end -= 1 }
      carry = bytes.suffix(from: bytes.startIndex + end)
      bytes = bytes.prefix(end)
      if String(validating: bytes, as: UTF8.self) == nil { return true }
    }
    return !carry.isEmpty
  }

  /// `<?xml ... encoding="X"?>` with X a known encoding other than UTF-8, or a UTF-16 byte order mark (libxml2
  /// converts such a document itself).
  static func declaresOtherEncoding(_ head: Data) -> Bool {
    if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return true }  // UTF-16, detected by libxml2
    let text = String(decoding: head, as: UTF8.self).lowercased()
    guard text.hasPrefix("<?xml") || text.hasPrefix("\u{FEFF}<?xml"), let r = text.range(of: "encoding=") else {
      return false
    }
    let value = String(text[r.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" })
    // Only encodings libxml2 converts to UTF-8 itself; an unknown or mangled name (`UTF\u{D3}\u{C7}`) is no excuse.
    return converted.contains(value) || value.hasPrefix("iso-8859-") && Int(value.dropFirst(9)).map { (1...16).contains($0) } == true
  }

  static let converted: Set<String> = ["utf-16", "utf-16le", "utf-16be", "windows-1251", "windows-1252", "cp1251",
    "cp1252", "koi8-r", "latin1"]
}

extension XMLText {
  /// Where the first processing instruction without data (`<?name?>`) starts, as a 1-based line and column
  /// (characters), if there is one. libxml2 hands such an instruction's data to FoundationXML as a null pointer, and
  /// FoundationXML traps reading it (issue 14), so a document holding one is never given to `XMLParser`. The scan
  /// does not know comments and CDATA sections: the same text inside them is refused too, which is the safe side.
  static func emptyProcessingInstruction(in data: Data) -> (line: Int, column: Int)? {
    var scanner = ProcessingInstructionScanner()
    return data.withUnsafeBytes { scanner.feed($0) }
  }

  /// The same, reading the file at `path` in chunks (constant memory); nil when it cannot be read.
  static func emptyProcessingInstruction(path: String) -> (line: Int, column: Int)? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var scanner = ProcessingInstructionScanner()
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      if let found = chunk.withUnsafeBytes({ scanner.feed($0) }) { return found }
    }
    return nil
  }
}

/// Finds `<?target?>` (a target right before `?>`, no space between) in bytes fed in pieces.
struct ProcessingInstructionScanner {
  enum State { case text, open, target, question }
  var state = State.text
  var targetLength = 0
  var line = 1
  var column = 0
  var start = (line: 1, column: 1)

  mutating func feed(_ bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int)? {
    for b in bytes {
      if b == 0x0A {
        line += 1
        column = 0
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
      switch (state, b) {
      case (_, UInt8(ascii: "<")):
        state = .open
        start = (line, column)
      case (.open, UInt8(ascii: "?")):
        state = .target
        targetLength = 0
      case (.target, UInt8(ascii: "?")):
        state = targetLength > 0 ? .question : .text
      case (.target, 0x20), (.target, 0x09), (.target, 0x0A), (.target, 0x0D), (.target, UInt8(ascii: ">")):
        state = .text
      case (.target, _):
        targetLength += 1
      case (.question, UInt8(ascii: ">")):
        return start
      default:
        state = .text
      }
    }
    return nil
  }
}

/// Forwards a SAX parser's events to `inner` and notes what Foundation's parser does not always report: on Linux,
/// `XMLParser(data:)` can return success on a document that breaks off with its elements open, which silently lost
/// the rows and events after the break (issue 14). The document is whole when its root element was closed.
final class BalancedXMLDelegate: NSObject, XMLParserDelegate {
  let inner: XMLParserDelegate
  var depth = 0
  var roots = 0
  /// The line of the last element seen (Foundation's `lineNumber` is 0 once a document in memory is parsed).
  var line = 1

  init(_ inner: XMLParserDelegate) { self.inner = inner }

  /// Whether one root element was opened and every element was closed.
  var isWhole: Bool { roots == 1 && depth == 0 }

  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:])
  {
    if depth == 0 { roots += 1 }
    depth += 1
    line = max(line, parser.lineNumber)
    inner.parser(parser, didStartElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName,
      attributes: attributes)
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    depth -= 1
    line = max(line, parser.lineNumber)
    inner.parser(parser, didEndElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { inner.parser(parser, foundCharacters: string) }
}
