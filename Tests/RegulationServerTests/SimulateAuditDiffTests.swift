import Foundation
import Hummingbird
import HummingbirdTesting
import RegulationDiagnostics
import RegulationParser
import RegulationSimulation
import Testing
import TestSupport

@testable import RegulationServer

/// `/api/simulate`, `/api/audit` and `/api/diff` through the router without a socket: answers checked against the acts
/// (their clauses and embedded tests, written by hand), the library run directly, and the server's caps.
@Suite struct SimulateAuditDiffTests {
  static let scenarios = repositoryRoot.appendingPathComponent("scenarios").path

  static func call(_ uri: String, method: HTTPRequest.Method = .post, body: String, maxBody: Int = 512 * 1024,
    maxLog: Int = 8 * 1024 * 1024, maxIncidents: Int = 100_000, maxRuns: Int = 50) async throws -> RouterTests.Answer {
    let options = ServerOptions(regulationsDirectory: RouterTests.regulations, playgroundDirectory: RouterTests.playground,
      maxBodyBytes: maxBody, maxLogBytes: maxLog, maxSimulatedIncidents: maxIncidents, maxSimulationRuns: maxRuns,
      scenariosDirectory: scenarios, timeLimitSeconds: 300, cacheEntries: 16, accessLog: false)
    let app = Application(router: RegulationAPI(options: options).router())
    return try await app.test(.router) { client in
      try await client.execute(uri: uri, method: method, body: ByteBuffer(string: body)) {
        let text = String(buffer: $0.body)
        let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return RouterTests.Answer(status: $0.status, json: json, text: text, contentType: $0.headers[.contentType])
      }
    }
  }

  static func body(_ fields: [String: Any]) -> String { RouterTests.body(fields) }
  static func errorID(_ a: RouterTests.Answer) -> String? { RouterTests.errorID(a) }
  static func message(_ a: RouterTests.Answer) -> String { (a.json["error"] as? [String: Any])?["message"] as? String ?? "" }

  // MARK: simulate

  /// The answer is the library's run of the shipped scenario, whatever the server's thread count: the same JSON as
  /// `SimulationRunner` on two threads with the variants left out.
  @Test func simulationOfAShippedRegulationRunsItsShippedScenario() async throws {
    let a = try await Self.call("/api/simulate", body: Self.body([
      "regulation": "002-okha.yaml", "runs": 3, "seed": 7, "lang": "en",
    ]))
    #expect(a.status == .ok, "\(a.text)")
    let scenario = try #require(a.json["scenario"] as? [String: Any])
    #expect(scenario["origin"] as? String == "shipped")
    #expect((scenario["file"] as? String)?.hasSuffix("scenarios/002-okha.scenario.yaml") == true)
    #expect(a.json["runs"] as? Int == 3)
    #expect(a.json["variants"] == nil)

    let reg = try #require(RegulationParser.parse(path: RouterTests.regulations + "/002-okha.yaml").regulation)
    var parsed = try #require(ScenarioParser.parse(path: Self.scenarios + "/002-okha.scenario.yaml", regulation: reg).scenario)
    parsed.variants = []
    var options = SimulationOptions()
    options.runs = 3
    options.seed = 7
    options.jobs = 2
    let direct = SimulationReport(SimulationRunner.run(SimulationRunner.models(regulation: reg, scenario: parsed).models,
      options: options)).json()
    guard case .object(let fields) = direct else { Issue.record("not an object"); return }
    for (key, value) in fields {
      let ours = try JSONSerialization.jsonObject(with: Data(JSONValue.object([(key, value)]).serialized().utf8)) as? NSDictionary
      #expect(ours?[key] as? NSObject == a.json[key] as? NSObject, "\(key)")
    }
    // The bound the cap is checked against is an upper bound of what was generated.
    let counted = try #require(a.json["incidents"] as? Int)
    let bound = try #require(scenario["incident_bound"] as? Int)
    #expect(counted > 0 && counted <= bound)
    #expect((a.json["report_text"] as? String)?.hasPrefix("Simulation: 3 runs, seed 7") == true)
    // The page labels bars with the act's names, as written in the file (п. 2 of Оха).
    let names = try #require(a.json["names"] as? [String: [String: String]])
    #expect(names["roles"]?["operator"]?.hasPrefix("оператор — отдел по связям с общественностью") == true)
    #expect(names["roles"]?["responsible-deputy"]?.hasPrefix("заместитель главы МО ГО «Охинский»") == true)
  }

  @Test func sameSeedSameAnswerOtherSeedOtherAnswer() async throws {
    let one = try await Self.call("/api/simulate", body: Self.body(["regulation": "003-lipetsk.yaml", "runs": 2, "seed": 3]))
    let again = try await Self.call("/api/simulate", body: Self.body(["regulation": "003-lipetsk.yaml", "runs": 2, "seed": 3]))
    let other = try await Self.call("/api/simulate", body: Self.body(["regulation": "003-lipetsk.yaml", "runs": 2, "seed": 4]))
    #expect(one.status == .ok)
    #expect(one.text == again.text)
    #expect(one.text != other.text)
  }

  /// Pasted text under a name with no shipped scenario gets a generated one: staff for every role, a duration for
  /// every step; it runs, and `days`/`per_day` reach it.
  @Test func pastedTextWithoutAScenarioGetsAGeneratedOne() async throws {
    let text = try RouterTests.shipped("001-stavropol.yaml")
    let a = try await Self.call("/api/simulate", body: Self.body([
      "text": text, "name": "mine.yaml", "runs": 2, "days": 14, "per_day": 6, "lang": "ru",
    ]))
    #expect(a.status == .ok, "\(a.text)")
    let scenario = try #require(a.json["scenario"] as? [String: Any])
    #expect(scenario["origin"] as? String == "generated")
    #expect(scenario["days"] as? Int == 14)
    #expect(scenario["per_day"] as? Double == 6)
    let yaml = try #require(scenario["text"] as? String)
    let reg = try #require(RegulationParser.parse(text: text, path: "mine.yaml").regulation)
    for role in reg.roles { #expect(yaml.contains("'\(role.id)': {headcount:"), "\(role.id)") }
    for step in reg.steps { #expect(yaml.contains("'\(step.id)': {exponential:"), "\(step.id)") }
    #expect(ScenarioParser.parse(text: yaml, path: "s.yaml", regulation: reg).hasErrors == false)
    #expect((a.json["report_text"] as? String)?.hasPrefix("Моделирование: 2 прогона,") == true)
    // 14 days × 6 a day on the busiest days, two runs: the bound the cap checked.
    #expect(scenario["incident_bound"] as? Int == 14 * 6 * 2)
  }

  @Test func aScenarioInTheRequestIsUsedAndItsErrorsHaveLines() async throws {
    let text = try RouterTests.shipped("002-okha.yaml")
    var scenario = try String(contentsOfFile: Self.scenarios + "/002-okha.scenario.yaml", encoding: .utf8)
    let good = try await Self.call("/api/simulate", body: Self.body(["text": text, "scenario": scenario, "runs": 1]))
    #expect(good.status == .ok, "\(good.text)")
    #expect((good.json["scenario"] as? [String: Any])?["origin"] as? String == "request")

    var lines = scenario.components(separatedBy: "\n")
    let at = try #require(lines.firstIndex { $0.hasPrefix("staff:") }) + 1
    let role = lines[at].trimmingCharacters(in: .whitespaces).split(separator: ":")[0]
    lines[at] = lines[at].replacingOccurrences(of: String(role), with: "nobody")
    scenario = lines.joined(separator: "\n")
    let bad = try await Self.call("/api/simulate", body: Self.body(["text": text, "scenario": scenario, "runs": 1]))
    #expect(bad.status == .unprocessableContent)
    #expect(Self.errorID(bad) == "scenario-has-errors")
    let d = (bad.json["diagnostics"] as? [[String: Any]] ?? []).first
    #expect(d?["line"] as? Int == at + 1)
  }

  /// A scenario from a request may not read files (`empirical: {file: …}` reads any path): refused at its line
  /// before anything is parsed, and so are escapes that could spell the key.
  @Test(arguments: [
    "durations:\n  answer: {empirical: {file: /etc/passwd}}\n",
    "durations:\n  answer:\n    empirical:\n      file: ../regulations/002-okha.yaml\n",
    "durations:\n  answer: {empirical: {\"fi\\x6ce\": /etc/passwd}}\n",
    "durations:\n  answer: {empirical: {'file' : /etc/passwd}}\n",
  ])
  func aScenarioThatReadsFilesIsRefused(_ tail: String) async throws {
    let scenario = "scenario: 1\nname: x\n" + tail
    let a = try await Self.call("/api/simulate", body: Self.body(["regulation": "002-okha.yaml", "scenario": scenario]))
    #expect(a.status == .unprocessableContent, "\(a.text)")
    #expect(Self.errorID(a) == "scenario-has-errors")
    let line = (a.json["diagnostics"] as? [[String: Any]])?.first?["line"] as? Int
    let expected = scenario.components(separatedBy: "\n").firstIndex { $0.contains("file") || $0.contains("\\") }.map { $0 + 1 }
    #expect(line == expected)
  }

  @Test func namesLikeProfileOrFileReportAreNotRefused() {
    #expect(ScenarioGuard.refusal("name: profile of file-report\n# file: a comment\n") == nil)
    #expect(ScenarioGuard.refusal("a: [x, file]\n")?.range.start.line == 1)
  }

  @Test func capsOnRunsAndIncidents() async throws {
    let tooMany = try await Self.call("/api/simulate", body: Self.body(["regulation": "002-okha.yaml", "runs": 51]))
    #expect(tooMany.status == .unprocessableContent)
    #expect(Self.errorID(tooMany) == "simulation-too-large")
    #expect(Self.message(tooMany).contains("50"))
    // 366 days × 1000 a day is far past a 5 000-incident cap; the answer names the bound and the cap.
    let big = try await Self.call("/api/simulate", body: Self.body([
      "regulation": "002-okha.yaml", "runs": 1, "days": 366, "per_day": 1000,
    ]), maxIncidents: 5_000)
    #expect(big.status == .unprocessableContent)
    #expect(Self.errorID(big) == "simulation-too-large")
    #expect(Self.message(big).contains("5000"))
    let lowerCap = try await Self.call("/api/simulate", body: Self.body(["regulation": "002-okha.yaml", "runs": 3]),
      maxRuns: 2)
    #expect(Self.errorID(lowerCap) == "simulation-too-large")
    let zero = try await Self.call("/api/simulate", body: Self.body(["regulation": "002-okha.yaml", "runs": 0]))
    #expect(zero.status == .badRequest)
    // Okha's scenario warms up for 7 days: a 2-day run is refused (the simulator would trap on it).
    let insideWarmUp = try await Self.call("/api/simulate", body: Self.body(["regulation": "002-okha.yaml", "days": 2]))
    #expect(insideWarmUp.status == .badRequest)
    #expect(Self.message(insideWarmUp).contains("7"))
  }

  @Test func badSimulationRequests() async throws {
    let malformed = try await Self.call("/api/simulate", body: #"{"regulation": "002-okha.yaml", "runs": }"#)
    #expect(malformed.status == .badRequest)
    #expect(Self.errorID(malformed) == "malformed-json")
    let wrongType = try await Self.call("/api/simulate", body: #"{"regulation": "002-okha.yaml", "runs": "many"}"#)
    #expect(wrongType.status == .badRequest)
    #expect(Self.message(wrongType).contains("runs"))
    let null = try await Self.call("/api/simulate", body: #"{"regulation": "002-okha.yaml", "set": null}"#)
    #expect(null.status == .badRequest)
    let unknown = try await Self.call("/api/simulate", body: Self.body(["regulation": "999-nowhere.yaml"]))
    #expect(unknown.status == .notFound)
    #expect(Self.errorID(unknown) == "unknown-regulation")
    let traversal = try await Self.call("/api/simulate", body: Self.body(["regulation": "../scenarios/002-okha.scenario.yaml"]))
    #expect(Self.errorID(traversal) == "invalid-path")
    let badSet = try await Self.call("/api/simulate", body: Self.body(["regulation": "002-okha.yaml", "set": ["staff.nobody.headcount": "3"]]))
    #expect(badSet.status == .badRequest)
    #expect((badSet.json["diagnostics"] as? [[String: Any]])?.first?["id"] as? String == "unknown-reference")
    let oversized = try await Self.call("/api/simulate",
      body: Self.body(["regulation": "002-okha.yaml", "scenario": String(repeating: "#\n", count: 5_000)]), maxBody: 4_096)
    #expect(oversized.status == .contentTooLarge)
    let errors = try await Self.call("/api/simulate", body: Self.body(["text": "reglament: 1\nact: {}\n"]))
    #expect(errors.status == .unprocessableContent)
    #expect(Self.errorID(errors) == "regulation-has-errors")
  }

  @Test func oneHeavyComputationAtATime() throws {
    let gate = WorkGate(slots: 1)
    let inner: Int? = try gate.run { (try? gate.run { 1 }) }
    #expect(inner == nil)
    #expect(try gate.run { 2 } == 2)
  }

  // MARK: audit

  /// From the act's embedded test «направление отсчитывается от прочтения»: detected 10:00, read 12:50, the route
  /// is due 14:20 (+05:00, clause 10: 30 working minutes from reading, lunch 13–14). Case A routes at 14:30 (late
  /// by 10 minutes), case B at 14:10 (on time).
  static let csv = """
    case,step,time,category
    A,detected,2026-03-02T10:00,solvable
    A,read,2026-03-02T12:50,
    A,route,2026-03-02T14:30,
    B,detected,2026-03-02T10:00,solvable
    B,read,2026-03-02T12:50,
    B,route,2026-03-02T14:10,
    C,read,not a time,

    """

  static func routeViolations(_ a: RouterTests.Answer) -> [[String: Any]] {
    (a.json["violations"] as? [[String: Any]] ?? []).filter { $0["step"] as? String == "route" }
  }

  @Test func auditFindsTheLateRouteWithItsClause() async throws {
    let a = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log": Self.csv, "log_name": "march.csv", "lang": "en",
    ]))
    #expect(a.status == .ok, "\(a.text)")
    let route = Self.routeViolations(a)
    #expect(route.count == 1)
    #expect(route.first?["case"] as? String == "A")
    #expect(route.first?["clause"] as? String == "10")
    #expect(route.first?["kind"] as? String == "late")
    #expect(route.first?["due"] as? String == "2026-03-02T14:20:00+05:00")
    #expect(route.first?["late_by_seconds"] as? Int == 600)
    // The bad row is reported with its line, under the upload's name; the server's temporary file is never named.
    let rejected = a.json["rejected"] as? [[String: Any]] ?? []
    #expect(rejected.first?["line"] as? Int == 8)
    #expect(rejected.first?["file"] as? String == "march.csv")
    #expect(a.json["logs"] as? [String] == ["march.csv"])
    #expect(!a.text.contains("reglament-audit-"))
  }

  @Test func jsonLinesGiveTheSameViolations() async throws {
    let rows = Self.csv.split(separator: "\n").dropFirst().filter { !$0.contains("not a time") }.map { line -> String in
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      var o: [String: String] = ["case": f[0], "step": f[1], "time": f[2]]
      if f.count > 3, !f[3].isEmpty { o["category"] = f[3] }
      return String(data: try! JSONSerialization.data(withJSONObject: o, options: .sortedKeys), encoding: .utf8)!
    }
    let a = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log": rows.joined(separator: "\n") + "\n", "log_name": "march.jsonl",
    ]))
    #expect(a.status == .ok, "\(a.text)")
    let route = Self.routeViolations(a)
    #expect(route.count == 1)
    #expect(route.first?["case"] as? String == "A")
    #expect(route.first?["due"] as? String == "2026-03-02T14:20:00+05:00")
  }

  /// The same two cases as `csv`, exported the way an incident system does: Russian headers and statuses, `;`, dates
  /// as 02.03.2026 10:00, mapped by a `--map` sent with the log.
  static let imExport = """
    Номер инцидента;Статус;Дата изменения статуса;Категория
    A;Выявлен;02.03.2026 10:00;solvable
    A;Прочитан;02.03.2026 12:50;
    A;Назначен исполнитель;02.03.2026 14:30;
    B;Выявлен;02.03.2026 10:00;solvable
    B;Прочитан;02.03.2026 12:50;
    B;Назначен исполнитель;02.03.2026 14:10;

    """
  static let imMap = """
    log_map: 1
    columns: {case: Номер инцидента, step: Статус, time: Дата изменения статуса, category: Категория}
    statuses: {Выявлен: detected, Прочитан: read, Назначен исполнитель: route}

    """

  @Test func exportThroughAMapSentWithTheLog() async throws {
    let a = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log": Self.imExport, "log_name": "export.csv", "map": Self.imMap,
    ]))
    #expect(a.status == .ok, "\(a.text)")
    let route = Self.routeViolations(a)
    #expect(route.map { $0["case"] as? String } == ["A"])
    #expect(route.first?["due"] as? String == "2026-03-02T14:20:00+05:00")
    #expect(route.first?["late_by_seconds"] as? Int == 600)
    // A map with a typo is answered with its own located diagnostics, under the name it was sent with.
    let bad = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log": Self.imExport, "map": "log_map: 1\ncolumns:\n  csae: Номер\n",
      "map_name": "im.map.yaml", "lang": "en",
    ]))
    #expect(bad.status == .unprocessableContent, "\(bad.text)")
    #expect(Self.errorID(bad) == "map-has-errors")
    let diagnostics = bad.json["diagnostics"] as? [[String: Any]] ?? []
    #expect(diagnostics.first?["file"] as? String == "im.map.yaml")
    #expect(diagnostics.first?["line"] as? Int == 3)
  }

  @Test func xlsxWrittenByOpenpyxlAndXESUploaded() async throws {
    let rows = Self.csv.split(separator: "\n").dropFirst().filter { !$0.contains("not a time") }
      .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reglament-upload-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try runPython("""
      import sys, datetime, openpyxl
      wb = openpyxl.Workbook()
      ws = wb.active
      ws.append(["case", "step", "time", "category"])
      for line in sys.argv[2].split(";"):
          c, s, t, cat = line.split(",")
          ws.append([c, s, datetime.datetime.strptime(t, "%Y-%m-%dT%H:%M"), cat or None])
      wb.save(sys.argv[1])
      """, arguments: [dir + "/march.xlsx", rows.map { $0.joined(separator: ",") }.joined(separator: ";")])
    let workbook = try Data(contentsOf: URL(fileURLWithPath: dir + "/march.xlsx"))
    let a = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log_base64": workbook.base64EncodedString(), "log_name": "march.xlsx",
    ]))
    #expect(a.status == .ok, "\(a.text)")
    #expect(Self.routeViolations(a).map { $0["case"] as? String } == ["A"])
    #expect(Self.routeViolations(a).first?["due"] as? String == "2026-03-02T14:20:00+05:00")
    #expect(a.json["logs"] as? [String] == ["march.xlsx"])

    let events = rows.map { r in
      "<event><string key=\"concept:name\" value=\"\(r[1])\"/><date key=\"time:timestamp\" value=\"\(r[2]):00+05:00\"/>"
        + "<string key=\"lifecycle:transition\" value=\"complete\"/></event>"
    }
    let traces = Dictionary(grouping: zip(rows, events), by: { $0.0[0] }).sorted { $0.key < $1.key }.map { c, evs in
      "<trace><string key=\"concept:name\" value=\"\(c)\"/>" + evs.map(\.1).joined() + "</trace>"
    }
    let xes = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\">" + traces.joined() + "</log>\n"
    let b = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log": xes, "log_name": "march.xes",
    ]))
    #expect(b.status == .ok, "\(b.text)")
    #expect(Self.routeViolations(b).map { $0["case"] as? String } == ["A"])
    #expect(Self.routeViolations(b).first?["late_by_seconds"] as? Int == 600)
  }

  @Test func badAuditRequests() async throws {
    let big = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log": Self.csv + String(repeating: "x,y,z\n", count: 400),
    ]), maxLog: 1_024)
    #expect(big.status == .contentTooLarge)
    #expect(Self.errorID(big) == "log-too-large")
    let huge = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log": String(repeating: "x,y,z\n", count: 2_000),
    ]), maxBody: 1_024, maxLog: 1_024)
    #expect(huge.status == .contentTooLarge)
    #expect(Self.errorID(huge) == "body-too-large")
    // Text named .xlsx is read as a workbook, and is not one: the log cannot be read at all.
    let xlsx = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log": Self.csv, "log_name": "march.xlsx",
    ]))
    #expect(xlsx.status == .unprocessableContent, "\(xlsx.text)")
    #expect(Self.errorID(xlsx) == "unreadable-log")
    #expect(!xlsx.text.contains("reglament-audit-"))
    let notBase64 = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log_base64": "%%%", "log_name": "march.xlsx",
    ]))
    #expect(notBase64.status == .badRequest)
    let both = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log": Self.csv, "log_base64": "YQ==",
    ]))
    #expect(both.status == .badRequest)
    let format = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log": Self.csv, "format": "pdf",
    ]))
    #expect(format.status == .badRequest)
    let traversal = try await Self.call("/api/audit", body: Self.body([
      "regulation": "004-krasnoufimsk.yaml", "log": Self.csv, "log_name": "../../etc/passwd",
    ]))
    #expect(traversal.status == .badRequest)
    let missing = try await Self.call("/api/audit", body: Self.body(["regulation": "004-krasnoufimsk.yaml"]))
    #expect(missing.status == .badRequest)
    #expect(Self.message(missing).contains("log"))
    let malformed = try await Self.call("/api/audit", body: #"{"regulation": "004-krasnoufimsk.yaml", "log": "#)
    #expect(Self.errorID(malformed) == "malformed-json")
    let unknown = try await Self.call("/api/audit", body: Self.body(["regulation": "nope.yaml", "log": Self.csv]))
    #expect(Self.errorID(unknown) == "unknown-regulation")
    let noHeader = try await Self.call("/api/audit", body: Self.body(["regulation": "004-krasnoufimsk.yaml", "log": "a,b\n1,2\n"]))
    #expect(noHeader.status == .unprocessableContent, "\(noHeader.text)")
  }

  // MARK: diff

  @Test func diffOfAChangedDeadline() async throws {
    let old = try RouterTests.shipped("004-krasnoufimsk.yaml")
    let at = try #require(old.range(of: "      amount: 30\n      clock: working-minutes\n      from: [read, return]"))
    let new = old.replacingCharacters(in: at, with: "      amount: 45\n      clock: working-minutes\n      from: [read, return]")
    let a = try await Self.call("/api/diff", body: Self.body([
      "old": ["regulation": "004-krasnoufimsk.yaml"], "new": ["text": new, "name": "amended.yaml"], "lang": "en",
    ]))
    #expect(a.status == .ok, "\(a.text)")
    #expect(a.json["changed"] as? Bool == true)
    let changes = a.json["changes"] as? [[String: Any]] ?? []
    #expect(changes.count == 1)
    #expect(changes.first?["id"] as? String == "route")
    #expect(changes.first?["clauses"] as? [String] == ["10"])
    let field = (changes.first?["fields"] as? [[String: Any]])?.first
    #expect(field?["old"] as? String == "30" && field?["new"] as? String == "45")
    // The act's own test of the route (due 14:20) now fails: a finding that appeared.
    let appeared = ((a.json["findings"] as? [String: Any])?["appeared"] as? [[String: Any]]) ?? []
    #expect(appeared.contains { $0["id"] as? String == "test-failed" })
    #expect((a.json["report_text"] as? String)?.contains("amended.yaml") == true)
  }

  @Test func diffOfIdenticalVersionsIsUnchanged() async throws {
    // A shipped regulation brings its *.test.yaml along; pasted text is the file alone: each compared with its like.
    let text = try RouterTests.shipped("002-okha.yaml")
    for (old, new) in [(["text": text], ["text": text, "name": "same.yaml"]),
      (["regulation": "002-okha.yaml"], ["regulation": "002-okha.yaml"])] {
      let a = try await Self.call("/api/diff", body: Self.body(["old": old, "new": new]))
      #expect(a.status == .ok, "\(a.text)")
      #expect(a.json["changed"] as? Bool == false)
      #expect((a.json["changes"] as? [Any])?.isEmpty == true)
    }
  }

  @Test func badDiffRequests() async throws {
    let missing = try await Self.call("/api/diff", body: #"{"old": {"regulation": "002-okha.yaml"}}"#)
    #expect(missing.status == .badRequest)
    #expect(Self.message(missing).contains("new"))
    let empty = try await Self.call("/api/diff", body: #"{"old": {"regulation": "002-okha.yaml"}, "new": {}}"#)
    #expect(empty.status == .badRequest)
    #expect(Self.message(empty).contains("new"))
    let null = try await Self.call("/api/diff",
      body: #"{"old": {"regulation": "002-okha.yaml"}, "new": {"regulation": "002-okha.yaml", "text": null}}"#)
    #expect(null.status == .badRequest)
    #expect(Self.message(null).contains("new.text"))
    let unknown = try await Self.call("/api/diff", body: #"{"old": {"regulation": "x.yaml"}, "new": {"regulation": "002-okha.yaml"}}"#)
    #expect(Self.errorID(unknown) == "unknown-regulation")
    let traversal = try await Self.call("/api/diff", body: #"{"old": {"regulation": "../Package.swift"}, "new": {"regulation": "002-okha.yaml"}}"#)
    #expect(Self.errorID(traversal) == "invalid-path")
    let malformed = try await Self.call("/api/diff", body: "{old")
    #expect(Self.errorID(malformed) == "malformed-json")
    let errors = try await Self.call("/api/diff", body: Self.body(["old": ["text": "reglament: 1\nact: {}\n"], "new": ["regulation": "002-okha.yaml"]]))
    #expect(errors.status == .unprocessableContent)
    #expect(!((errors.json["diagnostics"] as? [Any]) ?? []).isEmpty)
    let big = try await Self.call("/api/diff", body: Self.body(["old": ["text": String(repeating: "#\n", count: 5_000)],
      "new": ["regulation": "002-okha.yaml"]]), maxBody: 4_096)
    #expect(big.status == .contentTooLarge)
  }
}

/// An unsupported `reglament:` version is reported where it is written, not at the top of the file.
@Suite struct VersionLineTests {
  @Test func anUnsupportedVersionIsReportedAtItsLine() async throws {
    let text = "# a comment\nact: {id: x, title: X, body: Y, kind: постановление}\nreglament: 7\n"
    let a = try await SimulateAuditDiffTests.call("/api/check", body: RouterTests.body(["text": text, "lang": "en"]))
    let d = (a.json["diagnostics"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "unsupported-version" }
    #expect(d?["line"] as? Int == 3)
    #expect(d?["column"] as? Int == 12)
  }
}

/// The directory listing is read again by one request while the others answer with the listing they have.
@Suite struct ListingTests {
  @Test func aRequestDoesNotWaitForAnotherReadingTheDirectory() async throws {
    let listing = RegulationStore.Listing(interval: 0)
    let a = RegulationStore.Entry(name: "a.yaml", path: "r/a.yaml"), b = RegulationStore.Entry(name: "b.yaml", path: "r/b.yaml")
    #expect(listing.get { [a] } == [a])
    let reading = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
    let slow = Task.detached { listing.get { reading.signal(); release.wait(); return [b] } }
    reading.wait()
    // Another request meanwhile: the old listing at once, its own read never called.
    var called = false
    #expect(listing.get { called = true; return [] } == [a])
    #expect(!called)
    release.signal()
    #expect(await slow.value == [b])
    #expect(listing.get { [a, b] } == [a, b])
  }
}
