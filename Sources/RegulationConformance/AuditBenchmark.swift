import Foundation
import WorkingTime

/// The audit benchmark's synthetic log, shaped like ../shared/bench/pm4py_bench.py's: detected → route → draft →
/// approve (→ rework → approve)* → publish, about 8 events a case, a share of cases dropping one middle event, gaps
/// exponential with the peer's means (10, 60, 20, 15, 10 minutes), cases starting over a year. Written in the
/// canonical CSV, grouped by case as incident systems export them.
public enum AuditBenchmark {
  /// Writes `cases` cases; returns the number of events written.
  public static func generateLog(path: String, cases: Int, seed: UInt64 = 7, deviatingShare: Double = 0.05) throws -> Int {
    FileManager.default.createFile(atPath: path, contents: nil)
    guard let out = FileHandle(forWritingAtPath: path) else {
      throw AuditError(en: "cannot write \(path)", ru: "не удаётся записать \(path)")
    }
    defer { try? out.close() }
    var rng = Rng(state: seed)
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 22)
    buffer.append(contentsOf: Array("case,step,time,actor,department\n".utf8))
    let base = LocalTimestamp(date: CivilDate(year: 2025, month: 1, day: 9)!).seconds
    let departments = ["Управление ЖКХ", "Управление дорог", "Отдел образования", "Отдел здравоохранения",
      "Управление транспорта", "Отдел культуры"]
    let actors = (0..<60).map { "Исполнитель \($0)" }
    let gap: [String: Double] = ["route": 10, "draft": 60, "approve": 20, "rework": 15, "publish": 10]
    var events = 0
    var starts = (0..<cases).map { _ in base + Int(rng.uniform() * 365 * 86_400) }
    starts.sort()
    var seq: [String] = []
    for c in 0..<cases {
      seq.removeAll(keepingCapacity: true)
      seq += ["detected", "route", "draft", "approve"]
      while rng.uniform() < 0.5 { seq += ["rework", "approve"] }
      seq.append("publish")
      if rng.uniform() < deviatingShare { seq.remove(at: 1 + Int(rng.uniform() * Double(seq.count - 2))) }
      let dept = departments[Int(rng.next() % UInt64(departments.count))]
      let actor = actors[Int(rng.next() % UInt64(actors.count))]
      var t = starts[c]
      let id = "INC-" + String(c + 1000000)
      for (k, step) in seq.enumerated() {
        if k > 0 { t += Int(-log(1 - rng.uniform()) * (gap[step] ?? 10) * 60) }
        let who = step == "route" || step == "approve" || step == "detected" ? "Куратор" : actor
        let line = "\(id),\(step),\(LocalTimestamp(seconds: t).isoSeconds),\(who),\(dept)\n"
        buffer.append(contentsOf: line.utf8)
        events += 1
      }
      if buffer.count > 1 << 22 {
        out.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
      }
    }
    out.write(Data(buffer))
    return events
  }

  struct Rng {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
  }
}

extension LocalTimestamp {
  /// `2026-05-08T17:40:05`.
  var isoSeconds: String {
    let s = secondOfDay
    return "\(date)T\(pad2(s / 3600)):\(pad2((s % 3600) / 60)):\(pad2(s % 60))"
  }
}

private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

extension AuditBenchmark {
  /// Generates the peer-shaped log, then audits it against a regulation (Lipetsk: its steps are the peer's) in one
  /// streaming pass, CSV parsing included: import alone, then the full audit on one thread and with the judge on a
  /// second thread. Reports events per second
  /// of wall time and of CPU time (the machine may be shared), peak RSS, and, with `peerPython`, PM4Py on the same
  /// shape of log run right after in the same process (`../shared/bench/pm4py_bench.py peerCases`) with the ratios.
  public static func run(regulation: String, cases: Int, log: String, replay: Bool = true, reuse: Bool = false,
    peerPython: String? = nil, peerCases: Int? = nil, peerScript: String = "../shared/bench/pm4py_bench.py") throws -> JSONValue
  {
    func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    func cpu() -> Double {
      var u = rusage()
      getrusage(RUSAGE_SELF.rawValue, &u)
      return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }
    func round(_ x: Double, _ digits: Double = 1000) -> Double { (x * digits).rounded() / digits }
    let t0 = now()
    let written = FileManager.default.fileExists(atPath: log) && reuse ? -1 : try generateLog(path: log, cases: cases)
    let generate = now() - t0
    guard let reg = RegulationParser.parse(path: regulation).regulation else {
      throw AuditError(en: "cannot read \(regulation)", ru: "не удаётся прочитать \(regulation)")
    }
    let engine = try AuditEngine(reg)
    var options = AuditOptions()
    options.keepViolations = false
    options.replay = false
    let threads = options.threads
    // The import alone on the reading thread (nothing to judge).
    options.threads = 1
    let c2 = cpu(), t2 = now()
    let imported = try Auditor.run(engine: engine, logs: [log], options: options)
    let importElapsed = now() - t2, importCPU = cpu() - c2
    options.replay = true
    // The full audit on one thread, then with the judge on a second thread (when the machine has two cores): CPU time
    // is the whole process's (every thread's user + system time).
    var single: (elapsed: Double, cpu: Double, events: Int)?
    if replay, threads > 1 {
      let c3 = cpu(), t3 = now()
      let r = try Auditor.run(engine: engine, logs: [log], options: options)
      single = (now() - t3, cpu() - c3, r.events)
    }
    options.threads = threads
    let c1 = cpu(), t1 = now()
    let result = replay ? try Auditor.run(engine: engine, logs: [log], options: options) : imported
    let elapsed = now() - t1, auditCPU = cpu() - c1
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    var load = [Double](repeating: 0, count: 3)
    getloadavg(&load, 3)
    var out: [(String, JSONValue)] = [
      ("regulation", .string(regulation)), ("log", .string(log)), ("cases", .int(result.cases)),
      ("events", .int(result.events)), ("events_written", .int(written)),
      ("generate_s", .double(round(generate, 100))), ("audit_s", .double(round(elapsed))),
      ("audit_cpu_s", .double(round(auditCPU))),
      ("import_s", .double(round(importElapsed))), ("import_cpu_s", .double(round(importCPU))),
      ("import_events_per_s", .double((Double(imported.events) / importElapsed).rounded())),
      ("import_events_per_cpu_s", .double((Double(imported.events) / importCPU).rounded())),
      ("replayed", .bool(replay)), ("events_per_s", replay ? .double((Double(result.events) / elapsed).rounded()) : .null),
      ("events_per_cpu_s", replay ? .double((Double(result.events) / auditCPU).rounded()) : .null),
      ("threads", .int(replay ? threads : 1)),
      ("one_thread_audit_s", single.map { .double(round($0.elapsed)) } ?? .null),
      ("one_thread_audit_cpu_s", single.map { .double(round($0.cpu)) } ?? .null),
      ("one_thread_events_per_s", single.map { .double((Double($0.events) / $0.elapsed).rounded()) } ?? .null),
      ("one_thread_events_per_cpu_s", single.map { .double((Double($0.events) / $0.cpu).rounded()) } ?? .null),
      ("violating_cases", .int(result.violatingCases)), ("violations", .int(result.violationCount)),
      ("rejected_rows", .int(result.rejectedRows)), ("peak_rss_mb", .int(usage.ru_maxrss / 1024)),
      ("load_average_1m", .double(round(load[0], 100))),
    ]
    if let peerPython {
      let n = peerCases ?? cases
      let p = Process()
      p.executableURL = URL(fileURLWithPath: peerPython)
      p.arguments = [peerScript, String(n)]
      let pipe = Pipe()
      p.standardOutput = pipe
      p.standardError = FileHandle.nullDevice
      let tp = now()
      do {
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        var children = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        getloadavg(&load, 3)
        out.append(("peer_wall_s", .double(round(now() - tp, 10))))
        out.append(("peer_cases", .int(n)))
        out.append(("peer_peak_rss_mb", .int(children.ru_maxrss / 1024)))
        out.append(("peer_load_average_1m", .double(round(load[0], 100))))
        if let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] {
          out.append(("peer_events", .int(obj["events"] as? Int ?? 0)))
          if let replayRate = obj["a_tbr_diagnostics_events_per_s"] as? Double {
            out.append(("peer_pm4py_replay_events_per_s", .double(replayRate)))
            if replay { out.append(("ratio_to_pm4py_replay", .double(round(Double(result.events) / elapsed / replayRate, 10)))) }
          }
          if let whole = obj["a_events_per_s"] as? Double {
            out.append(("peer_pm4py_discovery_and_replay_events_per_s", .double(whole)))
            if replay { out.append(("ratio_to_pm4py_discovery_and_replay", .double(round(Double(result.events) / elapsed / whole, 10)))) }
          }
        } else {
          out.append(("peer_error", .string(line.isEmpty ? "no output (exit \(p.terminationStatus))" : line)))
        }
      } catch {
        out.append(("peer_error", .string("\(error)")))
      }
    }
    return .object(out)
  }
}

import RegulationDiagnostics
import RegulationParser
