/// One line of a deadline's derivation: what it is about (a date, a rule) and what was applied.
public struct ExplanationLine: Hashable, Sendable {
  public var label: String
  public var text: String

  public init(_ label: String, _ text: String) {
    self.label = label
    self.text = text
  }

  /// `label` padded to a column, then `text`.
  public func rendered(labelWidth: Int = 20) -> String {
    let padding = max(1, labelWidth - label.count)
    return label + String(repeating: " ", count: padding) + text
  }
}

/// A computed instant with the lines that derive it.
public struct Derivation: Sendable {
  public var due: LocalTimestamp
  public var lines: [ExplanationLine]

  public init(due: LocalTimestamp, lines: [ExplanationLine]) {
    self.due = due
    self.lines = lines
  }
}
