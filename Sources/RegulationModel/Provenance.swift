import RegulationDiagnostics
import WorkingTime

/// What we hold of an act's or a clause's text. The analysis tells "the act sets nothing" from "our copy does not show
/// it": with a fragment or a paraphrase, a gap is a note pointing at what to obtain, not a warning against the act.
public enum TextHolding: String, Sendable, Hashable, CaseIterable {
  /// The full official text.
  case verbatim
  /// Part of the text (cut after its first clauses, annexes missing).
  case fragment
  /// A retelling (a news report), not the text itself.
  case paraphrase
}

/// The act's text as we hold it: how complete, what is missing, where it came from, what to obtain.
public struct Provenance: Sendable, Hashable {
  public var held: TextHolding
  /// Clauses or annexes missing from our copy, as written ("10-25", "приложение 2").
  public var missing: [String]
  public var source: String?
  /// What to obtain, and where, to complete the text.
  public var obtain: String?
  public var range: SourceRange

  public init(held: TextHolding, missing: [String] = [], source: String? = nil, obtain: String? = nil, range: SourceRange) {
    self.held = held
    self.missing = missing
    self.source = source
    self.obtain = obtain
    self.range = range
  }

  /// Whether our copy may lack what the act says.
  public var isIncomplete: Bool { held != .verbatim }
}

/// A date as an act or its retelling gives it: exact (2021-07-28), to the month (2020-02) or year (2020), or
/// approximate («около 2020-02-24», `~2020-02-24`).
public struct ApproximateDate: Sendable, Hashable {
  public enum Precision: String, Sendable, Hashable { case day, month, year }
  /// The first day the date can mean.
  public var earliest: CivilDate
  public var precision: Precision
  /// Written with «около» or `~`.
  public var approximate: Bool
  public var text: String

  public init?(text: String) {
    var t = Substring(text.trimmingCharactersInSpaces())
    var approximate = false
    for prefix in ["около", "~"] where t.hasPrefix(prefix) {
      approximate = true
      t = t.dropFirst(prefix.count).drop { $0 == " " }
    }
    let parts = t.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count), parts[0].count == 4, let y = Int(parts[0]), y >= 1900, y <= 2200 else { return nil }
    var month = 1, day = 1
    if parts.count >= 2 {
      guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
      month = m
    }
    if parts.count == 3 {
      guard parts[2].count == 2, let d = Int(parts[2]) else { return nil }
      day = d
      guard CivilDate(iso: String(t)) != nil else { return nil }
    }
    guard let date = CivilDate(iso: String(format4(y)) + "-" + pad(month) + "-" + pad(day)) else { return nil }
    earliest = date
    precision = parts.count == 3 ? .day : (parts.count == 2 ? .month : .year)
    self.approximate = approximate
    self.text = text
  }

  /// Exact to the day and not approximate.
  public var isExact: Bool { precision == .day && !approximate }
}

private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
private func format4(_ n: Int) -> String { String(n) }

extension String {
  /// The text without the spaces (`" "` characters) it starts and ends with. Trims a substring in place: the same
  /// characters as dropping them from both ends of reversed views, without instantiating those nested generic views.
  func trimmingCharactersInSpaces() -> String {
    var s = self[...]
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}

/// An annex approved by the act: the Положение or Регламент itself, often published separately.
public struct Annex: Sendable, Hashable {
  public var id: String
  public var number: String?
  public var title: String
  public var kind: String?
  /// `with-act` or `separately`.
  public var published: String?
  /// A Reglament file holding the annex, relative to this file.
  public var file: String?
  public var held: TextHolding?
  public var source: String?
  public var clause: ClauseReference?
  public var assumption: Assumption?
  public var range: SourceRange

  public init(id: String, title: String, range: SourceRange) {
    self.id = id
    self.title = title
    self.range = range
  }
}

/// An edition of the act: the text as amended by another act, in force from a date.
public struct Edition: Sendable, Hashable {
  public var id: String
  public var amendedBy: RelatedAct?
  public var effectiveFrom: CivilDate
  public var summary: String?
  public var clause: ClauseReference?
  public var assumption: Assumption?
  public var range: SourceRange

  public init(id: String, amendedBy: RelatedAct?, effectiveFrom: CivilDate, summary: String?, clause: ClauseReference?,
    assumption: Assumption?, range: SourceRange) {
    self.id = id
    self.amendedBy = amendedBy
    self.effectiveFrom = effectiveFrom
    self.summary = summary
    self.clause = clause
    self.assumption = assumption
    self.range = range
  }
}

/// In which editions an element is in force: from the edition `since` (or from the start) until the edition `until`
/// (`repealed_by:`, exclusive; or for good). Both name an `Edition` id.
public struct Validity: Sendable, Hashable {
  public var since: Located<String>?
  public var until: Located<String>?

  public init(since: Located<String>? = nil, until: Located<String>? = nil) {
    self.since = since
    self.until = until
  }

  public var isAlways: Bool { since == nil && until == nil }

  /// Whether the element is in force on `date`, given the editions' effective dates (an unknown edition id: in force).
  public func inForce(on date: CivilDate, editions: [Edition]) -> Bool {
    func start(_ id: Located<String>?) -> CivilDate? { id.flatMap { i in editions.first { $0.id == i.value }?.effectiveFrom } }
    if let s = start(since), date < s { return false }
    if let u = start(until), date >= u { return false }
    return true
  }
}
