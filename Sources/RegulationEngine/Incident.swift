import RegulationModel
import WorkingTime

/// One incident as a user describes it (by names): when it was detected, its categories, kind, channel, the
/// situations that apply, and the steps already done — in any order, a step possibly several times.
public struct Incident: Sendable {
  public var detected: LocalTimestamp
  /// Category ids, names or aliases (base and overlay).
  public var categories: [String]
  public var kind: String?
  public var channel: String?
  /// Situation ids that apply (co-executors, interim, …). `nil` means every situation, to show all deadlines.
  public var situations: Set<String>?
  /// When the author posted the message, if known.
  public var posted: LocalTimestamp?
  /// Completions of steps already done, by step id or name.
  public var events: [(step: String, at: LocalTimestamp)]

  public init(
    detected: LocalTimestamp, categories: [String] = [], kind: String? = nil, channel: String? = nil,
    situations: Set<String>? = nil, posted: LocalTimestamp? = nil, events: [(step: String, at: LocalTimestamp)] = []
  ) {
    self.detected = detected
    self.categories = categories
    self.kind = kind
    self.channel = channel
    self.situations = situations
    self.posted = posted
    self.events = events
  }
}
