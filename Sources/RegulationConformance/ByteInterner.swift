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

  /// Eight bytes at a time (a multiply-and-fold hash; statuses, departments and executors are short).
  static func hash(_ b: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(b.count)
    guard let p = b.baseAddress else { return h }
    var i = 0
    let n = b.count
    while i + 8 <= n {
      h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
      h ^= h >> 29
      i += 8
    }
    if i < n {
      // The last 1–7 bytes as a little-endian word, read with a few overlapping loads rather than byte by byte (the
      // same value as assembling them one at a time).
      let tail = n >= 8
        ? p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64((8 - (n - i)) * 8)
        : smallWord(p, n)
      h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
      h ^= h >> 29
    }
    return h &* 0xBF58_476D_1CE4_E5B9
  }

  /// The ids returned last: consecutive rows often repeat a value (a case's department) or alternate between two (the
  /// curator and the case's executor).
  private var last: Int32 = -1
  private var previous: Int32 = -1
  /// By id, the id interned right after it the last time it was followed by another: statuses follow the act's
  /// order (detected, route, draft, approve…), so the next one is mostly the one that followed last time.
  private var follows: [Int32] = []

  /// The id of these bytes, added when new.
  mutating func intern(_ b: UnsafeRawBufferPointer) -> Int32 {
    if last >= 0, equal(Int(last), b) { return last }
    if previous >= 0, equal(Int(previous), b) {
      swap(&last, &previous)
      return last
    }
    let id: Int32
    if last >= 0, case let f = follows[Int(last)], f >= 0, equal(Int(f), b) {
      id = f
    } else {
      id = lookup(b)
      if last >= 0 { follows[Int(last)] = id }
    }
    previous = last
    last = id
    return id
  }

  private mutating func lookup(_ b: UnsafeRawBufferPointer) -> Int32 {
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
    follows.append(-1)
    if strings.count * 2 > slots.count { grow() }
    return id
  }

  mutating func intern(_ s: String) -> Int32 {
    var s = s
    return s.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
  }

  @inline(__always) private func equal(_ id: Int, _ b: UnsafeRawBufferPointer) -> Bool {
    let start = offsets[id], end = offsets[id + 1]
    guard end - start == b.count else { return false }
    guard b.count > 0, let q = b.baseAddress else { return true }
    return arena.withUnsafeBytes { a in bytesEqual(a.baseAddress! + start, q, b.count) }
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

/// Whether `n` bytes at `a` and `b` are equal: eight at a time, inline (short ids and names; `memcmp` is a call);
/// the rest by one overlapping load of the last eight bytes (or of the last four or two, for shorter ones), not
/// byte by byte.
@inline(__always) func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
  if n >= 8 {
    var i = 0
    while i + 8 < n {
      if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
        return false
      }
      i += 8
    }
    return a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
  }
  if n >= 4 {
    return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
      && a.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
  }
  if n >= 2 {
    return a.loadUnaligned(as: UInt16.self) == b.loadUnaligned(as: UInt16.self)
      && a.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self) == b.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self)
  }
  return n == 0 || a.load(as: UInt8.self) == b.load(as: UInt8.self)
}

/// The `n` (1–7) bytes at `p` as a little-endian word (byte `k` in bits `8k ..< 8k + 8`), by overlapping loads.
@inline(__always) func smallWord(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
  if n >= 4 {
    return UInt64(p.loadUnaligned(as: UInt32.self))
      | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << UInt64((n - 4) * 8)
  }
  if n >= 2 {
    return UInt64(p.loadUnaligned(as: UInt16.self))
      | UInt64(p.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self)) << UInt64((n - 2) * 8)
  }
  return UInt64(p.load(as: UInt8.self))
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
