import TestSupport
import Testing
@testable import WorkingTime

/// The parser validates date-times with `RegulationTimeZone.wallClockAndOffset`, which needs no zone, instead of
/// `RegulationTimeZone.utc.parseDateTime` (which built the UTC zone in every process that read a test file). It must
/// accept exactly the texts that `parseDateTime` accepts in any zone, including instants outside 2017–2029 where the
/// zone's own offsets (and Moscow's old daylight saving time) are used, and give the same wall-clock time.
@Suite struct DateTimeReadingTests {
  static let zones = ["Etc/UTC", "Europe/Moscow", "Asia/Sakhalin", "Europe/Kaliningrad"].compactMap {
    RegulationTimeZone(identifier: $0)
  }

  func agrees(_ text: String) {
    let read = RegulationTimeZone.wallClockAndOffset(text)
    for zone in Self.zones {
      let parsed = zone.parseDateTime(text)
      #expect((read == nil) == (parsed == nil), "\(zone) `\(text)`")
      if let read, read.offset == nil { #expect(parsed == read.wall, "\(zone) `\(text)`") }
    }
  }

  @Test(arguments: [
    "2026-05-08T17:40", "2026-05-08 17:40:59", " 2026-05-08t17:40 ", "2026-05-08T17:40Z", "2026-05-08T17:40z",
    "2026-05-08T17:40+05:00", "2026-05-08T17:40-0330", "2010-07-01T02:30+04:00", "1990-03-25T02:30", "2099-12-31T23:59:59Z",
    "2026-02-30T10:00", "2026-05-08T24:00", "2026-05-08T17:60", "2026-05-08T17:4", "2026-05-08X17:40", "2026-05-08T17:40+5",
    "2026-05-08T17:40+0a:00", "2026-05-08T17:40:00:00", "2026-05-08T１７:40", "2026-05-08T17:40\u{301}", "", "2026-05-08",
  ])
  func examples(_ text: String) { agrees(text) }

  /// Valid date-times with one character replaced, inserted or removed, many times over.
  @Test func mutations() {
    let seeds = ["2026-05-08T17:40", "2026-05-08T17:40:05", "2026-05-08T17:40+05:00", "2013-10-27T01:30Z", "2026-12-31 23:59-0200"]
    let alphabet: [Character] = ["0", "1", "2", "5", "9", ":", "+", "-", "T", "t", " ", "Z", "\t", "é", "\u{301}", "٣", "."]
    var rng = TestSplitMix(state: 12)
    for _ in 0..<3_000 {
      var chars = Array(seeds[Int(rng.next() % UInt64(seeds.count))])
      for _ in 0..<(1 + Int(rng.next() % 2)) {
        let i = Int(rng.next() % UInt64(chars.count + 1))
        let c = alphabet[Int(rng.next() % UInt64(alphabet.count))]
        switch rng.next() % 3 {
        case 0 where i < chars.count: chars[i] = c
        case 1: chars.insert(c, at: i)
        default: if i < chars.count { chars.remove(at: i) }
        }
      }
      agrees(String(chars))
    }
  }
}
