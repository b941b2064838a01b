import TestSupport
import Testing
@testable import RegulationAnalysis

/// `concurrentMap` takes an optional start order (`check` starts the largest files first): whatever the order, the
/// results are those of `map`, in the elements' order; `largestFirst` is the permutation by decreasing cost, ties in
/// index order.
@Suite struct ConcurrentMapOrderTests {
  @Test func anyStartOrderGivesTheResultsOfMap() {
    var rng = TestSplitMix(state: 3)
    for n in 0..<40 {
      let items = (0..<n).map { _ in Int(rng.next() % 1_000) }
      let cost = (0..<n).map { _ in Int(rng.next() % 5) }
      let order = largestFirst(cost)
      #expect(order.sorted() == Array(0..<n))
      for k in order.indices.dropFirst() {
        let a = order[k - 1], b = order[k]
        #expect(cost[a] > cost[b] || (cost[a] == cost[b] && a < b))
      }
      let expected = items.map { $0 * 3 + 1 }
      #expect(items.concurrentMap(order: order) { $0 * 3 + 1 } == expected)
      #expect(items.concurrentMap { $0 * 3 + 1 } == expected)
      #expect(items.concurrentMap(order: Array((0..<n).reversed())) { $0 * 3 + 1 } == expected)
    }
  }
}
