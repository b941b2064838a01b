import Foundation
import RegulationModel

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny generator used to derive seeds and as the per-case stream. Pure
/// integer arithmetic, so the same seed gives the same numbers on every machine; never the system generator.
public struct SplitMix64: Sendable {
  public var state: UInt64

  public init(seed: UInt64) { state = seed }

  @inline(__always) public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform number in (0, 1): 53 random bits, never exactly 0 (safe for logarithms).
  @inline(__always) public mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) * 0x1.0p-53 }

  /// A seed for a sub-stream: a mix of the parent seed and the labels (replication, case number, purpose).
  public static func derive(_ seed: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> UInt64 {
    derive(prefix: prefix(seed, a), b)
  }

  /// The part of `derive(seed, a, b)` that does not depend on `b` (the simulator computes it once per replication).
  static func prefix(_ seed: UInt64, _ a: UInt64) -> UInt64 {
    var g = SplitMix64(seed: seed ^ 0x5851_F42D_4C95_7F2D)
    let x = g.next() ^ (a &* 0xD6E8_FEB8_6659_FD93)
    g = SplitMix64(seed: x)
    return g.next()
  }

  /// `derive(seed, a, b)` from `prefix(seed, a)`.
  @inline(__always) static func derive(prefix: UInt64, _ b: UInt64) -> UInt64 {
    var g = SplitMix64(seed: prefix ^ (b &* 0xA076_1D64_78BD_642F))
    return g.next()
  }
}

/// xoshiro256** (Blackman, Vigna 2018): the arrival stream of one replication. Seeded through SplitMix64.
public struct Xoshiro256: Sendable {
  var s0, s1, s2, s3: UInt64

  public init(seed: UInt64) {
    var g = SplitMix64(seed: seed)
    s0 = g.next(); s1 = g.next(); s2 = g.next(); s3 = g.next()
  }

  @inline(__always) static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  @inline(__always) public mutating func next() -> UInt64 {
    let result = Self.rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t
    s3 = Self.rotl(s3, 45)
    return result
  }

  @inline(__always) public mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) * 0x1.0p-53 }
}

extension Distribution {
  /// A draw in minutes from two uniforms in (0, 1). Always two, whatever the distribution, so that every variant
  /// consumes a case's stream in step (common random numbers).
  @inline(__always) func sample(_ u1: Double, _ u2: Double) -> Double {
    switch self {
    case .fixed(let x): return x
    case .exponential(let m): return -m * Foundation.log(u1)
    case .uniform(let a, let b): return a + (b - a) * u1
    case .lognormal(let m, let s):
      // Box–Muller; mu so that the mean is m.
      let z = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
      return m <= 0 ? 0 : Foundation.exp(Foundation.log(m) - s * s / 2 + s * z)
    case .triangular(let a, let c, let b):
      guard b > a else { return a }
      let f = (c - a) / (b - a)
      return u1 < f ? a + ((b - a) * (c - a) * u1).squareRoot() : b - ((b - a) * (b - c) * (1 - u1)).squareRoot()
    case .empirical(let xs):
      return xs.isEmpty ? 0 : xs[min(xs.count - 1, Int(u1 * Double(xs.count)))]
    }
  }
}

/// A step's duration distribution flattened for the hot path: a code and its numbers, no enum payload to copy (an
/// empirical column is a range of one shared table). Draws exactly the numbers of `Distribution.sample` (the same
/// expressions, evaluated in the same order; tested).
struct Sampler {
  enum Kind: UInt8 { case fixed, exponential, uniform, lognormal, triangular, empirical }
  var kind: Kind
  var p0 = 0.0, p1 = 0.0, p2 = 0.0, p3 = 0.0, p4 = 0.0
  var start = 0, count = 0

  /// `table`: where an empirical column's values go.
  init(_ d: Distribution, table: inout [Double]) {
    switch d {
    case .fixed(let x):
      kind = .fixed
      p0 = x
    case .exponential(let m):
      kind = .exponential
      p0 = m
    case .uniform(let a, let b):
      kind = .uniform
      p0 = a
      p1 = b - a
    case .lognormal(let m, let s):
      if m <= 0 {
        kind = .fixed
      } else {
        kind = .lognormal
        p0 = Foundation.log(m) - s * s / 2
        p1 = s
      }
    case .triangular(let a, let c, let b):
      if b > a {
        kind = .triangular
        p0 = a
        p1 = b
        p2 = (c - a) / (b - a)
        p3 = (b - a) * (c - a)
        p4 = (b - a) * (b - c)
      } else {
        kind = .fixed
        p0 = a
      }
    case .empirical(let xs):
      if xs.isEmpty {
        kind = .fixed
      } else {
        kind = .empirical
        start = table.count
        count = xs.count
        table += xs
      }
    }
  }

  /// A draw in minutes from two uniforms in (0, 1).
  @inline(__always) func sample(_ u1: Double, _ u2: Double, table: [Double]) -> Double {
    switch kind {
    case .fixed: return p0
    case .exponential: return -p0 * Foundation.log(u1)
    case .uniform: return p0 + p1 * u1
    case .lognormal:
      let z = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
      return Foundation.exp(p0 + p1 * z)
    case .triangular:
      return u1 < p2 ? p0 + (p3 * u1).squareRoot() : p1 - (p4 * (1 - u1)).squareRoot()
    case .empirical: return table[start + Swift.min(count - 1, Int(u1 * Double(count)))]
    }
  }
}
