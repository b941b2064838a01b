import Foundation
@testable import RegulationEngine
import RegulationModel
import RegulationParser
import TestSupport
import Testing
import WorkingTime

/// The ordered replay's day index against the working-time table it copies: positions, additions and working
/// seconds between instants agree on random instants (on the minute, on the second, at interval edges, on holidays
/// and shortened days) for every schedule of every shipped act, and the index declines what lies outside the calendar.
@Suite struct WorkingDayIndexTests {
  static let files = ["000-ust-labinsk.yaml", "001-stavropol.yaml", "002-okha.yaml", "003-lipetsk.yaml", "004-krasnoufimsk.yaml"]

  @Test(arguments: files) func agreesWithTheTable(_ file: String) throws {
    let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/\(file)").path).regulation)
    let compiled = try CompiledRegulation(reg)
    var rng = TestSplitMix(state: UInt64(file.utf8.count) &* 31)
    var checked = 0
    for context in compiled.contexts {
      for table in [context.working, context.roundTheClock] {
        let index = WorkingDayIndex(table)
        #expect(index.isUsable)
        let from = table.calendar.coverage.lowerBound.dayNumber, to = table.calendar.coverage.upperBound.dayNumber
        for k in 0..<4000 {
          let day = from + Int(rng.next() % UInt64(to - from + 1))
          var t = day * 86_400
          switch k % 4 {
          case 0: t += Int(rng.next() % 1440) * 60
          case 1: t += Int(rng.next() % 86_400)
          case 2: t += [0, 8, 9, 13, 14, 17, 18].map { $0 * 3600 }[Int(rng.next() % 7)] + [-1, 0, 1][Int(rng.next() % 3)]
          default: t += 12 * 3600
          }
          t = min(max(t, from * 86_400), to * 86_400 + 86_399)
          let general = try table.position(of: LocalTimestamp(seconds: t))
          #expect(index.position(t) == general, "\(file) position \(t)")
          for seconds in [0, 1, 60, 1800, 3600, 4 * 3600, 9 * 3600, 40 * 3600] {
            let expected = try? table.adding(seconds, to: LocalTimestamp(seconds: t)).seconds
            if let fast = index.adding(seconds, to: t) { #expect(fast == expected, "\(file) adding \(seconds) to \(t)") }
            else { #expect(expected == nil, "\(file) declined \(seconds) to \(t)") }
          }
          let u = t + Int(rng.next() % (5 * 86_400)) - 86_400
          let w = try? table.workingSeconds(from: LocalTimestamp(seconds: t), to: LocalTimestamp(seconds: u))
          #expect(index.workingSeconds(from: t, to: u) == w, "\(file) working seconds \(t) → \(u)")
          checked += 1
        }
        let before = (from - 1) * 86_400 + 43_200, after = (to + 1) * 86_400 + 43_200
        #expect(index.position(before) == nil && index.position(after) == nil)
        #expect(index.adding(3600, to: after) == nil)
      }
    }
    #expect(checked >= 8000)
  }
}
