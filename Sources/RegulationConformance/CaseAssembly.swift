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
  var free: [Int] = []
  /// Hashes of the ids of cases already closed: an event for one of them is rejected, not silently merged.
  var closed = ClosedCaseHashes()
  var serial = 0
  /// The previous row's case id and slot: a log grouped by case names the same case row after row, and those rows skip
  /// making a `String` of the id and hashing it.
  var lastID: [UInt8] = []
  /// Record arrays of closed cases, emptied with their capacity kept, given to new cases.
  var pool: [[CaseRecord]] = []
  var lastSlot = -1
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
      let notOpen = open.homeIsEmpty(idHash), notClosed = closed.homeIsEmpty(idHash)  // both read, not short-circuited
      unseenAtHome = notOpen && notClosed
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
      open.insert(idHash, slot: s)
      lastSlot = s
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
        touch &+= open.entryAtHome(h) &+ closed.entryAtHome(h)
      }
      warmed &+= touch
      for k in g..<end { if let c = remove(staleSlots[k]) { out.append(c) } }
      g = end
    }
    return out
  }

  /// At most this many record arrays are kept for reuse (a sweep's worth).
  static let poolLimit = 8192
  /// Whether a closed case's record array is worth keeping: one that never grew past its first capacity.
  static func isRecyclable(_ records: [CaseRecord]) -> Bool { records.capacity < 16 }

  /// Keeps a closed case's record array for a new case (a sweep's worth at most). Only arrays that never grew past
  /// their first capacity: reusing grown ones would give every open case the capacity of the longest case before it
  /// (28 MB more at the peak of the 10 M-event log).
  mutating func recycle(_ records: inout [CaseRecord]) {
    guard pool.count < Self.poolLimit, Self.isRecyclable(records) else { return }
    records.removeAll(keepingCapacity: true)
    pool.append(records)
    records = []
  }

  /// Every case still open, in the order they appeared.
  mutating func takeAll() -> [OpenCase] {
    var list: [OpenCase] = []
    for s in slots.indices { if let c = remove(s) { list.append(c) } }
    list.sort { $0.serial < $1.serial }
    return list
  }

  /// Takes the case out of slot `s` (moved, not copied) and frees the slot.
  @discardableResult mutating func remove(_ s: Int) -> OpenCase? {
    guard let c = slots[s].open.take() else { return nil }
    slots[s].lastTouch = Int.max
    if s == lastSlot { lastSlot = -1 }
    free.append(s)
    let h = slots[s].idHash
    open.remove(h, slot: s)
    closed.insert(h)
    return c
  }

  /// The id of an open case is these bytes.
  @inline(__always) static func equal(_ id: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
    id.utf8.count == bytes.count && id.utf8.elementsEqual(bytes)
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

  /// Adds a row's record to the case and notes the touch.
  @inline(__always) mutating func add(_ record: CaseRecord, serial: Int) {
    open!.records.append(record)
    lastTouch = serial
    if record.at > lastTime { lastTime = record.at }
  }
}
