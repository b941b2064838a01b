import RegulationDiagnostics

/// Findings of `reglament check` that appear or disappear between two versions.
public struct FindingChanges: Sendable {
  /// Findings of the new version with no counterpart in the old one.
  public var appeared: [Diagnostic]
  /// Findings of the old version with no counterpart in the new one.
  public var disappeared: [Diagnostic]
  /// Findings both versions have.
  public var unchanged: Int

  /// Matches findings by id and subject (an old subject renamed in the new version counts as the new id); within one
  /// id and subject, findings with the same English message pair first, the rest in order.
  public static func compare(old: [Diagnostic], new: [Diagnostic], renames: [String: String] = [:]) -> FindingChanges {
    func key(_ d: Diagnostic, renamed: Bool) -> String {
      let subject = d.subject.map { renamed ? (renames[$0] ?? $0) : $0 } ?? ""
      return d.id.rawValue + "\u{1}" + subject
    }
    var pool: [String: [Int]] = [:]
    for (i, d) in old.enumerated() { pool[key(d, renamed: true), default: []].append(i) }
    var matchedOld = Set<Int>()
    var appeared: [Diagnostic] = []
    var unmatchedNew: [(Int, Diagnostic)] = []
    // First pass: same id, subject and message.
    for (j, d) in new.enumerated() {
      let k = key(d, renamed: false)
      if let pos = pool[k]?.firstIndex(where: { old[$0].message.en == d.message.en }) {
        matchedOld.insert(pool[k]!.remove(at: pos))
      } else {
        unmatchedNew.append((j, d))
      }
    }
    // Second pass: same id and subject, the message changed (a deadline's amount in it, a renamed id).
    for (_, d) in unmatchedNew {
      let k = key(d, renamed: false)
      if let first = pool[k]?.first {
        pool[k]!.removeFirst()
        matchedOld.insert(first)
      } else {
        appeared.append(d)
      }
    }
    let disappeared = old.enumerated().filter { !matchedOld.contains($0.offset) }.map(\.element)
    return FindingChanges(appeared: Diagnostic.sorted(appeared), disappeared: Diagnostic.sorted(disappeared),
      unchanged: new.count - appeared.count)
  }
}
