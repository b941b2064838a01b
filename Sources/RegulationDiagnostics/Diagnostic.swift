/// How serious a finding is.
public enum Severity: String, Sendable, Comparable, CaseIterable {
  case error, warning, note

  var rank: Int { self == .error ? 0 : (self == .warning ? 1 : 2) }
  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

  public func word(_ language: Language) -> String {
    switch (self, language) {
    case (.error, .en): "error"
    case (.warning, .en): "warning"
    case (.note, .en): "note"
    case (.error, .ru): "ошибка"
    case (.warning, .ru): "предупреждение"
    case (.note, .ru): "примечание"
    }
  }
}

/// A related place mentioned by a diagnostic ("declared here", "the clause it conflicts with").
public struct DiagnosticNote: Hashable, Sendable {
  public var message: LocalizedText
  public var range: SourceRange?

  public init(_ message: LocalizedText, at range: SourceRange? = nil) {
    self.message = message
    self.range = range
  }
}

/// A suggested edit: replace the text of `range` with `replacement`.
public struct FixIt: Hashable, Sendable {
  public var range: SourceRange
  public var replacement: String

  public init(range: SourceRange, replacement: String) {
    self.range = range
    self.replacement = replacement
  }
}

/// One finding about a regulation file: a stable id, a severity, where, what, which clauses of the act, related
/// places, a hint and fix-its. Diagnostics are collected, never thrown.
public struct Diagnostic: Hashable, Sendable {
  public var id: DiagnosticID
  /// The step, limit or other item the finding is about (its id), when there is one.
  public var subject: String?
  public var severity: Severity
  public var message: LocalizedText
  public var range: SourceRange
  public var clauses: [String]
  public var notes: [DiagnosticNote]
  public var hint: LocalizedText?
  public var fixIts: [FixIt]
  /// What it claims, without its amounts, when one rule states several findings at one place or a count (not
  /// rendered; compared by `check --readings all`).
  public var claim: FindingClaim?

  public init(
    _ id: DiagnosticID, subject: String? = nil, severity: Severity? = nil, message: LocalizedText, at range: SourceRange,
    clauses: [String] = [], notes: [DiagnosticNote] = [], hint: LocalizedText? = nil, fixIts: [FixIt] = [],
    claim: FindingClaim? = nil
  ) {
    self.id = id
    self.subject = subject
    self.severity = severity ?? id.defaultSeverity
    self.message = message
    self.range = range
    self.clauses = clauses
    self.notes = notes
    self.hint = hint
    self.fixIts = fixIts
    self.claim = claim
  }

  /// Deterministic order: file, line, column, id, message.
  public static func sortKey(_ d: Diagnostic) -> (String, Int, Int, String, String) {
    (d.range.start.file, d.range.start.line, d.range.start.column, d.id.rawValue, d.message.en)
  }

  /// Most notes one diagnostic shows; the rest are counted in a last note.
  public static let notesLimit = 20

  /// The first `notesLimit - 1` notes and one saying how many more there were.
  func withNotesCapped() -> Diagnostic {
    var d = self
    let shown = Self.notesLimit - 1
    let more = notes.count - shown
    d.notes = Array(notes.prefix(shown))
      + [DiagnosticNote(.init(en: "and \(more) more places like these", ru: "и ещё мест: \(more)"))]
    return d
  }

  public static func sorted(_ list: [Diagnostic]) -> [Diagnostic] {
    list.sorted { sortKey($0) < sortKey($1) }
  }

  /// Keeps at most `limit` diagnostics per file — errors first, then warnings, then notes, each in source order — and
  /// adds, per file that had more, one `too-many-diagnostics` note after them saying how many were left out. Returns the
  /// kept diagnostics and the counts left out by severity.
  public static func capped(_ list: [Diagnostic], perFile limit: Int) -> ([Diagnostic], [Severity: Int]) {
    // A finding about a path through 5 000 steps must not print 5 000 notes: a few, then how many more.
    let list = list.map { $0.notes.count > notesLimit ? $0.withNotesCapped() : $0 }
    var byFile: [String: Int] = [:]
    for d in list { byFile[d.range.start.file, default: 0] += 1 }
    guard byFile.values.contains(where: { $0 > limit }) else { return (list, [:]) }
    var kept: [Diagnostic] = []
    var omitted: [Severity: Int] = [:]
    var groups: [String: [Diagnostic]] = [:]
    for d in list { groups[d.range.start.file, default: []].append(d) }
    for file in groups.keys.sorted() {
      let group = groups[file]!
      guard group.count > limit else {
        kept += group
        continue
      }
      let ranked = group.sorted { (a, b) in
        a.severity != b.severity ? a.severity < b.severity : sortKey(a) < sortKey(b)
      }
      kept += ranked.prefix(max(limit, 0))
      let rest = ranked.dropFirst(max(limit, 0))
      var e = 0, w = 0, n = 0
      for d in rest {
        omitted[d.severity, default: 0] += 1
        switch d.severity {
        case .error: e += 1
        case .warning: w += 1
        case .note: n += 1
        }
      }
      let last = group.map(\.range).max { ($0.start.line, $0.start.column) < ($1.start.line, $1.start.column) }!
      kept.append(Diagnostic(.tooManyDiagnostics, message: .init(
        en: "and \(rest.count) more not shown (\(e) errors, \(w) warnings, \(n) notes): the first \(limit) are shown",
        ru: "и ещё \(rest.count) не показано (ошибок: \(e), предупреждений: \(w), примечаний: \(n)): показаны первые \(limit)"),
        at: SourceRange(start: last.start),
        hint: .init(en: "fix the errors above and check again", ru: "исправьте ошибки выше и проверьте файл снова")))
    }
    return (kept, omitted)
  }
}
