import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import RegulationParser
import Testing
import WorkingTime

/// Alternative readings (issue 12 item 4): an assumption lists the readings it rejected, each with the deadline it
/// would give; `check --readings all` reports findings that hold under some readings only; `deadlines --reading`
/// computes under one.
@Suite struct ReadingAnalysisTests {
  /// The overall limit is 3 calendar hours; drafting takes «2 часа» (chosen: calendar hours; rejected: working
  /// hours), publishing 30 calendar minutes after the draft. Read as calendar hours the draft and publication end at
  /// most 2 h 30 min after detection: fits. Read as working hours, a message detected on Friday at 17:00 gets its
  /// draft on Monday at 10:00 — past the 3-hour limit: infeasible. Worked out by hand, not by the analysis.
  static func regulation(extraAlternative: String = "") -> String {
    RuleExamples.regulation("Пример спорного места", """
      steps:
        - id: draft
          name: подготовка проекта ответа
          role: executor
          clause: "3"
          deadline:
            amount: 2
            clock: calendar-hours
            from: detected
            assumption:
              id: draft-clock
              text: «2 часа» без слова «рабочих» — календарные.
              rejected:
                - id: working
                  text: «2 часа» — рабочие часы.
                  clock: working-hours
      \(extraAlternative)
          outcomes:
            - {if: done, to: publish}
        - id: publish
          name: размещение ответа
          role: executor
          clause: "4"
          deadline: {amount: 30, clock: calendar-minutes, from: draft}
          outcomes:
            - {if: done, to: end}
      limits:
        - id: answer
          name: ответ
          until: publish
          clause: "2"
          deadline: {amount: 3, clock: calendar-hours, from: detected}
      """)
  }

  static func parse(_ text: String) -> RegulationParser.Result { RegulationParser.parse(text: text, path: "readings.yaml") }

  /// Line (1-based) of the first line of `text` containing `needle`.
  static func line(of needle: String, in text: String) -> Int {
    (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) } ?? -1) + 1
  }

  @Test func aRejectedReadingIsParsedAsTheChosenRuleWithItsKeysReplaced() throws {
    let text = Self.regulation()
    let parsed = Self.parse(text)
    #expect(parsed.diagnostics.filter { $0.severity == .error }.isEmpty, "\(parsed.diagnostics.map(\.message.en))")
    let reg = try #require(parsed.regulation)
    let points = reg.readingPoints
    try #require(points.count == 1)
    #expect(points[0].id == "draft-clock")
    #expect(points[0].range.start.line == Self.line(of: "id: draft-clock", in: text))
    let alternative = try #require(points[0].alternatives.first?.rule)
    #expect(alternative.period.clock == .workingHours)
    #expect(alternative.period.amount == 2)
    #expect(alternative.anchor?.value == .detected)
    // It keeps the chosen rule's place, so findings under either reading point at the same line.
    guard case .rules(let chosen)? = reg.steps[0].deadline else { Issue.record("no rule"); return }
    #expect(alternative.range == chosen[0].range)
    #expect(chosen[0].period.clock == .calendarHours)
  }

  @Test func applyingAReadingChangesTheDeadlineTheEngineComputes() throws {
    let reg = try #require(Self.parse(Self.regulation()).regulation)
    // Friday 2026-05-15 17:00 Moscow (an ordinary working Friday, 09:00–18:00, lunch 13–14).
    let detected = LocalTimestamp(date: try #require(CivilDate(iso: "2026-05-15")), hour: 17, minute: 0)
    func draftDue(_ r: Regulation) throws -> String? {
      let calc = DeadlineCalculator(try CompiledRegulation(r))
      let report = try DeadlineReport(calc, incident: Incident(detected: detected, categories: [], kind: nil, channel: nil,
        situations: nil, events: []), explain: false)
      return report.json(explain: false, language: .en).serialized(pretty: false)
    }
    let chosen = try #require(try draftDue(reg))
    let working = try #require(try draftDue(reg.applying(readings: ["draft-clock": "working"])))
    // Calendar: 17:00 + 2 h = 19:00. Working: 17:00–18:00 (1 h), Monday 09:00–10:00 (1 h) = Monday 10:00.
    #expect(chosen.contains("2026-05-15T19:00:00+03:00"))
    #expect(working.contains("2026-05-18T10:00:00+03:00"))
    #expect(!working.contains("2026-05-15T19:00:00+03:00"))
    // Unknown ids change nothing.
    #expect(reg.applying(readings: ["nosuch": "x", "draft-clock": "nosuch"]).steps == reg.steps)
  }

  @Test func aFindingThatHoldsUnderOneReadingOnlyIsReadingDependent() throws {
    let text = Self.regulation()
    let reg = try #require(Self.parse(text).regulation)
    let base = Analyzer.analyze(reg)
    #expect(!base.contains { $0.id == .deadlineInfeasible }, "as written the sub-deadlines fit")
    let result = ReadingAnalysis.compare(reg, base: base)
    #expect(result.combinations.count == 2)
    let dependent = result.diagnostics.filter { $0.id == .readingDependent }
    let infeasible = dependent.filter { $0.message.en.contains("`deadline-infeasible`") }
    try #require(infeasible.count == 1, "\(dependent.map(\.message.en))")
    #expect(infeasible[0].message.en.contains("«draft-clock=working»"))
    #expect(infeasible[0].message.ru.contains("верно при прочтениях: «draft-clock=working»"))
    #expect(infeasible[0].notes.first?.range?.start.line == Self.line(of: "id: draft-clock", in: text))
    #expect(infeasible[0].severity == .warning)
    // Through the checker, only with --readings all.
    #expect(!RegulationChecker.check(text: text, path: "r.yaml").diagnostics.contains { $0.id == .readingDependent })
    #expect(RegulationChecker.check(text: text, path: "r.yaml", readings: .all).diagnostics.contains {
      $0.id == .readingDependent && $0.message.en.contains("deadline-infeasible")
    })
  }

  @Test func aReadingUnderWhichTheActCannotBeComputedIsSaidSo() throws {
    // Read «от публикации», the draft would count from the publication that counts from the draft: a cycle.
    let text = Self.regulation().replacingOccurrences(of: "clock: working-hours", with: "from: publish")
    let parsed = Self.parse(text)
    #expect(parsed.diagnostics.filter { $0.severity == .error }.isEmpty, "the chosen reading has no cycle")
    let reg = try #require(parsed.regulation)
    let result = ReadingAnalysis.compare(reg, base: Analyzer.analyze(reg))
    #expect(result.diagnostics.contains { $0.id == .readingDependent && $0.message.en.contains("cannot be computed") })
  }

  @Test func badReadingsGetLocatedDiagnostics() {
    let unknownAnchor = Self.regulation().replacingOccurrences(of: "clock: working-hours", with: "from: nosuch")
    let d1 = Self.parse(unknownAnchor).diagnostics
    #expect(d1.contains { $0.id == .unknownReference && $0.range.start.line == Self.line(of: "from: nosuch", in: unknownAnchor) })

    let noText = Self.regulation().replacingOccurrences(of: "text: «2 часа» — рабочие часы.", with: "clock: working-minutes")
    #expect(Self.parse(noText).diagnostics.contains { $0.id == .missingField })

    // The rejected reading's items are indented as `- id: working` is.
    let text = Self.regulation()
    let item = text.split(separator: "\n").first { $0.contains("- id: working") }!
    let indent = String(item.prefix { $0 == " " })
    let twice = text.replacingOccurrences(of: "clock: working-hours",
      with: "clock: working-hours\n\(indent)- id: working\n\(indent)  text: ещё раз")
    #expect(Self.parse(twice).diagnostics.contains { $0.id == .duplicateID })

    let badClock = Self.regulation().replacingOccurrences(of: "clock: working-hours", with: "clock: workin-hours")
    #expect(Self.parse(badClock).diagnostics.contains {
      $0.id == .invalidValue && $0.range.start.line == Self.line(of: "workin-hours", in: badClock)
    })
    // A plain-text assumption stays valid everywhere.
    let plain = Self.regulation().replacingOccurrences(of: "id: draft-clock", with: "id: draft-clock")
    #expect(Self.parse(plain).diagnostics.filter { $0.severity == .error }.isEmpty)
  }

  @Test func combinationsAreBoundedByTryingEachReadingAlone() {
    let r = SourceRange(file: "f", line: 1, column: 1)
    func point(_ id: String, _ alts: [String]) -> ReadingPoint {
      ReadingPoint(id: id, range: r, chosen: "", alternatives: alts.map {
        RejectedReading(id: Located($0, at: r), text: "", range: r, rule: nil)
      })
    }
    let points = [point("a", ["x"]), point("b", ["y", "z"])]
    let (all, single) = ReadingAnalysis.combinations(of: points)
    #expect(all.count == 6 && !single)  // 2 × 3
    #expect(Set(all.map(\.choices)).count == 6)
    let (bounded, oneAtATime) = ReadingAnalysis.combinations(of: points, budget: 4)
    #expect(oneAtATime)
    #expect(bounded.map(\.choices) == [[:], ["a": "x"], ["b": "y"], ["b": "z"]])
  }

  /// A finding that says something else under another reading (a count of rounds that fit) is reading-dependent even
  /// though its rule and place stay; one that only measures differently (its spare time) is not. The analysis is
  /// replaced by a stand-in that states, per reading of `draft-clock`, what a rule would say, so the expectations do
  /// not come from the analysis under test.
  @Test func aFindingWhoseClaimChangesWithTheReadingIsReadingDependent() throws {
    let text = Self.regulation()
    let reg = try #require(Self.parse(text).regulation)
    let at = SourceRange(file: "readings.yaml", line: 40, column: 9)
    func working(_ r: Regulation) -> Bool {
      guard case .rules(let rules)? = r.steps[0].deadline else { return false }
      return rules[0].period.clock == .workingHours
    }
    func stated(_ r: Regulation) -> [Diagnostic] {
      let w = working(r)
      return [
        // The loop: 2 rounds fit as written, none when the draft counts working hours.
        Diagnostic(.reworkLimit, subject: "answer", message: .init(en: w ? "no round fits" : "2 round(s) fit",
          ru: w ? "не укладывается ни одного круга" : "укладывается кругов: 2"), at: at, clauses: ["14"],
          claim: FindingClaim(aspect: "loop rework", count: .exactly(w ? 0 : 2))),
        // The same rule at the same place about another loop: 1 round under both readings, spare time differs.
        Diagnostic(.reworkLimit, subject: "answer", message: .init(en: w ? "1 round fits, 5 min" : "1 round fits, 2 h",
          ru: w ? "1 круг, 5 мин" : "1 круг, 2 ч"), at: at, clauses: ["15"],
          claim: FindingClaim(aspect: "loop return", count: .exactly(1))),
      ]
    }
    let result = ReadingAnalysis.compare(reg, base: stated(reg), analyze: stated)
    let dependent = result.diagnostics.filter { $0.id == .readingDependent }
    try #require(dependent.count == 1, "\(dependent.map(\.message.en))")
    let d = dependent[0]
    #expect(d.severity == .warning)
    #expect(d.range == at)
    #expect(d.clauses == ["14"])
    #expect(d.message.en.contains("under the readings the chosen one (as written): «2 round(s) fit»"), "\(d.message.en)")
    #expect(d.message.en.contains("under the readings «draft-clock=working»: «no round fits»"), "\(d.message.en)")
    #expect(d.message.ru.contains("при прочтениях «draft-clock=working»: «не укладывается ни одного круга»"))
    #expect(d.notes.first?.range?.start.line == Self.line(of: "id: draft-clock", in: text))
    #expect(!d.message.en.contains("1 round"))
  }

  /// Усть-Лабинск, п. 14–15 and п. 9: as written (30 calendar minutes to approve) 2 rework rounds fit in the 8 working
  /// hours of п. 9; read as 30 working minutes, the path without rework already overruns п. 9 (docs/FINDINGS.md,
  /// «Спорные места»), so no round fits. The count changes with the reading of «30 минут»: reading-dependent.
  @Test func ustLabinskReworkCountDependsOnTheApprovalMinutes() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("regulations/000-ust-labinsk.yaml")
    let text = try String(contentsOf: url, encoding: .utf8)
    let checked = RegulationChecker.check(text: text, path: "000-ust-labinsk.yaml", readings: .all).diagnostics
    let rework = checked.filter { $0.id == .readingDependent && $0.message.en.contains("`rework-limit`") }
    try #require(rework.count == 1, "\(checked.filter { $0.id == .readingDependent }.map(\.message.en))")
    let en = rework[0].message.en
    #expect(en.contains("`approve-30-minutes`"), "\(en)")
    #expect(en.contains("rework round (rework → approve; clause 14, 15): 2 round(s) fit"), "\(en)")
    #expect(en.contains("«approve-30-minutes=working-minutes»: «`answer`: the path without repeats already overruns"), "\(en)")
    #expect(en.contains("no round fits"), "\(en)")
    #expect(rework[0].range.start.line == Self.line(of: "  - id: answer", in: text))
  }
}
