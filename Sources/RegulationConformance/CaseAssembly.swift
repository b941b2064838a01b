import RegulationModel
import WorkingTime

/// The hot path of an audit: maps each row (columns, status, time, texts to ids) and adds it to its open case. A
/// value type so that one access per row covers all of its state.
struct CaseAssembly {
  let resolver: LogMapResolver
  /// Column indices of the current file, in `LogMap.Field.allCases` order (−1: absent).
  var col = [Int](repeating: -1, count: LogMap.Field.allCases.count)
  var parser: LogTimeParser

  var statuses = ByteInterner(), actors = ByteInterner(), roles = ByteInterner(), departments = ByteInterner()
  var categories = ByteInterner(), kinds = ByteInterner()
  var meanings: [StatusMeaning] = []

  var open: [String: Int] = [:]
  var slots: [OpenCase?] = []
  var free: [Int] = []
  /// Hashes of the ids of cases already closed: an event for one of them is rejected, not silently merged.
  var closed = Set<UInt64>()
  var serial = 0
  var rows = 0
  var ignoredEvents = 0
  var watermark = Int.min

  init(resolver: LogMapResolver, parser: LogTimeParser) {
    self.resolver = resolver
    self.parser = parser
  }

  var texts: CaseJudge.Texts {
    CaseJudge.Texts(statuses: statuses.strings, actors: actors.strings, roles: roles.strings,
      departments: departments.strings, categories: categories.strings, kinds: kinds.strings)
  }

  /// Adds a row to its case; returns why the row is rejected, if it is.
  mutating func add(_ row: RawRow) -> AuditText? {
    rows += 1
    let caseBytes = Self.trimmed(row.field(col[0]))
    guard !caseBytes.isEmpty else { return AuditText(en: "no case id", ru: "нет номера дела (инцидента)") }
    let statusBytes = Self.trimmed(row.field(col[1]))
    guard !statusBytes.isEmpty else { return AuditText(en: "no step (status)", ru: "нет шага (статуса)") }
    let timeBytes = row.field(col[2])
    guard let at = parser.parse(timeBytes) else {
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
    let id = String(decoding: caseBytes, as: UTF8.self)
    let slot = open[id]
    if slot == nil, !closed.isEmpty, closed.contains(Self.hash(id)) {
      return AuditText(
        en: "case \(id) was already closed and audited: its earlier events lie more than the horizon (--horizon) behind "
          + "this point of the log; sort the log by case or by time",
        ru: "дело \(id) уже закрыто и проверено: его прежние события отстоят от этого места журнала больше чем на "
          + "горизонт (--horizon); отсортируйте журнал по делу или по времени")
    }
    let status = statuses.intern(statusBytes)
    if Int(status) == meanings.count { meanings.append(resolver.meaning(of: statuses.strings[Int(status)])) }
    if meanings[Int(status)] == .ignored { ignoredEvents += 1 }
    let record = CaseRecord(status: status, at: at.seconds, actor: optional(row, 3, &actors), role: optional(row, 4, &roles),
      department: optional(row, 5, &departments), category: optional(row, 6, &categories),
      kind: optional(row, 7, &kinds), position: row.position)
    if at.seconds > watermark { watermark = at.seconds }
    if let slot {
      slots[slot]!.records.append(record)
      slots[slot]!.lastTouch = serial
      if at.seconds > slots[slot]!.lastTime { slots[slot]!.lastTime = at.seconds }
    } else {
      let c = OpenCase(id: id, serial: serial, records: [record], lastTouch: serial, lastTime: at.seconds)
      if let s = free.popLast() {
        slots[s] = c
        open[id] = s
      } else {
        slots.append(c)
        open[id] = slots.count - 1
      }
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
    for s in slots.indices {
      guard let c = slots[s], c.lastTouch < touched, c.lastTime < limit else { continue }
      out.append(c)
      remove(s)
    }
    return out
  }

  /// Every case still open, in the order they appeared.
  mutating func takeAll() -> [OpenCase] {
    let list = slots.compactMap { $0 }.sorted { $0.serial < $1.serial }
    for s in slots.indices where slots[s] != nil { remove(s) }
    return list
  }

  mutating func remove(_ s: Int) {
    guard let c = slots[s] else { return }
    slots[s] = nil
    free.append(s)
    open[c.id] = nil
    closed.insert(Self.hash(c.id))
  }

  static func hash(_ s: String) -> UInt64 {
    var s = s
    return s.withUTF8 { ByteInterner.hash(UnsafeRawBufferPointer($0)) }
  }

  @inline(__always) static func trimmed(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var lo = 0, hi = b.count
    while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
    while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0D { hi -= 1 }
    return UnsafeRawBufferPointer(rebasing: b[lo..<hi])
  }
}
