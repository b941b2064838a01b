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
  /// streaming pass on one core, CSV parsing included. Reports events/s and peak RSS.
  public static func run(regulation: String, cases: Int, log: String, replay: Bool = true, reuse: Bool = false) throws -> JSONValue {
    func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
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
    let t2 = now()
    let imported = try Auditor.run(engine: engine, logs: [log], options: options)
    let importElapsed = now() - t2
    options.replay = true
    let t1 = now()
    let result = replay ? try Auditor.run(engine: engine, logs: [log], options: options) : imported
    let elapsed = now() - t1
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return .object([
      ("regulation", .string(regulation)), ("log", .string(log)), ("cases", .int(result.cases)),
      ("events", .int(result.events)), ("events_written", .int(written)),
      ("generate_s", .double((generate * 100).rounded() / 100)), ("audit_s", .double((elapsed * 1000).rounded() / 1000)),
      ("import_s", .double((importElapsed * 1000).rounded() / 1000)),
      ("import_events_per_s", .double((Double(imported.events) / importElapsed).rounded())),
      ("replayed", .bool(replay)), ("events_per_s", replay ? .double((Double(result.events) / elapsed).rounded()) : .null),
      ("violating_cases", .int(result.violatingCases)), ("violations", .int(result.violationCount)),
      ("rejected_rows", .int(result.rejectedRows)), ("peak_rss_mb", .int(usage.ru_maxrss / 1024)),
    ])
  }
}

import RegulationDiagnostics
import RegulationParser
