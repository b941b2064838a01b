/// What the deadlines of an incident depend on besides time: its categories, kind, channel and situations, as indices
/// of the compiled regulation. Make one with `CompiledRegulation.profile(...)`.
public struct IncidentProfile: Hashable, Sendable {
  /// Category indices, base first, then overlays; sorted within each group.
  public internal(set) var categories: [Int]
  public internal(set) var kind: Int?
  public internal(set) var channel: Int?
  /// Situation indices that apply; `nil`: every situation (to show every deadline).
  public internal(set) var situations: Set<Int>?
  /// How many co-executors take part when they work one after another (for a projection of the deadlines).
  public internal(set) var coExecutors: Int

  init(categories: [Int], kind: Int?, channel: Int?, situations: Set<Int>?, coExecutors: Int = 1) {
    self.categories = categories
    self.kind = kind
    self.channel = channel
    self.situations = situations
    self.coExecutors = coExecutors
  }
}
