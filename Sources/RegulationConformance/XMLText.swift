import Foundation

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
