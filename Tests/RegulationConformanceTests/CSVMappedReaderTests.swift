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

  static func read(path: String, maps: Bool, dropEvery: Int = 16 << 20) throws -> [String] {
    var reader = CSVLogReader(path: path)
    reader.mapsFiles = maps
    reader.dropEvery = dropEvery
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
}
