import Foundation

/// An IANA time zone ("Asia/Sakhalin") that converts between UTC instants and local timestamps.
public struct RegulationTimeZone: Hashable, Sendable, CustomStringConvertible {
  /// The IANA identifier.
  public let identifier: String
  private let zone: TimeZone
  /// The offset when the zone has no transitions over 2017–2029 (all Russian zones today): lookups are then free.
  let fixedOffset: Int?
  /// The UTC instants (seconds) between which `fixedOffset` holds: 2017-01-01 ..< 2030-01-01.
  static let fixedFrom = 1_483_228_800
  static let fixedTo = 1_893_456_000

  /// `nil` when the identifier is not a known IANA zone.
  public init?(identifier: String) {
    guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier), zone.identifier == identifier
      || TimeZone.knownTimeZoneIdentifiers.contains(identifier)
    else { return nil }
    self.identifier = identifier
    self.zone = zone
    let from = Date(timeIntervalSince1970: 1_483_228_800)  // 2017-01-01
    let to = Date(timeIntervalSince1970: 1_893_456_000)  // 2030-01-01
    if let next = zone.nextDaylightSavingTimeTransition(after: from), next < to {
      fixedOffset = nil
    } else {
      fixedOffset = zone.secondsFromGMT(for: from)
    }
  }

  public static func == (a: RegulationTimeZone, b: RegulationTimeZone) -> Bool { a.identifier == b.identifier }
  public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }

  public var description: String { identifier }

  /// UTC, for reading instants that carry their own offset.
  public static let utc: RegulationTimeZone = RegulationTimeZone(identifier: "Etc/UTC") ?? RegulationTimeZone(identifier: "GMT")!

  /// Offset from UTC in seconds at a UTC instant.
  public func offset(atUTC seconds: Int) -> Int {
    if let fixedOffset, seconds >= Self.fixedFrom, seconds < Self.fixedTo { return fixedOffset }
    return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
  }

  /// Local wall-clock time of a UTC instant.
  public func local(fromUTC seconds: Int) -> LocalTimestamp {
    LocalTimestamp(seconds: seconds + offset(atUTC: seconds))
  }

  /// The UTC instant of a local wall-clock time (the earlier one when the clock was set back).
  public func utc(from local: LocalTimestamp) -> Int {
    var guess = local.seconds - offset(atUTC: local.seconds)
    for _ in 0..<2 { guess = local.seconds - offset(atUTC: guess) }
    return guess
  }

  /// `+05:00`.
  public static func offsetText(_ offset: Int) -> String {
    let sign = offset < 0 ? "-" : "+"
    let a = abs(offset)
    return "\(sign)\(pad(a / 3600, 2)):\(pad((a % 3600) / 60, 2))"
  }

  /// ISO 8601 with offset: `2026-05-08T17:40:00+05:00`.
  public func iso(_ local: LocalTimestamp) -> String {
    let off = offset(atUTC: utc(from: local))
    let s = local.secondOfDay
    return "\(local.date)T\(pad(s / 3600, 2)):\(pad((s % 3600) / 60, 2)):\(pad(s % 60, 2))\(Self.offsetText(off))"
  }

  /// ISO 8601 without seconds when they are zero, as people write it in files: `2026-05-08T17:40+05:00`.
  public func compactISO(_ local: LocalTimestamp) -> String {
    guard local.secondOfDay % 60 == 0 else { return iso(local) }
    let off = offset(atUTC: utc(from: local))
    let s = local.secondOfDay
    return "\(local.date)T\(pad(s / 3600, 2)):\(pad((s % 3600) / 60, 2))\(Self.offsetText(off))"
  }

  /// `(+05:00)` style offset of a local time, for explanations.
  public func offsetText(at local: LocalTimestamp) -> String { Self.offsetText(offset(atUTC: utc(from: local))) }

  /// Parses `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]` (a space may replace `T`). Without an offset the text is local
  /// time of this zone; with one, it is converted to this zone's local time.
  public func parseDateTime(_ text: String) -> LocalTimestamp? {
    guard let (wall, offset) = Self.wallClockAndOffset(text) else { return nil }
    guard let offset else { return wall }
    return local(fromUTC: wall.seconds - offset)
  }

  /// What `parseDateTime` reads before it needs a zone: the wall-clock time written and the offset (seconds) when one
  /// is given; nil exactly when `parseDateTime` of any zone returns nil (the conversion that follows cannot fail), so
  /// a validator asks this without building a zone.
  public static func wallClockAndOffset(_ text: String) -> (wall: LocalTimestamp, offset: Int?)? {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard t.count >= 16 else { return nil }
    let chars = Array(t)
    let sep = chars[10]
    guard sep == "T" || sep == " " || sep == "t", let date = CivilDate(iso: String(chars[0..<10])) else { return nil }
    var rest = String(chars[11...])
    var offset: Int?
    if rest.hasSuffix("Z") || rest.hasSuffix("z") {
      offset = 0
      rest.removeLast()
    } else if rest.count >= 6, let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
      let off = rest[rest.index(after: signIndex)...]
      guard off.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") }), let secs = parseClock(off.count == 4 ? off.prefix(2) + ":" + off.suffix(2) : String(off)) else { return nil }
      offset = rest[signIndex] == "-" ? -secs : secs
      rest = String(rest[..<signIndex])
    }
    let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
    else { return nil }
    var sec = 0
    if parts.count == 3 {
      guard let s = Int(parts[2]), (0...59).contains(s) else { return nil }
      sec = s
    }
    return (LocalTimestamp(date: date, hour: h, minute: m, second: sec), offset)
  }

  /// Whether a local wall-clock time exists once, never (skipped when clocks go forward) or twice (repeated when they
  /// go back) in this zone.
  public func status(of local: LocalTimestamp) -> LocalTimeStatus {
    if fixedOffset != nil, local.seconds >= 1_483_228_800 + 86_400, local.seconds < 1_893_456_000 - 86_400 { return .unique }
    var offsets = Set<Int>()
    for probe in [local.seconds - 14 * 3600, local.seconds, local.seconds + 14 * 3600] {
      offsets.insert(offset(atUTC: probe - offset(atUTC: probe)))
      offsets.insert(offset(atUTC: probe))
    }
    let matching = offsets.filter { offset(atUTC: local.seconds - $0) == $0 }
    if matching.isEmpty { return .nonexistent }
    return matching.count > 1 ? .ambiguous : .unique
  }
}

/// Whether a local time names one instant of a time zone.
public enum LocalTimeStatus: Sendable, Hashable {
  case unique
  /// Skipped by a change to daylight saving time.
  case nonexistent
  /// Repeated by a change back from daylight saving time.
  case ambiguous
}
