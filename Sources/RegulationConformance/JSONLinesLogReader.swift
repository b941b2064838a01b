import Foundation

/// Streams JSON Lines: one object per line, keys named as the canonical columns (or as the map names them). A line
/// that is not a JSON object is rejected with its line number; the rest are read.
///
/// Lines are cut with `memchr` in 1 MB chunks. A flat object whose wanted values are strings without escapes,
/// integers or `null` (what exports write) is read in place, without a `String` per field; any other line (escapes,
/// fractions, booleans, anything unusual) goes to Foundation's `JSONSerialization`, which also decides what is not
/// JSON, so both paths read every line alike.
public struct JSONLinesLogReader {
  public let path: String
  /// The keys to read, in the order of `LogMap.Field.allCases`.
  public let columns: [String]

  public init(path: String, columns: [String]) {
    self.path = path
    self.columns = columns
  }

  public func read(into sink: inout some RowSink) throws(AuditError) {
    guard let file = FileHandle(forReadingAtPath: path) else {
      throw AuditError(en: "cannot open the log \(path)", ru: "не удаётся открыть журнал \(path)")
    }
    defer { try? file.close() }
    try sink.header(columns)
    var lines = LineSplitter(columns: columns)
    var pending: [UInt8] = []
    pending.reserveCapacity(CSVLogReader.chunkSize * 2)
    while let data = try? file.read(upToCount: CSVLogReader.chunkSize), !data.isEmpty {
      pending.append(contentsOf: data)
      let used = pending.withUnsafeBytes { b in lines.take(b, final: false, into: &sink) }
      pending.removeFirst(used)
    }
    if !pending.isEmpty { _ = pending.withUnsafeBytes { b in lines.take(b, final: true, into: &sink) } }
  }

  /// Reads bytes already in memory (tests).
  public func read(bytes: [UInt8], into sink: inout some RowSink) throws(AuditError) {
    try sink.header(columns)
    var lines = LineSplitter(columns: columns)
    _ = bytes.withUnsafeBytes { b in lines.take(b, final: true, into: &sink) }
  }
}

/// Cuts lines and hands each object to the sink.
struct LineSplitter {
  let keys: [[UInt8]]
  let columns: [String]
  var line = 0
  var first = true
  var spans: [FieldSpan]
  var builder = StringRowBuilder()

  init(columns: [String]) {
    self.columns = columns
    keys = columns.map { Array($0.utf8) }
    spans = [FieldSpan](repeating: FieldSpan(start: 0, count: 0), count: columns.count)
  }

  /// Handles every complete line of `b` (and the rest too when `final`); returns the bytes consumed.
  mutating func take(_ b: UnsafeRawBufferPointer, final: Bool, into sink: inout some RowSink) -> Int {
    guard let base = b.baseAddress else { return 0 }
    var start = 0
    while start < b.count {
      let end: Int
      if let nl = memchr(base + start, 0x0A, b.count - start) {
        end = base.distance(to: UnsafeRawPointer(nl))
      } else if final {
        end = b.count
      } else {
        break
      }
      one(base, from: start, to: end, into: &sink)
      start = end + 1
    }
    return min(start, b.count)
  }

  mutating func one(_ base: UnsafeRawPointer, from: Int, to: Int, into sink: inout some RowSink) {
    line += 1
    var lo = from, hi = to
    if first {
      first = false
      if hi - lo >= 3, base.load(fromByteOffset: lo, as: UInt8.self) == 0xEF,
        base.load(fromByteOffset: lo + 1, as: UInt8.self) == 0xBB, base.load(fromByteOffset: lo + 2, as: UInt8.self) == 0xBF
      {
        lo += 3
      }
    }
    if hi > lo, base.load(fromByteOffset: hi - 1, as: UInt8.self) == 0x0D { hi -= 1 }
    var blank = true
    for i in lo..<max(lo, hi) {
      let c = base.load(fromByteOffset: i, as: UInt8.self)
      if c != 0x20 && c != 0x09 {
        blank = false
        break
      }
    }
    if blank { return }
    let body = UnsafeRawBufferPointer(start: base + lo, count: hi - lo)
    if fast(body) {
      spans.withUnsafeBufferPointer { s in sink.row(RawRow(base: body.baseAddress!, spans: s, position: line)) }
      return
    }
    guard let object = try? JSONSerialization.jsonObject(with: Data(body)), let dict = object as? [String: Any] else {
      sink.reject(position: line, reason: AuditText(en: "not a JSON object", ru: "строка — не объект JSON"))
      return
    }
    let fields = columns.map { key -> String in
      switch dict[key] {
      case let s as String: return s
      case let n as NSNumber: return n.stringValue
      default: return ""
      }
    }
    builder.emit(fields, position: line, into: &sink)
  }

  /// Reads a flat object in place into `spans`; `false`: leave the line to `JSONSerialization`.
  mutating func fast(_ b: UnsafeRawBufferPointer) -> Bool {
    for i in spans.indices { spans[i] = FieldSpan(start: 0, count: 0) }
    let n = b.count
    var i = 0
    @inline(__always) func skipSpace() { while i < n, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 } }
    /// A string without escapes or control characters: its bytes' span, the quotes excluded.
    @inline(__always) func string() -> FieldSpan? {
      guard i < n, b[i] == 0x22 else { return nil }
      let s = i + 1
      var j = s
      var high = false
      while j < n {
        let c = b[j]
        if c == 0x22 { break }
        if c == 0x5C || c < 0x20 { return nil }
        if c >= 0x80 { high = true }
        j += 1
      }
      guard j < n, !high || Self.isUTF8(UnsafeRawBufferPointer(rebasing: b[s..<j])) else { return nil }
      i = j + 1
      return FieldSpan(start: s, count: j - s)
    }
    var seen = 0
    skipSpace()
    guard i < n, b[i] == 0x7B else { return false }
    i += 1
    skipSpace()
    if i < n, b[i] == 0x7D {
      i += 1
    } else {
      while true {
        skipSpace()
        guard let key = string() else { return false }
        skipSpace()
        guard i < n, b[i] == 0x3A else { return false }
        i += 1
        skipSpace()
        guard i < n else { return false }
        var wanted = -1
        for (k, name) in keys.enumerated() where name.count == key.count && key.count > 0 {
          if name.withUnsafeBytes({ memcmp($0.baseAddress!, b.baseAddress! + key.start, key.count) == 0 }) {
            wanted = k
            break
          }
        }
        if wanted >= 0 {
          // A key given twice: which value counts is JSONSerialization's to say.
          if seen & (1 << wanted) != 0 { return false }
          seen |= 1 << wanted
        } else if (key.start..<(key.start + key.count)).contains(where: { b[$0] >= 0x80 }) {
          // A non-ASCII key may equal a column name in another Unicode normalization form.
          return false
        }
        let c = b[i]
        if c == 0x22 {
          guard let value = string() else { return false }
          if wanted >= 0 { spans[wanted] = value }
        } else if c == 0x2D || (c >= 0x30 && c <= 0x39) {
          // Integers only: fractions and exponents read as NSNumber does, on the slow path.
          let s = i
          if c == 0x2D { i += 1 }
          let digits = i
          while i < n, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
          guard i > digits, i - digits < 16, !(b[digits] == 0x30 && i - digits > 1) else { return false }
          if i < n, b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45 { return false }
          if c == 0x2D, i - digits == 1, b[digits] == 0x30 { return false }  // -0 reads as 0
          if wanted >= 0 { spans[wanted] = FieldSpan(start: s, count: i - s) }
        } else if c == 0x6E {
          guard i + 4 <= n, b[i + 1] == 0x75, b[i + 2] == 0x6C, b[i + 3] == 0x6C else { return false }
          i += 4
          if wanted >= 0 { spans[wanted] = FieldSpan(start: 0, count: 0) }
        } else {
          // Booleans, nested objects and arrays: the slow path.
          return false
        }
        skipSpace()
        guard i < n else { return false }
        if b[i] == 0x2C {
          i += 1
          continue
        }
        guard b[i] == 0x7D else { return false }
        i += 1
        break
      }
    }
    skipSpace()
    return i == n
  }

  /// Whether the bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
  static func isUTF8(_ b: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    let n = b.count
    while i < n {
      let c = b[i]
      if c < 0x80 {
        i += 1
        continue
      }
      let len: Int
      var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
      switch c {
      case 0xC2...0xDF: len = 2
      case 0xE0: (len, lo) = (3, 0xA0)
      case 0xE1...0xEC, 0xEE...0xEF: len = 3
      case 0xED: (len, hi) = (3, 0x9F)
      case 0xF0: (len, lo) = (4, 0x90)
      case 0xF1...0xF3: len = 4
      case 0xF4: (len, hi) = (4, 0x8F)
      default: return false
      }
      guard i + len <= n, b[i + 1] >= lo, b[i + 1] <= hi else { return false }
      for k in 2..<max(2, len) where b[i + k] < 0x80 || b[i + k] > 0xBF { return false }
      i += len
    }
    return true
  }
}
