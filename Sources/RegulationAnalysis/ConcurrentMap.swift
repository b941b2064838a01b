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
}
