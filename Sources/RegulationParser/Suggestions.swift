/// "Did you mean" suggestions by edit distance, bounded: only candidates of similar length are compared, and the
/// distance is computed in a band around the diagonal with a cut-off, so a megabyte-long word costs no more than a
/// short one (no full matrix).
public enum Suggestions {
  /// Words longer than this (in Unicode scalars) get no suggestion: no identifier is that long.
  public static let longestWord = 200

  /// Levenshtein distance over Unicode scalars (case-insensitive), or `nil` when it exceeds `limit`.
  public static func distance(_ a: String, _ b: String, limit: Int) -> Int? {
    distance(Array(a.lowercased().unicodeScalars), Array(b.lowercased().unicodeScalars), limit: limit)
  }

  /// Levenshtein distance (case-insensitive, unbounded): for short words only.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
    return distance(x, y, limit: max(x.count, y.count)) ?? max(x.count, y.count)
  }

  /// Banded Levenshtein distance: cells farther than `limit` from the diagonal cannot lead to a distance within
  /// `limit`, so only `2 · limit + 1` cells per row are computed, and the row loop stops once every cell exceeds it.
  static func distance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], limit: Int) -> Int? {
    guard limit >= 0, abs(x.count - y.count) <= limit else { return nil }
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    let big = limit + 1
    var prev = [Int](repeating: big, count: y.count + 1)
    var cur = [Int](repeating: big, count: y.count + 1)
    for j in 0...min(y.count, limit) { prev[j] = j }
    for i in 1...x.count {
      let lo = max(1, i - limit), hi = min(y.count, i + limit)
      cur[0] = i <= limit ? i : big
      if lo > 1 { cur[lo - 1] = big }
      var rowMin = cur[0]
      if lo <= hi {
        for j in lo...hi {
          let v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
          cur[j] = min(v, big)
          rowMin = min(rowMin, cur[j])
        }
      }
      if hi < y.count { cur[hi + 1] = big }
      if rowMin > limit { return nil }
      swap(&prev, &cur)
    }
    return prev[y.count] <= limit ? prev[y.count] : nil
  }

  /// The cut-off for a word: a distance that grows with its length, at most 3.
  static func limit(for length: Int) -> Int { max(1, min(3, length / 3)) }

  /// The closest candidate within a distance that grows with the word's length.
  public static func best(for word: String, among candidates: [String], budget: Budget? = nil) -> String? {
    Pool(candidates).nearest(to: word, count: 1, budget: budget).first
  }

  /// How much suggestion work one file may cost in all, in cells of the distance table: thousands of unknown names
  /// among thousands of declared ones stop getting suggestions once it is spent, instead of costing seconds.
  public final class Budget {
    public private(set) var cells: Int

    public init(cells: Int = 2_000_000) { self.cells = cells }

    /// Takes `cost` cells, or returns false (and takes nothing) when fewer are left.
    func spend(_ cost: Int) -> Bool {
      guard cost <= cells else { return false }
      cells -= cost
      return true
    }
  }

  /// Up to `count` candidates nearest to `word` within `limit` (by default the cut-off for its length), nearest
  /// first, ties alphabetically. Candidates whose length differs by more than the limit cost nothing.
  public static func nearest(to word: String, among candidates: [String], count: Int, limit: Int? = nil) -> [String] {
    Pool(candidates).nearest(to: word, count: count, limit: limit)
  }

  /// Candidates prepared once (lower-cased, split into scalars) for many look-ups.
  public struct Pool: Sendable {
    let words: [String]
    let scalars: [[Unicode.Scalar]]

    public init(_ words: [String]) {
      self.words = words
      self.scalars = words.map { $0.utf8.count > 4 * Suggestions.longestWord ? [] : Array($0.lowercased().unicodeScalars) }
    }

    public var isEmpty: Bool { words.isEmpty }

    /// Up to `count` words nearest to `word` within `limit`, nearest first, ties alphabetically.
    public func nearest(to word: String, count: Int, limit: Int? = nil, budget: Budget? = nil) -> [String] {
      guard count > 0, word.utf8.count <= 4 * Suggestions.longestWord else { return [] }
      let w = Array(word.lowercased().unicodeScalars)
      guard !w.isEmpty, w.count <= Suggestions.longestWord else { return [] }
      let cutoff = limit ?? Suggestions.limit(for: w.count)
      var scored: [(distance: Int, word: String)] = []
      let cost = w.count * (2 * cutoff + 1)
      if let budget, budget.cells < cost { return [] }
      for (i, c) in scalars.enumerated() where !c.isEmpty && abs(c.count - w.count) <= cutoff {
        if let budget, !budget.spend(cost) { break }
        if let d = Suggestions.distance(w, c, limit: cutoff) { scored.append((d, words[i])) }
      }
      scored.sort { ($0.distance, $0.word) < ($1.distance, $1.word) }
      var seen = Set<String>()
      var out: [String] = []
      for s in scored where out.count < count && seen.insert(s.word).inserted { out.append(s.word) }
      return out
    }
  }
}
