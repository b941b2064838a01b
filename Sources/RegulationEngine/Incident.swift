import RegulationModel
import WorkingTime

/// One incident to compute deadlines for: when it was detected, its categories and kind, the situations that apply,
/// and the actual times of steps already done.
public struct Incident: Sendable {
  public var detected: LocalTimestamp
  /// Category ids (base and overlay).
  public var categories: [String]
  public var kind: String?
  /// Situation ids that apply (co-executors, interim, …). `nil` means every situation, to show all deadlines.
  public var situations: Set<String>?
  /// Actual completion times by step id (`posted` for the author's posting time).
  public var events: [String: LocalTimestamp]

  public init(
    detected: LocalTimestamp, categories: [String] = [], kind: String? = nil, situations: Set<String>? = nil,
    events: [String: LocalTimestamp] = [:]
  ) {
    self.detected = detected
    self.categories = categories
    self.kind = kind
    self.situations = situations
    self.events = events
  }
}
