import Foundation

/// Answers already computed, keyed by their exact input (endpoint, language, options, regulation text). Analysis is
/// deterministic, so the same input always gets the same bytes; the playground sends the same text again and again.
/// Bounded: the oldest entry goes first.
final class ResponseCache: @unchecked Sendable {
  private let capacity: Int
  private let lock = NSLock()
  private var entries: [String: String] = [:]
  private var order: [String] = []
  private var head = 0

  init(capacity: Int) { self.capacity = max(0, capacity) }

  func get(_ key: String) -> String? {
    guard capacity > 0 else { return nil }
    lock.lock()
    defer { lock.unlock() }
    return entries[key]
  }

  func put(_ key: String, _ value: String) {
    guard capacity > 0 else { return }
    lock.lock()
    defer { lock.unlock() }
    if entries[key] != nil { return }
    entries[key] = value
    order.append(key)
    if order.count - head > capacity {
      entries[order[head]] = nil
      head += 1
      if head > capacity {
        order.removeFirst(head)
        head = 0
      }
    }
  }

  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return entries.count
  }
}
