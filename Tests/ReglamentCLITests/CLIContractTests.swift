import Foundation
import TestSupport
import Testing


/// The built `reglament` binary, next to this test bundle.
let binary: URL = {
  if let path = ProcessInfo.processInfo.environment["REGLAMENT_BIN"] { return URL(fileURLWithPath: path) }
  let beside = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("reglament")
  if FileManager.default.fileExists(atPath: beside.path) { return beside }
  return repositoryRoot.appendingPathComponent(".build/debug/reglament")
}()

struct Run {
  var status: Int32
  var stdout: String
  var stderr: String
  var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] }
}

func reglament(_ arguments: String..., environment: [String: String] = ["LANG": "C.UTF-8"]) throws -> Run {
  try reglament(arguments, environment: environment)
}

func reglament(_ arguments: [String], environment: [String: String] = ["LANG": "C.UTF-8"]) throws -> Run {
  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
  process.currentDirectoryURL = repositoryRoot
  process.environment = environment
  let out = Pipe(), err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// The command-line contract of ../shared/CLI.md: names, options, JSON fields, exit codes.
@Suite struct CLIContractTests {
  @Test func checkShippedRegulations() throws {
    let run = try reglament("check", "regulations/", "--format", "json")
    #expect(run.status == 0, "\(run.stderr)")
    let json = try #require(run.json)
    #expect((json["files"] as? [String])?.count == 5)
    let summary = try #require(json["summary"] as? [String: Int])
    #expect(summary["errors"] == 0)
    #expect((summary["warnings"] ?? 0) > 0)
    #expect((json["tests"] as? [String: Int])?["failed"] == 0)
    let first = try #require((json["diagnostics"] as? [[String: Any]])?.first)
    for key in ["severity", "id", "message", "file", "line", "column", "clauses", "notes"] { #expect(first[key] != nil, "missing \(key)") }
  }

  @Test func strictTurnsWarningsIntoFindings() throws {
    #expect(try reglament("check", "regulations/", "--strict").status == 1)
  }

  @Test func errorsExitOneAndPointAtTheLine() throws {
    let run = try reglament("check", "Tests/RegulationParserTests/Fixtures/invalid/unknown-role.yaml")
    #expect(run.status == 1)
    #expect(run.stdout.hasPrefix("Tests/RegulationParserTests/Fixtures/invalid/unknown-role.yaml:18:11: error: unknown role `executr` [unknown-reference]"))
    #expect(run.stdout.contains("   18 |     role: executr\n      |           ^~~~~~~"))
  }

  @Test func russianMessagesWithLang() throws {
    let run = try reglament("check", "Tests/RegulationParserTests/Fixtures/invalid/unknown-role.yaml", "--lang", "ru")
    #expect(run.stdout.contains("ошибка: неизвестная роль «executr»"))
    let env = try reglament("check", "Tests/RegulationParserTests/Fixtures/invalid/unknown-role.yaml", environment: ["LANG": "ru_RU.UTF-8"])
    #expect(env.stdout.contains("ошибка:"))
  }

  @Test func badUsageExitsTwo() throws {
    #expect(try reglament("check", "regulations/", "--format", "xml").status == 2)
    #expect(try reglament("check", "--no-such-option").status == 2)
    #expect(try reglament("frobnicate").status == 2)
    let missing = try reglament("check", "no/such/file.yaml")
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no such file or directory"))
    let binary = try reglament("check", "Tests/RegulationParserTests/Fixtures/invalid/binary-file.yaml")
    #expect(binary.status == 2)
    #expect(binary.stdout.contains("[binary-file]"))
  }

  /// `--help` in Russian under `--lang ru` or a Russian LANG: ArgumentParser's headings, and every argument's and
  /// option's description (each option line differs from the English one), for the root and every command.
  @Test(arguments: ["", "check", "deadlines", "calendar", "test", "rules", "schema", "bench", "diff", "simulate",
    "audit", "serve"])
  func helpInRussian(_ command: String) throws {
    let words = command.isEmpty ? [] : [command]
    let en = try reglament(words + ["--help"])
    let ru = try reglament(words + ["--help", "--lang", "ru"])
    let env = try reglament(words + ["--help"], environment: ["LANG": "ru_RU.UTF-8"])
    #expect(en.status == 0 && ru.status == 0)
    #expect(ru.stdout == env.stdout)
    #expect(ru.stdout.hasPrefix("НАЗНАЧЕНИЕ: "))
    #expect(ru.stdout.contains("ПАРАМЕТРЫ:\n") && ru.stdout.contains("ИСПОЛЬЗОВАНИЕ: reglament"))
    for english in ["OVERVIEW:", "USAGE:", "OPTIONS:", "ARGUMENTS:", "Show help", "default:", "values:", "Example"] {
      #expect(!ru.stdout.contains(english), "\(english) in \(ru.stdout)")
    }
    let english = entries(en.stdout, headings: ["ARGUMENTS:", "OPTIONS:", "SUBCOMMANDS:"])
    let russian = entries(ru.stdout, headings: ["АРГУМЕНТЫ:", "ПАРАМЕТРЫ:", "КОМАНДЫ:"])
    #expect(english.count == russian.count && !english.isEmpty)
    for (name, text) in english {
      let translated = try #require(russian.first { $0.name == name }, "\(name) missing in Russian help")
      #expect(translated.text != text, "not translated: \(text)")
    }
  }

  /// The entries of a help page's listed sections: name (an option, argument or command) and its whole description.
  func entries(_ help: String, headings: Set<String>) -> [(name: String, text: String)] {
    var out: [(name: String, text: String)] = []
    var listed = false
    for line in help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if !line.hasPrefix(" ") { listed = headings.contains(line); continue }
      guard listed else { continue }
      if line.hasPrefix("  "), !line.hasPrefix("   ") {
        let name = line.dropFirst(2).prefix { $0 != " " }
        out.append((String(name), String(line.dropFirst(2 + name.count))))
      } else if !out.isEmpty {
        out[out.count - 1].text += " " + line.trimmingCharacters(in: .whitespaces)
      }
    }
    return out
  }

  /// `bench --format text` labels every field of the JSON in the asked language; JSON stays the default.
  @Test func benchAsTextInBothLanguages() throws {
    let json = try reglament("bench", "--what", "time", "--n", "2000")
    #expect(json.status == 0)
    let fields = try #require(json.json?["working_time"] as? [String: Any])
    for (lang, heading, oracle) in [("ru", "Сложение рабочего времени:", "расхождений с поминутным счётом из 1000: 0"),
      ("en", "Working-time additions:", "disagreements with minute stepping, of 1000: 0")] {
      let text = try reglament("bench", "--what", "time", "--n", "2000", "--format", "text", "--lang", lang)
      #expect(text.status == 0)
      let lines = text.stdout.split(separator: "\n").map(String.init)
      #expect(lines.first == heading)
      #expect(lines.contains("  \(oracle)"))
      #expect(lines.count == fields.count + 1, "one line per field")
      #expect(!text.stdout.contains("_"), "every field has a label: \(text.stdout)")
    }
    let ru = try reglament("bench", "--what", "time", "--n", "2000", "--format", "text", "--lang", "ru")
    #expect(ru.stdout.contains("  сложений: 2\u{00A0}000\n"))
  }

  /// Usage errors speak the user's language: under `--lang ru` or a Russian LANG, ArgumentParser's English is rewritten
  /// from the option, value and choices it quotes; the exit code stays 2 and English runs keep the parser's words.
  @Test(arguments: [
    (["check", "regulations/", "--format", "xml"],
     "значение «xml» не подходит для «--format <format>»; допустимо: «text», «json», «sarif», «junit» или «github»"),
    (["check", "--formt", "json", "regulations/"], "неизвестный параметр «--formt»; возможно, имелся в виду «--format»"),
    (["check", "regulations/", "--frobnicate"], "неизвестный параметр «--frobnicate»"),
    (["deadlines", "regulations/004-krasnoufimsk.yaml", "--detected"],
     "не указано значение параметра «--detected <detected>»"),
    (["check"], "не указан обязательный аргумент «<paths> ...»"),
    (["bench", "--n", "many"], "значение «many» не подходит для «--n <n>»"),
    (["calendar", "--year", "2026", "--format", "xml"],
     "значение «xml» не подходит для «--format <format>»; допустимо: «text» или «json»"),
    (["bench", "--what", "everything"],
     "значение «everything» не подходит для «--what <what>»; допустимо:\n  - time\n  - parse"),
    (["calendar", "--year", "2026", "one", "two"], "лишние аргументы (2): «one», «two»"),
    (["calendar", "--year", "2026", "one"], "лишний аргумент «one»"),
  ]) func usageErrorsInRussian(_ arguments: [String], _ expected: String) throws {
    let flag = try reglament(arguments + ["--lang", "ru"])
    let env = try reglament(arguments, environment: ["LANG": "ru_RU.UTF-8"])
    for run in [flag, env] {
      #expect(run.status == 2)
      #expect(run.stderr.hasPrefix("Ошибка: \(expected)\n"), "\(run.stderr)")
      #expect(run.stderr.contains("\n  Подробнее: reglament"), "\(run.stderr)")
      for english in ["Error:", "Usage:", "Help:", "See '", "Please provide"] { #expect(!run.stderr.contains(english)) }
    }
    let english = try reglament(arguments + ["--lang", "en"])
    #expect(english.status == 2)
    #expect(english.stderr.hasPrefix("Error: "))
  }

  @Test func everyFormatRenders() throws {
    for format in ["text", "json", "sarif", "junit", "github"] {
      let run = try reglament("check", "regulations/004-krasnoufimsk.yaml", "--format", format)
      #expect(run.status == 0, "\(format): \(run.stderr)")
      #expect(!run.stdout.isEmpty)
    }
  }

  @Test func helpShowsAnExample() throws {
    for command in ["check", "deadlines", "calendar", "test", "rules", "schema", "bench"] {
      let run = try reglament(command, "--help")
      #expect(run.status == 0)
      #expect(run.stdout.contains("Example"), "\(command) --help has no example")
    }
  }

  @Test func deadlinesJSON() throws {
    let run = try reglament("deadlines", "regulations/004-krasnoufimsk.yaml", "--detected", "2026-05-08T17:40", "--explain",
      "--format", "json")
    #expect(run.status == 0, "\(run.stderr)")
    let json = try #require(run.json)
    #expect(json["time_zone"] as? String == "Asia/Yekaterinburg")
    #expect(json["detected"] as? String == "2026-05-08T17:40:00+05:00")
    let answer = try #require((json["deadlines"] as? [[String: Any]])?.first { $0["step"] as? String == "answer" })
    #expect(answer["due"] as? String == "2026-05-12T16:00:00+05:00")
    #expect((answer["explanation"] as? [String])?.isEmpty == false)
  }

  @Test func deadlinesWithEventsAndOverlay() throws {
    let run = try reglament("deadlines", "regulations/004-krasnoufimsk.yaml", "--detected", "2026-05-08T17:40+05:00",
      "--category", "обычные", "--category", "повышенной важности", "--event", "read=2026-05-12T09:00", "--format", "json")
    let deadlines = try #require(run.json?["deadlines"] as? [[String: Any]])
    #expect(deadlines.first { $0["step"] as? String == "route" }?["due"] as? String == "2026-05-12T09:30:00+05:00")
    #expect(deadlines.first { $0["step"] as? String == "answer" }?["due"] as? String == "2026-05-12T12:00:00+05:00")
  }

  @Test func deadlinesRejectsBadInput() throws {
    let bad = try reglament("deadlines", "regulations/004-krasnoufimsk.yaml", "--detected", "08.05.2026")
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--detected"))
    #expect(try reglament("deadlines", "regulations/004-krasnoufimsk.yaml", "--detected", "2026-05-08T10:00", "--category", "срочные").status == 2)
    #expect(try reglament("deadlines", "regulations/004-krasnoufimsk.yaml", "--detected", "2026-05-08T10:00", "--event", "publsh=2026-05-08T11:00").status == 2)
    #expect(try reglament("deadlines", "regulations/004-krasnoufimsk.yaml", "--detected", "2031-05-08T10:00").status == 2)
  }

  @Test func calendarJSON() throws {
    let run = try reglament("calendar", "--year", "2026", "--format", "json")
    #expect(run.status == 0)
    let json = try #require(run.json)
    #expect(json["from"] as? String == "2026-01-01" && json["to"] as? String == "2026-12-31")
    let days = try #require(json["days"] as? [[String: Any]])
    #expect(days.count == 365)
    let may8 = try #require(days.first { $0["date"] as? String == "2026-05-08" })
    #expect(may8["kind"] as? String == "shortened" && may8["working_minutes"] as? Int == 420 && may8["working"] as? Bool == true)
    let may11 = try #require(days.first { $0["date"] as? String == "2026-05-11" })
    #expect(may11["kind"] as? String == "transfer" && may11["working_minutes"] as? Int == 0)
    #expect(try reglament("calendar", "--year", "2031").status == 2)
  }

  @Test func calendarWithARegulationsSchedule() throws {
    let run = try reglament("calendar", "--from", "2026-05-08", "--to", "2026-05-12", "--schedule", "regulations/002-okha.yaml",
      "--format", "json")
    let days = try #require(run.json?["days"] as? [[String: Any]])
    #expect(days.map { $0["working_minutes"] as? Int } == [420, 0, 0, 0, 480])
  }

  @Test func testCommandCoverageAndUpdate() throws {
    let coverage = try reglament("test", "regulations/", "--coverage", "--threshold", "100")
    #expect(coverage.status == 0, "\(coverage.stdout)")
    #expect(coverage.stdout.contains("21 passed, 0 failed"))
    // --update re-records a wrong expectation in a copy.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reglament-update-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let copy = dir.appendingPathComponent("r.yaml")
    let original = try String(contentsOf: repositoryRoot.appendingPathComponent("regulations/003-lipetsk.yaml"), encoding: .utf8)
    try original.replacingOccurrences(of: "answer: 2026-03-18T11:00+03:00", with: "answer: 2026-03-18T12:00+03:00")
      .write(to: copy, atomically: true, encoding: .utf8)
    #expect(try reglament("test", copy.path).status == 1)
    #expect(try reglament("test", copy.path, "--update").status == 0)
    #expect(try String(contentsOf: copy, encoding: .utf8) == original)
  }

  @Test func rulesAndSchema() throws {
    let rules = try reglament("rules", "--explain", "deadline-infeasible")
    #expect(rules.status == 0 && rules.stdout.contains("triggers:"))
    let schema = try reglament("schema")
    let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("grammar/regulation.schema.json"), encoding: .utf8)
    #expect(schema.stdout == committed)
  }

  /// What a new user hit (issue 8): each is a clear usage error, never a silent guess.
  @Test func deadlinesRefusesWhatItCannotMean() throws {
    let file = "regulations/004-krasnoufimsk.yaml"
    let dir = try reglament("deadlines", "regulations/", "--detected", "2026-05-08T10:00")
    #expect(dir.status == 2 && dir.stderr.contains("is a directory"))
    for bad in ["2026-+5-08T10:00", "2026-05-08T+1:00", "2026-05-08T10:0x"] {
      let r = try reglament("deadlines", file, "--detected", bad)
      #expect(r.status == 2, "\(bad) must be refused")
      #expect(r.stderr.contains("is not a date and time"))
    }
    let early = try reglament("deadlines", file, "--detected", "2026-05-08T10:00", "--event", "read=2026-05-08T09:00")
    #expect(early.status == 2 && early.stderr.contains("before the message was detected"))
    let old = try reglament("deadlines", file, "--detected", "1960-05-08T10:00")
    #expect(old.status == 2 && old.stderr.contains("covers 2018–2027"))
    let noCategories = try reglament("deadlines", "regulations/002-okha.yaml", "--detected", "2026-05-08T10:00", "--category", "nosuch")
    #expect(noCategories.status == 2 && noCategories.stderr.contains("declares no categories"))
    #expect(try reglament("deadlines", file, "--detected", "2026-05-08T10:00", "--lang", "de").status == 2)
    #expect(try reglament("calendar", "--year", "2026", "--from", "2026-01-01", "--to", "2026-01-31").status == 2)
    #expect(try reglament("check", "playground").status == 2, "a path with no regulation must fail CI")
    #expect(try reglament("check", "regulations/002-okha.test.yaml").status == 2)
  }

  /// Two events for one step are two occurrences, each with its own deadline (rework rounds).
  @Test func repeatedEventsAreOccurrences() throws {
    let run = try reglament("deadlines", "regulations/004-krasnoufimsk.yaml", "--detected", "2026-03-17T10:00",
      "--event", "read=2026-03-17T10:05", "--event", "answer=2026-03-17T11:00", "--event", "approve=2026-03-17T11:20",
      "--event", "rework=2026-03-17T11:40", "--event", "approve=2026-03-17T12:30", "--format", "json")
    let rows = try #require(run.json?["deadlines"] as? [[String: Any]]).filter { $0["step"] as? String == "approve" }
    #expect(rows.map { $0["due"] as? String } == ["2026-03-17T11:30:00+05:00", "2026-03-17T12:10:00+05:00"])
    #expect(rows.map { $0["late_by_seconds"] as? Int } == [0, 1200])
  }

  /// A deadline past the calendar's last year does not take the others with it.
  @Test func deadlinesPastTheCalendarAreMarkedNotFatal() throws {
    let run = try reglament("deadlines", "regulations/004-krasnoufimsk.yaml", "--detected", "2027-12-30T17:00", "--format", "json")
    #expect(run.status == 0, "\(run.stderr)")
    let rows = try #require(run.json?["deadlines"] as? [[String: Any]])
    #expect(rows.contains { $0["due"] is String })
    #expect(rows.contains { ($0["remark"] as? String)?.contains("production calendar covers") == true })
  }

  /// The same facts in both languages: no Cyrillic in English output except quoted names from the act.
  @Test func explanationsRenderInEitherLanguage() throws {
    let args = ["deadlines", "regulations/004-krasnoufimsk.yaml", "--detected", "2026-04-30T15:00", "--explain"]
    let en = try reglament(args + ["--lang", "en"]), ru = try reglament(args + ["--lang", "ru"])
    #expect(en.stdout.contains("Spring and Labour Day (Labour Code art. 112)"))
    #expect(ru.stdout.contains("Праздник Весны и Труда (ТК РФ ст. 112)"))
    for line in en.stdout.split(separator: "\n") {
      // Russian may appear only inside «…» quotes or as the act's own step names (the second line of a row).
      let unquoted = line.replacingOccurrences(of: "«[^»]*»", with: "", options: .regularExpression)
      // … and the file's own assumption text, quoted as written.
      let isName = line.hasPrefix("    ") && !line.hasPrefix("     ") || line.contains("(the file's reading, in Russian)")
      #expect(isName || !unquoted.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) }, "\(line)")
    }
  }
}
