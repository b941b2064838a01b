import Testing

@testable import RegulationConformance

/// The audit's byte kernels (word-at-a-time comparison and hashing of short ids and names) against naive byte-by-byte
/// references, for every length around the word sizes and for a difference at every position.
@Suite struct AuditByteKernelTests {
  /// FNV-style fold of `ByteInterner.hash`, written byte by byte: the reference the word loads must reproduce.
  static func referenceHash(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
    var i = 0
    while i + 8 <= bytes.count {
      var w: UInt64 = 0
      for k in 0..<8 { w |= UInt64(bytes[i + k]) << UInt64(8 * k) }
      h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
      h ^= h >> 29
      i += 8
    }
    if i < bytes.count {
      var tail: UInt64 = 0
      for k in i..<bytes.count { tail |= UInt64(bytes[k]) << UInt64(8 * (k - i)) }
      h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
      h ^= h >> 29
    }
    return h &* 0xBF58_476D_1CE4_E5B9
  }

  @Test func equalityMatchesByteByByteComparison() {
    for n in 0...40 {
      let a = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      // Equal, and unequal at each position in turn (the kernel must look at every byte).
      var cases: [([UInt8], Bool)] = [(a, true)]
      for k in 0..<n {
        var b = a
        b[k] ^= 0x40
        cases.append((b, false))
      }
      for (b, expected) in cases {
        let got = a.withUnsafeBytes { x in b.withUnsafeBytes { y in
          n == 0 ? true : bytesEqual(x.baseAddress!, y.baseAddress!, n)
        } }
        #expect(got == expected, "length \(n)")
      }
    }
  }

  @Test func hashMatchesTheByteByByteReference() {
    let texts = ["", "a", "ab", "abc", "draft", "approve", "detected", "INC-1000000", "Куратор", "Управление дорог",
      "Исполнитель 59", "Назначен исполнитель", String(repeating: "x", count: 23)]
    for t in texts {
      let bytes = Array(t.utf8)
      let got = bytes.withUnsafeBytes { ByteInterner.hash($0) }
      #expect(got == Self.referenceHash(bytes), "«\(t)»")
    }
    for n in 0...33 {
      let bytes = (0..<n).map { UInt8(truncatingIfNeeded: 200 &- $0 &* 7) }
      #expect(bytes.withUnsafeBytes { ByteInterner.hash($0) } == Self.referenceHash(bytes), "length \(n)")
    }
  }
}
