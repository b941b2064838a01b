import Foundation
import RegulationConformance
import RegulationModel
import RegulationParser
import TestSupport
import Testing

/// One violation the test expects, computed by hand: case, kind, step (or limit) and, for lateness, the due instant
/// and the seconds late (calendar and working).
struct Expected: Hashable, CustomStringConvertible {
  var caseID: String
  var kind: String
  var step: String?
  var due: String? = nil
  var late: Int? = nil
  var lateWorking: Int? = nil
  var description: String { "\(caseID) \(kind) \(step ?? "-") due=\(due ?? "-") late=\(late.map(String.init) ?? "-")/\(lateWorking.map(String.init) ?? "-")" }
}

func engine(_ file: String) throws -> AuditEngine {
  let parsed = RegulationParser.parse(path: repositoryRoot.appendingPathComponent("regulations/\(file)").path)
  let reg = try #require(parsed.regulation)
  return try AuditEngine(reg)
}

func temporaryFile(_ name: String, _ contents: String) throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reglament-audit-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let path = dir.appendingPathComponent(name).path
  try contents.write(toFile: path, atomically: true, encoding: .utf8)
  return path
}

func audit(_ file: String, log: String, name: String = "log.csv", map: LogMap = .canonical) throws -> AuditResult {
  let path = try temporaryFile(name, log)
  return try Auditor.run(engine: engine(file), logs: [path], map: map)
}

/// The violations found must be exactly the expected ones (case, kind, step), with the expected times where given.
func expectViolations(_ r: AuditResult, _ expected: [Expected], sourceLocation: SourceLocation = #_sourceLocation) {
  let tz = r.timeZone
  let actual = r.violations.map { v in
    Expected(caseID: v.caseID, kind: v.kind.rawValue, step: v.step, due: v.due.map { tz.iso($0) },
      late: v.lateBySeconds, lateWorking: v.lateByWorkingSeconds)
  }
  let key = { (e: Expected) in "\(e.caseID)|\(e.kind)|\(e.step ?? "")" }
  #expect(Set(actual.map(key)) == Set(expected.map(key)), "actual: \(actual)", sourceLocation: sourceLocation)
  for e in expected {
    guard let a = actual.first(where: { key($0) == key(e) }) else { continue }
    if let due = e.due { #expect(a.due == due, "\(e)", sourceLocation: sourceLocation) }
    if let late = e.late { #expect(a.late == late, "\(e)", sourceLocation: sourceLocation) }
    if let w = e.lateWorking { #expect(a.lateWorking == w, "\(e)", sourceLocation: sourceLocation) }
  }
}
