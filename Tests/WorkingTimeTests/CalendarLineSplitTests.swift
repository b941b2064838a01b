import Foundation
import Testing
@testable import WorkingTime

/// The calendar's lines are cut on UTF-8 bytes (`ProductionCalendar.trimmedLines`, the fast path read at every process
/// start) instead of by characters (`generalTrimmedLines`): both must give the same lines on every year's data and on
/// hostile text, and the parsed calendars must be equal.
@Suite struct CalendarLineSplitTests {
  @Test func everyYearSplitsAlike() {
    for year in RussianProductionCalendar.years {
      let text = RussianProductionCalendar.text(year: year)!
      #expect(ProductionCalendar.trimmedLines(text) == ProductionCalendar.generalTrimmedLines(text), "year \(year)")
    }
  }

  @Test(arguments: [
    "", "\n", "\n\n", " \t\r", "2026-01-01 holiday Новый год", "  2026-01-01 holiday x \r\n2026-01-02 holiday y\r\n",
    "a\rb\nc", "\r\n", "\n\r", "x\r\r\ny", "\u{301}\n \u{301} \n", "é\t\n\t\u{1F1F7}\u{1F1FA} \n", "year 2026\n\n# c\n",
    "2026-05-08 shortened  note with  spaces \t", "# status: provisional\r", "\r\r\n\r",
  ])
  func hostileTextSplitsAlike(_ text: String) {
    #expect(ProductionCalendar.trimmedLines(text) == ProductionCalendar.generalTrimmedLines(text))
  }

  /// The whole calendar parsed through the fast path equals one parsed through the character split.
  @Test func parsedCalendarIsTheSame() {
    var general: ProductionCalendar?
    for y in RussianProductionCalendar.years {
      let (parsed, problems) = ProductionCalendar.parse(
        lines: ProductionCalendar.generalTrimmedLines(RussianProductionCalendar.text(year: y)!), into: general)
      #expect(problems.isEmpty)
      general = parsed
    }
    let fast = RussianProductionCalendar.calendar
    #expect(general!.entries == fast.entries)
    #expect(general!.coverage == fast.coverage)
    #expect(general!.sources == fast.sources)
    #expect(general!.provisionalYears == fast.provisionalYears)
    #expect(fast.entries.count > 100)
  }

  /// The byte pre-check never hides a line `contains` would find the provisional mark in.
  @Test(arguments: ["# status: provisional", "#status: provisional (проект)", "# status:provisional", "# Status: provisional",
    "# status: provisiona", "# status: provisional\u{301}", "status: provisional", "# ѕtatus: provisional", ""])
  func provisionalMarkPreCheck(_ line: String) {
    if line.contains("status: provisional") { #expect(ProductionCalendar.mayContainProvisionalMark(line)) }
    let bytes = Array(line.utf8), mark = Array("status: provisional".utf8)
    let naive = bytes.count >= mark.count && (0...(bytes.count - mark.count)).contains { Array(bytes[$0..<($0 + mark.count)]) == mark }
    #expect(ProductionCalendar.mayContainProvisionalMark(line) == naive)
  }

  @Test func everyCommentLineOfTheDataAgrees() {
    for year in RussianProductionCalendar.years {
      for line in ProductionCalendar.trimmedLines(RussianProductionCalendar.text(year: year)!) where line.hasPrefix("#") {
        #expect(ProductionCalendar.mayContainProvisionalMark(line) == line.contains("status: provisional"), "\(line)")
      }
    }
  }
}
