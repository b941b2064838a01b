import RegulationDiagnostics

/// A value with the place in the file it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
  public var value: Value
  public var range: SourceRange

  public init(_ value: Value, at range: SourceRange) {
    self.value = value
    self.range = range
  }
}

/// A clause of the act ("9", "3.2", "14") and, optionally, its quoted text.
public struct ClauseReference: Sendable, Hashable {
  public var number: String
  public var range: SourceRange
  /// What we hold of this clause's text, when stated on the element (`held:`).
  public var held: TextHolding?
  /// A place of the act with no number (`unnumbered`, «преамбула»).
  public var isUnnumbered: Bool { ["unnumbered", "преамбула", "Преамбула", "без номера"].contains(number) }

  public init(_ number: String, at range: SourceRange) {
    self.number = number
    self.range = range
  }
}

/// A reading of the act that its text does not state (which clock "30 минут" means), with the reason.
public struct Assumption: Sendable, Hashable {
  public var text: String
  public var range: SourceRange
  /// v1.1: the reading's id, by which `--reading ID=ALT` and `check --readings all` name it (deadlines only).
  public var id: Located<String>?
  /// v1.1: the readings the authors rejected, each with the deadline it would give (see `Regulation.applying`).
  public var rejected: [RejectedReading] = []

  public init(text: String, at range: SourceRange) {
    self.text = text
    self.range = range
  }
}
