import Foundation
import Testing
import RegulationParser
import TestSupport
import WorkingTime
@testable import RegulationSimulation

/// The simulator's per-replication copy of a working-time table answers as the table itself: the next working
/// instant, the end of a task of so many working seconds, working seconds between two instants. Checked on random
/// instants and durations against `WorkingTimeTable` (lunch breaks, weekends, holidays, shortened days, and the
/// round-the-clock table), including instants and results past the copied days.
@Suite struct WorkingAxisTests {
  @Test(arguments: ["regulations/004-krasnoufimsk.yaml", "regulations/002-okha.yaml", "always"])
  func answersAsTheTable(_ file: String) throws {
    let table: WorkingTimeTable
    if file == "always" {
      table = AlwaysTable.shared
    } else {
      let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent(file).path).regulation)
      table = try #require(reg.clocks()).main.working
    }
    let firstDay = CivilDate(year: 2026, month: 4, day: 20)!.dayNumber
    let axis = WorkingAxis(table: table, fromDay: firstDay, days: 60)
    var rng = SplitMix64(seed: 11)
    var compared = 0
    for _ in 0..<20_000 {
      // Instants over the copied days and a week either side; some exactly on a minute, an hour, a midnight.
      var t = (firstDay - 7) * 86_400 + Int(rng.next() % UInt64(74 * 86_400))
      switch rng.next() % 4 {
      case 0: t -= t % 60
      case 1: t -= t % 3600
      case 2: t -= t % 86_400
      default: break
      }
      let expectedNext = try table.adding(1, to: LocalTimestamp(seconds: t)).seconds - 1
      #expect(axis.nextWorking(t) == expectedNext, "next working after \(t) (\(file))")
      let seconds = rng.next() % 5 == 0 ? Int(rng.next() % UInt64(40 * 86_400)) : Int(rng.next() % 30_000)
      let expected = try table.adding(seconds, to: LocalTimestamp(seconds: t)).seconds
      #expect(axis.adding(seconds, to: t) == expected, "\(seconds) s after \(t) (\(file))")
      let u = t + Int(rng.next() % UInt64(5 * 86_400))
      if let a = axis.position(t), let b = axis.position(u) {
        #expect(b - a == (try table.workingSeconds(from: LocalTimestamp(seconds: t), to: LocalTimestamp(seconds: u))))
        compared += 1
      }
    }
    #expect(compared > 10_000)
  }
}
