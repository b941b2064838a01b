/// Gives each distinct byte string (a status, a department, an executor) a small integer, without making a `String`
/// per row: open addressing on an FNV-1a hash, keys kept in one byte arena.
struct ByteInterner {
  private var slots: [Int32]  // -1 empty, else the id
  private var hashes: [UInt64] = []
  private var offsets: [Int] = [0]
  private var arena: [UInt8] = []
  private(set) var strings: [String] = []
  private var mask: Int

  init() {
    slots = [Int32](repeating: -1, count: 64)
    mask = 63
  }

  var count: Int { strings.count }

  static func hash(_ b: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for c in b { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
    return h
  }

  /// The id of these bytes, added when new.
  mutating func intern(_ b: UnsafeRawBufferPointer) -> Int32 {
    let h = Self.hash(b)
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let id = slots[i]
      if id < 0 { break }
      if hashes[Int(id)] == h, equal(Int(id), b) { return id }
      i = (i + 1) & mask
    }
    let id = Int32(strings.count)
    slots[i] = id
    hashes.append(h)
    arena.append(contentsOf: b)
    offsets.append(arena.count)
    strings.append(String(decoding: b, as: UTF8.self))
    if strings.count * 2 > slots.count { grow() }
    return id
  }

  mutating func intern(_ s: String) -> Int32 {
    var s = s
    return s.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
  }

  private func equal(_ id: Int, _ b: UnsafeRawBufferPointer) -> Bool {
    let start = offsets[id], end = offsets[id + 1]
    guard end - start == b.count else { return false }
    return arena.withUnsafeBytes { a in memcmp(a.baseAddress! + start, b.baseAddress ?? a.baseAddress!, b.count) == 0 }
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = [Int32](repeating: -1, count: size)
    mask = size - 1
    for (id, h) in hashes.enumerated() {
      var i = Int(truncatingIfNeeded: h) & mask
      while slots[i] >= 0 { i = (i + 1) & mask }
      slots[i] = Int32(id)
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
