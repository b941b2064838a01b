import Foundation
import TestSupport
import Testing

/// `deadlines`, `calendar`, `check` and `test` state the same facts in Russian and in English: each command's output
/// in both languages is a golden file (Tests/ReglamentCLITests/Goldens). `RECORD_GOLDENS=1 swift test --filter
/// LanguageGoldenTests` rewrites them; review the diff.
@Suite struct LanguageGoldenTests {
  static let cases: [(name: String, args: [String])] = [
    ("deadlines-krasnoufimsk-may", ["deadlines", "regulations/004-krasnoufimsk.yaml", "--detected", "2026-04-30T15:00",
      "--category", "повышенной важности", "--event", "read=2026-04-30T15:10", "--explain"]),
    ("deadlines-okha-json", ["deadlines", "regulations/002-okha.yaml", "--detected", "2026-05-08T16:30", "--explain",
      "--format", "json"]),
    ("deadlines-stavropol-rework", ["deadlines", "regulations/001-stavropol.yaml", "--detected", "2026-03-17T09:40",
      "--event", "route=2026-03-17T10:00", "--event", "draft=2026-03-17T12:00", "--event", "send-back=2026-03-17T12:10",
      "--event", "rework=2026-03-17T12:40", "--explain"]),
    ("calendar-may", ["calendar", "--from", "2026-04-27", "--to", "2026-05-13", "--schedule", "regulations/002-okha.yaml"]),
    ("check-lipetsk", ["check", "regulations/003-lipetsk.yaml"]),
    ("test-coverage", ["test", "regulations/", "--coverage"]),
  ]

  @Test(arguments: ["ru", "en"]) func outputMatchesGolden(_ lang: String) throws {
    let dir = repositoryRoot.appendingPathComponent("Tests/ReglamentCLITests/Goldens")
    for c in Self.cases {
      let run = try reglament(c.args + ["--lang", lang])
      let url = dir.appendingPathComponent("\(c.name).\(lang).txt")
      if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
        try run.stdout.write(to: url, atomically: true, encoding: .utf8)
        continue
      }
      let expected = try String(contentsOf: url, encoding: .utf8)
      #expect(run.stdout == expected, "\(c.name) (\(lang)) differs from \(url.path)")
    }
  }
}
