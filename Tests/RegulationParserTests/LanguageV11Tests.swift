import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import RegulationModel
import RegulationParser
import TestSupport
import Testing
import WorkingTime

/// The constructs of language v1.1, each on an example act encoded as a new user would (Fixtures/v11): provenance,
/// annexes, editions, related acts, regime, answer requirements, obligations, non-human actors, AND conditions and the
/// overlap choice, and how the analysis honours them.
@Suite struct LanguageV11Tests {
  static let directory = testsDirectory.appendingPathComponent("Fixtures/v11")

  func check(_ name: String) -> (Regulation, [Diagnostic]) {
    let result = RegulationChecker.check(path: Self.directory.appendingPathComponent(name).path)
    return (result.regulation!, result.diagnostics)
  }

  func date(_ s: String) -> CivilDate { CivilDate(iso: s)! }

  @Test func paraphraseIsANoteNeverAWarningAgainstTheAct() throws {
    let (reg, diagnostics) = check("paraphrase-order.yaml")
    #expect(diagnostics.filter { $0.severity != .note }.isEmpty, "\(diagnostics.map(\.message.en))")
    #expect(reg.act.text?.held == .paraphrase)
    #expect(reg.act.text?.obtain?.contains("официальный текст") == true)
    let d = try #require(reg.act.dateValue)
    #expect(d.approximate && d.precision == .day && d.earliest == date("2020-02-24"))
    let missingDeadline = try #require(diagnostics.first { $0.id == .missingDeadline && $0.subject == "publish" })
    #expect(missingDeadline.severity == .note)
    #expect(missingDeadline.notes.contains { $0.message.en.contains("obtain: официальный текст") })
    #expect(diagnostics.first { $0.id == .missingRole && $0.subject == "publish" }?.severity == .note)
    #expect(reg.step("answer")?.clause?.isUnnumbered == true)
  }

  @Test func fragmentWithEditionsObligationsRegimeAndRequirements() throws {
    let (reg, diagnostics) = check("fragment-regulation.yaml")
    #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.map(\.message.en))")
    // The act's text, editions and the edition in force on a date.
    #expect(reg.act.text?.missing == ["6-20", "приложение 1"])
    #expect(reg.act.editions.map(\.id) == ["ed-2023-08"])
    #expect(reg.editionID(on: date("2023-08-01")) == nil)
    #expect(reg.editionID(on: date("2023-08-02")) == "ed-2023-08")
    func amounts(_ r: Regulation) -> [Double] {
      guard case .rules(let rules)? = r.step("answer")?.deadline else { return [] }
      return rules.map(\.period.amount)
    }
    #expect(amounts(reg) == [8, 6, 2])
    #expect(amounts(reg.edition(on: date("2023-08-01"))) == [8, 2])
    #expect(amounts(reg.edition(on: date("2023-08-02"))) == [6, 2])
    // Non-human actor, AND across category groups, the overlap choice.
    #expect(reg.role("monitoring")?.actor == .system)
    #expect(reg.role("executor")?.actor == .body)
    #expect(reg.categories.map { $0.group ?? "" } == ["level", "level", "type", "type"])
    guard case .rules(let rules)? = reg.step("answer")?.deadline else { Issue.record("no rules"); return }
    #expect(rules[2].condition.allOf.map { $0.map(\.value) } == [["regional"], ["critical"]])
    #expect(reg.step("answer")?.overlap?.value == .earliest)
    // Overlapping rules the step resolves are reported as notes; rules of different editions never conflict.
    let conflicts = diagnostics.filter { $0.id == .deadlineConflict }
    #expect(conflicts.count == 2 && conflicts.allSatisfy { $0.severity == .note })
    #expect(!conflicts.contains { $0.message.en.contains("sets 8 рабочих часов, clause 4 sets 6") })
    // Obligations apart from reports; regime; answer requirements as audited attributes; a permissive exclusion.
    #expect(reg.obligations.map(\.kind) == ["coordination", "interaction"])
    #expect(reg.duties.map(\.id) == ["monthly-report"])
    #expect(reg.regime?.law59?.applies == false)
    #expect(reg.regime?.scope.first?.categories.map(\.value) == ["critical"])
    #expect(reg.answerRequirements.map(\.attribute) == ["on_merits", "format", "evidence"])
    #expect(reg.answerRequirements[2].values == ["photo", "video"])
    #expect(reg.exclusions.map(\.permissive) == [false, true])
    // A step the act assigns to nobody, with the authors' reading: a note; its assumption is not a clock reading.
    #expect(diagnostics.first { $0.id == .missingRole && $0.subject == "control" }?.severity == .note)
    #expect(reg.step("control")?.assumption != nil)
    #expect(!diagnostics.contains { $0.id == .implicitClock && $0.subject == "control" })
  }

  @Test func decreeApprovingAnnexesHasNoStepsAndSaysWhereTheyAre() throws {
    let (reg, diagnostics) = check("approving-decree.yaml")
    #expect(diagnostics.filter { $0.severity != .note }.isEmpty, "\(diagnostics.map(\.message.en))")
    #expect(reg.act.annexes.map(\.published) == ["separately", "separately"])
    #expect(reg.relatedActs.first?.file == "fragment-regulation.yaml")
    let noSteps = try #require(diagnostics.first { $0.id == .noSteps })
    #expect(noSteps.severity == .note && noSteps.notes.count == 3)
    #expect(reg.role("governor")?.assumption != nil)
  }

  @Test func emptyStepsWithoutExplanationIsAWarning() {
    let text = """
      reglament: 1
      act: {id: x, title: X, body: Y, kind: постановление}
      working_time: {time_zone: Europe/Moscow, schedule: {hours: {mon-fri: "09:00-18:00"}}}
      roles: [{id: a, name: a}]
      steps: []
      """
    let result = RegulationChecker.check(text: text, path: "x.yaml")
    #expect(result.diagnostics.map(\.id) == [.noSteps])
    #expect(result.diagnostics.first?.severity == .warning)
  }

  @Test func stepAssumptionIsNotInheritedAsAClockReading() throws {
    let text = """
      reglament: 1
      act: {id: x, title: X, body: Y, kind: постановление}
      working_time: {time_zone: Europe/Moscow, schedule: {hours: {mon-fri: "09:00-18:00"}}}
      roles: [{id: a, name: a}]
      steps:
        - id: publish
          role: a
          clause: "16"
          assumption: П. 16 не называет, кто размещает ответ.
          deadline: {amount: 30, clock: working-minutes, from: detected}
          outcomes: [{if: done, to: end}]
      """
    let result = RegulationChecker.check(text: text, path: "x.yaml")
    #expect(!result.diagnostics.contains { $0.id == .implicitClock })
    guard case .rules(let rules)? = result.regulation?.step("publish")?.deadline else { Issue.record("no rules"); return }
    #expect(rules[0].assumption == nil)
    #expect(result.regulation?.step("publish")?.assumption?.text == "П. 16 не называет, кто размещает ответ.")
  }

  @Test(arguments: ["9", "3.2", "12а", "1.2.3", "9, абз. 3", "прил. 1, п. 4", "приложение 2", "unnumbered", "преамбула",
    "п. 9", "4, подп. б"])
  func clauseGrammarAccepts(_ clause: String) { #expect(ClauseGrammar.isValid(clause)) }

  @Test(arguments: ["", "пункт девять", "9.", ".3", "3..2", "п.6 абзац второй", "9a", "IX"])
  func clauseGrammarRejects(_ clause: String) { #expect(!ClauseGrammar.isValid(clause)) }

  @Test(arguments: ["около 2020-02-24", "~2020-02-24", "2020-02", "2020", "2021-07-28"])
  func approximateDatesParse(_ text: String) { #expect(ApproximateDate(text: text) != nil) }

  @Test(arguments: ["2020-02-30", "24.02.2020", "около", "20-02-24", "2020-13"])
  func badDatesDoNotParse(_ text: String) { #expect(ApproximateDate(text: text) == nil) }
}

/// Russian places written in `time_zone:` get the IANA zone in the hint; every zone the table names is one the engine
/// accepts.
@Suite struct RussianTimeZoneTests {
  @Test(arguments: [("Севастополь", "Europe/Simferopol"), ("Пермь", "Asia/Yekaterinburg"), ("Пермский край", "Asia/Yekaterinburg"),
    ("г. Южно-Сахалинск", "Asia/Sakhalin"), ("Оха", "Asia/Sakhalin"), ("Москва", "Europe/Moscow"),
    ("Республика Крым", "Europe/Simferopol"), ("Свердловская область", "Asia/Yekaterinburg"), ("Калининград", "Europe/Kaliningrad"),
    ("Камчатский край", "Asia/Kamchatka"), ("Новосибирск", "Asia/Novosibirsk")])
  func placeFindsItsZone(_ place: String, _ zone: String) { #expect(RussianTimeZones.zone(for: place)?.zone == zone) }

  @Test func everyZoneOfTheTableIsKnown() {
    for (stem, zone) in RussianTimeZones.stems { #expect(RegulationTimeZone(identifier: zone) != nil, "\(stem) → \(zone)") }
  }

  @Test func unrelatedTextFindsNothing() {
    #expect(RussianTimeZones.zone(for: "UTC+25") == nil)
    #expect(RussianTimeZones.zone(for: "Europe/Mscow") == nil)
  }
}

/// The v1.1 example acts validate against the generated JSON Schema (Python's `jsonschema`, an independent validator).
@Suite struct LanguageV11SchemaTests {
  @Test func exampleActsValidate() throws {
    let output = try runPython("""
      import json, yaml, jsonschema, glob, sys
      root = sys.argv[1]
      v = jsonschema.Draft202012Validator(json.load(open(root + '/grammar/regulation.schema.json')))
      files = sorted(glob.glob(root + '/Tests/RegulationParserTests/Fixtures/v11/*.yaml'))
      bad = {f: [e.message for e in v.iter_errors(json.loads(json.dumps(yaml.safe_load(open(f, encoding='utf-8')), default=str)))][:3] for f in files}
      print(json.dumps({"files": len(files), "bad": {k: e for k, e in bad.items() if e}}))
      """, arguments: [repositoryRoot.path])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    #expect(json["files"] as? Int == 3)
    #expect((json["bad"] as? [String: Any])?.isEmpty == true, "\(json["bad"] ?? "")")
  }
}

/// Coverage over zero deadlines is not "100 %": nothing is covered, and the JSON says so with `null`.
@Suite struct EmptyCoverageTests {
  @Test func noDeadlineIsNotFullCoverage() throws {
    let path = LanguageV11Tests.directory.appendingPathComponent("approving-decree.yaml").path
    let reg = try #require(RegulationChecker.check(path: path).regulation)
    let coverage = TestCoverage(reg, covered: [])
    #expect(!coverage.isMeasurable)
    #expect(coverage.percent == 0)
    #expect(coverage.json(file: "x").serialized(pretty: false).contains("\"percent\":null"))
  }
}

/// Every section of the language that carries a clause also takes an `assumption` (the reading of what the act leaves
/// open) and a `held` (what we hold of that clause's text), except embedded tests and acknowledgements.
@Suite struct AssumptionEverywhereTests {
  @Test func everySectionWithAClauseTakesAnAssumption() {
    for object in RegulationLanguage.allObjects where object.field("clause") != nil {
      #expect(object.field("assumption") != nil, "\(object.name) has `clause` but no `assumption`")
    }
  }

  @Test func everySectionWithAClauseAndAQuoteTakesHeld() {
    for object in RegulationLanguage.allObjects where object.field("clause") != nil && object.field("quote") != nil {
      #expect(object.field("held") != nil, "\(object.name) has `clause` and `quote` but no `held`")
    }
  }
}

/// A system's step with no deadline is instantaneous (a note), and «допускается не отвечать» needs no consequence.
@Suite struct SystemActorAndPermissiveExclusionTests {
  static let text = """
    reglament: 1
    act: {id: x, title: X, body: Y, kind: постановление}
    working_time: {time_zone: Europe/Moscow, schedule: {hours: {mon-fri: "09:00-18:00"}}}
    roles:
      - {id: monitoring, name: система мониторинга, actor: system, clause: "2"}
      - {id: executor, name: исполнитель, clause: "3"}
    exclusions:
      - {id: off-topic, name: не по теме, modality: may, quote: допускается не отвечать, clause: "5"}
      - {id: abusive, name: оскорбления, clause: "6"}
    steps:
      - {id: dispatch, role: monitoring, clause: "2", outcomes: [{if: done, to: answer}]}
      - {id: answer, role: executor, clause: "3", deadline: {amount: 8, clock: working-hours, from: dispatch},
         outcomes: [{if: done, to: end}]}
    """

  @Test func findings() {
    let result = RegulationChecker.check(text: Self.text, path: "x.yaml")
    let missing = result.diagnostics.filter { $0.id == .missingDeadline }
    #expect(missing.map(\.subject) == ["dispatch"])
    #expect(missing.first?.severity == .note)
    let exclusions = result.diagnostics.filter { $0.id == .exclusionWithoutConsequence }
    #expect(exclusions.map(\.subject) == ["abusive"])
  }
}

/// A syntax error moves to an unclosed quote or a misindented key only when that is the mistake: legal multi-line
/// strings (quoted, or a plain value continued on a deeper line) leave an unrelated error where the reader stopped.
@Suite struct SyntaxErrorPlaceTests {
  static let tail = "roles:\n  - {id: a, name: b}\nsteps:\n  - id: x\n    quote: срок: 30 минут\n"

  func firstError(_ text: String) -> Diagnostic? {
    RegulationParser.parse(text: text, path: "x.yaml").diagnostics.first { $0.severity == .error }
  }

  @Test(arguments: ["reglament: 1\nact:\n  title: \"abc\n    def\"\n  body: x\n", "reglament: 1\nact:\n  title: abc\n    def ghi\n  body: x\n"])
  func legalMultiLineValuesKeepTheErrorInPlace(_ head: String) throws {
    let d = try #require(firstError(head + Self.tail))
    #expect(d.id == .yamlSyntax && d.range.start.line == 10)
    #expect(d.hint?.en.contains("must be quoted") == true)
  }

  @Test func overIndentedKeyAfterAValueIsFoundAtItsLine() throws {
    let d = try #require(firstError("reglament: 1\nworking_time:\n  time_zone: Europe/Moscow\n    schedule:\n      hours: {}\n"))
    #expect(d.range.start.line == 4 && d.message.en.contains("indented more"))
  }
}
