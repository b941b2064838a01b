import Foundation

/// The grammar of a clause reference (grammar/values.ebnf, `clause`): "9", "3.2", "12а", "9, абз. 3",
/// "прил. 1, п. 4", or `unnumbered` for a place of the act with no number (a preamble).
public enum ClauseGrammar {
  /// Words that mark a place without a number.
  public static let unnumbered = ["unnumbered", "преамбула", "Преамбула", "без номера"]
  static let annex = #"(([пП]рил\.|[пП]риложени[ея])\s*(№\s*)?[0-9]+(\s*,\s*|\s+))"#
  static let point = #"(п\.\s*)?[0-9]+(\.[0-9]+)*[а-я]?"#
  static let part = #"(\s*,\s*(абз\.|подп\.|пп\.|ч\.)\s*([0-9]+|[а-я]))*"#
  /// The whole grammar as one regular expression (also the JSON Schema's pattern).
  public static let pattern = "^(" + unnumbered.joined(separator: "|") + "|" + annex + "?" + point + part
    + #"|([пП]рил\.|[пП]риложени[ея])\s*(№\s*)?[0-9]+)$"#

  /// Whether `text` is a clause reference.
  public static func isValid(_ text: String) -> Bool {
    isPlainNumber(text) || text.range(of: pattern, options: .regularExpression) != nil
  }

  /// Whether `text` is a plain clause number, `[0-9]+(\.[0-9]+)*` ("9", "3.2", "12.1.4"): most clauses an act cites,
  /// accepted without running the regular expression (matching it was 3 % of `check regulations/`). Sound: such a
  /// text matches `pattern` through its `point` alone (no annex, no `п.`, no letter, no parts), and it holds no line
  /// terminator for `$` to match before. Any other text, valid or not, is decided by the regular expression.
  /// `ClauseGrammarTests` compares both.
  static func isPlainNumber(_ text: String) -> Bool {
    var previous: UInt8 = 0x2E  // a leading dot is not a number
    var any = false
    for b in text.utf8 {
      if b >= 0x30 && b <= 0x39 {
        any = true
      } else if b != 0x2E || previous == 0x2E {
        return false
      }
      previous = b
    }
    return any && previous != 0x2E
  }

  /// Whether `text` names a place with no number.
  public static func isUnnumbered(_ text: String) -> Bool { unnumbered.contains(text.lowercased()) }
}
