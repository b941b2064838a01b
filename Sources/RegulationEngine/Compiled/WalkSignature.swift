/// Symbolic walks of step sequences, for clients that walk many paths the same way (the feasibility analysis): each
/// step of a path ends at its own deadline, and the next step's deadline is asked with that history.
///
/// A deadline is a function of the detection instant and of the recorded events of the steps it reads — the latest
/// (steps) or first (limits) completion of its anchors, its own previous occurrence when co-executors chain, and the
/// same, transitively, of the deadlines it is projected from or refers to (`before:`, `not_later_than:`). That is all
/// `Replay` asks of a history. So a deadline is named by its step (or limit) and the names of the values it reads; a
/// recorded completion is named by the deadline it was recorded at; the latest (first) of several completions is named
/// by the set of their names. Two paths whose walks end with the same sequence of names compute the same instants at
/// every detection instant, without evaluating either.
///
/// A deadline that can never be an instant (the act gives the step none, or it counts from such a step with nothing
/// recorded and no cap) records nothing: it is left out of the names, so a return through steps without deadlines
/// leaves the names of what follows unchanged. Anything else is kept as it is: two names differ unless they are built
/// the same way, so equal signatures are a proof and different ones prove nothing.
public struct WalkSignatures: Sendable {
  let plan: EvaluationPlan
  /// What each step's and limit's deadline reads directly, and the steps and limits it is projected from or refers to.
  private let direct: [(reads: [Read], next: [Int])]
  /// What each step's deadline reads (with latest anchoring), and each limit's (with first anchoring), transitively;
  /// `nil` until asked, `[]`-with-`wide`: more than `maxReads` (such a path gets a signature of its own).
  private var closures: [[Read]?]
  private var wide: Set<Int> = []
  private var table: [Node: Int] = [:]
  private var members: [[Int]] = []
  private var uniqueCount = 0
  /// Past this many values read by one deadline, its path is not compared with others (the cost stays linear).
  static let maxReads = 64

  enum Read: Hashable, Comparable {
    case latest(Int)
    case first(Int)
  }

  enum Node: Hashable {
    /// A step's deadline (or a limit's), by the names of the values it reads, in the order of its reads.
    case step(Int, [Int])
    case limit(Int, [Int])
    /// The latest (or first) of several recorded completions: their names, sorted.
    case latest([Int])
    case first([Int])
  }

  /// Nothing recorded.
  static let absent = 0
  /// The detection instant.
  static let detected = 1
  /// A deadline that is never an instant.
  static let never = 2

  public init(_ plan: EvaluationPlan) {
    self.plan = plan
    let n = plan.steps.count
    func add(_ slot: EvaluationPlan.Slot, first: Bool, chain: Int?) -> (reads: [Read], next: [Int]) {
      let rules: [CompiledRule]
      switch slot {
      case .rule(let r): rules = [r]
      case .choice(let rs, _): rules = rs
      default: rules = []
      }
      var reads = Set<Read>(), next: [Int] = []
      for r in rules {
        for case .step(let s) in r.anchors { reads.insert(first ? .first(s) : .latest(s)) }
        if case .step(let s)? = r.anchors.first { next.append(s) }
        for ref in [r.before, r.notLaterThan] {
          switch ref {
          case .step(let s)?: next.append(s)
          case .limit(let l)?: next.append(n + l)
          case nil: break
          }
        }
      }
      if let chain { reads.insert(.latest(chain)) }
      return (reads.sorted(), next)
    }
    // Node i < n: step i; n + l: limit l.
    direct = (0..<n).map { add(plan.steps[$0], first: false, chain: plan.chains[$0] ? $0 : nil) }
      + plan.limits.map { add($0, first: true, chain: nil) }
    closures = Array(repeating: nil, count: direct.count)
    members = [[], [Self.detected], [Self.never]]
  }

  /// Everything node `start` (a step, or `n` + a limit) reads through projections and references; `nil`: more than
  /// `maxReads`.
  private mutating func reads(_ start: Int) -> [Read]? {
    if wide.contains(start) { return nil }
    if let known = closures[start] { return known }
    var seen: Set<Int> = [start], stack = [start], reads = Set<Read>()
    while let i = stack.popLast() {
      reads.formUnion(direct[i].reads)
      if reads.count > Self.maxReads {
        wide.insert(start)
        return nil
      }
      for next in direct[i].next where seen.insert(next).inserted { stack.append(next) }
    }
    let sorted = reads.sorted()
    closures[start] = sorted
    return sorted
  }

  private mutating func intern(_ node: Node) -> Int {
    if let id = table[node] { return id }
    let id = members.count
    table[node] = id
    var named = [id]
    if case .latest(let m) = node { named = m }
    if case .first(let m) = node { named = m }
    members.append(named)
    return id
  }

  /// The name of the latest (or first) of `a` and a new completion named `b`.
  private mutating func join(_ a: Int, _ b: Int, latest: Bool) -> Int {
    if a == Self.absent || a == b { return b }
    let set = Array(Set(members[a] + members[b])).sorted()
    if set == members[a] { return a }
    return intern(latest ? .latest(set) : .first(set))
  }

  /// The state of a walk: per step, the names of its latest and first recorded completions.
  struct State {
    var latest: [Int]
    var first: [Int]
    func value(_ r: Read) -> Int {
      switch r {
      case .latest(let s): latest[s]
      case .first(let s): first[s]
      }
    }
  }

  /// Whether a step's deadline is never an instant in this state (`false`: it may be).
  private func stepNever(_ s: Int, _ state: State, depth: Int = 0) -> Bool {
    guard depth < 48 else { return false }
    switch plan.steps[s] {
    case .notApplicable, .noRuleApplies, .noDeadline: return true
    case .rule(let r): return ruleNever(r, first: false, chain: plan.chains[s] ? s : nil, state, depth)
    case .choice(let rs, _): return rs.allSatisfy { ruleNever($0, first: false, chain: plan.chains[s] ? s : nil, state, depth) }
    }
  }

  private func limitNever(_ l: Int, _ state: State, depth: Int = 0) -> Bool {
    guard depth < 48 else { return false }
    switch plan.limits[l] {
    case .notApplicable, .noRuleApplies, .noDeadline: return true
    case .rule(let r): return ruleNever(r, first: true, chain: nil, state, depth)
    case .choice(let rs, _): return rs.allSatisfy { ruleNever($0, first: true, chain: nil, state, depth) }
    }
  }

  private func referenceNever(_ ref: DeadlineReference, _ state: State, _ depth: Int) -> Bool {
    switch ref {
    case .step(let s): stepNever(s, state, depth: depth + 1)
    case .limit(let l): limitNever(l, state, depth: depth + 1)
    }
  }

  /// Mirrors `Replay.ruleDue`: counted back from a reference that is never known; or no anchor recorded, the first
  /// anchor's own deadline never known and no cap that is.
  private func ruleNever(_ r: CompiledRule, first: Bool, chain: Int?, _ state: State, _ depth: Int) -> Bool {
    if let b = r.before { return referenceNever(b, state, depth) }
    if r.anchors.isEmpty { return false }
    for a in r.anchors {
      switch a {
      case .detected, .posted: return false
      case .step(let s): if state.value(first ? .first(s) : .latest(s)) != Self.absent { return false }
      }
    }
    if let chain, state.latest[chain] != Self.absent { return false }
    guard case .step(let s)? = r.anchors.first, stepNever(s, state, depth: depth + 1) else { return false }
    if let cap = r.notLaterThan { return referenceNever(cap, state, depth) }
    return true
  }

  /// The signature of walking `steps` (each ending at its deadline) and asking for `limit`'s deadline at the end. Equal
  /// signatures (from this instance) mean equal ends, in order, and an equal limit deadline at every detection instant.
  public mutating func signature(of steps: [Int], limit: Int?) -> [Int] {
    let n = plan.steps.count
    var state = State(latest: [Int](repeating: Self.absent, count: n), first: [Int](repeating: Self.absent, count: n))
    var previous = Self.detected
    var out: [Int] = []
    var lastNever = false
    for s in steps {
      let end: Int
      switch plan.steps[s] {
      case .notApplicable, .noRuleApplies: end = previous
      default:
        if stepNever(s, state) { end = Self.never } else {
          guard let r = reads(s) else { return unique() }
          end = intern(.step(s, r.map(state.value)))
        }
      }
      previous = end
      lastNever = end == Self.never
      guard end != Self.never else { continue }
      state.latest[s] = join(state.latest[s], end, latest: true)
      state.first[s] = join(state.first[s], end, latest: false)
      // A repeat of the end just before it changes nothing the walk computes.
      if out.last != end { out.append(end) }
    }
    out.append(-1)
    out.append(lastNever ? 1 : 0)
    if let limit {
      if limitNever(limit, state) { out.append(Self.never) } else {
        guard let r = reads(n + limit) else { return unique() }
        out.append(intern(.limit(limit, r.map(state.value))))
      }
    }
    return out
  }

  /// A signature equal to no other.
  private mutating func unique() -> [Int] {
    uniqueCount += 1
    return [-2, uniqueCount]
  }
}
