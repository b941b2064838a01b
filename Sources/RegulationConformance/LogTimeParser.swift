import WorkingTime

/// Reads the times exports write, straight from bytes: `2026-05-08T17:40`, `2026-05-08 17:40:00+05`,
/// `2026-05-08T12:40:00.000Z`, `08.05.2026 17:40`, `08/05/2026 17:40` (day first unless the map says otherwise),
/// and, in spreadsheets, Excel serial numbers. A time without an offset is local time of `zone`; one with an offset
/// is converted to the regulation's local time (`target`).
public struct LogTimeParser: Sendable {
  public let zone: RegulationTimeZone
  public let target: RegulationTimeZone
  public let dayFirst: Bool
  public let acceptsSerial: Bool
  /// `zone == target`, compared once: comparing the zones (their identifiers and Foundation time zones) for every
  /// row was a measurable part of reading a log.
  private let sameZone: Bool

  public init(zone: RegulationTimeZone, target: RegulationTimeZone, dayFirst: Bool = true, acceptsSerial: Bool = false) {
    self.zone = zone
    self.target = target
    self.dayFirst = dayFirst
    self.acceptsSerial = acceptsSerial
    sameZone = zone == target
  }

  public func parse(_ text: String) -> LocalTimestamp? {
    var t = text
    return t.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
  }

  /// The day of the last date read and its ten bytes: rows of a log mostly repeat the date of the row before, and
  /// those skip the date's validation and calendar arithmetic.
  struct DayCache {
    var head: UInt64 = 0
    var tail: UInt16 = 0
    var day = Int.min
  }

  /// `nil` when the bytes are not a date and time in one of the forms above.
  public func parse(_ raw: UnsafeRawBufferPointer) -> LocalTimestamp? {
    var cache = DayCache()
    return parse(raw, cache: &cache)
  }

  /// `parse(_:)` remembering the last date in `cache`.
  func parse(_ raw: UnsafeRawBufferPointer, cache: inout DayCache) -> LocalTimestamp? {
    var lo = 0, hi = raw.count
    while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
    while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 || raw[hi - 1] == 0x0D { hi -= 1 }
    let n = hi - lo
    guard n >= 5 else { return nil }
    @inline(__always) func digit(_ i: Int) -> Int {
      let c = Int(raw[lo + i]) &- 48
      return c >= 0 && c <= 9 ? c : -1000
    }
    @inline(__always) func two(_ i: Int) -> Int { digit(i) * 10 + digit(i + 1) }
    var year = 0, month = 0, day = 0, pos = 0
    var dayNumber = Int.min
    var head: UInt64 = 0, tail: UInt16 = 0
    if n >= 10, let base = raw.baseAddress {
      head = (base + lo).loadUnaligned(as: UInt64.self)
      tail = (base + lo + 8).loadUnaligned(as: UInt16.self)
      if cache.day != Int.min, head == cache.head, tail == cache.tail {
        dayNumber = cache.day
        pos = 10
      }
    }
    if dayNumber != Int.min {
      // The same ten bytes as the last date read: the same day.
    } else if n >= 10, raw[lo + 4] == 0x2D, raw[lo + 7] == 0x2D {  // YYYY-MM-DD
      year = two(0) * 100 + two(2)
      month = two(5)
      day = two(8)
      pos = 10
    } else if n >= 10, (raw[lo + 2] == 0x2E && raw[lo + 5] == 0x2E) || (raw[lo + 2] == 0x2F && raw[lo + 5] == 0x2F) {
      let a = two(0), b = two(3)
      year = two(6) * 100 + two(8)
      if raw[lo + 2] == 0x2F && !dayFirst { (month, day) = (a, b) } else { (day, month) = (a, b) }
      pos = 10
    } else if acceptsSerial {
      return serial(raw, lo, hi)
    } else {
      return nil
    }
    if dayNumber == Int.min {
      guard year > 0, let date = CivilDate(year: year, month: month, day: day) else { return nil }
      dayNumber = date.dayNumber
      cache = DayCache(head: head, tail: tail, day: dayNumber)
    }
    // The time of day is required: a bare date says nothing about a deadline counted in minutes.
    guard pos < n, raw[lo + pos] == 0x54 || raw[lo + pos] == 0x20 || raw[lo + pos] == 0x74 else { return nil }
    pos += 1
    while pos < n, raw[lo + pos] == 0x20 { pos += 1 }
    guard pos + 5 <= n, raw[lo + pos + 2] == 0x3A else { return nil }
    let h = two(pos), m = two(pos + 3)
    var s = 0
    pos += 5
    if pos + 3 <= n, raw[lo + pos] == 0x3A {
      s = two(pos + 1)
      pos += 3
      if pos < n, raw[lo + pos] == 0x2E || raw[lo + pos] == 0x2C {  // fractions of a second: dropped
        pos += 1
        while pos < n, digit(pos) >= 0 { pos += 1 }
      }
    }
    guard h >= 0, h <= 24, m >= 0, m <= 59, s >= 0, s <= 59, h < 24 || (m == 0 && s == 0) else { return nil }
    let wall = dayNumber * 86_400 + h * 3600 + m * 60 + s
    while pos < n, raw[lo + pos] == 0x20 { pos += 1 }
    if pos == n {
      let local = LocalTimestamp(seconds: wall)
      return sameZone ? local : target.local(fromUTC: zone.utc(from: local))
    }
    var offset = 0
    let c = raw[lo + pos]
    if c == 0x5A || c == 0x7A {  // Z
      guard pos + 1 == n else { return nil }
    } else if c == 0x2B || c == 0x2D {
      let sign = c == 0x2D ? -1 : 1
      pos += 1
      let rest = n - pos
      var oh = 0, om = 0
      if rest == 2 {
        oh = two(pos)
      } else if rest == 4 {
        oh = two(pos)
        om = two(pos + 2)
      } else if rest == 5, raw[lo + pos + 2] == 0x3A {
        oh = two(pos)
        om = two(pos + 3)
      } else {
        return nil
      }
      guard oh >= 0, oh <= 14, om >= 0, om <= 59 else { return nil }
      offset = sign * (oh * 3600 + om * 60)
    } else {
      return nil
    }
    return target.local(fromUTC: wall - offset)
  }

  /// An Excel serial date (days since 1899-12-30, fractions of a day), local time of `zone`.
  func serial(_ raw: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> LocalTimestamp? {
    guard let value = Double(String(decoding: UnsafeRawBufferPointer(rebasing: raw[lo..<hi]), as: UTF8.self)),
      value > 1, value < 2_958_466
    else { return nil }
    let seconds = Int((value * 86_400).rounded()) - 25_569 * 86_400
    let local = LocalTimestamp(seconds: seconds)
    return sameZone ? local : target.local(fromUTC: zone.utc(from: local))
  }
}
