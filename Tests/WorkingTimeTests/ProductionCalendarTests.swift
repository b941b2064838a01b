import Foundation
import TestSupport
import Testing
@testable import WorkingTime

@Suite struct ProductionCalendarTests {
  let cal = RussianProductionCalendar.calendar

  func days(_ year: Int) -> [CivilDate] {
    var out: [CivilDate] = []
    var d = CivilDate(year: year, month: 1, day: 1)!
    while d.year == year {
      out.append(d)
      d = d.adding(days: 1)
    }
    return out
  }

  /// Independent oracle: the official working-day counts and 40-hour-week hour norms published with each year's
  /// production calendar (Минтруд России). Hours = 8 × working days − shortened days.
  @Test(arguments: [
    (2018, 247, 1970), (2019, 247, 1970), (2020, 248, 1979), (2021, 247, 1972),
    (2022, 247, 1973), (2023, 247, 1973), (2024, 248, 1979), (2025, 247, 1972),
  ])
  func officialNorms(year: Int, workingDays: Int, hours: Int) {
    let kinds = days(year).map { cal.kind(of: $0) }
    let working = kinds.filter(\.isWorking).count
    let shortened = kinds.filter { $0 == .shortened }.count
    #expect(working == workingDays)
    #expect(working * 8 - shortened == hours)
  }

  @Test func coverageAndProvisionalYears() {
    #expect(cal.coverage.lowerBound == CivilDate(year: 2018, month: 1, day: 1)!)
    #expect(cal.coverage.upperBound == CivilDate(year: 2027, month: 12, day: 31)!)
    #expect(cal.provisionalYears == [2027])
    for y in 2018...2026 { #expect(cal.sources[y]?.contains("постановление Правительства РФ") == true, "source of \(y)") }
  }

  @Test func everyShortenedDayIsTheEveOfAHoliday() {
    for y in 2018...2027 {
      for d in days(y) where cal.kind(of: d) == .shortened {
        let eve = cal.kind(of: d.adding(days: 1)) == .holiday
        let standsInForEve = cal.entry(for: d)?.counterpart.map { cal.kind(of: $0.adding(days: 1)) == .holiday } ?? false
        #expect(eve || standsInForEve, "\(d) is shortened but precedes no holiday")
      }
    }
  }

  @Test func userCalendarTextIsParsedAndErrorsAreReported() {
    let (parsed, problems) = ProductionCalendar.parse("""
      # региональный праздник
      2026-09-01 holiday День знаний (закон субъекта)
      2026-09-02 weekend ошибка
      нечто
      """, into: cal)
    #expect(parsed.kind(of: CivilDate(year: 2026, month: 9, day: 1)!) == .holiday)
    #expect(problems.map(\.0) == [3, 4])
  }

  /// Compares every year's days off with the Python `holidays` package (country RU), an independent dataset. Every
  /// difference must be listed here with its justification.
  @Test func agreesWithPythonHolidaysPackage() throws {
    let justified: [String: String] = [:]  // No differences for 2018–2027 at the time of writing.
    let script = """
      import holidays, json
      out = {}
      for y in range(2018, 2028):
          ru = holidays.RU(years=y)
          out[y] = {"off": sorted(str(d) for d in ru.keys() if d.year == y),
                    "working_weekends": sorted(str(d) for d in getattr(ru, "weekend_workdays", set()) if d.year == y)}
      print(json.dumps(out))
      """
    let output = try runPython(script)
    let data = try #require(output.data(using: .utf8))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: [String]]])
    var differences: [String] = []
    for y in 2018...2027 {
      let theirs = Set(json[String(y)]?["off"] ?? [])
      let ours = Set(days(y).filter { [.holiday, .transfer].contains(cal.kind(of: $0)) }.map(\.description))
      for d in theirs.symmetricDifference(ours).sorted() where justified[d] == nil {
        differences.append("\(d): \(ours.contains(d) ? "off in Reglament only" : "off in holidays only")")
      }
      let theirWorkingWeekends = Set(json[String(y)]?["working_weekends"] ?? [])
      let ourWorkingWeekends = Set(days(y).filter { $0.weekday >= 6 && cal.kind(of: $0).isWorking }.map(\.description))
      if !theirWorkingWeekends.isEmpty {
        for d in theirWorkingWeekends.symmetricDifference(ourWorkingWeekends).sorted() where justified[d] == nil {
          differences.append("\(d): working weekend in \(ourWorkingWeekends.contains(d) ? "Reglament" : "holidays") only")
        }
      }
    }
    #expect(differences.isEmpty, "unjustified differences: \(differences)")
  }
}
