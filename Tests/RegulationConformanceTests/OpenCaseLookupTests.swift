import Foundation
import RegulationConformance
import Testing

/// A new case's id is looked up early, at its home position in the open-case index and in the closed set; an empty
/// home answers "neither" at once, otherwise the full probe runs. Both answers must stay exact: an event of a case
/// already closed is rejected (with its line and reason) whichever path found it, and every other event is kept.
@Suite struct OpenCaseLookupTests {
  @Test func eventOfAClosedCaseIsRejectedAfterASweep() throws {
    // Case A at day 0; then 70 000 one-event cases over 60 days (a sweep at row 65 536 closes A: untouched for more
    // than 4 096 events and 30 days behind the latest time); then A again, and B7 again (closed too), then a new case.
    var log = "case,step,time\nA,detected,2026-01-09T00:00:00\n"
    let start = 1_767_916_800  // 2026-01-09T00:00:00 as seconds since 1970 (the wall clock of the log, no zone)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
    for i in 0..<70_000 {
      let t = Date(timeIntervalSince1970: TimeInterval(start + 3600 + i * 74))
      log += "B\(i),detected,\(formatter.string(from: t))\n"
    }
    log += "A,route,2026-03-15T00:00:00\nB7,route,2026-03-15T00:00:01\nNEW,detected,2026-03-15T00:00:02\n"
    let path = try temporaryFile("closed.csv", log)
    var options = AuditOptions()
    options.replay = false
    let r = try Auditor.run(engine: engine("003-lipetsk.yaml"), logs: [path], options: options)
    #expect(r.rejectedRows == 2)
    #expect(r.rejected.map(\.position) == [70_003, 70_004])
    #expect(r.rejected.allSatisfy { $0.reason.en.contains("already closed") })
    #expect(r.events == 70_002)
    #expect(r.cases == 70_002)
  }
}
