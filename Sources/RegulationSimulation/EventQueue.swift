/// A binary min-heap ordered by a key and, for equal keys, by insertion order: the future event list (time, sequence)
/// and the earliest-deadline-first queues (due, sequence). Ties never depend on the heap's layout, so runs are
/// reproducible.
struct MinHeap<Element> {
  private(set) var items: [(key: Int, seq: Int, value: Element)] = []

  var isEmpty: Bool { items.isEmpty }
  var count: Int { items.count }
  var first: (key: Int, seq: Int, value: Element)? { items.first }

  @inline(__always) static func less(_ a: (key: Int, seq: Int, value: Element), _ b: (key: Int, seq: Int, value: Element))
    -> Bool
  { a.key < b.key || (a.key == b.key && a.seq < b.seq) }

  mutating func push(_ key: Int, _ seq: Int, _ value: Element) {
    items.append((key, seq, value))
    var i = items.count - 1
    while i > 0 {
      let p = (i - 1) >> 1
      if !Self.less(items[i], items[p]) { break }
      items.swapAt(i, p)
      i = p
    }
  }

  mutating func pop() -> (key: Int, seq: Int, value: Element)? {
    guard !items.isEmpty else { return nil }
    let top = items[0]
    let last = items.removeLast()
    if !items.isEmpty {
      items[0] = last
      var i = 0
      let n = items.count
      while true {
        let l = 2 * i + 1, r = l + 1
        var m = i
        if l < n && Self.less(items[l], items[m]) { m = l }
        if r < n && Self.less(items[r], items[m]) { m = r }
        if m == i { break }
        items.swapAt(i, m)
        i = m
      }
    }
    return top
  }
}

/// A first-in first-out queue on an array with a moving head (compacted when half is consumed): the reference the
/// simulator's raw ring (`RawRing`) is tested against.
struct FIFO<Element> {
  private var items: [Element] = []
  private var head = 0

  var isEmpty: Bool { head == items.count }
  var count: Int { items.count - head }

  mutating func push(_ x: Element) { items.append(x) }

  mutating func pop() -> Element? {
    guard head < items.count else { return nil }
    let x = items[head]
    head += 1
    if head > 1024 && head * 2 > items.count {
      items.removeFirst(head)
      head = 0
    }
    return x
  }
}

/// The future event list of one replication: a binary min-heap of 16-byte entries, each ordered by one unsigned
/// 64-bit key, the event's instant (seconds after the start of the run) in the high 32 bits and its sequence number
/// in the low 32: the same order as (time, sequence), with one integer comparison and no generic tuples. The instant
/// fits: 2³² seconds are 136 years, beyond any production calendar; the sequence wraps only after 4 294 967 296 events
/// in one replication.
struct EventQueue {
  struct Entry {
    var key: UInt64
    var payload: UInt64
  }

  /// On raw memory (`RawBuffer`): a push or a pop pays no copy-on-write uniqueness check. The owner frees it once
  /// (`free()`, at the end of `Simulator.run`).
  private var items = RawBuffer<Entry>(capacity: 64)

  var isEmpty: Bool { items.count == 0 }
  var count: Int { items.count }
  /// The smallest key (`UInt64.max`: empty).
  var firstKey: UInt64 { items.count == 0 ? .max : items[0].key }

  @inline(__always) static func key(time: Int, origin: Int, seq: Int) -> UInt64 {
    UInt64(truncatingIfNeeded: time - origin) << 32 | UInt64(truncatingIfNeeded: seq) & 0xFFFF_FFFF
  }

  mutating func push(_ key: UInt64, _ payload: UInt64) {
    let x = Entry(key: key, payload: payload)
    items.append(x)
    let h = items.base
    var i = items.count - 1
    while i > 0 {
      let p = (i - 1) >> 1
      if h[p].key <= x.key { break }
      h[i] = h[p]
      i = p
    }
    h[i] = x
  }

  mutating func pop() -> Entry? {
    guard let last = items.popLast() else { return nil }
    let n = items.count
    if n == 0 { return last }
    let h = items.base
    let top = h[0]
    // Sift the hole at the root down, then place the last entry in it.
    var i = 0
    while true {
      let l = 2 * i + 1
      if l >= n { break }
      var m = l
      if l + 1 < n && h[l + 1].key < h[l].key { m = l + 1 }
      if h[m].key >= last.key { break }
      h[i] = h[m]
      i = m
    }
    h[i] = last
    return top
  }

  /// Frees the memory; the queue must not be used after.
  mutating func free() { items.free() }
}
