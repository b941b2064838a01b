import Foundation

/// Answers already computed, keyed by their exact input (endpoint, language, options, regulation text or the shipped
/// file's name and modification stamp). Analysis is deterministic, so the same input always gets the same bytes; the
/// playground sends the same text again and again. Requests for an input being computed wait for that computation
/// instead of starting another. Bounded: the oldest entry goes first.
///
/// Keys are compared as bytes: a `String` key would be hashed and compared after Unicode normalisation, which for an
/// 18 KB pasted regulation in Cyrillic cost a fifth of a cached answer's time.
final class ResponseCache<Value: Sendable>: @unchecked Sendable {
  /// An input's exact bytes with their hash computed once (one pass over the bytes, not one per dictionary probe).
  struct Key: Hashable {
    let bytes: [UInt8]
    let digest: Int

    init(_ text: String) {
      bytes = Array(text.utf8)
      var hasher = Hasher()
      bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
      digest = hasher.finalize()
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
    static func == (a: Key, b: Key) -> Bool { a.digest == b.digest && a.bytes == b.bytes }
  }

  private enum Slot {
    case done(Value)
    case pending(Task<Value, any Error>)
  }

  private let capacity: Int
  private let lock = NSLock()
  private var slots: [Key: Slot] = [:]
  private var order: [Key] = []
  private var head = 0

  init(capacity: Int) { self.capacity = max(0, capacity) }

  private enum Claim {
    case hit(Value)
    case wait(Task<Value, any Error>)
    case mine(Task<Value, any Error>)
  }

  private func claim(_ key: Key, start: () -> Task<Value, any Error>) -> Claim {
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

  private func drop(_ key: Key) { lock.withLock { slots[key] = nil } }

  /// The answer for `key`: cached, being computed by another request, or computed now.
  func value(for text: String, compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
    guard capacity > 0 else { return try await compute() }
    let key = Key(text)
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

  func get(_ text: String) -> Value? {
    let key = Key(text)
    return lock.withLock {
      if case .done(let value)? = slots[key] { return value }
      return nil
    }
  }

  func put(_ text: String, _ value: Value) { put(Key(text), value) }

  private func put(_ key: Key, _ value: Value) {
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
