import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import RegulationParser
import TestSupport
import Testing

/// `reglament diff` on hand-made OLD/NEW pairs (Tests/RegulationAnalysisTests/Fixtures/diff): the changes, the
/// deadline moves and the findings are written here by hand, each move computed from the calendar in the comments.
@Suite struct DiffTests {
  static let fixtures = repositoryRoot.appendingPathComponent("Tests/RegulationAnalysisTests/Fixtures/diff")

  static func pair(_ name: String) throws -> RegulationDiff {
    let old = fixtures.appendingPathComponent("\(name).old.yaml").path
    let new = fixtures.appendingPathComponent("\(name).new.yaml").path
    return try RegulationDiff.compare(old: RegulationParser.parse(path: old), oldLabel: "\(name).old.yaml",
      new: RegulationParser.parse(path: new), newLabel: "\(name).new.yaml")
  }

  static func texts(_ old: String, _ new: String) throws -> RegulationDiff {
    try RegulationDiff.compare(old: RegulationParser.parse(text: old, path: "old.yaml"), oldLabel: "old.yaml",
      new: RegulationParser.parse(text: new, path: "new.yaml"), newLabel: "new.yaml")
  }

  /// `(detected, calendar minutes, working minutes)` of every move of a group, by the detection's wall-clock text.
  func minutes(_ g: DeadlineMoveGroup) -> [String: (Int?, Int?)] {
    Dictionary(uniqueKeysWithValues: g.moves.map { m in
      (String(m.detected.prefix(16)), (m.calendarSeconds.map { $0 / 60 }, m.workingSeconds.map { $0 / 60 }))
    })
  }

  func group(_ d: RegulationDiff, _ categories: [String], _ id: String) -> DeadlineMoveGroup? {
    d.moves.first { $0.profile.categories == categories && $0.id == id }
  }

  // MARK: - amount: п. 6, 4 → 6 working hours

  @Test func amountChangeIsOneFieldOfOneStep() throws {
    let d = try Self.pair("amount")
    #expect(d.changes.count == 1)
    let c = try #require(d.changes.first)
    #expect(c.kind == .modified && c.section == "steps" && c.id == "answer" && c.clauses == ["6"])
    #expect(c.fields == [FieldChange(key: "deadline.amount", old: "4", new: "6")])
    #expect(d.hasChanges)
  }

  @Test func amountChangeMovesOnlyTheAnswerByTwoWorkingHours() throws {
    let d = try Self.pair("amount")
    // `route` keeps its 30 working minutes: only `answer` moves.
    #expect(d.moves.map(\.id) == ["answer"])
    let g = try #require(group(d, ["ordinary"], "answer"))
    #expect(g.moves.count == 21 && g.of == 21)
    let m = minutes(g)
    // Two more working hours everywhere. In calendar time +2 h, except where the old deadline ended exactly at
    // 13:00, when the lunch break 13:00–14:00 adds an hour:
    //   fri 06.03 17:30: route 18:00; old answer tue 10.03 09:00–13:00 → 13:00; new 14:00–16:00 → 16:00 (+3 h)
    //   thu 30.04 16:30 (shortened day, ends 17:00): route 17:00; old mon 04.05 13:00; new 16:00 (+3 h)
    //   fri 08.05 16:00 (shortened): route 16:30; old 16:30–17:00 + tue 12.05 09:00–12:30; new → 15:30 (+3 h)
    //   wed 30.12 17:30: route 18:00; 31.12–10.01 off; old mon 11.01.2027 13:00; new 16:00 (+3 h)
    let plusThree: Set = ["2026-03-06T17:30", "2026-04-30T16:30", "2026-05-08T16:00", "2026-12-30T17:30"]
    for (at, (calendar, working)) in m {
      #expect(working == 120, "\(at)")
      #expect(calendar == (plusThree.contains(at) ? 180 : 120), "\(at)")
    }
    // wed 04.03 12:45: route 12:45–13:00 + 14:00–14:15 → 14:15; old 14:15–18:00 + thu 09:00–09:15; new → 11:15.
    let lunch = try #require(g.moves.first { $0.detected.hasPrefix("2026-03-04T12:45") })
    #expect(lunch.oldISO == "2026-03-05T09:15:00+03:00" && lunch.newISO == "2026-03-05T11:15:00+03:00")
    let victory = try #require(g.moves.first { $0.detected.hasPrefix("2026-05-08T16:00") })
    #expect(victory.oldISO == "2026-05-12T12:30:00+03:00" && victory.newISO == "2026-05-12T15:30:00+03:00")
    #expect(d.findings.appeared.isEmpty && d.findings.disappeared.isEmpty)
  }

  // MARK: - rename: draft → prepare, calendar hours, a new category and step

  @Test func renameAndSectionChanges() throws {
    let d = try Self.pair("rename")
    let summary = d.changes.map { c in
      "\(c.kind.rawValue) \(c.section) \(c.oldID.map { $0 + "→" } ?? "")\(c.id): "
        + c.fields.map { "\($0.key)=\($0.old ?? "∅")→\($0.new ?? "∅")" }.joined(separator: ", ")
    }
    #expect(summary == [
      "modified act act: date=2025-01-10→2026-02-01",
      "added categories solvable: name=∅→решаемые, clause=∅→2",
      "modified exclusions abusive: consequence=∅→no-answer",
      "modified steps route: outcomes[done]=draft→prepare",
      "renamed steps draft→prepare: deadline.clock=working-hours→calendar-hours",
      "modified steps publish: deadline.from=draft→prepare, outcomes[done]=end→notify",
      "added steps notify: name=∅→уведомление руководителя, clause=∅→8, deadline.amount=∅→1, "
        + "deadline.clock=∅→working-days, deadline.from=∅→publish, outcomes[done]=∅→end",
    ])
  }

  @Test func renamedStepIsComparedWithItself() throws {
    let d = try Self.pair("rename")
    // 2 working hours became 2 calendar hours after `route`; they differ only when route ends at or after the close:
    //   fri 06.03 17:30: route fri 18:00; old tue 10.03 11:00 (7–9.03 off); new fri 20:00 → −3 d 15 h, −2 working h
    //   thu 30.04 16:30: route 17:00 (shortened); old mon 04.05 11:00; new thu 19:00 → −3 d 16 h, −2 working h
    //   fri 08.05 16:00: route 16:30; old 16:30–17:00 + tue 12.05 09:00–10:30; new fri 18:30 → −3 d 16 h, −1 h 30
    //   wed 30.12 17:30: route 18:00; old mon 11.01.2027 11:00; new wed 20:00 → −11 d 15 h, −2 working h
    let prepare = try #require(group(d, ["ordinary"], "prepare"))
    let m = minutes(prepare)
    #expect(m.count == 4)
    #expect(m["2026-03-06T17:30"]! == (-(3 * 1440 + 15 * 60), -120))
    #expect(m["2026-04-30T16:30"]! == (-(3 * 1440 + 16 * 60), -120))
    #expect(m["2026-05-08T16:00"]! == (-(3 * 1440 + 16 * 60), -90))
    #expect(m["2026-12-30T17:30"]! == (-(11 * 1440 + 15 * 60), -120))
    // `publish` (30 working minutes after prepare) follows: tue 11:30 → tue 09:30 etc.
    let publish = minutes(try #require(group(d, ["ordinary"], "publish")))
    #expect(publish.count == 4 && publish["2026-05-08T16:00"]! == (-90, -90) && publish["2026-03-06T17:30"]! == (-120, -120))
    // The added step appears at every instant; the new category has every deadline only in the new version.
    #expect(group(d, ["ordinary"], "notify")?.moves.allSatisfy { $0.oldDue == nil && $0.newDue != nil } == true)
    #expect(d.moves.filter { $0.profile.categories == ["solvable"] }.map(\.id) == ["route", "prepare", "publish", "notify"])
    #expect(group(d, ["ordinary"], "draft") == nil && group(d, ["ordinary"], "route") == nil)
  }

  @Test func findingsAppearAndDisappear() throws {
    let d = try Self.pair("rename")
    #expect(d.findings.appeared.map { "\($0.id.rawValue) \($0.subject ?? "")" } == ["missing-role notify"])
    #expect(d.findings.disappeared.map { "\($0.id.rawValue) \($0.subject ?? "")" } == ["exclusion-without-consequence abusive"])
    #expect(d.findings.appeared.first?.range.start.line == 22)
  }

  // MARK: - schedule: lunch 13:00–14:00 → 12:00–12:45

  @Test func scheduleChangeMovesTheOverallDeadlineEverywhere() throws {
    let d = try Self.pair("schedule")
    #expect(d.changes.map { "\($0.section) \($0.fields.map(\.key))" } == ["working_time [\"schedule\"]"])
    // The day has 15 working minutes more (8 h 15 min), so 8 working hours end 15 minutes earlier on the next day:
    //   tue 03.03 10:00: old 10–13, 14–18 (7 h) + wed 09–10 → wed 10:00; new 10–12, 12:45–18 (7 h 15) + 09–09:45.
    //   wed 04.03 12:45: old 12:45–13 + 14–18 (4 h 15) + thu 09–12:45 (the lunch 13–14 ahead) → thu 12:45;
    //                    new 12:45–18 (5 h 15) + thu 09:00–11:45 → 11:45: −1 h calendar, −15 working (11:45–12:00).
    let total = minutes(try #require(group(d, [], "total")))
    #expect(total.count == 21)
    #expect(total["2026-03-03T10:00"]! == (-15, -15))
    #expect(total["2026-03-04T12:45"]! == (-60, -15))
    // 2 working hours from detection move only when they cross the lunch: wed 12:45 → old 15:45, new 14:45.
    let answer = minutes(try #require(group(d, [], "answer")))
    #expect(answer.count == 1 && answer["2026-03-04T12:45"]! == (-60, -60))
  }

  // MARK: - no change, reordering, conditions

  static let base = RuleExamples.header(actID: "d", title: "Пример") + """
    categories:
      - {id: ordinary, name: обычные}
      - {id: important, name: повышенной важности, overlay: true, applies_to: [ordinary]}
    steps:
      - id: answer
        role: executor
        clause: "12"
        outcomes: [{if: done, to: end}]
        deadline:
          - {when: {category: ordinary}, amount: 6, clock: working-hours}
          - {when: {category: important}, amount: 3, clock: working-hours}
    limits:
      - {id: total, until: answer, clause: "9", deadline: {amount: 8, clock: working-hours}}

    """

  @Test func commentsLayoutAndRuleOrderAreNoChange() throws {
    let ordinary = "      - {when: {category: ordinary}, amount: 6, clock: working-hours}\n"
    let important = "      - {when: {category: important}, amount: 3, clock: working-hours}\n"
    #expect(Self.base.contains(ordinary + important))
    let reordered = Self.base.replacingOccurrences(of: ordinary + important, with: "      # п. 12, в обратном порядке\n"
      + important + "      - when: {category: ordinary}\n        amount: 6\n        clock: working-hours\n")
    #expect(reordered != Self.base)
    let d = try Self.texts(Self.base, reordered)
    #expect(!d.hasChanges, "\(d.changes)")
    #expect(DiffReport(d, language: .en).text().hasSuffix("No changes.\n"))
  }

  @Test func beforeAndCapChangesAreFieldsOfTheRuleForTheirCategory() throws {
    let new = Self.base.replacingOccurrences(of: "{when: {category: important}, amount: 3, clock: working-hours}",
      with: "{when: {category: important}, amount: 3, clock: working-hours, not_later_than: total}")
    let d = try Self.texts(Self.base, new)
    #expect(d.changes.count == 1)
    #expect(d.changes.first?.fields == [FieldChange(key: "deadline[category: important].not_later_than", old: nil, new: "total")])
    // 3 working hours always end before 8: the cap never bites, so no deadline moves.
    #expect(d.moves.isEmpty)
  }

  @Test func overlayProfileMovesWhenItsRuleChanges() throws {
    let new = Self.base.replacingOccurrences(of: "{when: {category: important}, amount: 3, clock: working-hours}",
      with: "{when: {category: important}, amount: 4, clock: working-hours}")
    let d = try Self.texts(Self.base, new)
    #expect(d.moves.map { "\($0.profile.categories.joined(separator: "+")) \($0.id)" } == ["ordinary+important answer"])
    // tue 03.03 10:00: 3 h → 13:00; 4 h → 15:00 (the lunch hour in between): +1 working hour, +2 calendar hours.
    let g = try #require(d.moves.first)
    #expect(minutes(g)["2026-03-03T10:00"]! == (120, 60))
  }

  // MARK: - findings matching

  @Test func findingsMatchByIDAndSubjectThroughRenames() {
    let at = SourceRange(file: "f", line: 1, column: 1)
    func f(_ id: DiagnosticID, _ subject: String?, _ message: String) -> Diagnostic {
      Diagnostic(id, subject: subject, message: .init(en: message, ru: message), at: at)
    }
    let old = [f(.missingDeadline, "draft", "a"), f(.missingRole, "x", "b"), f(.missingRole, "x", "c")]
    let new = [f(.missingDeadline, "prepare", "a2"), f(.missingRole, "x", "c"), f(.deadEndOutcome, "y", "d")]
    let changes = FindingChanges.compare(old: old, new: new, renames: ["draft": "prepare"])
    #expect(changes.appeared.map(\.message.en) == ["d"])
    #expect(changes.disappeared.map(\.message.en) == ["b"])
    #expect(changes.unchanged == 2)
  }

  // MARK: - renderings

  @Test func renderingsSpeakOneLanguageAndCarryTheContractFields() throws {
    let d = try Self.pair("rename")
    let ru = DiffReport(d, language: .ru).text(), en = DiffReport(d, language: .en).text()
    #expect(ru.contains("Что изменилось") && ru.contains("шаг `draft` → `prepare` (п. 6): переименовано"))
    #expect(!ru.contains("What changed") && !ru.contains("calendar time") && !ru.contains("instants"))
    #expect(en.contains("step `draft` → `prepare` (clause 6): renamed"))
    #expect(!en.contains("изменено") && !en.contains("рабочих") && !en.contains("моментов"))
    let md = DiffReport(d, language: .en).markdown()
    #expect(md.contains("| Item | Clause | Change |") && md.contains("<details>"))
    let json = try #require(JSONSerialization.jsonObject(with: Data(DiffReport(d, language: .en).json().serialized().utf8))
      as? [String: Any])
    #expect(json["changed"] as? Bool == true)
    #expect((json["instants"] as? [Any])?.count == 21)
    let moves = try #require(json["deadline_moves"] as? [[String: Any]])
    let prepare = try #require(moves.first { $0["id"] as? String == "prepare" && ($0["categories"] as? [String]) == ["ordinary"] })
    let first = try #require((prepare["moves"] as? [[String: Any]])?.first)
    #expect(first["detected"] as? String == "2026-03-06T17:30:00+03:00")
    #expect(first["old_due"] as? String == "2026-03-10T11:00:00+03:00" && first["new_due"] as? String == "2026-03-06T20:00:00+03:00")
    #expect(first["calendar_minutes"] as? Int == -(3 * 1440 + 15 * 60) && first["working_minutes"] as? Int == -120)
    let findings = try #require(json["findings"] as? [String: Any])
    #expect((findings["appeared"] as? [[String: Any]])?.first?["id"] as? String == "missing-role")
  }

  @Test func aVersionWithErrorsIsBadInput() {
    #expect(throws: RegulationDiff.InputError.self) {
      try Self.texts(Self.base, "reglament: 1\nact: [oops\n")
    }
  }

  // MARK: - git revisions

  @discardableResult
  func git(_ args: [String], in dir: URL) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"] + args
    p.currentDirectoryURL = dir
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
  }

  @Test func gitRevisionsOfOneFile() throws {
    let repo = FileManager.default.temporaryDirectory.appendingPathComponent("reglament-diff-\(UUID().uuidString)")
    let sub = repo.appendingPathComponent("acts")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: repo) }
    let file = sub.appendingPathComponent("act.yaml")
    let oldText = try String(contentsOf: Self.fixtures.appendingPathComponent("amount.old.yaml"), encoding: .utf8)
    let newText = try String(contentsOf: Self.fixtures.appendingPathComponent("amount.new.yaml"), encoding: .utf8)
    #expect(try git(["init", "-q"], in: repo) == 0)
    try oldText.write(to: file, atomically: true, encoding: .utf8)
    #expect(try git(["add", "."], in: repo) == 0 && git(["commit", "-qm", "old"], in: repo) == 0)
    try newText.write(to: file, atomically: true, encoding: .utf8)
    #expect(try git(["commit", "-qam", "new"], in: repo) == 0)
    // Read from the file's own directory (a subdirectory of the repository), not from the current one.
    #expect(try GitRevision.text(of: file.path, at: "HEAD~1") == oldText)
    #expect(try GitRevision.text(of: file.path, at: "HEAD") == newText)
    let d = try RegulationDiff.compare(
      old: RegulationParser.parse(text: GitRevision.text(of: file.path, at: "HEAD~1"), path: "act.yaml@HEAD~1"),
      oldLabel: "act.yaml@HEAD~1",
      new: RegulationParser.parse(text: GitRevision.text(of: file.path, at: "HEAD"), path: "act.yaml@HEAD"),
      newLabel: "act.yaml@HEAD")
    #expect(d.changes.map(\.fields) == [[FieldChange(key: "deadline.amount", old: "4", new: "6")]])
    #expect(d.moves.map(\.id) == ["answer"])
    #expect(throws: GitRevisionError.self) { try GitRevision.text(of: file.path, at: "no-such-revision") }
    #expect(throws: GitRevisionError.self) { try GitRevision.text(of: file.path, at: "--output=/tmp/x") }
  }
  // MARK: - a deadline counted from a step without one

  /// Krasnoufimsk п. 10: routing is due 30 working minutes after reading, and reading has no deadline. Changing 30 to
  /// 45 must show: reading is taken as done at detection, so routing moves by exactly 15 working minutes at every
  /// instant (it used to say "no deadline moves", every routing deadline being unknown).
  @Test func aDeadlineCountedFromAStepWithoutOneMovesFromDetection() throws {
    let old = try String(contentsOf: repositoryRoot.appendingPathComponent("regulations/004-krasnoufimsk.yaml"),
      encoding: .utf8)
    let rule = "      amount: 30\n      clock: working-minutes\n      from: [read, return]"
    #expect(old.contains(rule))
    let new = old.replacingOccurrences(of: rule, with: rule.replacingOccurrences(of: "30", with: "45"))
    let d = try Self.texts(old, new)
    #expect(d.assumedDoneAtDetection == ["read"])
    let route = try #require(group(d, ["ordinary"], "route"), "\(d.moves.map { "\($0.profile.categories) \($0.id)" })")
    #expect(route.moves.count == d.instants.count)
    #expect(route.moves.allSatisfy { $0.workingSeconds == 15 * 60 })
    #expect(DiffReport(d, language: .en).text().contains("(`read`) are taken as done at detection"))
  }
}
