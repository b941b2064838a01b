import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Streams a delimited text export (the canonical CSV, or what an incident system writes) row by row with constant
/// memory: a UTF-8 BOM is skipped; the delimiter (`,`, `;` or a tab) is taken from the map or detected on the header
/// line; quoted fields may hold delimiters, newlines and doubled quotes; CRLF line ends are accepted. A file in
/// Windows-1251 is detected, said so, and decoded.
public struct CSVLogReader {
  public let path: String
  public var delimiter: UInt8?
  /// `utf-8`, `cp1251` or `nil` (detect).
  public var encoding: String?
  /// Bytes read at a time: a chunk that stays in the second-level cache while it is split.
  public static let chunkSize = 1 << 20
  /// Tests compare the mapped file with the same file read in chunks: `mapsFiles` maps a regular file; mapped pages
  /// already parsed are dropped every `dropEvery` bytes.
  var mapsFiles = true
  var dropEvery = 16 << 20
  /// A mapped file is parsed a window at a time: before the parser may look past the bytes checked so far, the
  /// file's size is read again (`fstat`), so that a log truncated by another process while it is read stops the
  /// reading at its new end instead of ending the process with SIGBUS (tests make it small).
  var checkEvery = 1 << 20
  /// Whether a row without quotes is split in the same pass that finds its end (`splitPlainRow`); tests turn it off to
  /// compare with the general path (find the end, then split).
  var splitsPlainRows = true

  public init(path: String, delimiter: UInt8? = nil, encoding: String? = nil) {
    self.path = path
    self.delimiter = delimiter
    self.encoding = encoding
  }

  public func read(into sink: inout some RowSink) throws(AuditError) {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw AuditError(en: "cannot open the log \(path)", ru: "не удаётся открыть журнал \(path)")
    }
    defer { try? handle.close() }
    var input = ChunkedInput(handle: handle)
    defer { input.close() }
    try parse(&input, into: &sink)
  }

  /// Reads bytes already in memory (tests, XLSX-free callers).
  public func read(bytes: [UInt8], into sink: inout some RowSink) throws(AuditError) {
    var input = ChunkedInput(bytes: bytes)
    try parse(&input, into: &sink)
  }

  func parse(_ input: inout ChunkedInput, into sink: inout some RowSink) throws(AuditError) {
    var buffer = ReadBuffer(capacity: Self.chunkSize * 2)
    defer { buffer.free() }
    var spans = SpanBuffer(capacity: 32)
    defer { spans.free() }
    // A regular file is mapped (no copy of each chunk into the buffer; Windows-1251 files are read in chunks and
    // converted). Its first chunk's worth of bytes is inspected exactly as a first read would return them.
    var mapping = encoding == "cp1251" || !mapsFiles ? nil : input.mapWhole()
    defer { mapping?.unmap() }
    var first = mapping.map { Array(UnsafeRawBufferPointer(start: $0.base, count: min($0.count, Self.chunkSize))) }
      ?? input.next()
    let bom = first.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    if bom > 0 { first.removeFirst(3) }
    if first.starts(with: [0xFF, 0xFE]) || first.starts(with: [0xFE, 0xFF]) {
      throw AuditError(en: "\(path) is UTF-16; save it as UTF-8 (or Windows-1251)",
        ru: "\(path) в кодировке UTF-16; сохраните его в UTF-8 (или Windows-1251)")
    }
    if first.contains(0) {
      throw AuditError(en: "\(path) is binary, not a text log (a NUL byte); an .xlsx file must end in .xlsx",
        ru: "\(path) — двоичный файл, а не текстовый журнал (нулевой байт); файл Excel должен оканчиваться на .xlsx")
    }
    var cp1251 = encoding == "cp1251"
    if encoding == nil, !Self.isUTF8Prefix(first), Self.looksLikeWindows1251(first) {
      cp1251 = true
      sink.notice(AuditText(en: "\(path) is not UTF-8: it was read as Windows-1251 (cp1251)",
        ru: "\(path) не в UTF-8: журнал прочитан как Windows-1251 (cp1251)"))
    }
    // The first chunk is checked (not every row: that would cost as much as the parse); invalid bytes elsewhere read
    // as U+FFFD.
    if !cp1251, !Self.isUTF8Prefix(first) {
      sink.notice(AuditText(en: "\(path) is not valid UTF-8 (nor Windows-1251); invalid bytes read as U+FFFD",
        ru: "\(path) — не UTF-8 (и не Windows-1251); неверные байты прочитаны как U+FFFD"))
    }
    if cp1251, let m = mapping {
      // Converted chunk by chunk: read on from where a first read would have stopped.
      m.unmap()
      mapping = nil
      input.seek(to: bom + first.count)
    }
    var eof: Bool
    // Mapped pages already parsed are dropped every `dropEvery` bytes, so that the file does not stay in the resident
    // set (the peak memory is the open cases', not the log's size).
    var dropped = 0, nextDrop = Int.max
    // A mapped file is seen one window at a time (`buffer.count` grows to the bytes checked to be still in the file;
    // see `checkEvery`); `truncated`: the file shrank while it was read.
    var truncated: (from: Int, to: Int)?
    if let m = mapping {
      buffer.free()
      buffer = ReadBuffer(view: m.base + bom, count: m.count - bom)
      buffer.count = min(m.count - bom, checkEvery)
      eof = buffer.count == m.count - bom
      nextDrop = dropEvery
    } else {
      buffer.append(cp1251 ? Self.fromCP1251(first) : first)
      eof = first.isEmpty
    }
    var pos = 0
    var line = 1
    var header: [String]?
    var delim = delimiter ?? 0

    while true {
      if pos >= nextDrop, let m = mapping {
        let upTo = (bom + pos) & ~(Mapping.pageSize - 1)
        if upTo > dropped { madvise(m.base + dropped, upTo - dropped, MADV_DONTNEED) }
        dropped = max(dropped, upTo)
        nextDrop = pos + dropEvery
      }
      let count = buffer.count
      let p = buffer.base
      // Find the end of the next record: a newline outside quotes.
      var end = -1, next = -1, newlines = 0
      var split = false
      if splitsPlainRows, delim != 0, header != nil, Self.splitPlainRow(p, from: pos, count: count, delimiter: delim,
        into: &spans, end: &end)
      {
        next = end + 1
        newlines = 1
        split = true
      } else if pos < count, let nl = memchr(p + pos, 0x0A, count - pos) {
        let nlIndex = UnsafeMutableRawPointer(nl) - p
        if memchr(p + pos, 0x22, nlIndex - pos) == nil {
          end = nlIndex
          next = nlIndex + 1
          newlines = 1
        }
      }
      if end < 0 {
        var i = pos
        var quoted = false
        let bytes = p.assumingMemoryBound(to: UInt8.self)
        while i < count {
          let c = bytes[i]
          if c == 0x22 {
            quoted.toggle()
          } else if c == 0x0A {
            newlines += 1
            if !quoted {
              end = i
              next = i + 1
              break
            }
          }
          i += 1
        }
      }
      if end < 0 {
        if !eof, let m = mapping {
          // The next window of the mapping, once the file is known to still hold it. What remains: a truncation
          // between this `fstat` and the parse of the window (at most `checkEvery` bytes, about a millisecond) still
          // ends the process with SIGBUS; catching the signal would need a handler that can unwind the parse, which
          // Swift has no safe means for. A log that grows while it is read is read up to its size when it was opened.
          let full = m.count - bom
          var st = stat()
          let size = fstat(input.descriptor, &st) == 0 ? Int(st.st_size) : m.count
          if size < m.count {
            truncated = (m.count, size)
            // Bytes past the new end are gone (reading them is the SIGBUS); those before it are still there.
            buffer.count = max(pos, size - bom)
            eof = true
          } else {
            buffer.count = min(full, buffer.count + checkEvery)
            eof = buffer.count == full
          }
          continue
        }
        if !eof {
          // Keep the partial record and read more.
          buffer.discard(pos)
          pos = 0
          if cp1251 {
            let chunk = input.next()
            if chunk.isEmpty { eof = true } else { buffer.append(Self.fromCP1251(chunk)) }
          } else if !input.read(into: &buffer) {
            eof = true
          }
          continue
        }
        if pos >= buffer.count { break }
        if let t = truncated {
          // The file was cut inside this record: what is left of it is not the row that was written.
          sink.reject(position: line, reason: AuditText(
            en: "the log was cut here while it was read (another process truncated it from \(t.from) to \(t.to) bytes): "
              + "this row is incomplete and the rest of the log was not read",
            ru: "журнал обрезан на этом месте во время чтения (другой процесс укоротил его с \(t.from) до \(t.to) байт): "
              + "строка неполная, остаток журнала не прочитан"))
          break
        }
        end = buffer.count
        next = buffer.count
        newlines = 0
      }
      let recordLine = line
      line += newlines
      let bytes = p.assumingMemoryBound(to: UInt8.self)
      var stop = end
      if stop > pos, bytes[stop - 1] == 0x0D { stop -= 1 }
      var blank = true
      var k = pos
      while k < stop {
        let c = bytes[k]
        if c != 0x20 && c != 0x09 {
          blank = false
          break
        }
        k += 1
      }
      if blank {
        pos = next
        continue
      }
      if delim == 0 { delim = Self.detectDelimiter(Array(UnsafeRawBufferPointer(start: p + pos, count: stop - pos))[...]) }
      if !split {
        spans.count = 0
        Self.split(UnsafeMutableRawBufferPointer(start: p, count: count), from: pos, to: stop, delimiter: delim,
          into: &spans)
      }
      if header == nil {
        let names = spans.buffer.map { span in
          String(decoding: UnsafeRawBufferPointer(start: p + span.start, count: span.count), as: UTF8.self)
            .trimmingCharacters(in: .whitespaces)
        }
        header = names
        try sink.header(names)
        if delimiter == nil, delim != UInt8(ascii: ",") {
          let name = delim == 0x09 ? "tab" : "`;`"
          sink.notice(AuditText(en: "delimiter \(name) detected on the header line",
            ru: "разделитель \(delim == 0x09 ? "табуляция" : "«;»") определён по строке заголовка"))
        }
      } else {
        sink.row(RawRow(base: UnsafeRawPointer(p), spans: spans.buffer, position: recordLine))
      }
      pos = next
    }
    if let t = truncated {
      sink.notice(AuditText(
        en: "\(path) shrank from \(t.from) to \(t.to) bytes while it was read (another process truncated it): it was read "
          + "up to its new end",
        ru: "\(path) укоротился с \(t.from) до \(t.to) байт во время чтения (его обрезал другой процесс): журнал прочитан "
          + "до нового конца"))
    }
    if header == nil {
      throw AuditError(en: "\(path) is empty: no header line", ru: "\(path) пуст: нет строки заголовка")
    }
  }

  /// A row with no quote before its newline, split in the pass that finds the newline: each step finds the first
  /// delimiter, newline or quote, eight bytes at a time. On a newline, the fields are those `split` gives for the row
  /// up to its end without the `\r` before the newline (the same `stop` as the general path), `end` is the newline's
  /// index, and the answer is `true`. On a quote, or with no newline before `count` (the end of the bytes checked so
  /// far), the answer is `false` and the general path reads the row (`spans` are then reset by the caller).
  ///
  /// Exact: in each of the three zero-byte masks a bit is set for every byte equal to the pattern, and wrongly only
  /// above such a byte (the borrow of the subtraction runs upwards), so the lowest bit of their union is the first
  /// byte equal to one of the three. No byte at or past `count` is read.
  @inline(__always) static func splitPlainRow(_ base: UnsafeMutableRawPointer, from pos: Int, count: Int,
    delimiter: UInt8, into spans: inout SpanBuffer, end: inout Int) -> Bool
  {
    spans.count = 0
    let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
    let pd = UInt64(delimiter) &* ones, pn = UInt64(0x0A) &* ones, pq = UInt64(0x22) &* ones
    var fieldStart = pos
    var j = pos
    while true {
      var k = -1
      while j + 8 <= count {
        let w = base.loadUnaligned(fromByteOffset: j, as: UInt64.self)
        let xd = w ^ pd, xn = w ^ pn, xq = w ^ pq
        let m = ((xd &- ones) & ~xd | (xn &- ones) & ~xn | (xq &- ones) & ~xq) & high
        if m != 0 {
          k = j &+ m.trailingZeroBitCount >> 3
          break
        }
        j += 8
      }
      if k < 0 {
        while j < count {
          let c = base.load(fromByteOffset: j, as: UInt8.self)
          if c == delimiter || c == 0x0A || c == 0x22 {
            k = j
            break
          }
          j += 1
        }
        if k < 0 { return false }
      }
      let c = base.load(fromByteOffset: k, as: UInt8.self)
      if c == delimiter {
        spans.append(FieldSpan(start: fieldStart, count: k - fieldStart))
        fieldStart = k + 1
        j = k + 1
      } else if c == 0x0A {
        var stop = k
        if stop > pos, base.load(fromByteOffset: stop - 1, as: UInt8.self) == 0x0D { stop -= 1 }
        spans.append(FieldSpan(start: fieldStart, count: stop - fieldStart))
        end = k
        return true
      } else {
        return false
      }
    }
  }

  /// Splits `[from, to)` into fields; quoted fields are unquoted in place (`""` → `"`).
  static func split(_ b: UnsafeMutableRawBufferPointer, from: Int, to: Int, delimiter: UInt8, into spans: inout SpanBuffer) {
    var i = from
    while true {
      if i < to, b[i] == 0x22 {
        // Quoted: copy down over the quotes.
        var r = i + 1, w = i
        while r < to {
          let c = b[r]
          if c == 0x22 {
            if r + 1 < to, b[r + 1] == 0x22 {
              b[w] = 0x22
              w += 1
              r += 2
              continue
            }
            r += 1
            break
          }
          b[w] = c
          w += 1
          r += 1
        }
        // Text after the closing quote up to the delimiter is kept as written.
        while r < to, b[r] != delimiter {
          b[w] = b[r]
          w += 1
          r += 1
        }
        spans.append(FieldSpan(start: i, count: w - i))
        if r >= to { return }
        i = r + 1
      } else {
        let j = b.baseAddress.map { Self.find(delimiter, in: $0, from: i, to: to) } ?? to
        spans.append(FieldSpan(start: i, count: j - i))
        if j >= to { return }
        i = j + 1
      }
    }
  }

  /// The index of the first `byte` in `[from, to)` (`to` when none): eight bytes at a time (fields are short, and a
  /// call to `memchr` per field costs more than the search).
  @inline(__always) static func find(_ byte: UInt8, in base: UnsafeRawPointer, from: Int, to: Int) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let pattern = UInt64(byte) &* ones
    var j = from
    while j + 8 <= to {
      let x = base.loadUnaligned(fromByteOffset: j, as: UInt64.self) ^ pattern
      let zero = (x &- ones) & ~x & 0x8080_8080_8080_8080
      if zero != 0 { return j + zero.trailingZeroBitCount >> 3 }
      j += 8
    }
    while j < to, base.load(fromByteOffset: j, as: UInt8.self) != byte { j += 1 }
    return j
  }

  static func detectDelimiter(_ line: ArraySlice<UInt8>) -> UInt8 {
    var counts: [UInt8: Int] = [0x3B: 0, 0x09: 0, 0x2C: 0]
    var quoted = false
    for c in line {
      if c == 0x22 { quoted.toggle() } else if !quoted, counts[c] != nil { counts[c]! += 1 }
    }
    let best = [UInt8(0x3B), 0x09, 0x2C].max { (counts[$0]!, $0 == 0x2C ? 1 : 0) < (counts[$1]!, $1 == 0x2C ? 1 : 0) }!
    return counts[best]! > 0 ? best : 0x2C
  }

  /// Whether the bytes are UTF-8, allowing a sequence cut at the end.
  static func isUTF8Prefix(_ bytes: [UInt8]) -> Bool {
    var end = bytes.count
    var back = 0
    while end > 0, back < 4, bytes[end - 1] & 0xC0 == 0x80 {
      end -= 1
      back += 1
    }
    if end > 0, bytes[end - 1] >= 0xC0 { end -= 1 }
    return String(validating: bytes[..<end], as: UTF8.self) != nil
  }

  /// Cyrillic Windows-1251 text: most bytes above 0x7F are letters (0xC0–0xFF, Ё/ё) rather than UTF-8 pairs.
  static func looksLikeWindows1251(_ bytes: [UInt8]) -> Bool {
    var high = 0, letters = 0
    for c in bytes where c >= 0x80 {
      high += 1
      if c >= 0xC0 || c == 0xA8 || c == 0xB8 { letters += 1 }
    }
    return high > 0 && letters * 10 >= high * 8
  }

  static let cp1251Table: [[UInt8]] = (0..<256).map { b -> [UInt8] in
    if b < 0x80 { return [UInt8(b)] }
    let s = String(data: Data([UInt8(b)]), encoding: .windowsCP1251) ?? "\u{FFFD}"
    return Array(s.utf8)
  }

  static func fromCP1251(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for c in bytes { if c < 0x80 { out.append(c) } else { out.append(contentsOf: cp1251Table[Int(c)]) } }
    return out
  }
}

/// A file read in chunks with `read(2)` into one buffer allocated once (no `Data` per chunk: a fresh 4 MB
/// allocation per chunk cost a page fault per 4 KB page and two copies), or bytes already in memory.
struct ChunkedInput {
  private var fd: Int32 = -1
  private var bytes: [UInt8]?
  private var scratch: UnsafeMutableRawBufferPointer?

  init(handle: FileHandle) { fd = handle.fileDescriptor }

  /// The file's descriptor (−1 for bytes in memory).
  var descriptor: Int32 { fd }

  init(bytes: [UInt8]) { self.bytes = bytes }

  /// The whole file mapped privately (writable: quoted fields are unquoted in place, copy-on-write), when it is a
  /// non-empty regular file; `nil` otherwise (a pipe, bytes in memory), and then it is read in chunks.
  func mapWhole() -> Mapping? {
    guard fd >= 0 else { return nil }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_mode & 0o170000 == 0o100000, st.st_size > 0 else { return nil }
    let size = Int(st.st_size)
    guard let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0), p != UnsafeMutableRawPointer(bitPattern: -1)
    else { return nil }
    _ = madvise(p, size, MADV_SEQUENTIAL)
    return Mapping(base: p, count: size)
  }

  /// Continues reading at byte `offset` of the file.
  func seek(to offset: Int) {
    if fd >= 0 { _ = lseek(fd, off_t(offset), SEEK_SET) }
  }

  /// Frees the chunk buffer.
  mutating func close() {
    scratch?.deallocate()
    scratch = nil
  }

  /// The next chunk as an array (the first chunk, which is inspected for its encoding; Windows-1251 files).
  mutating func next() -> [UInt8] {
    var out: [UInt8] = []
    _ = append(to: &out)
    return out
  }

  /// Reads the next chunk straight into the free space of `buffer` (no intermediate copy); `false` at the end.
  mutating func read(into buffer: inout ReadBuffer) -> Bool {
    if let b = bytes {
      bytes = []
      buffer.append(b)
      return !b.isEmpty
    }
    guard fd >= 0 else { return false }
    buffer.reserve(CSVLogReader.chunkSize)
    var n = 0
    while true {
      n = Glibc.read(fd, buffer.base + buffer.count, CSVLogReader.chunkSize)
      if n < 0, errno == EINTR { continue }
      break
    }
    guard n > 0 else { return false }
    buffer.count += n
    return true
  }

  /// Appends the next chunk to `buffer`; `false` at the end of the input.
  mutating func append(to buffer: inout [UInt8]) -> Bool {
    if let b = bytes {
      bytes = []
      buffer.append(contentsOf: b)
      return !b.isEmpty
    }
    guard fd >= 0 else { return false }
    if scratch == nil {
      scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: CSVLogReader.chunkSize, alignment: 16)
    }
    let chunk = scratch!
    var n = 0
    while true {
      n = Glibc.read(fd, chunk.baseAddress!, chunk.count)
      if n < 0, errno == EINTR { continue }
      break
    }
    guard n > 0 else { return false }
    buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<n]))
    return true
  }
}

/// A file mapped into memory.
struct Mapping {
  static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
  let base: UnsafeMutableRawPointer
  let count: Int

  func unmap() { _ = munmap(base, count) }
}

/// The reader's bytes: one allocation, grown only when a record does not fit, the consumed prefix dropped before each
/// read; or a view of a mapped file (never grown: the whole file is there). Not an array: no uniqueness check or
/// exclusive access per row.
struct ReadBuffer {
  private(set) var base: UnsafeMutableRawPointer
  private(set) var capacity: Int
  var count = 0
  private var owned = true

  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
  }

  /// Bytes owned elsewhere (a mapping).
  init(view: UnsafeMutableRawPointer, count: Int) {
    base = view
    capacity = count
    self.count = count
    owned = false
  }

  func free() { if owned { base.deallocate() } }

  /// Drops the first `n` bytes.
  mutating func discard(_ n: Int) {
    guard n > 0 else { return }
    if n < count { memmove(base, base + n, count - n) }
    count = max(count - n, 0)
  }

  /// Room for `extra` more bytes after `count`.
  mutating func reserve(_ extra: Int) {
    guard count + extra > capacity else { return }
    let grown = max(capacity * 2, count + extra)
    let fresh = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
    if count > 0 { fresh.copyMemory(from: base, byteCount: count) }
    base.deallocate()
    base = fresh
    capacity = grown
  }

  mutating func append(_ bytes: [UInt8]) {
    guard !bytes.isEmpty else { return }
    reserve(bytes.count)
    bytes.withUnsafeBytes { (base + count).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    count += bytes.count
  }
}

/// The fields of the current record, in a buffer reused from row to row.
struct SpanBuffer {
  private var start: UnsafeMutablePointer<FieldSpan>
  private var capacity: Int
  var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 4)
    start = UnsafeMutablePointer<FieldSpan>.allocate(capacity: self.capacity)
  }

  func free() { start.deallocate() }

  @inline(__always) mutating func append(_ span: FieldSpan) {
    if count == capacity {
      let grown = capacity * 2
      let fresh = UnsafeMutablePointer<FieldSpan>.allocate(capacity: grown)
      fresh.moveInitialize(from: start, count: count)
      start.deallocate()
      start = fresh
      capacity = grown
    }
    (start + count).initialize(to: span)
    count += 1
  }

  var buffer: UnsafeBufferPointer<FieldSpan> { UnsafeBufferPointer(start: start, count: count) }
}
