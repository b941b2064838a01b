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
    text.range(of: pattern, options: .regularExpression) != nil
  }

  /// Whether `text` names a place with no number.
  public static func isUnnumbered(_ text: String) -> Bool { unnumbered.contains(text.lowercased()) }
}
