/// The flow of steps as a typed graph, computed once per regulation: who follows whom, where the flow starts and
/// ends, which edges close a loop, and what each step can reach.
public struct StepGraph: Sendable {
  /// Step index → steps its outcomes lead to (in outcome order, no duplicates).
  public let successors: [[Int]]
  /// Step index → steps whose outcomes lead to it.
  public let predecessors: [[Int]]
  /// Where the flow starts: the first step of the file and the steps no outcome leads to.
  public let entries: [Int]
  /// Steps with an outcome that ends the case.
  public let endSteps: [Int]
  /// Edges that close a loop ("rework → approve", "return → route"): a depth-first walk from the entries in file
  /// order meets a step still on its stack.
  public let backEdges: Set<StepEdge>
  /// Loops, one per back edge: the steps on it, in flow order, starting at the edge's target.
  public let loops: [StepLoop]
  /// Step index → every step reachable from it (itself included), as a bit set.
  let reach: [BitSet]

  init(stepCount n: Int, edges: [(from: Int, to: Int)], ends: [Int]) {
    var succ = [[Int]](repeating: [], count: n), pred = [[Int]](repeating: [], count: n)
    for (a, b) in edges where !succ[a].contains(b) {
      succ[a].append(b)
      pred[b].append(a)
    }
    successors = succ
    predecessors = pred
    entries = (0..<n).filter { $0 == 0 || pred[$0].isEmpty }
    endSteps = Array(Set(ends)).sorted()
    // Iterative depth-first walk (no recursion: a 5 000-step chain must not exhaust the stack).
    var state = [UInt8](repeating: 0, count: n)
    var back = Set<StepEdge>()
    var order: [Int] = []
    for root in entries + Array(0..<n) where state[root] == 0 {
      var stack: [(node: Int, next: Int)] = [(root, 0)]
      state[root] = 1
      while let top = stack.last {
        if top.next < succ[top.node].count {
          stack[stack.count - 1].next += 1
          let m = succ[top.node][top.next]
          if state[m] == 1 {
            back.insert(StepEdge(from: top.node, to: m))
          } else if state[m] == 0 {
            state[m] = 1
            stack.append((m, 0))
          }
        } else {
          state[top.node] = 2
          order.append(top.node)
          stack.removeLast()
        }
      }
    }
    backEdges = back
    // Reachability on the condensation would be optimal; bit sets over a reverse post-order (with a fixpoint for the
    // loops) are enough: every loop adds at most one more pass.
    var reach = (0..<n).map { i -> BitSet in
      var b = BitSet(count: n)
      b.insert(i)
      return b
    }
    var changed = true
    while changed {
      changed = false
      for v in order {  // post-order: successors first
        for m in succ[v] where reach[v].formUnion(reach[m]) { changed = true }
      }
    }
    self.reach = reach
    loops = back.sorted().map { edge in
      // The loop's steps: those on a path from the edge's target back to its source.
      let members = (0..<n).filter { reach[edge.to].contains($0) && reach[$0].contains(edge.from) }
      return StepLoop(backEdge: edge, steps: members)
    }
  }

  /// Whether `to` can be reached from `from` by outcomes (every step reaches itself).
  public func canReach(_ from: Int, _ to: Int) -> Bool { reach[from].contains(to) }

  /// Whether the edge closes a loop.
  public func isBackEdge(from: Int, to: Int) -> Bool { backEdges.contains(StepEdge(from: from, to: to)) }
}

/// An outcome edge between two steps, by index.
public struct StepEdge: Hashable, Sendable, Comparable {
  public var from: Int
  public var to: Int
  public init(from: Int, to: Int) {
    self.from = from
    self.to = to
  }
  public static func < (a: StepEdge, b: StepEdge) -> Bool { (a.from, a.to) < (b.from, b.to) }
}

/// A loop of the flow (rework rounds, a return to the router), named by its back edge.
public struct StepLoop: Hashable, Sendable {
  public var backEdge: StepEdge
  /// Step indices on the loop, in file order.
  public var steps: [Int]
}

/// A fixed-size set of small integers.
struct BitSet: Sendable, Hashable {
  var words: [UInt64]
  init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }
  func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
  mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }
  /// Adds `other`; whether anything was added.
  mutating func formUnion(_ other: BitSet) -> Bool {
    var grew = false
    for k in words.indices {
      let w = words[k] | other.words[k]
      if w != words[k] {
        words[k] = w
        grew = true
      }
    }
    return grew
  }
}
