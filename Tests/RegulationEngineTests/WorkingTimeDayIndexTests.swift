import Foundation
import RegulationEngine
import RegulationModel
import RegulationParser
import TestSupport
import Testing
@testable import WorkingTime

/// The working-time table's day index (`WorkingTimeTable+DayIndex.swift`: an instant's interval found by its day, a
/// sum found by walking from there) against the table's binary searches over every interval (`searched…`), which it
/// replaces: positions, additions, subtractions and working seconds between instants agree on random instants (on the
/// minute, on the second, at interval edges, on holidays and shortened days), for spans short enough to be walked and
/// long enough to fall back to the search, for every schedule of every shipped act; and both refuse what lies outside
/// the calendar.
@Suite struct WorkingTimeDayIndexTests {
  static let files = ["000-ust-labinsk.yaml", "001-stavropol.yaml", "002-okha.yaml", "003-lipetsk.yaml", "004-krasnoufimsk.yaml"]

  /// The answer of a throwing query, or `nil` when it throws.
  static func answer<T>(_ f: () throws -> T) -> T? { try? f() }

  @Test(arguments: files) func agreesWithTheBinarySearch(_ file: String) throws {
    let reg = try #require(RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/\(file)").path).regulation)
    let compiled = try CompiledRegulation(reg)
    var rng = TestSplitMix(state: UInt64(file.utf8.count) &* 31)
    var checked = 0, walkedPast = 0
    let spans = [0, 1, 60, 1800, 3600, 4 * 3600, 9 * 3600, 40 * 3600, 200 * 3600]
    for context in compiled.contexts {
      for table in [context.working, context.roundTheClock] {
        #expect(table.isDayIndexed)
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
          let at = LocalTimestamp(seconds: t)
          let general = try table.searchedLocation(at)
          let indexed = try table.located(at)
          #expect(indexed.interval == general.interval && indexed.position == general.position, "\(file) located \(t)")
          #expect(try table.position(of: at) == general.position, "\(file) position \(t)")
          for seconds in spans {
            let added = Self.answer { try table.adding(seconds, to: at) }
            #expect(added == Self.answer { try table.searchedAdding(seconds, to: at) }, "\(file) adding \(seconds) to \(t)")
            let subtracted = Self.answer { try table.subtracting(seconds, from: at) }
            #expect(subtracted == Self.answer { try table.searchedSubtracting(seconds, from: at) },
              "\(file) subtracting \(seconds) from \(t)")
            if let a = added, let i = Self.answer({ try table.located(a).interval }), i - max(indexed.interval, 0) > WorkingTimeTable.walk {
              walkedPast += 1
            }
          }
          let u = LocalTimestamp(seconds: t + Int(rng.next() % (5 * 86_400)) - 86_400)
          let w = Self.answer { try table.workingSeconds(from: at, to: u) }
          let searched = Self.answer { try table.searchedLocation(u).position - general.position }
          #expect(w == searched, "\(file) working seconds \(t) → \(u.seconds)")
          checked += 1
        }
        let before = LocalTimestamp(seconds: (from - 1) * 86_400 + 43_200)
        let after = LocalTimestamp(seconds: (to + 1) * 86_400 + 43_200)
        #expect(Self.answer { try table.position(of: before) } == nil && Self.answer { try table.position(of: after) } == nil)
        #expect(Self.answer { try table.adding(3600, to: after) } == nil)
        // The last instants of the calendar: an addition past its end is refused by both.
        let last = LocalTimestamp(seconds: to * 86_400 + 43_200)
        #expect(Self.answer { try table.adding(400 * 3600, to: last) } == nil)
        #expect(Self.answer { try table.searchedAdding(400 * 3600, to: last) } == nil)
      }
    }
    #expect(checked >= 8000)
    // Long spans leave the walk for the binary search, so both ways of the index are exercised.
    #expect(walkedPast > 100, "\(file): \(walkedPast)")
  }
}
