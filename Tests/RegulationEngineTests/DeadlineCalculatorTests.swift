import Foundation
import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import RegulationParser
import TestSupport
import Testing
import WorkingTime


func load(_ name: String) throws -> (Regulation, DeadlineCalculator) {
  let result = RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/\(name)").path)
  let reg = try #require(result.regulation)
  return (reg, try #require(DeadlineCalculator(regulation: reg)))
}

extension [ProjectedDeadline] {
  /// The deadline of a step, limit or duty by id (its first row).
  func row(_ id: String, _ calc: DeadlineCalculator) -> ProjectedDeadline? { first { calc.id(of: $0) == id } }
  func due(_ id: String, _ calc: DeadlineCalculator) -> String? {
    row(id, calc)?.due.instant.map(calc.time.timeZone.iso)
  }
  /// The explanation of a row, rendered in a language.
  func explanation(_ id: String, _ calc: DeadlineCalculator, _ lang: Language = .ru) -> [ExplanationLine] {
    FactRenderer(calc.compiled, language: lang).lines(row(id, calc)?.facts ?? [])
  }
}

@Suite struct DeadlineCalculatorTests {
  @Test func overlayCategoryTakesPrecedence() throws {
    let (_, calc) = try load("004-krasnoufimsk.yaml")
    let t0 = calc.time.timeZone.parseDateTime("2026-03-17T10:00")!
    let ordinary = try calc.deadlines(for: Incident(detected: t0, categories: ["обычные"]))
    let important = try calc.deadlines(for: Incident(detected: t0, categories: ["обычные", "повышенной важности"]))
    let tz = calc.time.timeZone
    #expect(ordinary.due("answer", calc) == "2026-03-17T17:00:00+05:00")
    #expect(important.due("answer", calc) == "2026-03-17T13:00:00+05:00")
    // The 4-hour limit of п. 8 exists only for «повышенной важности».
    #expect(ordinary.row("important-reaction", calc) == nil)
    #expect(important.due("important-reaction", calc) == "2026-03-17T15:00:00+05:00")
  }

  @Test func aliasesNameCategories() throws {
    let (_, calc) = try load("004-krasnoufimsk.yaml")
    let (profile, _) = try calc.resolve(Incident(detected: calc.time.timeZone.parseDateTime("2026-03-17T10:00")!, categories: ["фаст-трек"]))
    #expect(calc.compiled.categoryNames(profile) == ["решаемые"])
    #expect(throws: EngineError.self) {
      try calc.resolve(Incident(detected: calc.time.timeZone.parseDateTime("2026-03-17T10:00")!, categories: ["срочные"]))
    }
  }

  @Test func recordedEventsMoveLaterDeadlines() throws {
    let (_, calc) = try load("004-krasnoufimsk.yaml")
    let tz = calc.time.timeZone
    let t0 = tz.parseDateTime("2026-03-17T10:00")!
    let without = try calc.deadlines(for: Incident(detected: t0, categories: ["ordinary"]))
    #expect(without.due("route", calc) == nil, "reading has no deadline, so routing cannot be computed")
    #expect(without.row("route", calc)?.due.issue == .anchorUnknown(step: calc.compiled.stepIndex("read")!))
    let with = try calc.deadlines(for: Incident(detected: t0, categories: ["ordinary"], events: [
      ("read", tz.parseDateTime("2026-03-17T11:00")!), ("answer", tz.parseDateTime("2026-03-17T12:00")!),
    ]))
    #expect(with.due("route", calc) == "2026-03-17T11:30:00+05:00")
    // Approval counts from the draft actually sent at 12:00, not from the draft's deadline.
    #expect(with.due("approve", calc) == "2026-03-17T12:30:00+05:00")
  }

  @Test func reworkRestartsApprovalWhenRecorded() throws {
    let (_, calc) = try load("003-lipetsk.yaml")
    let tz = calc.time.timeZone
    let inc = Incident(detected: tz.parseDateTime("2026-03-17T10:00")!, events: [
      ("draft", tz.parseDateTime("2026-03-18T09:00")!), ("rework", tz.parseDateTime("2026-03-18T11:20")!),
    ])
    let d = try calc.deadlines(for: inc)
    #expect(d.due("approve", calc) == "2026-03-18T12:20:00+03:00")
    #expect(d.explanation("approve", calc).contains { $0.label == "«rework» выполнено (факт)" })
  }

  @Test func relativeAndCappedDeadlines() throws {
    let (_, calc) = try load("001-stavropol.yaml")
    let tz = calc.time.timeZone
    let inc = Incident(detected: tz.parseDateTime("2026-03-17T09:40")!, events: [
      ("route", tz.parseDateTime("2026-03-17T10:00")!), ("approve-cur", tz.parseDateTime("2026-03-17T14:50")!),
    ])
    let d = try calc.deadlines(for: inc, explain: true)
    // п. 12: 1,5 working hours before the п. 11 deadline (15:00).
    #expect(d.due("draft", calc) == "2026-03-17T12:30:00+03:00")
    // п. 14: 30 minutes after the ЦУР approval, but not later than the п. 11 deadline.
    #expect(d.due("publish", calc) == "2026-03-17T15:00:00+03:00")
    #expect(d.explanation("publish", calc).contains { $0.text.contains("не позднее срока «answer»") })
    #expect(d.explanation("publish", calc, .en).contains { $0.text.contains("but not later than the deadline of `answer`") })
  }

  @Test func okhaCountsTwentyFourHoursFromPosting() throws {
    let (_, calc) = try load("002-okha.yaml")
    let tz = calc.time.timeZone
    let d = try calc.deadlines(for: Incident(detected: tz.parseDateTime("2026-05-08T16:30")!))
    #expect(d.due("process", calc) == "2026-05-12T16:30:00+11:00")
    #expect(d.row("process", calc)?.rule?.period.clock == .workingDayHours)
  }

  @Test func reportJSONHasTheContractFields() throws {
    let (_, calc) = try load("004-krasnoufimsk.yaml")
    let inc = Incident(detected: calc.time.timeZone.parseDateTime("2026-05-08T17:40")!)
    let report = try DeadlineReport(calc, incident: inc, explain: true)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json(explain: true, language: .ru).serialized().utf8)) as? [String: Any])
    #expect(json["regulation"] as? String == "krasnoufimsk-2021-83")
    #expect(json["time_zone"] as? String == "Asia/Yekaterinburg")
    #expect(json["detected"] as? String == "2026-05-08T17:40:00+05:00")
    #expect(json["category"] as? String == "обычные")
    let answer = try #require((json["deadlines"] as? [[String: Any]])?.first { $0["step"] as? String == "answer" })
    #expect(answer["clause"] as? String == "12")
    #expect(answer["role"] as? String == "executor")
    #expect(answer["due"] as? String == "2026-05-12T16:00:00+05:00")
    #expect(answer["clock"] as? String == "working-hours")
    #expect(answer["amount"] as? String == "PT6H")
    #expect(answer["anchor"] as? String == "detected")
    #expect((answer["explanation"] as? [String])?.contains { $0.contains("09.05–11.05") } == true)
  }
}

@Suite struct OverlayAloneTests {
  @Test func overlayGivenAloneLiesOverItsFirstBaseCategory() throws {
    let (_, calc) = try load("004-krasnoufimsk.yaml")
    let (profile, _) = try calc.resolve(Incident(detected: calc.time.timeZone.parseDateTime("2026-03-17T10:00")!, categories: ["повышенной важности"]))
    #expect(calc.compiled.categoryNames(profile) == ["обычные", "повышенной важности"])
  }
}

@Suite struct RoleScheduleTests {
  /// A step counts in its role's schedule (an operator on shifts, weekends included); an overall limit in the
  /// organisation's.
  @Test func stepsCountInTheirRolesSchedule() throws {
    let text = """
      reglament: 1
      act: {id: shifts, title: Пример, body: Пример, kind: постановление}
      working_time:
        time_zone: Europe/Moscow
        schedule: {hours: {mon-fri: "09:00-18:00"}, breaks: ["13:00-14:00"]}
        role_schedules:
          - {role: operator, hours: {mon-sun: "08:00-20:00"}}
      roles:
        - {id: operator, name: оператор}
        - {id: executor, name: исполнитель}
      steps:
        - {id: route, role: operator, clause: "1", deadline: {amount: 30, clock: working-minutes}, outcomes: [{if: done, to: draft}]}
        - {id: draft, role: executor, clause: "2", deadline: {amount: 30, clock: working-minutes, from: route}, outcomes: [{if: done, to: end}]}
      limits:
        - {id: answer, until: draft, clause: "3", deadline: {amount: 1, clock: working-hours}}
      """
    let reg = try #require(RegulationParser.parse(text: text, path: "shifts.yaml").regulation)
    let calc = try #require(DeadlineCalculator(regulation: reg))
    let tz = calc.time.timeZone
    // Saturday 21.03.2026 10:00: the operator works, the executor and the organisation do not.
    let d = try calc.deadlines(for: Incident(detected: tz.parseDateTime("2026-03-21T10:00")!), explain: true)
    #expect(d.due("route", calc) == "2026-03-21T10:30:00+03:00")
    #expect(d.explanation("route", calc).contains { $0.label == "график роли" })
    #expect(d.due("draft", calc) == "2026-03-23T09:30:00+03:00")
    #expect(d.due("answer", calc) == "2026-03-23T10:00:00+03:00")
    // 8 March 2026 is a Sunday holiday; its transfer, Monday 9 March, is off for the operator too.
    let h = try calc.deadlines(for: Incident(detected: tz.parseDateTime("2026-03-09T10:00")!))
    #expect(h.due("route", calc) == "2026-03-10T08:30:00+03:00")
  }
}

/// Language v1.1 in the engine: editions in force on the detection date, `all_of` conditions across two axes, the
/// earliest of overlapping rules when the act is silent, a monitoring system's dispatch as an instantaneous step.
/// Expected values computed by hand (Europe/Simferopol, mon–fri 09:00–18:00, break 13:00–14:00).
@Suite struct LanguageV11EngineTests {
  @Test(arguments: [
    ("2023-07-03T10:00", ["municipal", "ordinary"], "2023-07-04T10:00:00+03:00"),
    ("2023-07-03T10:00", ["regional", "ordinary"], "2023-07-04T10:00:00+03:00"),
    ("2023-07-03T10:00", ["regional", "critical"], "2023-07-03T12:00:00+03:00"),
    ("2023-08-07T10:00", ["municipal", "ordinary"], "2023-08-07T17:00:00+03:00"),
    ("2023-08-07T10:00", ["regional", "critical"], "2023-08-07T12:00:00+03:00"),
  ]) func editionsAxesAndOverlaps(_ detected: String, _ categories: [String], _ answer: String) throws {
    let path = repositoryRoot.appendingPathComponent("Tests/RegulationParserTests/Fixtures/v11/fragment-regulation.yaml").path
    let whole = try #require(RegulationParser.parse(path: path).regulation)
    let probe = try #require(DeadlineCalculator(regulation: whole))
    let t0 = try #require(probe.time.timeZone.parseDateTime(detected))
    let calc = try #require(DeadlineCalculator(regulation: whole.edition(on: t0.date)))
    let d = try calc.deadlines(for: Incident(detected: t0, categories: categories))
    #expect(d.due("answer", calc) == answer)
    #expect(d.due("dispatch", calc) == calc.time.timeZone.iso(t0), "the system dispatches at detection")
  }
}
