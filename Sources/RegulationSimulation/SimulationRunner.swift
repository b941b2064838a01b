import Foundation
import RegulationDiagnostics
import RegulationModel
import RegulationParser

/// How many replications, on how many threads.
public struct SimulationOptions: Sendable {
  /// Fixed number of replications (ignored when `precision` is set).
  public var runs: Int = 20
  /// Run until the 95 % half-width of the base variant's overall late share is below this.
  public var precision: Double?
  public var seed: UInt64 = 1
  /// Threads (default: every core). Results do not depend on it.
  public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
  /// Keep the event log of the first replication of the base variant.
  public var trace = false
  /// Largest number of replications `precision` may run.
  public var maxRuns = 2000
  /// The general paths instead of the shortcuts (tests: the same results): record every step's completion in the
  /// engine, also those no deadline depends on, sum the open outcomes' chances at every choice, queue every job.
  var recordEveryStep = false

  public init() {}
}

/// Everything measured for one variant over all replications, combined in replication order: the replications'
/// counters summed in one `ReplicationResult` (`totals`; its fields read as the aggregate's own, `v.stepLate`), and
/// the per-replication values the confidence intervals need.
@dynamicMemberLookup
public struct VariantAggregate: Sendable {
  public let name: String
  public let model: SimulationModel
  public var lateShares: [Double] = []
  public var meanAnswers: [Double] = []
  /// Per replication, per role: mean wait in queue, minutes.
  public var meanWaits: [[Double]] = []
  /// Counters and histograms of every replication so far, summed.
  public private(set) var totals: ReplicationResult

  init(model: SimulationModel) {
    name = model.name
    self.model = model
    totals = ReplicationResult(steps: model.regulation.steps.count, categories: model.categoryNames.count,
      roles: model.roles.count, days: model.days)
  }

  /// A counter of all replications (`incidents`, `stepLate`, `timeToAnswer`, `busy`, …).
  public subscript<T>(dynamicMember field: KeyPath<ReplicationResult, T>) -> T { totals[keyPath: field] }

  mutating func add(_ r: ReplicationResult) {
    lateShares.append(r.lateShare)
    meanAnswers.append(r.timeToAnswer.mean)
    meanWaits.append(r.waitSum.indices.map { r.waitCount[$0] == 0 ? 0 : r.waitSum[$0] / Double(r.waitCount[$0]) / 60 })
    totals.merge(r)
  }

  public var runs: Int { lateShares.count }
  public var lateShare: Estimate { Estimate(lateShares) }
  public var meanAnswer: Estimate { Estimate(meanAnswers) }
  public var roleIDs: [String] { model.roles.map(\.id) }
  public var stepIDs: [String] { model.stepIDs }
  public var categoryNames: [String] { model.categoryNames }

  /// Busy share of available working time after the warm-up.
  public func utilisation(role: Int) -> Double {
    let from = model.warmupDays
    let b = totals.busy[role][from...].reduce(0, +), a = totals.available[role][from...].reduce(0, +)
    return a > 0 ? b / a : 0
  }

  /// Mean queue length after the warm-up (time average, calendar time).
  public func queueLength(role: Int) -> Double {
    let from = model.warmupDays
    let days = max(1, model.days - from)
    return totals.queueIntegral[role][from...].reduce(0, +) / Double(days * 86_400 * max(1, runs))
  }

  public func meanWait(role: Int) -> Estimate { Estimate(meanWaits.map { $0[role] }) }
}

/// The outcome of `simulate`: one aggregate per variant (the base first) and the base's first event log if asked.
public struct SimulationOutcome: Sendable {
  public var seed: UInt64
  public var variants: [VariantAggregate]
  public var trace: [String]?
  public var wallSeconds: Double
  public var jobs: Int

  public var base: VariantAggregate { variants[0] }

  /// Paired differences of a variant against the base, replication by replication (common random numbers).
  public func difference(_ v: Int, _ metric: (VariantAggregate) -> [Double]) -> Estimate {
    let a = metric(variants[v]), b = metric(variants[0])
    return Estimate(zip(a, b).map { $0 - $1 })
  }
}

public enum SimulationRunner {
  /// Compiles the base scenario and each variant. Problems of variants are diagnostics at the variant's lines.
  public static func models(regulation: Regulation, scenario: Scenario) -> (models: [SimulationModel], diagnostics: [Diagnostic],
    error: SimulationError?)
  {
    var models: [SimulationModel] = []
    var diagnostics: [Diagnostic] = []
    do {
      models.append(try SimulationModel(regulation: regulation, scenario: scenario, name: "base"))
      for v in scenario.variants {
        let (s, d) = ScenarioParser.apply(v.overrides, to: scenario, regulation: regulation)
        diagnostics += d
        if d.contains(where: { $0.severity == .error }) { continue }
        models.append(try SimulationModel(regulation: regulation, scenario: s, name: v.name))
      }
    } catch {
      return (models, diagnostics, error)
    }
    return (models, diagnostics, nil)
  }

  /// Runs replications of every variant. Replication r of every variant uses the streams of (seed, r): the same
  /// incidents and draws. Replications run in parallel; results are combined in replication order, so the output
  /// does not depend on the number of threads.
  public static func run(_ models: [SimulationModel], options: SimulationOptions,
    progress: (@Sendable (Int, Int?) -> Void)? = nil) -> SimulationOutcome
  {
    let clock = DispatchTime.now().uptimeNanoseconds
    var aggregates = models.map { VariantAggregate(model: $0) }
    var trace: [String]?
    var done = 0
    let jobs = max(1, options.jobs)
    while true {
      let batch: Int
      if let p = options.precision {
        if done >= 10, aggregates[0].lateShare.halfWidth < p { break }
        if done >= options.maxRuns { break }
        batch = min(options.maxRuns - done, done == 0 ? max(10, 2 * jobs) : 2 * jobs)
      } else {
        if done >= options.runs { break }
        batch = min(options.runs - done, max(4 * jobs, 16))
      }
      let slots = ResultSlots(count: batch)
      let first = done
      let work = { @Sendable (w: Int) in
        for i in stride(from: w, to: batch, by: jobs) {
          let r = first + i
          var out: [ReplicationResult] = []
          var log: [String]?
          for (vi, m) in models.enumerated() {
            var sim = Simulator(model: m, seed: options.seed, replication: r, trace: options.trace && r == 0 && vi == 0,
              recordEveryStep: options.recordEveryStep)
            out.append(sim.run())
            if sim.trace != nil { log = sim.trace }
          }
          slots.set(i, out, log)
          progress?(first + slots.finished(), options.precision == nil ? options.runs : nil)
        }
      }
      if jobs == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: min(jobs, batch), execute: work) }
      for i in 0..<batch {
        let (results, log) = slots.get(i)
        for (vi, r) in results.enumerated() { aggregates[vi].add(r) }
        if let log { trace = log }
      }
      done += batch
    }
    let wall = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
    return SimulationOutcome(seed: options.seed, variants: aggregates, trace: trace, wallSeconds: wall, jobs: jobs)
  }
}

/// Results of a batch, written by worker threads at distinct indices.
final class ResultSlots: @unchecked Sendable {
  private var results: [[ReplicationResult]]
  private var logs: [[String]?]
  private var count = 0
  private let lock = NSLock()

  init(count: Int) {
    results = Array(repeating: [], count: count)
    logs = Array(repeating: nil, count: count)
  }

  func set(_ i: Int, _ r: [ReplicationResult], _ log: [String]?) {
    lock.lock()
    results[i] = r
    logs[i] = log
    count += 1
    lock.unlock()
  }

  func finished() -> Int {
    lock.lock()
    defer { lock.unlock() }
    return count
  }

  func get(_ i: Int) -> ([ReplicationResult], [String]?) { (results[i], logs[i]) }
}
