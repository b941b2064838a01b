import Foundation

/// Answers already computed, keyed by their exact input (endpoint, language, options, regulation text or the shipped
/// file's name and modification stamp). Analysis is deterministic, so the same input always gets the same bytes; the
/// playground sends the same text again and again. Requests for an input being computed wait for that computation
/// instead of starting another. Bounded: the oldest entry goes first.
final class ResponseCache: @unchecked Sendable {
  private enum Slot {
    case done(String)
    case pending(Task<String, any Error>)
  }

  private let capacity: Int
  private let lock = NSLock()
  private var slots: [String: Slot] = [:]
  private var order: [String] = []
  private var head = 0

  init(capacity: Int) { self.capacity = max(0, capacity) }

  private enum Claim {
    case hit(String)
    case wait(Task<String, any Error>)
    case mine(Task<String, any Error>)
  }

  private func claim(_ key: String, start: () -> Task<String, any Error>) -> Claim {
    lock.withLock {
      switch slots[key] {
      case .done(let value)?: return .hit(value)
      case .pending(let running)?: return .wait(running)
      case nil:
        let task = start()
        slots[key] = .pending(task)
        return .mine(task)
      }
    }
  }

  private func drop(_ key: String) { lock.withLock { slots[key] = nil } }

  /// The answer for `key`: cached, being computed by another request, or computed now.
  func value(for key: String, compute: @escaping @Sendable () async throws -> String) async throws -> String {
    guard capacity > 0 else { return try await compute() }
    switch claim(key, start: { Task { try await compute() } }) {
    case .hit(let value): return value
    case .wait(let running): return try await running.value
    case .mine(let task):
      do {
        let value = try await task.value
        put(key, value)
        return value
      } catch {
        drop(key)
        throw error
      }
    }
  }

  func get(_ key: String) -> String? {
    lock.withLock {
      if case .done(let value)? = slots[key] { return value }
      return nil
    }
  }

  func put(_ key: String, _ value: String) {
    guard capacity > 0 else { return }
    lock.lock()
    defer { lock.unlock() }
    if case .done? = slots[key] { return }
    let known = slots[key] != nil
    slots[key] = .done(value)
    if known, order[head...].contains(key) { return }
    order.append(key)
    if order.count - head > capacity {
      slots[order[head]] = nil
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
    return slots.count
  }
}
