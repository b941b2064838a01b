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
