import Foundation

/// A production calendar: which dates are holidays, transferred days off, working weekends and shortened days,
/// over a known range of years. Dates outside that range are reported, never guessed.
public struct ProductionCalendar: Sendable {
  /// First and last covered dates.
  public private(set) var coverage: ClosedRange<CivilDate>
  /// Facts by day number.
  public private(set) var entries: [Int: CalendarEntry]
  /// Years whose data is provisional (a decree not yet verified).
  public private(set) var provisionalYears: Set<Int>
  /// Where each year's data came from (first header lines).
  public private(set) var sources: [Int: String]

  public init(coverage: ClosedRange<CivilDate>, entries: [Int: CalendarEntry] = [:]) {
    self.coverage = coverage
    self.entries = entries
    self.provisionalYears = []
    self.sources = [:]
  }

  /// Whether the calendar has data for this date.
  public func covers(_ date: CivilDate) -> Bool { coverage.contains(date) }

  /// The kind of a date. Saturdays and Sundays with no entry are weekends; other days with no entry are working.
  public func kind(of date: CivilDate) -> DayKind {
    if let e = entries[date.dayNumber] {
      if e.kind == .workingWeekend { return e.shortened ? .shortened : .workingWeekend }
      return e.kind
    }
    return date.weekday >= 6 ? .weekend : .working
  }

  /// The fact recorded for a date, if any.
  public func entry(for date: CivilDate) -> CalendarEntry? { entries[date.dayNumber] }

  /// Adds or replaces facts (regional holidays, an organisation's own exceptions). Coverage is unchanged.
  public mutating func apply(_ additions: [(CivilDate, CalendarEntry)]) {
    for (date, entry) in additions {
      if entry.kind == .shortened, let existing = entries[date.dayNumber], existing.kind == .workingWeekend {
        entries[date.dayNumber]?.shortened = true
      } else {
        entries[date.dayNumber] = entry
      }
    }
  }

  /// Reads the dated lines of calendar text (regional holidays, an organisation's exceptions) without the `year`
  /// header: the additions and the problems of lines that could not be read.
  public static func additions(from text: String) -> ([(CivilDate, CalendarEntry)], [(Int, String)]) {
    let (parsed, problems) = parse(text, into: ProductionCalendar(coverage: CivilDate(year: 1970, month: 1, day: 1)!...CivilDate(year: 1970, month: 1, day: 1)!))
    let list = parsed.entries.keys.sorted().map { (CivilDate(dayNumber: $0), parsed.entries[$0]!) }
    return (list, problems)
  }

  /// The lines of calendar text (split at `\n`, empty lines kept), each trimmed of spaces, tabs and `\r` at both
  /// ends: what `text.split(separator: "\n", omittingEmptySubsequences: false)` and
  /// `trimmingCharacters(in: [" ", "\t", "\r"])` give, cut on the UTF-8 bytes instead of walking characters (the
  /// ten years of built-in data are read at the start of every process). The two agree whenever the text has no
  /// `\r\n`: `\n` is a character of its own except after `\r` (where `\r\n` is one character, which the character
  /// split does not cut), and the three trimmed characters are single ASCII bytes, so a cut or a trim never splits a
  /// character. Text with `\r\n` takes the character split itself. `CalendarParseTests` compares both on every year.
  static func trimmedLines(_ text: String) -> [String] {
    var text = text
    text.makeContiguousUTF8()
    let lines = text.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
      let n = bytes.count
      var i = 0
      while i + 1 < n {
        if bytes[i] == 0x0D && bytes[i + 1] == 0x0A { return nil }
        i += 1
      }
      var lines: [String] = []
      func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
      func append(_ from: Int, _ to: Int) {
        var a = from, z = to
        while a < z, isBlank(bytes[a]) { a += 1 }
        while z > a, isBlank(bytes[z - 1]) { z -= 1 }
        lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<z]), as: UTF8.self))
      }
      var start = 0
      i = 0
      while i < n {
        if bytes[i] == 0x0A {
          append(start, i)
          start = i + 1
        }
        i += 1
      }
      append(start, n)
      return lines
    }
    return (lines ?? nil) ?? generalTrimmedLines(text)
  }

  /// Whether the bytes of `status: provisional` occur in `line`: when they do not, Foundation's `contains` (a search
  /// up to canonical equivalence, character by character, on every comment line of the built-in data) cannot find
  /// it either: no character outside ASCII is canonically equivalent to the ASCII letters, colon and space of the
  /// mark (the only ASCII-decomposing characters decompose to `K`, `;` and `` ` ``), so a match is the bytes
  /// themselves. When they do, `contains` decides. (Only the built-in data's flag is kept: `additions(from:)` drops it;
  /// `CalendarLineSplitTests` compares the built-in calendar with one parsed the general way.)
  static func mayContainProvisionalMark(_ line: String) -> Bool {
    let mark = "status: provisional".utf8
    let bytes = line.utf8
    var start = bytes.startIndex, left = bytes.count
    while left >= mark.count {
      if bytes[start] == 0x73, bytes[start...].starts(with: mark) { return true }
      start = bytes.index(after: start)
      left -= 1
    }
    return false
  }

  /// The character-by-character split and trim (`trimmedLines` for text with `\r\n`, and its reference in tests).
  static func generalTrimmedLines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: [" ", "\t", "\r"]) }
  }

  /// Parses calendar text (the format of `Sources/WorkingTime/CalendarData`): one `DATE KIND [@DATE] note` per line,
  /// `#` comments, an optional `year YYYY` line that extends coverage to that whole year.
  /// Returns the calendar and a list of (line number, problem) for lines that could not be read.
  public static func parse(_ text: String, into base: ProductionCalendar? = nil) -> (ProductionCalendar, [(Int, String)])
  {
    parse(lines: trimmedLines(text), into: base)
  }

  /// `parse` of text already cut into trimmed lines.
  static func parse(lines: [String], into base: ProductionCalendar?) -> (ProductionCalendar, [(Int, String)]) {
    var calendar = base ?? ProductionCalendar(coverage: CivilDate(year: 9999, month: 1, day: 1)!...CivilDate(year: 9999, month: 1, day: 1)!)
    var isEmptyCoverage = base == nil
    var problems: [(Int, String)] = []
    var additions: [(CivilDate, CalendarEntry)] = []
    var pendingSource: String?
    var pendingProvisional = false
    for (index, line) in lines.enumerated() {
      if line.isEmpty { continue }
      if line.hasPrefix("#") {
        if Self.mayContainProvisionalMark(line), line.contains("status: provisional") { pendingProvisional = true }
        if line.hasPrefix("#   постановление") || line.hasPrefix("#   перенос") { pendingSource = String(line.dropFirst(4)) }
        continue
      }
      let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
      if fields.first == "year", fields.count >= 2, let y = Int(fields[1]), let first = CivilDate(year: y, month: 1, day: 1),
        let last = CivilDate(year: y, month: 12, day: 31)
      {
        if let source = pendingSource { calendar.sources[y] = source }
        if pendingProvisional { calendar.provisionalYears.insert(y) }
        pendingSource = nil
        pendingProvisional = false
        if isEmptyCoverage {
          calendar.coverage = first...last
          isEmptyCoverage = false
        } else {
          calendar.coverage = min(first, calendar.coverage.lowerBound)...max(last, calendar.coverage.upperBound)
        }
        continue
      }
      guard fields.count >= 2, let date = CivilDate(iso: fields[0]) else {
        problems.append((index + 1, "expected `YYYY-MM-DD kind note`, found `\(line)`"))
        continue
      }
      guard let kind = DayKind(rawValue: String(fields[1])), kind != .weekend else {
        problems.append((index + 1, "unknown day kind `\(fields[1])` (holiday, transfer, working-weekend, shortened, working)"))
        continue
      }
      var note = fields.count > 2 ? String(fields[2]) : ""
      var counterpart: CivilDate?
      if note.hasPrefix("@") {
        let parts = note.split(separator: " ", maxSplits: 1)
        counterpart = CivilDate(iso: parts[0].dropFirst())
        if counterpart == nil { problems.append((index + 1, "bad date after @ in `\(line)`")) }
        note = parts.count > 1 ? String(parts[1]) : ""
      }
      additions.append((date, CalendarEntry(kind: kind, note: note, counterpart: counterpart)))
    }
    calendar.apply(additions)
    return (calendar, problems)
  }
}
