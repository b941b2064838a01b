import Dispatch
import Foundation

/// Slots filled by concurrent workers, each slot written once under a lock.
final class ConcurrentResults<T: Sendable>: @unchecked Sendable {
  private var values: [T?]
  private let lock = NSLock()

  init(_ n: Int) { values = [T?](repeating: nil, count: n) }

  func set(_ i: Int, _ value: T) {
    lock.lock()
    values[i] = value
    lock.unlock()
  }

  var all: [T] { values.map { $0! } }
}

extension Array where Element: Sendable {
  /// Maps elements on all cores, keeping the order of the results. `order` is the order in which the elements start (a
  /// permutation of the indices; nil: their own order): the workers take the next element as they free up.
  func concurrentMap<T: Sendable>(order: [Int]? = nil, _ transform: @Sendable (Element) -> T) -> [T] {
    precondition(order.map { $0.count == count } ?? true)
    let results = ConcurrentResults<T>(count)
    let items = self
    DispatchQueue.concurrentPerform(iterations: count) { k in
      let i = order?[k] ?? k
      results.set(i, transform(items[i]))
    }
    return results.all
  }
}

/// The indices of `cost` in decreasing order of cost, ties in their order: as the start order of `concurrentMap`, the
/// costliest elements start first.
func largestFirst(_ cost: [Int]) -> [Int] {
  cost.indices.sorted { cost[$0] != cost[$1] ? cost[$0] > cost[$1] : $0 < $1 }
}
