import Foundation
import RegulationDiagnostics
import TestSupport
import Testing

@testable import RegulationConformance

/// A new case whose id is above every id opened before (by length, then bytes) skips the open and closed tables, and
/// the closed set is a plain list until the first id that is not (`CaseAssembly.isAbove`, `ClosedCaseHashes`). Against
/// the general path (every new id looked up in both tables, built from the start) on the same logs: generated messy
/// logs of every act grouped by case (increasing ids: the fast path throughout), sorted by time (cases interleaved),
/// with the cases in reverse order (decreasing ids: the general path after the first), and with early cases repeated at
/// the end (events of closed cases, which must be rejected at their lines); small sweeps so that cases close early.
@Suite struct CaseIDOrderTests {
  static func run(_ engine: AuditEngine, _ path: String, fast: Bool, threads: Int) throws -> AuditResult {
    var options = AuditOptions()
    options.threads = threads
    options.sweepEvery = 256
    options.recentCases = 16
    options.horizonSeconds = 86_400
    options.keepCaseList = true
    let session = try AuditSession(engine: engine, map: .canonical, options: options)
    session.assembly.usesIDOrder = fast
    if !fast { session.assembly.closed.materialize() }
    try Auditor.read(path, into: session, map: .canonical)
    return session.finish()
  }

  static func variants(_ log: String) -> [(String, String)] {
    let lines = log.split(separator: "\n").map(String.init)
    let header = lines[0], rows = Array(lines.dropFirst())
    func join(_ r: [String]) -> String { ([header] + r).joined(separator: "\n") + "\n" }
    // By time (field 3), stable: the cases interleave as in an export sorted by date.
    let byTime = rows.enumerated().sorted { a, b in
      let ta = a.element.split(separator: ",", omittingEmptySubsequences: false)[2]
      let tb = b.element.split(separator: ",", omittingEmptySubsequences: false)[2]
      return (ta, a.offset) < (tb, b.offset)
    }.map(\.element)
    // Cases in reverse order (their rows kept together and in order).
    var groups: [[String]] = []
    for r in rows {
      let id = r.prefix { $0 != "," }
      if let last = groups.last?.last, last.prefix(while: { $0 != "," }) == id { groups[groups.count - 1].append(r) } else {
        groups.append([r])
      }
    }
    let reversed = groups.reversed().flatMap { $0 }
    // The first 300 rows again at the end: their cases are closed by then.
    let repeated = rows + rows.prefix(300)
    return [("grouped", join(rows)), ("by time", join(byTime)), ("reversed", join(reversed)),
      ("repeated", join(repeated))]
  }

  @Test(arguments: OrderedReplayAuditTests.files) func fastPathEqualsGeneralPath(_ file: String) throws {
    let e = try engine(file)
    let log = OrderedReplayAuditTests.generatedLog(e, seed: 91 + UInt64(file.utf8.count), cases: 1200)
    for (name, text) in Self.variants(log) {
      let path = try temporaryFile("order.csv", text)
      let general = try Self.run(e, path, fast: false, threads: 1)
      if name == "repeated" { #expect(general.rejectedRows >= 250, "\(file) \(name): \(general.rejectedRows)") }
      let a = AuditPipelineTests.reports(general)
      for threads in [1, 2] {
        let fast = try Self.run(e, path, fast: true, threads: threads)
        #expect(fast.rejectedRows == general.rejectedRows && fast.cases == general.cases && fast.events == general.events,
          "\(file) \(name)")
        #expect(fast.rejected.map(\.position) == general.rejected.map(\.position), "\(file) \(name)")
        let b = AuditPipelineTests.reports(fast)
        for i in a.indices { #expect(a[i] == b[i], "\(file) \(name) \(threads) threads, report \(i)") }
      }
    }
  }

  /// The order of `isAbove` against its definition: length first, then the bytes as unsigned numbers.
  @Test func idOrderIsLengthThenBytes() {
    var rng = TestSplitMix(state: 5)
    for _ in 0..<20_000 {
      let n = Int(rng.next() % 12), m = Int(rng.next() % 12)
      let a = (0..<n).map { _ in UInt8(truncatingIfNeeded: 0x30 + rng.next() % 3) }
      var b = (0..<m).map { _ in UInt8(truncatingIfNeeded: 0x30 + rng.next() % 3) }
      if rng.next() % 4 == 0 { b = a }
      let expected = a.count != b.count ? a.count > b.count : a != b && !a.lexicographicallyPrecedes(b)
      let got = a.withUnsafeBytes { CaseAssembly.isAbove($0, b) }
      #expect(got == expected, "\(a) \(b)")
    }
  }

  /// The closed set answers as a `Set` would, whether its table is built before the inserts, after some, or never.
  @Test func closedSetMatchesASet() {
    var rng = TestSplitMix(state: 11)
    for buildAt in [0, 1, 500, 3000, Int.max] {
      var closed = ClosedCaseHashes(), reference = Set<UInt64>()
      for i in 0..<6000 {
        if i == buildAt { closed.materialize() }
        let h = rng.next() % 3 == 0 ? 0 : rng.next() % 20_000
        closed.insert(h)
        reference.insert(h == 0 ? 1 : h)
      }
      if buildAt == Int.max {
        #expect(!closed.built)
        #expect(closed.contains(1) == reference.contains(1))
      }
      closed.materialize()
      for h in UInt64(0)..<21_000 { #expect(closed.contains(h) == reference.contains(h == 0 ? 1 : h), "\(buildAt) \(h)") }
      #expect(closed.count == reference.count)
    }
  }
}
