/// The open cases by the hash of their id bytes (`ByteInterner.hash`): open addressing with linear probing and
/// backward-shift deletion, so a new case costs neither a `Hasher` pass over a `String` nor a dictionary node. Ids
/// whose hashes collide are told apart by the caller's comparison of the bytes.
struct OpenCaseIndex {
  private var hashes: [UInt64]
  private var slots: [Int32]  // −1: empty
  private var mask: Int
  private(set) var count = 0

  init() {
    hashes = [UInt64](repeating: 0, count: 1024)
    slots = [Int32](repeating: -1, count: 1024)
    mask = 1023
  }

  /// The slot of the case whose id hashes to `h` and for which `matches` holds.
  func find(_ h: UInt64, matches: (Int) -> Bool) -> Int? {
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[i]
      if s < 0 { return nil }
      if hashes[i] == h, matches(Int(s)) { return Int(s) }
      i = (i + 1) & mask
    }
  }

  mutating func insert(_ h: UInt64, slot: Int) {
    if (count + 1) * 4 > slots.count * 3 { grow() }
    var i = Int(truncatingIfNeeded: h) & mask
    while slots[i] >= 0 { i = (i + 1) & mask }
    hashes[i] = h
    slots[i] = Int32(slot)
    count += 1
  }

  /// Removes the entry of `slot` (whose id hashes to `h`).
  mutating func remove(_ h: UInt64, slot: Int) {
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[i]
      if s < 0 { return }
      if s == Int32(slot) { break }
      i = (i + 1) & mask
    }
    // Backward shift: move later entries of the probe run into the hole when their home allows it.
    var hole = i
    var j = (i + 1) & mask
    while slots[j] >= 0 {
      let home = Int(truncatingIfNeeded: hashes[j]) & mask
      // `j` may move to `hole` when its home does not lie cyclically in (hole, j].
      if (j - home) & mask >= (j - hole) & mask {
        hashes[hole] = hashes[j]
        slots[hole] = slots[j]
        hole = j
      }
      j = (j + 1) & mask
    }
    slots[hole] = -1
    count -= 1
  }

  private mutating func grow() {
    let oldHashes = hashes, oldSlots = slots
    let size = slots.count * 2
    hashes = [UInt64](repeating: 0, count: size)
    slots = [Int32](repeating: -1, count: size)
    mask = size - 1
    for k in oldSlots.indices where oldSlots[k] >= 0 {
      var i = Int(truncatingIfNeeded: oldHashes[k]) & mask
      while slots[i] >= 0 { i = (i + 1) & mask }
      hashes[i] = oldHashes[k]
      slots[i] = oldSlots[k]
    }
  }
}

/// Hashes of the ids of closed cases (`ByteInterner.hash`, already well mixed): open addressing, no `Hasher`.
struct ClosedCaseHashes {
  private var table: [UInt64]  // 0: empty (a hash of 0 is kept as 1)
  private var mask: Int
  private(set) var count = 0

  init() {
    table = [UInt64](repeating: 0, count: 1024)
    mask = 1023
  }

  var isEmpty: Bool { count == 0 }

  func contains(_ hash: UInt64) -> Bool {
    let h = hash == 0 ? 1 : hash
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let t = table[i]
      if t == 0 { return false }
      if t == h { return true }
      i = (i + 1) & mask
    }
  }

  mutating func insert(_ hash: UInt64) {
    let h = hash == 0 ? 1 : hash
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
