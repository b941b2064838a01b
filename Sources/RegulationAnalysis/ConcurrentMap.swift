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
  /// Maps elements on all cores, keeping the order of the results.
  func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
    let results = ConcurrentResults<T>(count)
    let items = self
    DispatchQueue.concurrentPerform(iterations: count) { i in results.set(i, transform(items[i])) }
    return results.all
  }

  /// Maps elements on all cores, starting them in decreasing order of `cost` (ties in their order), keeping the order
  /// of the results: the workers take the next element as they free up, so the costliest start first.
  func concurrentMap<T: Sendable>(largestFirst cost: [Int], _ transform: @Sendable (Element) -> T) -> [T] {
    precondition(cost.count == count)
    let order = indices.sorted { cost[$0] != cost[$1] ? cost[$0] > cost[$1] : $0 < $1 }
    let results = ConcurrentResults<T>(count)
    let items = self
    DispatchQueue.concurrentPerform(iterations: count) { k in
      let i = order[k]
      results.set(i, transform(items[i]))
    }
    return results.all
  }
}
