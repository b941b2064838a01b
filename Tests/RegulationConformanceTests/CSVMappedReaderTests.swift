import Foundation
import Testing

@testable import RegulationConformance

/// The CSV reader's mapped file (with its parsed pages dropped behind it) against the same file read in chunks, on
/// random logs with everything the state machine handles; and a small log read by hand. Rows, positions, rejections
/// and notices must be identical.
@Suite struct CSVMappedReaderTests {
  /// Everything a reader hands over, as plain values.
  struct Recorder: RowSink {
    var events: [String] = []
    mutating func header(_ names: [String]) throws(AuditError) { events.append("header \(names)") }
    mutating func row(_ row: RawRow) {
      events.append("\(row.position): " + (0..<row.count).map { "[\(row.string($0))]" }.joined())
    }
    mutating func reject(position: Int, reason: AuditText) { events.append("reject \(position) \(reason.en)") }
    mutating func notice(_ text: AuditText) { events.append("notice \(text.en)") }
  }

  static func read(_ bytes: [UInt8]) throws -> [String] {
    var sink = Recorder()
    try CSVLogReader(path: "log.csv").read(bytes: bytes, into: &sink)
    return sink.events
  }

  static func read(path: String, maps: Bool, dropEvery: Int = 16 << 20, checkEvery: Int = 1 << 20) throws -> [String] {
    var reader = CSVLogReader(path: path)
    reader.mapsFiles = maps
    reader.dropEvery = dropEvery
    reader.checkEvery = checkEvery
    var sink = Recorder()
    try reader.read(into: &sink)
    return sink.events
  }

  /// Random logs mixing what the reader must get right: quotes (with delimiters, newlines and
  /// doubled quotes inside), CRLF, blank and space-only lines, leading blanks, empty fields, fields of every length
  /// around the eight-byte words, Cyrillic, and a last line with or without its newline.
  static func randomLog(_ rng: inout AuditBenchmark.Rng, delimiter: Character) -> String {
    let pieces = ["INC-1", "detected", "2026-05-08T17:40", "Куратор", "a", "", "abcdefg", "abcdefgh", "abcdefghi",
      "\"q\"", "\"a\(delimiter)b\"", "\"line\nbreak\"", "\"say \"\"hi\"\"\"", " lead", "trail ", "x\"y", "\r"]
    var out = "case\(delimiter)step\(delimiter)time\(delimiter)actor\n"
    let rows = 1 + Int(rng.next() % 60)
    for _ in 0..<rows {
      switch rng.next() % 12 {
      case 0: out += "\n"
      case 1: out += "   \t\n"
      case 2: out += "\r\n"
      default:
        let fields = 1 + Int(rng.next() % 6)
        out += (0..<fields).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }
          .joined(separator: String(delimiter))
        out += rng.next() % 4 == 0 ? "\r\n" : "\n"
      }
    }
    if rng.next() % 2 == 0, out.hasSuffix("\n") { out.removeLast() }
    return out
  }

  @Test func smallLogReadByHand() throws {
    let log = "case,step,time\nA,detected,2026-05-08T17:40\r\n\nB,\"x,y\",t\nabcdefgh,abcdefghi,\r\nC,,\n  D,s,t"
    let expected = ["header [\"case\", \"step\", \"time\"]", "2: [A][detected][2026-05-08T17:40]", "4: [B][x,y][t]",
      "5: [abcdefgh][abcdefghi][]", "6: [C][][]", "7: [  D][s][t]"]
    #expect(try Self.read(Array(log.utf8)) == expected)
    let path = try temporaryFile("small.csv", log)
    #expect(try Self.read(path: path, maps: true) == expected)
    #expect(try Self.read(path: path, maps: false) == expected)
  }

  @Test func mappedFileMatchesChunkedReading() throws {
    var rng = AuditBenchmark.Rng(state: 99)
    // Long enough for several drops of parsed pages and for records across the chunked reader's 1 MB reads.
    var text = "\u{FEFF}case,step,time,actor\n"
    while text.utf8.count < 3 << 20 { text += Self.randomLog(&rng, delimiter: ",").split(separator: "\n", maxSplits: 1)
      .last.map { String($0) + "\n" } ?? "" }
    let path = try temporaryFile("mapped.csv", text)
    let chunked = try Self.read(path: path, maps: false)
    #expect(chunked.count > 1000)
    #expect(try Self.read(path: path, maps: true, dropEvery: 8192) == chunked)
    // Windows of the mapping checked against the file's size: records (quoted ones with newlines too) across them.
    #expect(try Self.read(path: path, maps: true, dropEvery: 8192, checkEvery: 4096) == chunked)
    #expect(try Self.read(path: path, maps: true, checkEvery: 777) == chunked)
    #expect(try Self.read(path: path, maps: true) == chunked)
  }

  @Test func windows1251FileIsReadInChunksAfterTheMappedLook() throws {
    // «Куратор» in cp1251, then a quoted field with a newline.
    let cp: [UInt8] = Array("case,step,time,actor\nA,detected,2026-05-08T17:40,".utf8)
      + [0xCA, 0xF3, 0xF0, 0xE0, 0xF2, 0xEE, 0xF0] + Array("\nB,\"a\nb\",2026-05-08T17:41,x\n".utf8)
    let path = try temporaryFile("cp.csv", "")
    try Data(cp).write(to: URL(fileURLWithPath: path))
    let mapped = try Self.read(path: path, maps: true)
    #expect(mapped == (try Self.read(path: path, maps: false)))
    #expect(mapped.contains("2: [A][detected][2026-05-08T17:40][Куратор]"))
    #expect(mapped.first?.hasPrefix("notice") == true)
  }

  /// A sink that truncates the log (as another process would) when it receives row `at`.
  struct Truncating: RowSink {
    var inner = Recorder()
    let path: String
    let at: Int
    let size: Int
    mutating func header(_ names: [String]) throws(AuditError) { try inner.header(names) }
    mutating func row(_ row: RawRow) {
      inner.row(row)
      if row.position == at { _ = truncate(path, off_t(size)) }
    }
    mutating func reject(position: Int, reason: AuditText) { inner.reject(position: position, reason: reason) }
    mutating func notice(_ text: AuditText) { inner.notice(text) }
  }

  /// A log truncated by another process while it is mapped and read: no SIGBUS; every row wholly before the new end
  /// is read, a row cut by it is rejected at its line, and a notice says how the file shrank. (Without the size check
  /// per window the read past the new end is a SIGBUS that ends the test process.)
  @Test(arguments: [false, true]) func truncatedWhileReadStopsAtTheNewEnd(_ midLine: Bool) throws {
    let line = "INC-1000000,approve,2026-05-08T17:40:00,Исполнитель 12,Управление ЖКХ\n"  // fixed length
    let header = "case,step,time,actor,department\n"
    let rows = 200_000
    let text = header + String(repeating: line, count: rows)
    let path = try temporaryFile("cut.csv", text)
    let width = line.utf8.count, total = text.utf8.count
    // Cut 5 000 rows in (far past the first window of 4 096 bytes), exactly at a line's end or 10 bytes into a line.
    let kept = 5_000
    let size = header.utf8.count + kept * width + (midLine ? 10 : 0)
    var reader = CSVLogReader(path: path)
    reader.checkEvery = 4096
    var sink = Truncating(path: path, at: 10, size: size)
    try reader.read(into: &sink)
    let events = sink.inner.events
    let read = events.filter { !$0.hasPrefix("header") && !$0.hasPrefix("reject") && !$0.hasPrefix("notice") }
    #expect(read.count == kept)
    #expect(read.last?.hasPrefix("\(kept + 1): [INC-1000000][approve]") == true)
    let rejects = events.filter { $0.hasPrefix("reject") }
    if midLine {
      #expect(rejects == ["reject \(kept + 2) the log was cut here while it was read (another process truncated it "
        + "from \(total) to \(size) bytes): this row is incomplete and the rest of the log was not read"])
    } else {
      #expect(rejects.isEmpty)
    }
    #expect(events.last == "notice \(path) shrank from \(total) to \(size) bytes while it was read (another process "
      + "truncated it): it was read up to its new end")
  }
}
