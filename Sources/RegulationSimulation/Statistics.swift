import Foundation

/// A fixed-bin histogram of minutes: 1-minute bins up to 48 hours, 15-minute bins up to 62 days, then one overflow
/// bin (whose quantile is the largest value seen). Counts are integers, so merging is exact and order-free; quantiles
/// are read at the bin's upper edge (at most 1 minute high under 48 hours, 15 minutes beyond).
public struct MinuteHistogram: Sendable {
  static let fine = 2880
  static let coarseWidth = 15
  static let coarse = (62 * 1440 - fine) / coarseWidth
  var bins: [UInt32]
  public private(set) var count = 0
  public private(set) var sum = 0.0
  public private(set) var max = 0.0

  public init() { bins = Array(repeating: 0, count: Self.fine + Self.coarse + 1) }

  /// The histogram of bins, a count, a sum and a maximum gathered elsewhere (`RawMinuteHistogram`).
  init(bins: [UInt32], count: Int, sum: Double, max: Double) {
    self.bins = bins
    self.count = count
    self.sum = sum
    self.max = max
  }

  /// The bin of a value (`max(0, minutes)`).
  @inline(__always) static func bin(_ m: Double) -> Int {
    m < Double(fine) ? Int(m) : Swift.min(fine + Int((m - Double(fine)) / Double(coarseWidth)), fine + coarse)
  }

  @inline(__always) public mutating func add(_ minutes: Double) {
    let m = Swift.max(0, minutes)
    bins[Self.bin(m)] &+= 1
    count += 1
    sum += m
    if m > max { max = m }
  }

  public mutating func merge(_ o: MinuteHistogram) {
    for i in bins.indices { bins[i] &+= o.bins[i] }
    count += o.count
    sum += o.sum
    max = Swift.max(max, o.max)
  }

  public var mean: Double { count == 0 ? 0 : sum / Double(count) }

  /// The `q`-quantile (0 < q ≤ 1), in minutes.
  public func quantile(_ q: Double) -> Double {
    guard count > 0 else { return 0 }
    let target = Swift.max(1, Int((q * Double(count)).rounded(.up)))
    var seen = 0
    for (i, c) in bins.enumerated() {
      seen += Int(c)
      if seen >= target {
        if i < Self.fine { return Double(i + 1) }
        if i == Self.fine + Self.coarse { return max }
        return Double(Self.fine + (i - Self.fine + 1) * Self.coarseWidth)
      }
    }
    return max
  }

  /// Counts in bins of `width` minutes up to `limit` minutes (for charts).
  public func density(width: Int, limit: Int) -> [Int] {
    var out = Array(repeating: 0, count: Swift.max(1, limit / width))
    for (i, c) in bins.enumerated() where c > 0 {
      let lower = i < Self.fine ? i : Self.fine + (i - Self.fine) * Self.coarseWidth
      if lower < limit { out[Swift.min(out.count - 1, lower / width)] += Int(c) }
    }
    return out
  }
}

/// Everything one replication of one variant measured: counters and histograms, no per-incident records.
public struct ReplicationResult: Sendable {
  /// Incidents detected after the warm-up that needed an answer (excluded ones are counted apart).
  public var incidents = 0
  public var excluded = 0
  public var repeats = 0
  public var repeatsLate = 0
  public var lateCases = 0
  public var stepOccurrences: [Int]
  public var stepLate: [Int]
  public var categoryCases: [Int]
  public var categoryLate: [Int]
  public var timeToAnswer = MinuteHistogram()
  public var timeToFirstReply = MinuteHistogram()
  /// Minutes from detection to the overall deadline (the first limit, else the last step's), to mark on charts.
  public var allowed = MinuteHistogram()
  /// Per role, per day: working seconds busy, working seconds available, integral of queue length (seconds).
  public var busy: [[Double]]
  public var available: [[Double]]
  public var queueIntegral: [[Double]]
  /// Per role: waits in queue (calendar seconds) of jobs started after the warm-up.
  public var waitSum: [Double]
  public var waitCount: [Int]
  public var events = 0
  /// Incidents simulated in all (warm-up included).
  public var simulated = 0

  init(steps: Int, categories: Int, roles: Int, days: Int) {
    stepOccurrences = Array(repeating: 0, count: steps)
    stepLate = Array(repeating: 0, count: steps)
    categoryCases = Array(repeating: 0, count: categories)
    categoryLate = Array(repeating: 0, count: categories)
    busy = Array(repeating: Array(repeating: 0, count: days), count: roles)
    available = busy
    queueIntegral = busy
    waitSum = Array(repeating: 0, count: roles)
    waitCount = Array(repeating: 0, count: roles)
  }

  public var lateShare: Double { incidents == 0 ? 0 : Double(lateCases) / Double(incidents) }

  /// Adds another replication's counters (same variant: same steps, categories, roles and days).
  mutating func merge(_ r: ReplicationResult) {
    incidents += r.incidents
    excluded += r.excluded
    repeats += r.repeats
    repeatsLate += r.repeatsLate
    lateCases += r.lateCases
    simulated += r.simulated
    events += r.events
    for i in stepOccurrences.indices {
      stepOccurrences[i] += r.stepOccurrences[i]
      stepLate[i] += r.stepLate[i]
    }
    for i in categoryCases.indices {
      categoryCases[i] += r.categoryCases[i]
      categoryLate[i] += r.categoryLate[i]
    }
    timeToAnswer.merge(r.timeToAnswer)
    timeToFirstReply.merge(r.timeToFirstReply)
    allowed.merge(r.allowed)
    for role in busy.indices {
      for d in busy[role].indices {
        busy[role][d] += r.busy[role][d]
        available[role][d] += r.available[role][d]
        queueIntegral[role][d] += r.queueIntegral[role][d]
      }
      waitSum[role] += r.waitSum[role]
      waitCount[role] += r.waitCount[role]
    }
  }
}

/// Mean and 95 % confidence interval across replications (Student's t).
public struct Estimate: Sendable {
  public var mean: Double
  public var halfWidth: Double
  public var n: Int

  public init(_ xs: [Double]) {
    n = xs.count
    let m = xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count)
    mean = m
    guard xs.count > 1 else { halfWidth = .infinity; return }
    let v = xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
    halfWidth = Estimate.t975(xs.count - 1) * (v / Double(xs.count)).squareRoot()
  }

  public var low: Double { mean - halfWidth }
  public var high: Double { mean + halfWidth }

  /// The 0.975 quantile of Student's t with `df` degrees of freedom (table to 30, then a series in 1/df).
  static func t975(_ df: Int) -> Double {
    let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
      2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
    if df >= 1 && df <= 30 { return table[df - 1] }
    let z = 1.959964, d = Double(df)
    return z + (z * z * z + z) / (4 * d) + (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d)
  }
}
