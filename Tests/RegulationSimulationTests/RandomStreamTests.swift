import Testing
@testable import RegulationSimulation

@Suite struct RandomStreamTests {
  /// Reference values of SplitMix64 for seed 1234567 (from the published C reference implementation).
  @Test func splitMixMatchesTheReference() {
    var g = SplitMix64(seed: 1_234_567)
    let got = (0..<5).map { _ in g.next() }
    #expect(got == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
      4_593_380_528_125_082_431, 16_408_922_859_458_223_821])
  }

  @Test func derivedStreamsDifferByLabel() {
    let a = SplitMix64.derive(1, 0, 5), b = SplitMix64.derive(1, 0, 6), c = SplitMix64.derive(1, 1, 5)
    #expect(a != b && a != c && b != c)
    #expect(SplitMix64.derive(1, 0, 5) == a)
  }

  /// A case's stream seed, computed from the per-replication prefix, is the three-stage mix written out in full (as
  /// it was before the prefix was kept per replication: every seeded result depends on it).
  @Test func derivationFromThePrefixIsTheFullMix() {
    func full(_ seed: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
      var g = SplitMix64(seed: seed ^ 0x5851_F42D_4C95_7F2D)
      var x = g.next() ^ (a &* 0xD6E8_FEB8_6659_FD93)
      g = SplitMix64(seed: x)
      x = g.next() ^ (b &* 0xA076_1D64_78BD_642F)
      g = SplitMix64(seed: x)
      return g.next()
    }
    var r = SplitMix64(seed: 77)
    for _ in 0..<2_000 {
      let seed = r.next(), a = r.next() % 64, b = r.next() % 1_000_000
      let prefix = SplitMix64.prefix(seed, a)
      #expect(SplitMix64.derive(prefix: prefix, b) == full(seed, a, b))
      #expect(SplitMix64.derive(seed, a, b) == full(seed, a, b))
    }
  }

  @Test func uniformsStayInsideTheOpenInterval() {
    var g = Xoshiro256(seed: 9)
    var lo = 1.0, hi = 0.0, sum = 0.0
    for _ in 0..<100_000 {
      let u = g.uniform()
      lo = min(lo, u); hi = max(hi, u); sum += u
    }
    #expect(lo > 0 && hi < 1)
    #expect(abs(sum / 100_000 - 0.5) < 0.005)
  }
}
