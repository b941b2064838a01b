import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// Dates the production calendar has no data for: an act in force after the covered years, calendar additions that
/// fall outside them.
public struct CalendarCoverageRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .calendarCoverage }
  public var severity: Severity { .note }
  public var description: LocalizedText {
    .init(en: "The production calendar must cover the dates the regulation uses.",
      ru: "Производственный календарь должен покрывать даты, которые использует регламент.")
  }
  public var triggering: [String] {
    [
      """
      reglament: 1
      act: {id: example, title: "День города за пределами календаря", body: Администрация муниципального образования, kind: постановление}
      working_time:
        time_zone: Europe/Moscow
        schedule: {hours: {mon-fri: "09:00-18:00"}, breaks: ["13:00-14:00"]}
        calendar:
          base: ru
          days_off:
            - {date: 2031-09-01, note: день города}
      #       ^ calendar-coverage
      roles:
        - {id: curator, name: куратор (направляет сообщения)}
      steps:
        - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
           deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: end}]}
      """,
      """
      reglament: 1
      act: {id: example, title: "Тест в году без календаря", body: Администрация муниципального образования, kind: постановление}
      working_time:
        time_zone: Europe/Moscow
        schedule: {hours: {mon-fri: "09:00-18:00"}, breaks: ["13:00-14:00"]}
      roles:
        - {id: curator, name: куратор (направляет сообщения)}
      steps:
        - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
           deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: end}]}
      tests:
        - name: слишком поздно
          detected: 2031-03-03T10:00
      #             ^ calendar-coverage warning
          expect: {route: 2031-03-03T10:30}
      """,
    ]
  }
  public var passing: [String] {
    [
      """
      reglament: 1
      act: {id: example, title: "День города и тест в 2026 году", body: Администрация муниципального образования, kind: постановление}
      working_time:
        time_zone: Europe/Moscow
        schedule: {hours: {mon-fri: "09:00-18:00"}, breaks: ["13:00-14:00"]}
        calendar:
          base: ru
          days_off:
            - {date: 2026-09-01, note: день города}
      roles:
        - {id: curator, name: куратор (направляет сообщения)}
      steps:
        - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
           deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: end}]}
      tests:
        - name: понедельник после дня города
          detected: 2026-08-31T17:50
          expect: {route: 2026-09-02T09:20}
      """,
    ]
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    let cal = context.time.calendar
    let tz = context.time.timeZone
    var out: [Diagnostic] = []
    let coverage = "\(cal.coverage.lowerBound.russian)–\(cal.coverage.upperBound.russian)"
    for add in context.regulation.workingTime?.calendarAdditions ?? [] where !cal.covers(add.date) {
      out.append(Diagnostic(.calendarCoverage, message: .init(
        en: "\(add.date) is outside the production calendar (\(coverage)); the entry has no effect",
        ru: "\(add.date.russian) вне производственного календаря (\(coverage)); запись ни на что не влияет"), at: add.range))
    }
    for test in context.regulation.tests {
      guard let t = tz.parseDateTime(test.detected.value), !cal.covers(t.date) else { continue }
      out.append(Diagnostic(.calendarCoverage, subject: test.name, severity: .warning, message: .init(
        en: "test «\(test.name)» is detected on \(t.date), outside the production calendar (\(coverage))",
        ru: "тест «\(test.name)»: дата выявления \(t.date.russian) вне производственного календаря (\(coverage))"),
        at: test.detected.range, hint: .init(en: "add that year's calendar data", ru: "добавьте данные календаря за этот год")))
    }
    return out
  }
}
