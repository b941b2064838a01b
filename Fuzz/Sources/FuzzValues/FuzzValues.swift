import FuzzSupport
import RegulationParser
import WorkingTime

/// One input of the value mini-syntax: the text is read as an amount, a clock time, a time range, a date, a date-time
/// (in UTC and in a zone with its own offsets), a weekday range; whatever parses is pushed through the arithmetic it
/// feeds (periods in seconds, day numbers, ISO and Russian renderings) and checked for round trips.

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: FuzzInput.bytes(data, size), as: UTF8.self)
  if let a = RegulationParser.amount(text) {
    FuzzInput.require(a >= 0 && a.isFinite, "amount \(a) from \(text)")
    for clock in DeadlineClock.allCases { _ = Period(clock: clock, amount: a).seconds }
  }
  if let c = parseClock(text) { FuzzInput.require((0...86_400).contains(c), "clock \(c)"); _ = clockText(c) }
  if let r = ClockRange(text: text) { FuzzInput.require(r.start < r.end, "range \(r)"); _ = r.description }
  if let d = CivilDate(iso: text) {
    FuzzInput.require(CivilDate(dayNumber: d.dayNumber) == d, "date round trip \(d)")
    _ = d.weekday
    _ = d.description
  }
  for zone in zones {
    if let t = zone.parseDateTime(text) {
      _ = zone.iso(t)
      _ = t.russian
    }
  }
  if let days = RegulationParser.weekdays(text) { FuzzInput.require(days.allSatisfy { (1...7).contains($0) }, "weekdays") }
  return 0
}

let zones = [RegulationTimeZone.utc, RegulationTimeZone(identifier: "Asia/Sakhalin")!]
