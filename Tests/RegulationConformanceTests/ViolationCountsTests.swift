@testable import RegulationConformance
import Testing

/// `ViolationCounts.forEach` walks its table by index: each kind comes back with its own count, in
/// `ViolationKind.allCases` order, and kinds never counted do not come back.
@Suite struct ViolationCountsTests {
  @Test func forEachGivesEveryCountedKindInDeclarationOrder() {
    let all = ViolationKind.allCases
    #expect(all.count == 10)
    // Kind i counted i + 1 times, except every third kind (never counted).
    var counts = ViolationCounts()
    var expected: [(ViolationKind, Int)] = []
    for (i, kind) in all.enumerated() where i % 3 != 2 {
      for _ in 0...i { counts.add(kind) }
      expected.append((kind, i + 1))
    }
    var seen: [(ViolationKind, Int)] = []
    counts.forEach { seen.append(($0, $1)) }
    #expect(seen.map(\.0) == expected.map(\.0))
    #expect(seen.map(\.1) == expected.map(\.1))
    for (kind, n) in expected { #expect(counts[kind] == n) }
    // One kind at a time: only that one comes back.
    for kind in all {
      var one = ViolationCounts()
      one.add(kind)
      var got: [ViolationKind] = []
      one.forEach { k, n in
        got.append(k)
        #expect(n == 1)
      }
      #expect(got == [kind])
    }
  }
}
