/// The open cases by the hash of their id bytes (`ByteInterner.hash`): open addressing with linear probing and
/// backward-shift deletion, so a new case costs neither a `Hasher` pass over a `String` nor a dictionary node. Ids
/// whose hashes collide are told apart by the caller's comparison of the bytes.
struct OpenCaseIndex {
  /// A hash and its slot side by side: a probe touches one cache line, not one per array.
  /// The low 32 bits of the hash: eight bytes an entry, so that the table of ~150 000 open cases stays small enough
  /// for the cache (a probe for a new case was the costliest load of reading a row).
  struct Entry {
    var hash: UInt32
    var slot: Int32  // −1: empty
  }
  private var entries: [Entry]
  private var mask: Int
  private(set) var count = 0

  init() {
    entries = [Entry](repeating: Entry(hash: 0, slot: -1), count: 1024)
    mask = 1023
  }

  /// The slot of the case whose id hashes to `h` and for which `matches` holds.
  func find(_ h: UInt64, matches: (Int) -> Bool) -> Int? {
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let e = entries[i]
      if e.slot < 0 { return nil }
      if e.hash == UInt32(truncatingIfNeeded: h), matches(Int(e.slot)) { return Int(e.slot) }
      i = (i + 1) & mask
    }
  }

  /// Whether the position where `h` starts probing is empty: then no open case's id hashes to `h` (`find` would stop
  /// there). One read of the table, done early to start its cache miss.
  @inline(__always) func homeIsEmpty(_ h: UInt64) -> Bool {
    entries.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: h) & mask].slot < 0 }
  }

  /// The entry where `h` starts probing, as a number (read ahead of removals to start its cache miss).
  @inline(__always) func entryAtHome(_ h: UInt64) -> UInt64 {
    entries.withUnsafeBufferPointer { UInt64(truncatingIfNeeded: $0[Int(truncatingIfNeeded: h) & mask].slot) }
  }

  mutating func insert(_ h: UInt64, slot: Int) {
    if (count + 1) * 4 > entries.count * 3 { grow() }
    var i = Int(truncatingIfNeeded: h) & mask
    while entries[i].slot >= 0 { i = (i + 1) & mask }
    entries[i] = Entry(hash: UInt32(truncatingIfNeeded: h), slot: Int32(slot))
    count += 1
  }

  /// Removes the entry of `slot` (whose id hashes to `h`).
  mutating func remove(_ h: UInt64, slot: Int) {
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = entries[i].slot
      if s < 0 { return }
      if s == Int32(slot) { break }
      i = (i + 1) & mask
    }
    // Backward shift: move later entries of the probe run into the hole when their home allows it.
    var hole = i
    var j = (i + 1) & mask
    while entries[j].slot >= 0 {
      let home = Int(truncatingIfNeeded: entries[j].hash) & mask
      // `j` may move to `hole` when its home does not lie cyclically in (hole, j].
      if (j - home) & mask >= (j - hole) & mask {
        entries[hole] = entries[j]
        hole = j
      }
      j = (j + 1) & mask
    }
    entries[hole].slot = -1
    count -= 1
  }

  private mutating func grow() {
    let old = entries
    entries = [Entry](repeating: Entry(hash: 0, slot: -1), count: old.count * 2)
    mask = entries.count - 1
    for e in old where e.slot >= 0 {
      var i = Int(truncatingIfNeeded: e.hash) & mask
      while entries[i].slot >= 0 { i = (i + 1) & mask }
      entries[i] = e
    }
  }
}

/// Hashes of the ids of closed cases (`ByteInterner.hash`, already well mixed): open addressing, no `Hasher`.
///
/// Built lazily: while every case of the log has an id above all earlier ones (`CaseAssembly.isAboveAllSeen`: logs
/// grouped by case or sorted by time, with increasing incident numbers), no row ever needs to ask whether its case was
/// closed, so the hashes are only appended to a list (one sequential write per case, instead of a random write into a
/// table of millions of entries: a cache miss per case, and a table twice the list's size). The first lookup
/// (`materialize()`, called by `CaseAssembly` before any lookup) builds the table from the list; from then on every
/// insert goes into the table.
struct ClosedCaseHashes {
  private var table: [UInt64]  // 0: empty (a hash of 0 is kept as 1)
  private var mask: Int
  private(set) var count = 0
  /// Hashes inserted while the table is not built (`built == false`).
  private var pending: [UInt64] = []
  private(set) var built = false

  init() {
    table = []
    mask = 0
  }

  var isEmpty: Bool { count == 0 }

  /// Builds the table from the hashes inserted so far; every lookup must come after it.
  mutating func materialize() {
    guard !built else { return }
    built = true
    var size = 1024
    while (pending.count + 1) * 4 > size * 3 { size *= 2 }
    table = [UInt64](repeating: 0, count: size)
    mask = table.count - 1
    let list = pending
    pending = []
    count = 0
    for h in list { insert(h) }
  }

  /// Whether the position where `hash` starts probing is empty: then `contains(hash)` is false (it stops there).
  @inline(__always) func homeIsEmpty(_ hash: UInt64) -> Bool {
    guard built else { return pending.isEmpty }  // exact without the table (never used so: see `materialize()`)
    let h = hash == 0 ? 1 : hash
    return table.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: h) & mask] == 0 }
  }

  func contains(_ hash: UInt64) -> Bool {
    let h = hash == 0 ? 1 : hash
    guard built else { return pending.contains(h) }
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let t = table[i]
      if t == 0 { return false }
      if t == h { return true }
      i = (i + 1) & mask
    }
  }

  /// The entry where `hash` starts probing (read ahead of inserts to start its cache miss).
  @inline(__always) func entryAtHome(_ hash: UInt64) -> UInt64 {
    guard built else { return 0 }
    let h = hash == 0 ? 1 : hash
    return table.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: h) & mask] }
  }

  mutating func insert(_ hash: UInt64) {
    let h = hash == 0 ? 1 : hash
    guard built else {
      pending.append(h)
      count += 1
      return
    }
    if (count + 1) * 4 > table.count * 3 { grow() }
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let t = table[i]
      if t == h { return }
      if t == 0 { break }
      i = (i + 1) & mask
    }
    table[i] = h
    count += 1
  }

  private mutating func grow() {
    let old = table
    table = [UInt64](repeating: 0, count: old.count * 2)
    mask = table.count - 1
    for h in old where h != 0 {
      var i = Int(truncatingIfNeeded: h) & mask
      while table[i] != 0 { i = (i + 1) & mask }
      table[i] = h
    }
  }
}
