import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// Dates the production calendar has no data for: an act in force after the covered years, calendar additions that
/// fall outside them.
public struct CalendarCoverageRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .calendarCoverage }
  public var description: LocalizedText {
    .init(en: "The production calendar must cover the dates the regulation uses.",
      ru: "Производственный календарь должен покрывать даты, которые использует регламент.")
  }
  public var triggering: [String] {
    ["""
    steps:
      - {id: route, role: curator, clause: "1", deadline: {amount: 30, clock: working-minutes}, outcomes: [{if: done, to: end}]}
    tests:
      - {name: слишком поздно, detected: 2031-03-03T10:00, expect: {route: 2031-03-03T10:30}}
    """]
  }
  public var passing: [String] { [""] }

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
