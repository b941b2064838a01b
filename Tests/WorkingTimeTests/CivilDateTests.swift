import Foundation
import PropertyBased
import Testing
@testable import WorkingTime

@Suite struct CivilDateTests {
  @Test func dayNumbersRoundTripAndAgreeWithFoundation() async {
    var gregorian = Calendar(identifier: .gregorian)
    gregorian.timeZone = TimeZone(identifier: "UTC")!
    await propertyCheck(count: 2_000, input: Gen.int(in: -100_000...100_000)) { n in
      let d = CivilDate(dayNumber: n)
      #expect(d.dayNumber == n)
      let c = gregorian.dateComponents([.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(n) * 86_400))
      #expect(c.year == d.year && c.month == d.month && c.day == d.day)
      #expect((c.weekday! + 5) % 7 + 1 == d.weekday)
    }
  }

  @Test func invalidDatesAreRejected() {
    #expect(CivilDate(iso: "2026-02-29") == nil)
    #expect(CivilDate(iso: "2024-02-29") != nil)
    #expect(CivilDate(iso: "2026-13-01") == nil)
    #expect(CivilDate(iso: "26-01-01") == nil)
  }

  @Test func timeZonesCarryTheirOffsets() throws {
    let sakhalin = try #require(RegulationTimeZone(identifier: "Asia/Sakhalin"))
    let t = try #require(sakhalin.parseDateTime("2026-05-08T17:40"))
    #expect(sakhalin.iso(t) == "2026-05-08T17:40:00+11:00")
    // An instant given with another offset is converted to the zone's local time.
    let u = try #require(sakhalin.parseDateTime("2026-05-08T09:40+03:00"))
    #expect(sakhalin.iso(u) == "2026-05-08T17:40:00+11:00")
    #expect(RegulationTimeZone(identifier: "Europe/Moskow") == nil)
    #expect(sakhalin.parseDateTime("2026-05-08 25:00") == nil)
  }
}
