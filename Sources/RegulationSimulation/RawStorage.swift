/// A growable array on raw memory for the simulator's hot state (cases, people, queues, counters): elements are
/// read and changed in place through the pointer, with no copy-on-write uniqueness check and no retain per access,
/// which an `Array` stored in the simulator pays on every write. Not a value type: copies share the memory, and the
/// owner frees it once (`free()`, at the end of `Simulator.run`). Indices are the caller's to keep in range.
struct RawBuffer<Element> {
  private(set) var base: UnsafeMutablePointer<Element>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int = 16) {
    self.capacity = Swift.max(1, capacity)
    base = .allocate(capacity: self.capacity)
  }

  init(repeating x: Element, count: Int) {
    capacity = Swift.max(1, count)
    base = .allocate(capacity: capacity)
    base.initialize(repeating: x, count: count)
    self.count = count
  }

  init(_ xs: [Element]) {
    capacity = Swift.max(1, xs.count)
    base = .allocate(capacity: capacity)
    for (i, x) in xs.enumerated() { (base + i).initialize(to: x) }
    count = xs.count
  }

  @inline(__always) subscript(i: Int) -> Element {
    unsafeAddress { UnsafePointer(base + i) }
    nonmutating unsafeMutableAddress { base + i }
  }

  @inline(__always) mutating func append(_ x: Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: x)
    count += 1
  }

  @inline(__always) mutating func popLast() -> Element? {
    guard count > 0 else { return nil }
    count -= 1
    return (base + count).move()
  }

  private mutating func grow() {
    let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity *= 2
  }

  /// The elements as an array (results handed out at the end of a run).
  var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

  /// Frees the memory; the buffer must not be used after.
  mutating func free() {
    base.deinitialize(count: count)
    base.deallocate()
    count = 0
    capacity = 0
  }
}

/// A first-in first-out ring of plain values on raw memory (a role's waiting jobs), grown by doubling.
struct RawRing<Element> {
  private var base: UnsafeMutablePointer<Element>
  private var head = 0
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int = 16) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  @inline(__always) mutating func push(_ x: Element) {
    if count == capacity { grow() }
    var i = head + count
    if i >= capacity { i -= capacity }
    (base + i).initialize(to: x)
    count += 1
  }

  @inline(__always) mutating func pop() -> Element? {
    guard count > 0 else { return nil }
    let x = (base + head).move()
    head += 1
    if head == capacity { head = 0 }
    count -= 1
    return x
  }

  private mutating func grow() {
    let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    let first = Swift.min(count, capacity - head)
    (bigger).moveInitialize(from: base + head, count: first)
    (bigger + first).moveInitialize(from: base, count: count - first)
    base.deallocate()
    base = bigger
    head = 0
    capacity *= 2
  }

  mutating func free() {
    while count > 0 { _ = pop() }
    base.deallocate()
    capacity = 0
  }
}

/// A `MinuteHistogram` filled on raw memory while a replication runs (an `Array` of bins in the result pays a
/// uniqueness check per value): the same bins, count, sum (the same additions in the same order) and maximum, handed
/// out as a `MinuteHistogram` at the end.
struct RawMinuteHistogram {
  private var bins = RawBuffer<UInt32>(repeating: 0, count: MinuteHistogram.fine + MinuteHistogram.coarse + 1)
  private var count = 0
  private var sum = 0.0
  private var max = 0.0

  @inline(__always) mutating func add(_ minutes: Double) {
    let m = Swift.max(0, minutes)
    bins[MinuteHistogram.bin(m)] &+= 1
    count += 1
    sum += m
    if m > max { max = m }
  }

  var histogram: MinuteHistogram { MinuteHistogram(bins: bins.array, count: count, sum: sum, max: max) }

  /// Frees the memory; the histogram must not be used after.
  mutating func free() { bins.free() }
}
