import RegulationModel
import WorkingTime

/// One computed deadline of an incident, with how it was derived.
public struct ComputedDeadline: Sendable {
  /// Step or limit id.
  public var step: String
  public var name: String
  /// `step`, `limit` or `duty`.
  public var entity: String
  public var clause: String?
  public var role: String?
  /// `nil` when the deadline cannot be computed (anchored on a step with no deadline and no recorded time).
  public var due: LocalTimestamp?
  public var period: Period?
  public var anchor: String?
  /// When the period is counted backwards from another deadline.
  public var before: String?
  public var notLaterThan: String?
  /// Why the deadline is missing, or a caveat.
  public var remark: String?
  public var assumption: String?
  public var explanation: [ExplanationLine]
}

/// An error in the inputs of a computation (a bad event name, a date outside the calendar).
public struct EngineError: Error, Sendable, CustomStringConvertible {
  public var en: String
  public var ru: String
  public var description: String { en }

  public init(en: String, ru: String) {
    self.en = en
    self.ru = ru
  }
}
