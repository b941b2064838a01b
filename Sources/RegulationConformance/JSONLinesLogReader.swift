import Foundation

/// Streams JSON Lines: one object per line, keys named as the canonical columns (or as the map names them). A line
/// that is not a JSON object is rejected with its line number; the rest are read.
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
    var builder = StringRowBuilder()
    var pending: [UInt8] = []
    var line = 0
    var first = true
    func take(_ bytes: ArraySlice<UInt8>, into sink: inout some RowSink) {
      line += 1
      var body = bytes
      if first {
        first = false
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
      }
      if body.last == 0x0D { body = body.dropLast() }
      if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
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
    while let data = try? file.read(upToCount: 1 << 20), !data.isEmpty {
      pending.append(contentsOf: data)
      var start = 0
      while let nl = pending[start...].firstIndex(of: 0x0A) {
        take(pending[start..<nl], into: &sink)
        start = nl + 1
      }
      pending.removeFirst(start)
    }
    if !pending.isEmpty { take(pending[...], into: &sink) }
  }
}
