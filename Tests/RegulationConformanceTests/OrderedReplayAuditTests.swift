import Foundation
import RegulationConformance
import RegulationModel
import RegulationParser
import TestSupport
import Testing

/// The audit's fast path (each case replayed in one call, computing only what the verdict reads: no clauses or
/// working-time lateness when violations are only counted, what is due next only when read) and its reference path
/// (`AuditEngine(orderedReplay: false)`: events recorded one by one, everything computed): the same violations, counts, ratings and explanations, on the hand-made logs
/// and on generated messy logs of every shipped act, both when violations are kept and when they are only counted.
@Suite struct OrderedReplayAuditTests {
  static let files = ["000-ust-labinsk.yaml", "001-stavropol.yaml", "002-okha.yaml", "003-lipetsk.yaml", "004-krasnoufimsk.yaml"]

  /// A messy log of random walks over the act's steps: rework rounds, steps out of order and missing, unknown
  /// statuses, exclusions, categories changed mid-case, unknown categories, no detection, events at one instant,
  /// unanswered cases at the end of the log.
  static func generatedLog(_ engine: AuditEngine, seed: UInt64, cases: Int) -> String {
    var rng = TestSplitMix(state: seed)
    let steps = engine.steps.map(\.id)
    let categories = engine.regulation.categories.map(\.id)
    let exclusion = engine.regulation.exclusions.first?.id ?? "excluded"
    var out = "case,step,time,actor,department,category\n"
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
    let base = 1_773_000_000  // 2026-03-08
    for c in 0..<cases {
      var t = base + Int(rng.next() % (200 * 86_400))
      let dept = "D\(rng.next() % 4)", actor = "A\(rng.next() % 7)"
      var category = categories.isEmpty || rng.next() % 5 == 0 ? "" : categories[Int(rng.next() % UInt64(categories.count))]
      if !categories.isEmpty, rng.next() % 40 == 0 { category = "неизвестная" }
      func row(_ step: String) {
        // Local time of the act without an offset (the formatter writes UTC wall-clock digits).
        let time = Date(timeIntervalSince1970: TimeInterval(t))
        out += "C\(c),\(step),\(f.string(from: time)),\(actor),\(dept),\(category)\n"
      }
      if rng.next() % 12 != 0 { row("detected") }
      var step = engine.entries[Int(rng.next() % UInt64(engine.entries.count))]
      for _ in 0..<(1 + Int(rng.next() % 10)) {
        switch rng.next() % 8 {
        case 0: t += 0
        case 1: t += Int(rng.next() % (4 * 86_400))
        case 2: t -= Int(rng.next() % 7200)
        default: t += Int(rng.next() % 14_400)
        }
        switch rng.next() % 40 {
        case 0: row("no such status")
        case 1: row(exclusion)
        case 2 where !categories.isEmpty: category = categories[Int(rng.next() % UInt64(categories.count))]
        default: break
        }
        row(steps[step])
        let next = engine.steps[step].successors
        if next.isEmpty || rng.next() % 10 == 0 { step = Int(rng.next() % UInt64(steps.count)) } else {
          step = next[Int(rng.next() % UInt64(next.count))]
        }
      }
    }
    return out
  }

  static func engines(_ file: String) throws -> (AuditEngine, AuditEngine) {
    let parsed = RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/\(file)").path)
    let reg = try #require(parsed.regulation)
    return (try AuditEngine(reg), try AuditEngine(reg, orderedReplay: false))
  }

  static func expectSame(_ a: AuditResult, _ b: AuditResult, _ what: String) {
    #expect(a.cases == b.cases, "\(what)")
    #expect(a.violatingCases == b.violatingCases, "\(what)")
    #expect(a.violationCount == b.violationCount, "\(what)")
    #expect(a.countsByKind == b.countsByKind, "\(what)")
    #expect(a.violations == b.violations, "\(what)")
    #expect(a.byDepartment == b.byDepartment, "\(what)")
    #expect(a.byExecutor == b.byExecutor, "\(what)")
    #expect(a.explanation == b.explanation, "\(what)")
  }

  @Test(arguments: files) func generatedLogsGiveTheSameAudit(_ file: String) throws {
    let (fast, general) = try Self.engines(file)
    let path = try temporaryFile("gen.csv", Self.generatedLog(fast, seed: UInt64(file.utf8.count), cases: 1500))
    for keep in [true, false] {
      var options = AuditOptions()
      options.keepViolations = keep
      options.explainCase = "C7"
      let a = try Auditor.run(engine: fast, logs: [path], options: options)
      let b = try Auditor.run(engine: general, logs: [path], options: options)
      Self.expectSame(a, b, "\(file) keep=\(keep)")
      #expect(a.violationCount > 100, "\(file): a log with violations")
      if keep {
        #expect(Set(a.violations.map(\.kind)).isSuperset(of: [.late, .missing, .outOfOrder, .unknownStatus]), "\(file)")
        #expect(a.violations.contains { $0.kind == .late && $0.lateByWorkingSeconds != $0.lateBySeconds }, "\(file)")
      }
    }
  }

  /// The hand-made logs of every violation kind (ViolationKindTests), each case explained in turn.
  @Test(arguments: [ViolationKindTests.lipetsk, ViolationKindTests.krasnoufimsk, ViolationKindTests.ustLabinsk,
    ViolationKindTests.stavropol, ViolationKindTests.okha])
  func handMadeLogsGiveTheSameAudit(_ act: ActLog) throws {
    let (fast, general) = try Self.engines(act.file)
    let path = try temporaryFile(act.logName, act.log)
    let ids = Set(act.expected.map(\.caseID)).sorted()
    for keep in [true, false] {
      for explain in [nil] + ids {
        var options = AuditOptions()
        options.keepViolations = keep
        options.explainCase = explain
        Self.expectSame(try Auditor.run(engine: fast, logs: [path], options: options),
          try Auditor.run(engine: general, logs: [path], options: options), "\(act.file) \(explain ?? "-")")
      }
    }
  }
}
