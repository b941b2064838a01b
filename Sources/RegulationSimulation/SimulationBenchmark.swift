import Foundation
import RegulationDiagnostics
import RegulationModel
import RegulationParser

/// `reglament bench --what simulation`: the peer's model (../shared/bench/simpy_bench.py) in Reglament, side by side
/// with SimPy when a Python is given; a quarter of a large region on the real calendar; 1 → 2 threads.
public enum SimulationBenchmark {
  /// The peer's workflow as a regulation: router → executor → approver, 20 % rework back to the executor, answer
  /// within 240 calendar minutes; everyone round the clock (SimPy has no calendar). The peer counts the 240 minutes to
  /// the *final* approval (after every rework round), and a limit is met by the first occurrence of its `until` step:
  /// so the limit runs until `answer`, a role-less step of no duration that follows the approval (a limit until
  /// `approve` would be met by the first approval, before any rework: about half the peer's late share).
  static let peerRegulation = """
    reglament: 1
    act: {id: peer, title: Модель SimPy, body: бенчмарк, kind: модель}
    working_time:
      time_zone: Europe/Moscow
      schedule: {hours: {mon-sun: "00:00-24:00"}, pre_holiday_shortening_minutes: 0}
      calendar: {base: ru}
    roles:
      - {id: router, name: распределяющий}
      - {id: executor, name: исполнитель}
      - {id: approver, name: согласующий}
    steps:
      - {id: route, name: направление, role: router, clause: "1", outcomes: [{if: done, to: execute}]}
      - {id: execute, name: исполнение, role: executor, clause: "2", outcomes: [{if: done, to: approve}]}
      - id: approve
        name: согласование
        role: approver
        clause: "3"
        outcomes: [{if: approved, to: answer}, {if: rework, to: execute}]
      - {id: answer, name: ответ, clause: "4", outcomes: [{if: done, to: end}]}
    limits:
      - id: sla
        name: ответ
        until: answer
        clause: "4"
        deadline: {amount: 240, clock: calendar-minutes, from: detected}
    """

  static func peerScenario(days: Int) -> String {
    """
    scenario: 1
    horizon: {start: 2018-01-01, days: \(days)}
    arrivals: {per_day: 48, days_off: 1}
    staff:
      router: {headcount: 1, always: true}
      executor: {headcount: 3, always: true}
      approver: {headcount: 1, always: true}
    durations:
      route: {exponential: 5}
      execute: {lognormal: {mean: 60, sigma: 0.5}}
      approve: {exponential: 10}
      answer: {fixed: 0}
    branches:
      approve: {approved: 0.8, rework: 0.2}
    max_rework: 1000
    """
  }

  /// A quarter of a large region: about 100 000 messages (1 100 a day) under the Krasnoufimsk act on the real
  /// calendar (09:00–18:00 with a lunch break, holidays, shortened days), staff scaled to the load.
  static func regionScenario(perDay: Int) -> String {
    """
    scenario: 1
    horizon: {start: 2026-04-01, days: 91}
    arrivals:
      per_day: \(perDay)
      by_weekday: {mon-fri: 1, sat-sun: 0.9}
      days_off: 0.9
      categories: {ordinary: 0.7, solvable: 0.2, ordinary+important: 0.1}
    staff:
      specialist: {headcount: 60}
      executor: {headcount: 200}
    durations:
      read: {exponential: 3}
      route: {exponential: 5}
      answer: {lognormal: {mean: 60, sigma: 0.6}}
      approve: {triangular: {min: 3, mode: 8, max: 20}}
      rework: {exponential: 20}
      publish: {fixed: 3}
    branches:
      approve: {approved: 0.85, rework: 0.15}
    """
  }

  static func compile(_ regulation: Regulation, _ scenario: String) -> [SimulationModel] {
    let parsed = ScenarioParser.parse(text: scenario, path: "bench.scenario.yaml", regulation: regulation)
    guard let s = parsed.scenario, !parsed.hasErrors else {
      fatalError("bench scenario: \(parsed.diagnostics.map { "\($0.range.start): \($0.message.en)" })")
    }
    return SimulationRunner.models(regulation: regulation, scenario: s).models
  }

  static func timed(_ models: [SimulationModel], runs: Int, jobs: Int) -> SimulationOutcome {
    var o = SimulationOptions()
    o.runs = runs
    o.jobs = jobs
    return SimulationRunner.run(models, options: o)
  }

  /// CPU seconds used by the process so far (all threads): with the wall time, tells a run that scales but found no
  /// idle core (same CPU, less wall) from one that contends (more CPU on two threads than on one).
  static func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// CPU seconds used by finished child processes (the peer's Python).
  static func childCPUSeconds() -> Double {
    var u = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
  }

  /// The 1-, 5- and 15-minute load averages of the machine (a shared machine's numbers mean little without them).
  static func loadAverage() -> [Double] {
    var l = [Double](repeating: 0, count: 3)
    return getloadavg(&l, 3) == 3 ? l.map { SimulationReport.round($0, 2) } : []
  }

  /// The median of a non-empty list (the mean of the middle two for an even count).
  static func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }

  /// Runs the peer's script under a small Python wrapper that imports SimPy first and then times the script with the
  /// process's CPU clock (`time.process_time`): the peer's CPU without starting the interpreter or importing SimPy,
  /// as Reglament's is without starting the binary. Returns the script's JSON line, the wrapper's CPU seconds, and the
  /// CPU seconds of the whole child process (getrusage).
  static func runPeer(python: String, script: String, target: Int) throws -> (line: String, cpu: Double?, processCPU: Double) {
    let wrapper = """
      import json, runpy, sys, time
      import simpy
      script = sys.argv[1]
      sys.argv = [script] + sys.argv[2:]
      t = time.process_time()
      runpy.run_path(script, run_name="__main__")
      print(json.dumps({"wrapper_cpu_s": time.process_time() - t}))
      """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: python)
    p.arguments = ["-c", wrapper, script, "--target", String(target), "--seed", "1"]
    let pipe = Pipe()
    p.standardOutput = pipe
    let childStart = childCPUSeconds()
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let processCPU = childCPUSeconds() - childStart
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
    let line = lines.first { !$0.contains("wrapper_cpu_s") } ?? ""
    var cpu: Double?
    if let w = lines.last(where: { $0.contains("wrapper_cpu_s") }),
      let obj = try? JSONSerialization.jsonObject(with: Data(w.utf8)) as? [String: Any]
    {
      cpu = obj["wrapper_cpu_s"] as? Double
    }
    return (line, cpu, processCPU)
  }

  /// `repetitions`: rounds, each running Reglament's replication until it has used its share of
  /// `minimumCPUSeconds` (at least once) and then the peer's script once, so both sides meet the same load, which
  /// drifts on a shared machine; the medians of the runs are reported (a 100 000-incident run of Reglament takes a
  /// tenth of a second: one run alone is noise).
  public static func run(repositoryRoot: String, peerPython: String?, regionRegulation: Regulation?, repetitions: Int = 3,
    minimumCPUSeconds: Double = 2) -> JSONValue
  {
    var out: [(String, JSONValue)] = []
    out.append(("load_average_at_start", .array(loadAverage().map { .double($0) })))
    // The peer's model: 100 000 incidents in one replication (about 5.7 simulated years at 2 an hour), the same
    // replication repeated (same seed: the same work each time, checked).
    let peerReg = RegulationParser.parse(text: peerRegulation, path: "peer.yaml").regulation!
    let peerModels = compile(peerReg, peerScenario(days: 2090))
    let script = URL(fileURLWithPath: repositoryRoot).appendingPathComponent("../shared/bench/simpy_bench.py").standardized.path
    let rounds = max(1, repetitions)
    var cpus: [Double] = [], walls: [Double] = []
    var first: SimulationOutcome?
    var identical = true
    var totalCPU = 0.0
    var lines: [String] = [], peerCPUs: [Double] = [], processCPUs: [Double] = [], peerRates: [Double] = []
    var target = 0
    var peerError: String?
    var loads: [Double] = []
    for _ in 0..<rounds {
      var roundCPU = 0.0
      repeat {
        let cpuStart = cpuSeconds()
        let one = timed(peerModels, runs: 1, jobs: 1)
        let cpu = cpuSeconds() - cpuStart
        cpus.append(cpu)
        walls.append(one.wallSeconds)
        roundCPU += cpu
        if let f = first {
          identical = identical && f.base.simulated == one.base.simulated && f.base.events == one.base.events
            && f.base.lateCases == one.base.lateCases
        } else {
          first = one
        }
      } while roundCPU < minimumCPUSeconds / Double(rounds) && cpus.count < 1000
      totalCPU += roundCPU
      loads.append(loadAverage().first ?? 0)
      guard let peerPython, peerError == nil else { continue }
      do {
        let r = try runPeer(python: peerPython, script: script, target: 100_000)
        guard let obj = try? JSONSerialization.jsonObject(with: Data(r.line.utf8)) as? [String: Any],
          let peerRate = obj["incidents_per_s"] as? Double, let n = obj["target"] as? Int, let cpu = r.cpu, cpu > 0
        else {
          peerError = r.line.isEmpty ? "no output from the peer" : r.line
          continue
        }
        lines.append(r.line)
        peerCPUs.append(cpu)
        processCPUs.append(r.processCPU)
        peerRates.append(peerRate)
        target = n
      } catch {
        peerError = "\(error)"
      }
      loads.append(loadAverage().first ?? 0)
    }
    let b = first!.base
    let cpu = median(cpus), wall = median(walls)
    let rate = Double(b.simulated) / wall
    let perCPU = Double(b.simulated) / cpu
    out.append(("reglament_peer_model", .object([
      ("incidents", .int(b.simulated)), ("repetitions", .int(cpus.count)),
      ("identical_repetitions", .bool(identical)),
      ("wall_s", .double(SimulationReport.round(wall, 3))),
      ("cpu_s", .double(SimulationReport.round(cpu, 3))),
      ("total_cpu_s", .double(SimulationReport.round(totalCPU, 3))),
      ("incidents_per_cpu_s", .double(SimulationReport.round(perCPU, 1))),
      ("incidents_per_s", .double(SimulationReport.round(rate, 1))),
      ("events_per_s", .double(SimulationReport.round(Double(b.events) / wall, 1))),
      ("frac_over_sla", .double(SimulationReport.round(b.lateShare.mean, 4))),
      ("mean_total_min", .double(SimulationReport.round(b.timeToAnswer.mean, 1))),
    ])))
    if let peerError { out.append(("peer_error", .string(peerError))) }
    if !peerCPUs.isEmpty {
      // The run whose CPU is the median, as SimPy printed it.
      let mid = peerCPUs.indices.sorted { peerCPUs[$0] < peerCPUs[$1] }[peerCPUs.count / 2]
      out.append(("peer_simpy_raw", .string(lines[mid])))
      out.append(("peer_repetitions", .int(peerCPUs.count)))
      let peerRate = median(peerRates)
      out.append(("peer_incidents_per_s", .double(peerRate)))
      out.append(("ratio_reglament_to_simpy", .double(SimulationReport.round(rate / peerRate, 2))))
      // On a shared machine each process gets what the others leave: incidents per CPU second compare the work
      // itself. The peer's CPU is its script's (process time after importing SimPy); the whole process's, with
      // Python's start, is given apart.
      let peerPerCPU = Double(target) / median(peerCPUs)
      out.append(("peer_cpu_s", .double(SimulationReport.round(median(peerCPUs), 3))))
      out.append(("peer_process_cpu_s", .double(SimulationReport.round(median(processCPUs), 3))))
      out.append(("peer_incidents_per_cpu_s", .double(SimulationReport.round(peerPerCPU, 1))))
      out.append(("ratio_per_cpu_s", .double(SimulationReport.round(perCPU / peerPerCPU, 2))))
    }
    // The 1-minute load average after each side's turn in each round.
    out.append(("load_average_1m_during", .array(loads.map { .double($0) })))
    // Speed-up: 96 replications of a year of the peer's model (about 1.7 million incidents, about a second on one
    // core) on 1 thread and on 2, three rounds alternating, medians reported. A single short pair (32 replications,
    // 0.2-0.4 s) swung between 1.45x and 2.31x on a quiet machine: one scheduler hiccup is a large share of it.
    let year = compile(peerReg, peerScenario(days: 365))
    let speedupRuns = 96
    var serialWalls: [Double] = [], parallelWalls: [Double] = [], serialCPUs: [Double] = [], parallelCPUs: [Double] = []
    var identicalAcrossThreads = true
    for _ in 0..<3 {
      let cpu0 = cpuSeconds()
      let serial = timed(year, runs: speedupRuns, jobs: 1)
      let cpu1 = cpuSeconds()
      let parallel = timed(year, runs: speedupRuns, jobs: 2)
      let cpu2 = cpuSeconds()
      serialWalls.append(serial.wallSeconds); parallelWalls.append(parallel.wallSeconds)
      serialCPUs.append(cpu1 - cpu0); parallelCPUs.append(cpu2 - cpu1)
      let same = SimulationReport(serial).json().serialized() == SimulationReport(parallel).json().serialized()
      identicalAcrossThreads = identicalAcrossThreads && same
    }
    out.append(("speedup_1_to_2_threads", .object([
      ("runs", .int(speedupRuns)), ("rounds", .int(3)),
      ("wall_s_1", .double(SimulationReport.round(median(serialWalls), 3))),
      ("wall_s_2", .double(SimulationReport.round(median(parallelWalls), 3))),
      ("cpu_s_1", .double(SimulationReport.round(median(serialCPUs), 3))),
      ("cpu_s_2", .double(SimulationReport.round(median(parallelCPUs), 3))),
      ("speedup", .double(SimulationReport.round(median(serialWalls) / median(parallelWalls), 2))),
      ("speedups_per_round",
       .array(zip(serialWalls, parallelWalls).map { .double(SimulationReport.round($0 / $1, 2)) })),
      ("identical_output", .bool(identicalAcrossThreads)),
    ])))
    if let regionRegulation {
      let models = compile(regionRegulation, regionScenario(perDay: 1100))
      let qCPU = cpuSeconds()
      let q = timed(models, runs: 1, jobs: 1)
      let qCPUUsed = cpuSeconds() - qCPU
      out.append(("quarter_region_real_calendar", .object([
        ("regulation", .string(regionRegulation.act.id)),
        ("incidents", .int(q.base.simulated)), ("wall_s", .double(SimulationReport.round(q.wallSeconds, 3))),
        ("cpu_s", .double(SimulationReport.round(qCPUUsed, 3))),
        ("incidents_per_s", .double(SimulationReport.round(Double(q.base.simulated) / q.wallSeconds, 1))),
        ("late_share", .double(SimulationReport.round(q.base.lateShare.mean, 4))),
        ("utilisation", .object(q.base.roleIDs.indices.map { (q.base.roleIDs[$0], .double(SimulationReport.round(q.base.utilisation(role: $0), 3))) })),
      ])))
    }
    out.append(("load_average_at_end", .array(loadAverage().map { .double($0) })))
    return .object(out)
  }
}
