import RegulationDiagnostics
import RegulationModel
import RegulationParser

/// `check --readings all`: the analysis run under every combination of the readings a regulation lists for its
/// disputed wordings (`assumption: {id, text, rejected}`), so a lawyer sees which findings the wording itself decides.
///
/// Findings are compared by what they claim, not by their wording: rule, place (a rejected reading keeps the chosen
/// rule's position in the file), severity, and the `FindingClaim` a rule attaches (which loop, how many rounds fit).
/// "Fits with 2 h to spare" and "fits with 40 min to spare" are the same finding; "2 rounds fit" and "no round fits"
/// are not. A finding that says the same under every combination is left as the analysis reports it; otherwise one
/// `reading-dependent` warning at its place names each thing said there with the readings under which it is said, and
/// the readings under which nothing is.
public enum ReadingAnalysis {
  /// One way of reading the whole act: a rejected reading chosen at some disputed wordings, the chosen one elsewhere.
  public struct Combination: Sendable, Hashable {
    /// Reading id → rejected reading id, for the wordings read differently (empty: the act as written).
    public var choices: [String: String]

    /// `draft-clock=working, approve-from=received`, or nil for the act as written.
    public var label: String? {
      choices.isEmpty ? nil : choices.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
  }

  /// What was compared.
  public struct Result: Sendable {
    public var combinations: [Combination]
    /// True when the product of all readings exceeded the budget and each rejected reading was tried on its own.
    public var oneAtATime: Bool
    public var diagnostics: [Diagnostic]
  }

  /// Most combinations analysed; beyond it each rejected reading is tried alone against the act as written.
  public static let combinationBudget = 64

  /// Every combination of readings (the act as written first), or each rejected reading alone when there are more
  /// than `budget` combinations.
  public static func combinations(of points: [ReadingPoint], budget: Int = combinationBudget) -> (
    [Combination], oneAtATime: Bool
  ) {
    var total = 1
    for p in points {
      let (product, overflow) = total.multipliedReportingOverflow(by: p.alternatives.count + 1)
      total = overflow ? Int.max : product
    }
    if total > budget {
      var single = [Combination(choices: [:])]
      for p in points { for alt in p.alternatives { single.append(Combination(choices: [p.id: alt.id.value])) } }
      return (single, true)
    }
    var all = [Combination(choices: [:])]
    for p in points {
      all = all.flatMap { c in
        [c] + p.alternatives.map { alt in
          var next = c
          next.choices[p.id] = alt.id.value
          return next
        }
      }
    }
    return (all, false)
  }

  /// The analysis of `regulation` under every combination of its readings, compared with `base` (the findings of the
  /// act as written). `analyze` is the analysis to run (`Analyzer.analyze` by default).
  public static func compare(
    _ regulation: Regulation, base: [Diagnostic], budget: Int = combinationBudget,
    analyze: (Regulation) -> [Diagnostic] = { Analyzer.analyze($0) }
  ) -> Result {
    let points = regulation.readingPoints
    guard !points.isEmpty else { return Result(combinations: [], oneAtATime: false, diagnostics: []) }
    let (combos, oneAtATime) = combinations(of: points, budget: budget)
    var diagnostics: [Diagnostic] = []
    // Per place (rule, subject, position, aspect), what each analysed combination finds there: one of the variants
    // (severity and claimed count), or nothing.
    var variants: [FindingPlace: [FindingVariant: (example: Diagnostic, under: Set<Int>)]] = [:]
    // `implicit-clock` is about the assumption itself (which every reading changes by construction): not compared.
    func compared(_ d: Diagnostic) -> Bool { d.severity != .error && d.id != .implicitClock }
    func record(_ d: Diagnostic, under i: Int) {
      let variant = FindingVariant(d)
      if variants[FindingPlace(d), default: [:]][variant] == nil {
        variants[FindingPlace(d), default: [:]][variant] = (d, [i])
      } else {
        variants[FindingPlace(d)]![variant]!.under.insert(i)
      }
    }
    for d in base where compared(d) { record(d, under: 0) }
    var analysed: Set<Int> = [0]
    for (i, combo) in combos.enumerated().dropFirst() {
      let read = regulation.applying(readings: combo.choices)
      let errors = RegulationParser.checkReferences(read).filter { $0.severity == .error }
      if let error = errors.first {
        diagnostics.append(unreadable(combo, error: error, points: points))
        continue
      }
      analysed.insert(i)
      for d in analyze(read) where compared(d) { record(d, under: i) }
    }
    // Each place's variants in a fixed order: the one of the act as written first, then by the combinations.
    func before(_ x: Diagnostic, _ y: Diagnostic) -> Bool { Diagnostic.sortKey(x) < Diagnostic.sortKey(y) }
    let places = variants.map { place, byVariant in
      (place, byVariant.values.sorted { a, b in
        let (i, j) = (a.under.min()!, b.under.min()!)
        return i != j ? i < j : before(a.example, b.example)
      })
    }.sorted { a, b in
      let (x, y) = (a.1[0].example, b.1[0].example)
      return Diagnostic.sortKey(x) == Diagnostic.sortKey(y) ? (a.0.aspect ?? "") < (b.0.aspect ?? "") : before(x, y)
    }
    for (_, found) in places {
      if found.count == 1, found[0].under == analysed { continue }
      // What each analysed combination finds here: a variant's index, or -1 for nothing.
      var outcome: [Int: Int] = [:]
      for i in analysed { outcome[i] = found.firstIndex { $0.under.contains(i) } ?? -1 }
      // The wordings that decide it: two analysed combinations that differ only there disagree on the finding.
      let deciding = points.filter { p in
        analysed.contains { i in
          analysed.contains { j in
            guard outcome[i] != outcome[j] else { return false }
            var a = combos[i].choices, b = combos[j].choices
            a[p.id] = nil
            b[p.id] = nil
            return a == b
          }
        }
      }
      let absent = analysed.filter { outcome[$0] == -1 }.sorted().map { combos[$0] }
      diagnostics.append(dependent(found.map { ($0.example, $0.under.sorted().map { combos[$0] }) },
        absentUnder: absent, deciding: deciding))
    }
    return Result(combinations: combos, oneAtATime: oneAtATime, diagnostics: diagnostics)
  }

  /// Where a finding is: its rule, subject, position and, when one rule states several findings there, which one.
  struct FindingPlace: Hashable {
    var id: DiagnosticID
    var subject: String?
    var file: String
    var line: Int
    var column: Int
    var aspect: String?
    init(_ d: Diagnostic) {
      id = d.id
      subject = d.subject
      file = d.range.start.file
      line = d.range.start.line
      column = d.range.start.column
      aspect = d.claim?.aspect
    }
  }

  /// What a finding says at its place, without the amounts: its severity and the count it claims.
  struct FindingVariant: Hashable {
    var severity: Severity
    var count: FindingClaim.Count?
    init(_ d: Diagnostic) {
      severity = d.severity
      count = d.claim?.count
    }
  }

  /// At most this many combinations are named in one message.
  static let shown = 4

  static func describe(_ combos: [Combination], language ru: Bool) -> String {
    let named = combos.prefix(shown).map { c in c.label.map { "«\($0)»" } ?? (ru ? "принятом (как написано)" : "the chosen one (as written)") }
    let more = combos.count > shown ? (ru ? " и ещё \(combos.count - shown)" : " and \(combos.count - shown) more") : ""
    return named.joined(separator: "; ") + more
  }

  /// One `reading-dependent` warning for a place whose finding changes with the reading: each variant found there
  /// with the combinations under which it holds, and the combinations under which nothing is found there.
  static func dependent(_ found: [(finding: Diagnostic, under: [Combination])], absentUnder absent: [Combination],
    deciding: [ReadingPoint]) -> Diagnostic {
    let first = found[0].finding
    let notes = deciding.prefix(shown).map { p in
      DiagnosticNote(.init(
        en: "disputed wording `\(p.id)`: read as «\(p.chosen)»; rejected: \(p.alternatives.map { "`\($0.id.value)`" }.joined(separator: ", "))",
        ru: "спорное место «\(p.id)»: принято «\(p.chosen)»; отвергнуто: \(p.alternatives.map { "«\($0.id.value)»" }.joined(separator: ", "))"),
        at: p.range)
    }
    let headEn = "`\(first.id.rawValue)` depends on how the act's words are read at \(deciding.map { "`\($0.id)`" }.joined(separator: ", ")): "
    let headRu = "вывод `\(first.id.rawValue)` зависит от прочтения слов акта \(deciding.count == 1 ? "в месте" : "в местах") \(deciding.map { "«\($0.id)»" }.joined(separator: ", ")): "
    var en: String, ru: String
    if found.count == 1 {
      en = "«\(first.message.en)» holds under the readings: \(describe(found[0].under, language: false)); not under: \(describe(absent, language: false))"
      ru = "«\(first.message.ru)» верно при прочтениях: \(describe(found[0].under, language: true)); неверно при прочтениях: \(describe(absent, language: true))"
    } else {
      // The same finding says different things: each variant with its readings.
      en = found.map { "under the readings \(describe($0.under, language: false)): «\($0.finding.message.en)»" }.joined(separator: "; ")
      ru = found.map { "при прочтениях \(describe($0.under, language: true)): «\($0.finding.message.ru)»" }.joined(separator: "; ")
      if !absent.isEmpty {
        en += "; under \(describe(absent, language: false)): no such finding"
        ru += "; при прочтениях \(describe(absent, language: true)): такого вывода нет"
      }
    }
    return Diagnostic(.readingDependent, subject: first.subject, message: .init(en: headEn + en, ru: headRu + ru),
      at: first.range, clauses: sortClauses(found.flatMap(\.finding.clauses)), notes: Array(notes),
      hint: .init(en: "the wording decides the verdict: ask the act's authors which reading they meant, or amend the clause",
        ru: "вывод решает формулировка: уточните у авторов акта, какое прочтение имелось в виду, или измените пункт"))
  }

  static func unreadable(_ combo: Combination, error: Diagnostic, points: [ReadingPoint]) -> Diagnostic {
    let place = points.first { combo.choices[$0.id] != nil }?.range ?? error.range
    return Diagnostic(.readingDependent, message: .init(
      en: "under the reading «\(combo.label ?? "")» the act cannot be computed: \(error.message.en)",
      ru: "при прочтении «\(combo.label ?? "")» сроки вычислить нельзя: \(error.message.ru)"),
      at: place, notes: [DiagnosticNote(.init(en: "here", ru: "здесь"), at: error.range)])
  }
}
