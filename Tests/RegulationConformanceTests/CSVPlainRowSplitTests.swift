import Foundation
import Testing

@testable import RegulationConformance

/// A row without quotes is split in the pass that finds its newline (`CSVLogReader.splitPlainRow`); every other row
/// goes the general way (find the newline outside quotes, then `split`). The reader with the fast path against the
/// reader without it, on random messy logs (quotes with delimiters, newlines and doubled quotes inside, CRLF, blank and
/// space-only lines, `\r` inside fields, fields of every length around the eight-byte words, Cyrillic, no newline at
/// the end), with each delimiter, read from memory, mapped in small windows and read in chunks: the rows, their
/// fields, positions, rejections and notices must be identical. And `splitPlainRow` alone against a naive reference.
@Suite struct CSVPlainRowSplitTests {
  static func read(_ path: String, fast: Bool, maps: Bool, checkEvery: Int) throws -> [String] {
    var reader = CSVLogReader(path: path)
    reader.splitsPlainRows = fast
    reader.mapsFiles = maps
    reader.checkEvery = checkEvery
    var sink = CSVMappedReaderTests.Recorder()
    try reader.read(into: &sink)
    return sink.events
  }

  @Test func fastSplitEqualsGeneralSplit() throws {
    var rng = AuditBenchmark.Rng(state: 23)
    for round in 0..<300 {
      let delimiter: Character = [",", ";", "\t"][round % 3]
      var text = ""
      while text.utf8.count < 4000 { text += CSVMappedReaderTests.randomLog(&rng, delimiter: delimiter) + "\n" }
      let path = try temporaryFile("plain.csv", text)
      for (maps, checkEvery) in [(true, 1 << 20), (true, 64), (false, 1 << 20)] {
        let general = try Self.read(path, fast: false, maps: maps, checkEvery: checkEvery)
        let fast = try Self.read(path, fast: true, maps: maps, checkEvery: checkEvery)
        #expect(fast == general, "round \(round), maps \(maps), window \(checkEvery)")
      }
    }
  }

  /// The reference: the row's end is the first newline when no quote comes before it; the fields are the bytes up to
  /// it (less a `\r` before it) cut at every delimiter.
  @Test func splitPlainRowMatchesANaiveSplit() {
    var rng = AuditBenchmark.Rng(state: 41)
    let alphabet: [UInt8] = Array("ab,;\t\"\r\n ".utf8) + [0xD0, 0x9A, 0x80]
    for _ in 0..<50_000 {
      let n = Int(rng.next() % 40)
      var bytes = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      let from = n == 0 ? 0 : Int(rng.next() % UInt64(n))
      let delimiter: UInt8 = [0x2C, 0x3B, 0x09][Int(rng.next() % 3)]
      var expected: [[UInt8]]?, expectedEnd = -1
      if let nl = bytes[from...].firstIndex(of: 0x0A), !bytes[from..<nl].contains(0x22) {
        var stop = nl
        if stop > from, bytes[stop - 1] == 0x0D { stop -= 1 }
        expected = bytes[from..<stop].split(separator: delimiter, omittingEmptySubsequences: false).map(Array.init)
        expectedEnd = nl
      }
      var spans = SpanBuffer(capacity: 2)
      defer { spans.free() }
      var end = -1
      let copy = bytes
      let ok = bytes.withUnsafeMutableBytes { b in
        // A base that is never nil (an empty array may have none): one spare byte past `count`, never read.
        let p = UnsafeMutableRawPointer.allocate(byteCount: n + 1, alignment: 8)
        defer { p.deallocate() }
        if n > 0 { p.copyMemory(from: b.baseAddress!, byteCount: n) }
        p.storeBytes(of: 0x0A, toByteOffset: n, as: UInt8.self)
        return CSVLogReader.splitPlainRow(p, from: from, count: n, delimiter: delimiter, into: &spans, end: &end)
      }
      #expect(ok == (expected != nil), "\(copy) from \(from)")
      if let expected, ok {
        #expect(end == expectedEnd)
        let got = spans.buffer.map { Array(copy[$0.start..<($0.start + $0.count)]) }
        #expect(got == expected, "\(copy) from \(from)")
      }
      bytes = []
    }
  }
}
