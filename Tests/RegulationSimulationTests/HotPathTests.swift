import Foundation
import RegulationParser
import Testing
import TestSupport
import RegulationModel
@testable import RegulationSimulation

/// The simulator's specialised hot-path structures give exactly what the general ones give.
@Suite struct HotPathTests {
  /// `Sampler` draws bit for bit what `Distribution.sample` draws, for every kind of distribution.
  @Test func samplerDrawsWhatTheDistributionDraws() {
    let distributions: [Distribution] = [
      .fixed(7), .exponential(mean: 5), .uniform(min: 2, max: 9), .lognormal(mean: 60, sigma: 0.5),
      .lognormal(mean: 0, sigma: 0.5), .triangular(min: 3, mode: 8, max: 20), .triangular(min: 4, mode: 4, max: 4),
      .empirical([1, 2.5, 40, 7]), .empirical([]),
    ]
    var table: [Double] = [-1]
    let samplers = distributions.map { Sampler($0, table: &table) }
    var g = Xoshiro256(seed: 3)
    for (d, s) in zip(distributions, samplers) {
      for _ in 0..<20_000 {
        let u1 = g.uniform(), u2 = g.uniform()
        let a = d.sample(u1, u2), b = s.sample(u1, u2, table: table)
        #expect(a.bitPattern == b.bitPattern, "\(d) at \(u1), \(u2): \(a) vs \(b)")
        if a.bitPattern != b.bitPattern { return }
      }
    }
  }

  /// The event queue pops in (time, sequence) order, as the generic heap does, on random pushes and pops with many
  /// ties.
  @Test func eventQueuePopsInTimeThenSequenceOrder() {
    var q = EventQueue()
    defer { q.free() }
    var reference = MinHeap<Int>()
    var g = SplitMix64(seed: 11)
    var seq = 0
    var popped = 0
    for round in 0..<50_000 {
      if g.next() % 3 != 0 || q.isEmpty {
        seq += 1
        let time = 1_000_000 + Int(g.next() % 500)
        q.push(EventQueue.key(time: time, origin: 1_000_000, seq: seq), UInt64(seq))
        reference.push(time, seq, seq)
      } else {
        let a = q.pop()!, b = reference.pop()!
        #expect(Int(a.key >> 32) + 1_000_000 == b.key && Int(a.payload) == b.value, "round \(round)")
        if Int(a.payload) != b.value { return }
        popped += 1
      }
    }
    while let a = q.pop() {
      let b = reference.pop()!
      #expect(Int(a.payload) == b.value)
      popped += 1
    }
    #expect(reference.isEmpty && popped == seq)
  }

  /// The raw ring of a role's waiting jobs pops in the order the array-based FIFO does, across wrap-arounds and
  /// growth; the raw buffer keeps what is appended.
  @Test func rawRingIsFirstInFirstOut() {
    var ring = RawRing<Int>(capacity: 2)
    var fifo = FIFO<Int>()
    var buffer = RawBuffer<Int>(capacity: 1)
    var pushed: [Int] = []
    var g = SplitMix64(seed: 9)
    for i in 0..<100_000 {
      if g.next() % 5 < 3 {
        ring.push(i)
        fifo.push(i)
        buffer.append(i)
        pushed.append(i)
      } else {
        #expect(ring.pop() == fifo.pop())
      }
      #expect(ring.count == fifo.count)
      if ring.count != fifo.count { break }
    }
    while let x = fifo.pop() { #expect(ring.pop() == x) }
    #expect(ring.pop() == nil)
    #expect(buffer.array == pushed && buffer.count == pushed.count && buffer[7] == pushed[7])
    buffer[7] = -1
    #expect(buffer.array[7] == -1 && buffer.popLast() == pushed.last)
    ring.free()
    buffer.free()
  }

  /// A duration to whole seconds without `round`: the same integers as `max(0, Int((minutes * 60).rounded()))` on
  /// random draws, on halves and just around them, on zero and on negatives.
  @Test func wholeSecondsRoundsAsTheLibraryDoes() {
    func reference(_ m: Double) -> Int { max(0, Int((m * 60).rounded())) }
    var values: [Double] = [0, -0.0, -1, -0.004, 1e-300, 0.5 / 60, 1.5 / 60, 2.5 / 60, 1e9, 0.49999999999999994 / 60]
    for k in 0..<2000 {
      let x = Double(k) / 2
      values += [x / 60, x.nextUp / 60, x.nextDown / 60, (x / 60).nextUp, (x / 60).nextDown]
    }
    var g = Xoshiro256(seed: 5)
    for _ in 0..<200_000 { values.append(-60 * Foundation.log(g.uniform())) }
    var wrong = 0
    for m in values where Simulator.wholeSeconds(m) != reference(m) {
      wrong += 1
      if wrong < 5 { Issue.record("\(m): \(Simulator.wholeSeconds(m)) vs \(reference(m))") }
    }
    #expect(wrong == 0)
  }
}

/// The shortcuts change no result: leaving out of the engine's case runs the completions no deadline depends on
/// (`stepsThatMatter`), one engine run shared by the cases of a profile whose deadlines depend on detection alone, the
/// sums of the outcomes' chances computed once, a job given straight to a free person when nobody waits. Every shipped scenario, and its variants, gives byte-identical JSON
/// either way.
@Suite struct UnrecordedStepsTests {
  @Test(arguments: ["000-ust-labinsk", "001-stavropol", "002-okha", "003-lipetsk", "004-krasnoufimsk"])
  func shippedScenarioGivesTheSameResults(_ name: String) throws {
    let dir = repositoryRoot.appendingPathComponent("scenarios")
    let path = dir.appendingPathComponent("\(name).scenario.yaml").path
    let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/\(name).yaml").path)
      .regulation)
    var scenario = try #require(ScenarioParser.parse(path: path, regulation: reg).scenario)
    scenario.horizon.days = 21
    scenario.horizon.warmupDays = 2
    let models = SimulationRunner.models(regulation: reg, scenario: scenario).models
    var options = SimulationOptions()
    options.runs = 2
    options.jobs = 1
    let skipping = SimulationRunner.run(models, options: options)
    options.recordEveryStep = true
    let all = SimulationRunner.run(models, options: options)
    #expect(skipping.base.incidents > 0)
    #expect(SimulationReport(skipping).json().serialized() == SimulationReport(all).json().serialized())
  }
}
