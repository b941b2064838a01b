/// What a finding claims, without the amounts that measure it. Two runs of the analysis (under two readings of the
/// act's words) state the same finding when they agree on its rule, place, severity and claim: "2 rework rounds fit"
/// and "no round fits" are different claims, "fits with 2 h to spare" and "with 40 min to spare" are the same one.
/// Not rendered: it exists so that `check --readings all` compares findings as typed values, not by their wording.
public struct FindingClaim: Hashable, Sendable {
  /// A count a finding states.
  public enum Count: Hashable, Sendable {
    /// Exactly this many fit (the next one breaks a deadline).
    case exactly(Int)
    /// At least this many fit; more were not tried.
    case atLeast(Int)
    /// At least this many fit; whether one more does is unknown (a budget, or the calendar's end).
    case unknown(Int)
  }

  /// Which of several findings of one rule at one place this is (the loop, the pair of loops, the co-executed step).
  public var aspect: String
  /// The count it states, if any.
  public var count: Count?

  public init(aspect: String, count: Count? = nil) {
    self.aspect = aspect
    self.count = count
  }
}
