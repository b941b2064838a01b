import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

@testable import RegulationServer

/// Drives the API's router without a socket (HummingbirdTesting's `.router` framework), against the shipped
/// regulations; expectations come from the acts (their embedded tests, written by hand) and from CLI.md.
@Suite struct RouterTests {
  static let regulations = repositoryRoot.appendingPathComponent("regulations").path
  static let playground = repositoryRoot.appendingPathComponent("playground").path

  static func app(maxBody: Int = 512 * 1024, timeLimit: Double = 300, cache: Int = 16) -> some ApplicationProtocol {
    let options = ServerOptions(regulationsDirectory: regulations, playgroundDirectory: playground, maxBodyBytes: maxBody,
      timeLimitSeconds: timeLimit, cacheEntries: cache, accessLog: false)
    return Application(router: RegulationAPI(options: options).router())
  }

  struct Answer {
    var status: HTTPResponse.Status
    var json: [String: Any]
    var text: String
    var contentType: String?
  }

  static func call(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil, maxBody: Int = 512 * 1024,
    headers: HTTPFields = [:]) async throws -> Answer {
    try await app(maxBody: maxBody).test(.router) { client in
      try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
        let text = String(buffer: $0.body)
        let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return Answer(status: $0.status, json: json, text: text, contentType: $0.headers[.contentType])
      }
    }
  }

  static func body(_ fields: [String: Any]) -> String {
    String(data: try! JSONSerialization.data(withJSONObject: fields), encoding: .utf8)!
  }

  static func errorID(_ a: Answer) -> String? { (a.json["error"] as? [String: Any])?["id"] as? String }

  static func shipped(_ name: String) throws -> String {
    try String(contentsOfFile: regulations + "/" + name, encoding: .utf8)
  }

  // MARK: health, list, one regulation, rules

  @Test func healthNamesTheLanguageVersionAndLimits() async throws {
    let a = try await Self.call(.get, "/api/health")
    #expect(a.status == .ok)
    #expect(a.json["language_version"] as? Int == 1)
    #expect((a.json["limits"] as? [String: Any])?["max_body_bytes"] as? Int == 512 * 1024)
    #expect(a.contentType?.hasPrefix("application/json") == true)
  }

  @Test func listsEveryShippedRegulationButNotTestFiles() async throws {
    let a = try await Self.call(.get, "/api/regulations")
    #expect(a.status == .ok)
    let names = (a.json["regulations"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.regulations)
      .filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".test.yaml") }.sorted()
    #expect(names == onDisk)
    #expect(!names.contains("002-okha.test.yaml"))
  }

  @Test func opensAShippedRegulationWithItsTestFile() async throws {
    let a = try await Self.call(.get, "/api/regulations/002-okha.yaml")
    #expect(a.status == .ok)
    #expect(a.json["text"] as? String == (try Self.shipped("002-okha.yaml")))
    #expect(a.json["tests_text"] as? String == (try Self.shipped("002-okha.test.yaml")))
  }

  @Test func unknownRegulationIs404() async throws {
    let a = try await Self.call(.get, "/api/regulations/999-nowhere.yaml")
    #expect(a.status == .notFound)
    #expect(Self.errorID(a) == "unknown-regulation")
  }

  @Test(arguments: [
    "..%2F..%2FPackage.swift", "%2Fetc%2Fpasswd", ".hidden.yaml", "..", "...", "a%00b.yaml", "%2e%2e%2fPackage.swift",
    "regulations%2F004-krasnoufimsk.yaml", "..%5C..%5CPackage.swift",
  ])
  func traversalInTheURLIsRefused(_ name: String) async throws {
    let a = try await Self.call(.get, "/api/regulations/" + name)
    #expect(a.status == .badRequest || a.status == .notFound, "\(name): \(a.status)")
    #expect(!a.text.contains("PackageDescription") && !a.text.contains("root:"))
    #expect(["invalid-path", "unknown-regulation", "not-found"].contains(Self.errorID(a) ?? ""), "\(name): \(a.text)")
  }

  @Test(arguments: ["../Package.swift", "/etc/passwd", "../regulations/004-krasnoufimsk.yaml", "..", ".", "",
    "004-krasnoufimsk.yaml/../../Package.swift", "C:\\Windows\\win.ini", "004-krasnoufimsk.yaml\u{0}"])
  func traversalInTheBodyIsRefused(_ name: String) async throws {
    for endpoint in ["check", "deadlines", "tests", "calendar"] {
      var fields: [String: Any] = ["regulation": name]
      if endpoint == "deadlines" { fields["detected"] = "2026-04-30T15:00" }
      let a = try await Self.call(.post, "/api/" + endpoint, body: Self.body(fields))
      #expect(a.status == .badRequest, "\(endpoint) \(name): \(a.status) \(a.text)")
      #expect(Self.errorID(a) == "invalid-path", "\(endpoint) \(name): \(a.text)")
      #expect(!a.text.contains("PackageDescription"))
    }
  }

  @Test func aPlaygroundFileCannotBeReachedOutsideItsFolder() async throws {
    for path in ["/../Package.swift", "/%2e%2e/Package.swift", "/..%2FPackage.swift", "/regulations/004-krasnoufimsk.yaml"] {
      let a = try await Self.call(.get, path)
      #expect(a.status == .notFound, "\(path): \(a.status)")
      #expect(!a.text.contains("PackageDescription") && !a.text.contains("reglament: 1"))
    }
  }

  @Test func servesThePage() async throws {
    let a = try await Self.call(.get, "/")
    #expect(a.status == .ok)
    #expect(a.contentType?.hasPrefix("text/html") == true)
    #expect(a.text.contains("<textarea id=\"source\""))
    let js = try await Self.call(.get, "/app.js")
    #expect(js.contentType?.hasPrefix("text/javascript") == true)
  }

  @Test func rulesInBothLanguages() async throws {
    for (lang, word) in [("en", "Unsupported language version."), ("ru", "Неподдерживаемая версия языка.")] {
      let a = try await Self.call(.get, "/api/rules?lang=" + lang)
      #expect(a.status == .ok)
      #expect(a.text.contains(word))
    }
    let bad = try await Self.call(.get, "/api/rules?lang=de")
    #expect(bad.status == .badRequest)
  }

  // MARK: check

  @Test func checkOfAShippedRegulationMatchesTheCLIContract() async throws {
    let a = try await Self.call(.post, "/api/check", body: #"{"regulation": "004-krasnoufimsk.yaml", "lang": "en"}"#)
    #expect(a.status == .ok)
    #expect(a.json["files"] as? [String] == [Self.regulations + "/004-krasnoufimsk.yaml"])
    let summary = a.json["summary"] as? [String: Any]
    #expect(summary?["errors"] as? Int == 0)
    // The act's embedded tests: one per `- name:` under `tests:`.
    let written = try Self.shipped("004-krasnoufimsk.yaml").components(separatedBy: "\n  - name: ").count - 1
    let tests = a.json["tests"] as? [String: Any]
    #expect(tests?["passed"] as? Int == written)
    #expect(tests?["failed"] as? Int == 0)
  }

  @Test func checkFindsAnErrorAtItsLineAsYouType() async throws {
    var lines = try Self.shipped("004-krasnoufimsk.yaml").components(separatedBy: "\n")
    let at = try #require(lines.firstIndex(of: "  status: adopted"))
    lines[at] = "  status: adoptedd"
    let a = try await Self.call(.post, "/api/check",
      body: Self.body(["text": lines.joined(separator: "\n"), "name": "mine.yaml", "lang": "ru"]))
    #expect(a.status == .ok)
    let diagnostics = a.json["diagnostics"] as? [[String: Any]] ?? []
    let value = diagnostics.first { $0["id"] as? String == "invalid-value" }
    #expect(value?["line"] as? Int == at + 1)
    #expect(value?["column"] as? Int == 11)
    #expect(value?["file"] as? String == "mine.yaml")
    #expect((value?["message"] as? String)?.range(of: "[а-я]", options: .regularExpression) != nil)
    #expect(a.json["exit_code"] as? Int == 1)
  }

  @Test func checkWithOutlineListsCategoriesAndSteps() async throws {
    let a = try await Self.call(.post, "/api/check", body: #"{"regulation": "004-krasnoufimsk.yaml", "outline": true}"#)
    let outline = try #require(a.json["outline"] as? [String: Any])
    let categories = (outline["categories"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    #expect(categories.contains("ordinary") && categories.contains("important"))
    let steps = (outline["steps"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    #expect(steps.contains("answer") && steps.contains("route"))
    #expect(outline["time_zone"] as? String == "Asia/Yekaterinburg")
  }

  @Test func malformedJSONIs400() async throws {
    for body in ["{", "not json", #"{"text": "a""#, "[1, 2", ""] {
      let a = try await Self.call(.post, "/api/check", body: body)
      #expect(a.status == .badRequest, "\(body): \(a.status)")
      #expect(Self.errorID(a) == "malformed-json", "\(body): \(a.text)")
    }
  }

  @Test func wrongFieldTypesNameTheField() async throws {
    let a = try await Self.call(.post, "/api/check", body: #"{"text": 12}"#)
    #expect(a.status == .badRequest)
    #expect(Self.errorID(a) == "invalid-request")
    #expect(((a.json["error"] as? [String: Any])?["message"] as? String)?.contains("text") == true)
    let both = try await Self.call(.post, "/api/check", body: #"{"text": "a: 1", "regulation": "002-okha.yaml"}"#)
    #expect(both.status == .badRequest)
    let none = try await Self.call(.post, "/api/check", body: "{}")
    #expect(none.status == .badRequest)
    let badName = try await Self.call(.post, "/api/check", body: #"{"text": "a: 1", "name": "../x.yaml"}"#)
    #expect(badName.status == .badRequest)
    let null = try await Self.call(.post, "/api/tests", body: #"{"regulation": "002-okha.yaml", "lang": null}"#)
    #expect(null.status == .badRequest)
    #expect(((null.json["error"] as? [String: Any])?["message"] as? String)?.contains("lang") == true)
    let badNameAlone = try await Self.call(.post, "/api/calendar", body: #"{"name": "4*"}"#)
    #expect(badNameAlone.status == .badRequest)
  }

  @Test func oversizedBodyIs413() async throws {
    let big = Self.body(["text": String(repeating: "# padding\n", count: 2_000)])
    let a = try await Self.call(.post, "/api/check", body: big, maxBody: 4_096)
    #expect(a.status == .contentTooLarge)
    #expect(Self.errorID(a) == "body-too-large")
    let fits = try await Self.call(.post, "/api/check", body: Self.body(["text": "reglament: 1\n"]), maxBody: 4_096)
    #expect(fits.status == .ok)
  }

  @Test func unknownEndpointAndWrongMethodAreJSON() async throws {
    let a = try await Self.call(.get, "/api/nothing")
    #expect(a.status == .notFound)
    #expect(Self.errorID(a) == "not-found")
    let b = try await Self.call(.get, "/api/check")
    #expect(b.status == .methodNotAllowed)
    #expect(Self.errorID(b) == "method-not-allowed")
    #expect(b.contentType?.hasPrefix("application/json") == true)
    let c = try await Self.call(.delete, "/api/regulations/002-okha.yaml")
    #expect(c.status == .methodNotAllowed)
    #expect(c.text.contains("GET"))
  }

  // MARK: deadlines

  /// Due times from the act's own embedded tests (regulations/004-krasnoufimsk.yaml, «четверг перед майскими»).
  @Test func deadlinesOfAShippedRegulation() async throws {
    let a = try await Self.call(.post, "/api/deadlines", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "detected": "2026-04-30T15:00", "category": "ordinary", "explain": true,
    ]))
    #expect(a.status == .ok, "\(a.text)")
    let deadlines = a.json["deadlines"] as? [[String: Any]] ?? []
    func due(_ step: String) -> String? { deadlines.first { $0["step"] as? String == step }?["due"] as? String }
    #expect(due("answer") == "2026-05-04T13:00:00+05:00" || due("answer") == "2026-05-04T13:00+05:00")
    #expect(due("approve")?.hasPrefix("2026-05-04T14:30") == true)
    #expect(due("publish")?.hasPrefix("2026-05-04T15:00") == true)
    #expect(a.json["time_zone"] as? String == "Asia/Yekaterinburg")
    let answer = try #require(deadlines.first { $0["step"] as? String == "answer" })
    #expect(answer["clause"] as? String != nil)
    #expect((answer["explanation"] as? [String])?.isEmpty == false)
    // The timeline's working time: 1–3 May 2026 are days off, 4 May works 09:00–13:00 and 14:00–18:00.
    let days = (a.json["working_time"] as? [String: Any])?["days"] as? [[String: Any]] ?? []
    let may1 = days.first { $0["date"] as? String == "2026-05-01" }
    #expect((may1?["intervals"] as? [Any])?.isEmpty == true)
    let may4 = days.first { $0["date"] as? String == "2026-05-04" }
    let intervals = may4?["intervals"] as? [[String]] ?? []
    #expect(intervals.map { $0.map { String($0.dropFirst(11).prefix(5)) } } == [["09:00", "13:00"], ["14:00", "18:00"]])
  }

  @Test func recordedEventsMoveLaterDeadlines() async throws {
    let a = try await Self.call(.post, "/api/deadlines", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "detected": "2026-03-02T10:00", "category": "solvable",
      "events": [["step": "read", "at": "2026-03-02T12:50"]],
    ]))
    #expect(a.status == .ok, "\(a.text)")
    let deadlines = a.json["deadlines"] as? [[String: Any]] ?? []
    let route = deadlines.first { $0["step"] as? String == "route" }?["due"] as? String
    #expect(route?.hasPrefix("2026-03-02T14:20") == true)
  }

  @Test func deadlinesOfPastedTextWithErrorsAre422WithDiagnostics() async throws {
    let a = try await Self.call(.post, "/api/deadlines",
      body: Self.body(["text": "reglament: 7\nact: {}\n", "detected": "2026-04-30T15:00"]))
    #expect(a.status == .unprocessableContent)
    #expect(Self.errorID(a) == "regulation-has-errors")
    let ids = (a.json["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    #expect(ids.contains("unsupported-version"))
  }

  @Test func badIncidentsAre4xx() async throws {
    let badTime = try await Self.call(.post, "/api/deadlines",
      body: Self.body(["regulation": "004-krasnoufimsk.yaml", "detected": "yesterday"]))
    #expect(badTime.status == .unprocessableContent)
    #expect(Self.errorID(badTime) == "invalid-incident")
    let badCategory = try await Self.call(.post, "/api/deadlines",
      body: Self.body(["regulation": "004-krasnoufimsk.yaml", "detected": "2026-04-30T15:00", "category": "nonexistent"]))
    #expect(badCategory.status == .unprocessableContent, "\(badCategory.text)")
    let missing = try await Self.call(.post, "/api/deadlines", body: Self.body(["regulation": "004-krasnoufimsk.yaml"]))
    #expect(missing.status == .badRequest)
    #expect(((missing.json["error"] as? [String: Any])?["message"] as? String)?.contains("detected") == true)
    let unknown = try await Self.call(.post, "/api/deadlines",
      body: Self.body(["regulation": "nope.yaml", "detected": "2026-04-30T15:00"]))
    #expect(unknown.status == .notFound)
  }

  // MARK: calendar, tests

  /// CLI.md's example days: 8 May 2026 is shortened to 420 minutes, 11 May is a day off moved by decree.
  @Test func calendarOfMay2026() async throws {
    let a = try await Self.call(.post, "/api/calendar", body: #"{"from": "2026-05-08", "to": "2026-05-11"}"#)
    #expect(a.status == .ok)
    let days = a.json["days"] as? [[String: Any]] ?? []
    #expect(days.count == 4)
    #expect(days.first?["kind"] as? String == "shortened")
    #expect(days.first?["working_minutes"] as? Int == 420)
    #expect(days.last?["working"] as? Bool == false)
    let reversed = try await Self.call(.post, "/api/calendar", body: #"{"from": "2026-05-11", "to": "2026-05-08"}"#)
    #expect(reversed.status == .badRequest)
    let huge = try await Self.call(.post, "/api/calendar", body: #"{"from": "2000-01-01", "to": "2030-01-01"}"#)
    #expect(huge.status == .badRequest)
  }

  @Test func calendarUnderARegulationsSchedule() async throws {
    // Krasnoufimsk: 09:00–18:00 with a lunch hour → 480 minutes on an ordinary working day.
    let a = try await Self.call(.post, "/api/calendar",
      body: #"{"from": "2026-03-02", "to": "2026-03-02", "regulation": "004-krasnoufimsk.yaml"}"#)
    #expect(a.status == .ok)
    #expect((a.json["days"] as? [[String: Any]])?.first?["working_minutes"] as? Int == 480)
  }

  @Test func testsOfAShippedRegulationIncludeItsTestFile() async throws {
    let a = try await Self.call(.post, "/api/tests", body: #"{"regulation": "002-okha.yaml"}"#)
    #expect(a.status == .ok)
    let inAct = try Self.shipped("002-okha.yaml").components(separatedBy: "\n  - name: ").count - 1
    let inFile = try Self.shipped("002-okha.test.yaml").components(separatedBy: "\n  - name: ").count - 1
    #expect(a.json["passed"] as? Int == inAct + inFile)
    #expect(a.json["failed"] as? Int == 0)
  }

  @Test func aSavedIncidentBecomesAPassingTest() async throws {
    // What the playground's "save as an embedded test" writes, with the due times the act's own test expects.
    let text = try Self.shipped("004-krasnoufimsk.yaml")
    let start = try #require(text.range(of: "\ntests:\n"))
    let entry = """
        - name: из песочницы
          detected: 2026-04-30T15:00
          category: ordinary
          expect:
            answer: 2026-05-04T13:00+05:00
            publish: 2026-05-04T15:00+05:00

      """
    var edited = text
    edited.insert(contentsOf: entry, at: start.upperBound)
    let a = try await Self.call(.post, "/api/tests", body: Self.body(["text": edited, "name": "x.yaml"]))
    let before = text.components(separatedBy: "\n  - name: ").count - 1
    #expect(a.json["passed"] as? Int == before + 1, "\(a.text)")
    var wrong = text
    wrong.insert(contentsOf: entry.replacingOccurrences(of: "T15:00+05:00", with: "T16:00+05:00"), at: start.upperBound)
    let b = try await Self.call(.post, "/api/tests", body: Self.body(["text": wrong, "name": "x.yaml"]))
    #expect(b.json["failed"] as? Int == 1)
  }

  // MARK: time limit and cache

  @Test func aComputationOverTheTimeLimitIs503() async throws {
    // The answer comes when the limit passes, not when the work ends. The work cannot end before the test lets it
    // (or ten minutes pass), so an error rather than the work's result proves the limit answered first; no
    // wall-clock bound is asserted (the test's own task may wait minutes for a thread on a loaded CI machine).
    let release = DispatchSemaphore(value: 0)
    await #expect(throws: APIError.self) {
      try await TimeLimit.run(seconds: 0.05) {
        _ = release.wait(timeout: .now() + 600)
        return 1
      }
    }
    release.signal()
    let quick = try await TimeLimit.run(seconds: 60) { 42 }
    #expect(quick == 42)
  }

  @Test func concurrentRequestsForOneInputComputeItOnce() async throws {
    let cache = ResponseCache<String>(capacity: 4)
    let counter = Counter()
    let values = try await withThrowingTaskGroup(of: String.self) { group in
      for _ in 0..<8 {
        group.addTask {
          try await cache.value(for: "k") {
            counter.add()
            try await Task.sleep(nanoseconds: 200_000_000)
            return "v"
          }
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(values == Array(repeating: "v", count: 8))
    #expect(counter.value == 1)
  }

  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
  }

  @Test func cacheIsBounded() {
    let cache = ResponseCache<String>(capacity: 3)
    for i in 0..<10 { cache.put("k\(i)", "v\(i)") }
    #expect(cache.count == 3)
    #expect(cache.get("k9") == "v9")
    #expect(cache.get("k0") == nil)
  }
}

/// A flag set from another thread.
final class ManagedAtomicFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  func set() { lock.withLock { value = true } }
  var isSet: Bool { lock.withLock { value } }
}
