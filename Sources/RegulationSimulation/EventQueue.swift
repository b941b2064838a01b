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

/// A first-in first-out queue on an array with a moving head (compacted when half is consumed).
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
