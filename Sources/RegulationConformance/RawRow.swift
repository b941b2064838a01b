/// Where one field of a row lies in the reader's buffer.
struct FieldSpan {
  var start: Int
  var count: Int
}

/// One row of an export: its fields as bytes (valid only during the call that hands it over) and its position in
/// the file: a line number for CSV, JSON Lines and XLSX, an event number for XES.
public struct RawRow {
  let base: UnsafeRawPointer
  let spans: UnsafeBufferPointer<FieldSpan>
  public let position: Int

  public var count: Int { spans.count }

  /// The bytes of field `i` (empty when the row is shorter).
  public func field(_ i: Int) -> UnsafeRawBufferPointer {
    guard i >= 0, i < spans.count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    let s = spans[i]
    return UnsafeRawBufferPointer(start: base + s.start, count: s.count)
  }

  public func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }
}

/// A message in both languages (a rejected row's reason, a notice about the file).
public struct AuditText: Sendable, Hashable {
  public var en: String
  public var ru: String
  public init(en: String, ru: String) {
    self.en = en
    self.ru = ru
  }
}

/// What a reader hands rows to: the header first, then each row; problems of the file itself as notices.
public protocol RowSink {
  /// The column names. Throws when a required column is missing: then the log cannot be read at all.
  mutating func header(_ names: [String]) throws(AuditError)
  mutating func row(_ row: RawRow)
  /// A row the reader itself could not make sense of (a broken JSON line, an XES event without a trace).
  mutating func reject(position: Int, reason: AuditText)
  /// Something worth saying about the file as a whole (its encoding, its delimiter).
  mutating func notice(_ text: AuditText)
}

/// Builds `RawRow`s from strings (the JSON Lines, XES and XLSX readers).
struct StringRowBuilder {
  private var bytes: [UInt8] = []
  private var spans: [FieldSpan] = []

  mutating func emit(_ fields: [String], position: Int, into sink: inout some RowSink) {
    bytes.removeAll(keepingCapacity: true)
    spans.removeAll(keepingCapacity: true)
    for f in fields {
      let start = bytes.count
      bytes.append(contentsOf: f.utf8)
      spans.append(FieldSpan(start: start, count: bytes.count - start))
    }
    if bytes.isEmpty { bytes.append(0) }
    bytes.withUnsafeBytes { b in
      spans.withUnsafeBufferPointer { s in
        sink.row(RawRow(base: b.baseAddress!, spans: s, position: position))
      }
    }
  }
}
