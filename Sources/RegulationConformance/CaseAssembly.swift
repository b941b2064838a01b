import Foundation
import RegulationModel
import WorkingTime

/// The hot path of an audit: maps each row (columns, status, time, texts to ids) and adds it to its open case. A
/// value type so that one access per row covers all of its state.
struct CaseAssembly {
  let resolver: LogMapResolver
  /// Column indices of the current file, in `LogMap.Field.allCases` order (−1: absent).
  var col = [Int](repeating: -1, count: LogMap.Field.allCases.count)
  var parser: LogTimeParser {
    didSet { dayCache = LogTimeParser.DayCache() }
  }
  var dayCache = LogTimeParser.DayCache()

  var statuses = ByteInterner(), actors = ByteInterner(), roles = ByteInterner(), departments = ByteInterner()
  var categories = ByteInterner(), kinds = ByteInterner()
  var statusTable = StatusTable()

  /// Open cases by slot, each with when it was last touched, its latest time and the hash of its id: a row of a case
  /// already open updates its slot in one access (one uniqueness check of the array, not one per field's array).
  var slots: [OpenSlot] = []
  var open = OpenCaseIndex()
  /// Whether `open` holds the open cases. Built lazily, like the closed set (`ClosedCaseHashes`): while every new
  /// case's id is above all earlier ones and every other row names the previous row's case, no row looks a case up,
  /// so the index is neither filled nor emptied (a random access into it per case). The first row that must look its
  /// case up builds it from the slots (`buildIndex`); from then on it is kept as cases open and close.
  var indexed = false
  var free: [Int] = []
  /// Hashes of the ids of cases already closed: an event for one of them is rejected, not silently merged.
  var closed = ClosedCaseHashes()
  var serial = 0
  /// The previous row's case id and slot: a log grouped by case names the same case row after row, and those rows skip
  /// making a `String` of the id and hashing it.
  var lastID: [UInt8] = []
  /// Record arrays of closed cases, emptied with their capacity kept, given to new cases (`pool`: first capacity, 8
  /// records) and to cases that outgrow theirs (`widePool`: 16 records; see `widen`).
  var pool: [[CaseRecord]] = []
  var widePool: [[CaseRecord]] = []
  var lastSlot = -1
  /// The greatest id of every case opened so far, in the order of `isAbove` (empty: none yet).
  var maxID: [UInt8] = []
  /// Whether a new case with an id above `maxID` skips the open and closed tables (tests turn it off to compare the
  /// fast path with the general one).
  var usesIDOrder = true
  /// The slots a sweep closes (reused from sweep to sweep), and the sum of the table entries it read ahead (kept only
  /// so that those reads are not optimized away).
  var staleSlots: [Int] = []
  var warmed: UInt64 = 0
  var rows = 0
  var ignoredEvents = 0
  var watermark = Int.min

  init(resolver: LogMapResolver, parser: LogTimeParser) {
    self.resolver = resolver
    self.parser = parser
  }

  /// Adds a row to its case; returns why the row is rejected, if it is.
  mutating func add(_ row: RawRow) -> AuditText? {
    rows += 1
    let caseBytes = Self.trimmed(row.field(col[0]))
    guard !caseBytes.isEmpty else { return AuditText(en: "no case id", ru: "нет номера дела (инцидента)") }
    var sameAsLast = false
    var idHash: UInt64 = 0
    var unseenAtHome = false
    var aboveAll = false
    if lastSlot >= 0, caseBytes.count == lastID.count,
      lastID.withUnsafeBytes({ bytesEqual($0.baseAddress!, caseBytes.baseAddress!, caseBytes.count) })
    {
      sameAsLast = true
    } else {
      // Another case than the last row's: mostly a new one. Both tables are read at the id's home position now, before
      // the status, the time and the texts are parsed, so that their two cache misses overlap each other and that
      // work instead of stalling one after the other below. An empty home position is an exact answer under linear
      // probing (`find` and `contains` stop there too): the id is neither open nor closed.
      idHash = ByteInterner.hash(caseBytes)
      if usesIDOrder, Self.isAbove(caseBytes, maxID) {
        // Above every id opened so far, hence neither open nor closed (every closed case was opened first): no table
        // is read. Exact; the tables are read as below as soon as an id is not above them all.
        unseenAtHome = true
        aboveAll = true
      } else {
        closed.materialize()
        if !indexed { buildIndex() }
        let notOpen = open.homeIsEmpty(idHash), notClosed = closed.homeIsEmpty(idHash)  // both read, not short-circuited
        unseenAtHome = notOpen && notClosed
      }
    }
    let statusBytes = Self.trimmed(row.field(col[1]))
    guard !statusBytes.isEmpty else { return AuditText(en: "no step (status)", ru: "нет шага (статуса)") }
    let timeBytes = row.field(col[2])
    guard let at = parser.parse(timeBytes, cache: &dayCache) else {
      let t = String(decoding: timeBytes, as: UTF8.self)
      return t.trimmingCharacters(in: .whitespaces).isEmpty
        ? AuditText(en: "no time", ru: "нет времени")
        : AuditText(en: "`\(t)` is not a date and time (2026-05-08T17:40[+05:00], 08.05.2026 17:40)",
          ru: "«\(t)» — не дата и время (2026-05-08T17:40[+05:00], 08.05.2026 17:40)")
    }
    if col[8] >= 0 {
      let lc = Self.trimmed(row.field(col[8]))
      if !lc.isEmpty, !(lc.count == 8 && String(decoding: lc, as: UTF8.self).lowercased() == "complete") {
        let t = String(decoding: lc, as: UTF8.self)
        return AuditText(
          en: "lifecycle transition `\(t)` is not a completion: only `complete` events are steps done",
          ru: "переход жизненного цикла «\(t)» — не завершение: шагом считаются только события `complete`")
      }
    }
    let slot: Int?
    if sameAsLast {
      slot = lastSlot
    } else if unseenAtHome {
      slot = nil
    } else {
      slot = open.find(idHash) { s in Self.equal(slots[s].open!.id, caseBytes) }
      if slot == nil, !closed.isEmpty, closed.contains(idHash) {
        let id = String(decoding: caseBytes, as: UTF8.self)
        return AuditText(
          en: "case \(id) was already closed and audited: its earlier events lie more than the horizon (--horizon) behind "
            + "this point of the log; sort the log by case or by time",
          ru: "дело \(id) уже закрыто и проверено: его прежние события отстоят от этого места журнала больше чем на "
            + "горизонт (--horizon); отсортируйте журнал по делу или по времени")
      }
    }
    let status = statuses.intern(statusBytes)
    if Int(status) == statusTable.count { statusTable.append(resolver.meaning(of: statuses.strings[Int(status)])) }
    if statusTable.codes[Int(status)] == .ignored { ignoredEvents += 1 }
    let record = CaseRecord(status: status, at: at.seconds, actor: optional(row, 3, &actors), role: optional(row, 4, &roles),
      department: optional(row, 5, &departments), category: optional(row, 6, &categories),
      kind: optional(row, 7, &kinds), position: row.position)
    if at.seconds > watermark { watermark = at.seconds }
    if let slot {
      if slots[slot].isFull { widen(slot) }
      slots[slot].add(record, serial: serial)
    } else {
      var records: [CaseRecord]
      if let reused = pool.popLast() {
        records = reused
      } else {
        records = []
        records.reserveCapacity(8)
      }
      records.append(record)
      let c = OpenCase(id: String(decoding: caseBytes, as: UTF8.self), serial: serial, records: records)
      let s: Int
      let fresh = OpenSlot(open: c, lastTouch: serial, lastTime: at.seconds, idHash: idHash)
      if let f = free.popLast() {
        slots[f] = fresh
        s = f
      } else {
        slots.append(fresh)
        s = slots.count - 1
      }
      if indexed { open.insert(idHash, slot: s) }
      lastSlot = s
      if aboveAll {
        maxID.removeAll(keepingCapacity: true)
        maxID.append(contentsOf: caseBytes)
      }
    }
    if !sameAsLast {
      if let slot { lastSlot = slot }
      lastID.removeAll(keepingCapacity: true)
      lastID.append(contentsOf: caseBytes)
    }
    serial += 1
    return nil
  }

  @inline(__always) func optional(_ row: RawRow, _ i: Int, _ interner: inout ByteInterner) -> Int32 {
    guard col[i] >= 0 else { return -1 }
    let b = Self.trimmed(row.field(col[i]))
    return b.isEmpty ? -1 : interner.intern(b)
  }

  /// Removes and returns the cases not touched by the last `recent` events whose last event lies more than
  /// `horizon` seconds behind the latest time read.
  mutating func takeStale(horizon: Int, recent: Int) -> [OpenCase] {
    let limit = watermark - horizon, touched = serial - recent
    var out: [OpenCase] = []
    staleSlots.removeAll(keepingCapacity: true)
    for s in slots.indices where slots[s].lastTouch < touched && slots[s].lastTime < limit { staleSlots.append(s) }
    // In groups: first read the index's and the closed set's entries at each case's home position (independent loads,
    // whose cache misses overlap), then remove the cases in the same order as one by one (the order decides which
    // slot a new case reuses, hence the order in which cases are closed and judged: it must not change).
    let group = 64
    var g = 0
    while g < staleSlots.count {
      let end = min(g + group, staleSlots.count)
      var touch: UInt64 = 0
      for k in g..<end {
        let h = slots[staleSlots[k]].idHash
        touch &+= (indexed ? open.entryAtHome(h) : 0) &+ closed.entryAtHome(h)
      }
      warmed &+= touch
      for k in g..<end { if let c = remove(staleSlots[k]) { out.append(c) } }
      g = end
    }
    return out
  }

  /// At most this many record arrays are kept for reuse (a sweep's worth: a sweep of the 10 M-event log closes about
  /// 9 400 cases and the next one opens as many; with 8 192 kept, about 1 200 arrays a sweep were freed on one side and
  /// allocated on the other, at a cost in `malloc` far above their 3 MB), and this many of the wide ones.
  static let poolLimit = 16_384
  static let widePoolLimit = 4096
  /// Whether a closed case's record array is worth keeping: one that grew at most once (to `wideCapacity`).
  static func isRecyclable(_ records: [CaseRecord]) -> Bool { records.capacity < 2 * wideCapacity }
  /// The capacity a case's records move to when they outgrow their first array.
  static let wideCapacity = 16

  /// Keeps a closed case's record array for a new case (a sweep's worth at most), or, when it is a wide one, for a case
  /// that outgrows its first array. Only arrays that grew at most once: reusing larger ones, or giving wide ones to
  /// new cases, would give open cases the capacity of the longest cases before them (28 MB more at the peak of the
  /// 10 M-event log when every open case got the capacity of the longest).
  mutating func recycle(_ records: inout [CaseRecord]) {
    guard Self.isRecyclable(records) else { return }
    if records.capacity < Self.wideCapacity {
      guard pool.count < Self.poolLimit else { return }
      records.removeAll(keepingCapacity: true)
      pool.append(records)
    } else {
      guard widePool.count < Self.widePoolLimit else { return }
      records.removeAll(keepingCapacity: true)
      widePool.append(records)
    }
    records = []
  }

  /// The case in `s` has filled its first array: its records move to a wide array (reused when one is kept, else
  /// reserved at `wideCapacity`) and the first array goes back to the pool, instead of `append` reallocating and
  /// freeing it (a `malloc` and a `free` per long case, and the small array lost to the pool). Records and their
  /// order are unchanged; only the array's capacity differs.
  mutating func widen(_ s: Int) {
    guard var records = slots[s].open?.records, records.capacity < Self.wideCapacity else { return }
    var wide: [CaseRecord]
    if let w = widePool.popLast() {
      wide = w
    } else {
      wide = []
      wide.reserveCapacity(Self.wideCapacity)
    }
    wide.append(contentsOf: records)
    slots[s].open!.records = wide
    recycle(&records)
  }

  /// Every case still open, in the order they appeared.
  mutating func takeAll() -> [OpenCase] {
    var list: [OpenCase] = []
    for s in slots.indices { if let c = remove(s) { list.append(c) } }
    list.sort { $0.serial < $1.serial }
    return list
  }

  /// Fills the open-case index from the slots (see `indexed`). The index answers the same whatever the order of its
  /// inserts: ids of open cases are distinct, and `find` compares the bytes.
  mutating func buildIndex() {
    indexed = true
    for s in slots.indices where slots[s].open != nil { open.insert(slots[s].idHash, slot: s) }
  }

  /// Takes the case out of slot `s` (moved, not copied) and frees the slot.
  @discardableResult mutating func remove(_ s: Int) -> OpenCase? {
    guard let c = slots[s].open.take() else { return nil }
    slots[s].lastTouch = Int.max
    if s == lastSlot { lastSlot = -1 }
    free.append(s)
    let h = slots[s].idHash
    if indexed { open.remove(h, slot: s) }
    closed.insert(h)
    return c
  }

  /// The id of an open case is these bytes.
  @inline(__always) static func equal(_ id: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
    id.utf8.count == bytes.count && id.utf8.elementsEqual(bytes)
  }

  /// Whether `bytes` come after `max` when ids are ordered by length, then byte by byte (so `INC-10` comes after
  /// `INC-9`): a log whose incident numbers increase gives each new case an id above all earlier ones.
  @inline(__always) static func isAbove(_ bytes: UnsafeRawBufferPointer, _ max: [UInt8]) -> Bool {
    if bytes.count != max.count { return bytes.count > max.count }
    guard let b = bytes.baseAddress else { return false }
    return max.withUnsafeBytes { m in memcmp(b, m.baseAddress!, bytes.count) > 0 }
  }

  @inline(__always) static func trimmed(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var lo = 0, hi = b.count
    while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
    while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0D { hi -= 1 }
    return UnsafeRawBufferPointer(rebasing: b[lo..<hi])
  }
}

/// A slot of the open-case table: the case (`nil`: free), when it was last touched (`Int.max`: free), the latest time
/// in it and the hash of its id.
struct OpenSlot {
  var open: OpenCase?
  var lastTouch: Int
  var lastTime: Int
  var idHash: UInt64

  /// Whether the case's record array has no room for another record.
  @inline(__always) var isFull: Bool { open?.records.count == open?.records.capacity }

  /// Adds a row's record to the case and notes the touch.
  @inline(__always) mutating func add(_ record: CaseRecord, serial: Int) {
    open!.records.append(record)
    lastTouch = serial
    if record.at > lastTime { lastTime = record.at }
  }
}
