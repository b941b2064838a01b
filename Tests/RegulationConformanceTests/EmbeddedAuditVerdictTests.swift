import Foundation
import RegulationAnalysis
import RegulationParser
import TestSupport
import Testing

/// Embedded tests can state the audit verdict of a small case history (`audit:` in a test).
@Suite struct EmbeddedAuditVerdictTests {
  func run(_ extra: String) throws -> EmbeddedTestRunner.Result {
    let path = repositoryRoot.appendingPathComponent("regulations/003-lipetsk.yaml").path
    let text = try String(contentsOfFile: path, encoding: .utf8) + extra
    let parsed = RegulationParser.parse(text: text, path: "lipetsk-audit.yaml")
    #expect(parsed.diagnostics.filter { $0.severity == .error }.isEmpty, "\(parsed.diagnostics.map(\.message.en))")
    return EmbeddedTestRunner.run(try #require(parsed.regulation))
  }

  // Route due 10:30 (30 min from 10:00); the answer limit (9 working hours) due Wed 11:00.
  @Test func verdictsThatHoldPass() throws {
    let r = try run("""
        - name: журнал — маршрутизация с опозданием, ответ в срок
          detected: 2026-03-17T10:00
          events: {route: 2026-03-17T10:45, publish: 2026-03-17T12:00}
          expect: {route: 2026-03-17T10:30+03:00}
          audit: {route: late, publish: on-time, answer: on-time}
        - name: журнал — ответа нет
          detected: 2026-03-17T10:00
          events: {route: 2026-03-17T10:10}
          expect: {route: 2026-03-17T10:30+03:00}
          audit: {route: on-time, answer: never-answered}

      """)
    let mine = r.outcomes.filter { $0.name.hasPrefix("журнал") }
    #expect(mine.count == 2 && mine.allSatisfy(\.passed), "\(mine.map { $0.message ?? "" })")
  }

  @Test func aWrongVerdictFailsAtItsLine() throws {
    let r = try run("""
        - name: журнал — неверное ожидание
          detected: 2026-03-17T10:00
          events: {route: 2026-03-17T10:45}
          expect: {route: 2026-03-17T10:30+03:00}
          audit: {route: on-time}

      """)
    let mine = try #require(r.outcomes.first { $0.name == "журнал — неверное ожидание" })
    #expect(!mine.passed)
    let d = try #require(r.diagnostics.first { $0.message.en.contains("audit verdict") })
    #expect(d.message.en.contains("late"))
  }

  @Test func anUnknownVerdictIsADiagnostic() throws {
    let path = repositoryRoot.appendingPathComponent("regulations/003-lipetsk.yaml").path
    let text = try String(contentsOfFile: path, encoding: .utf8) + """
        - name: плохой вердикт
          detected: 2026-03-17T10:00
          expect: {route: 2026-03-17T10:30+03:00}
          audit: {route: maybe}

      """
    let parsed = RegulationParser.parse(text: text, path: "x.yaml")
    #expect(parsed.diagnostics.contains { $0.severity == .error && $0.message.en.contains("maybe") })
  }
}
