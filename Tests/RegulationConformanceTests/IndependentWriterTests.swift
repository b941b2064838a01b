import Foundation
import RegulationConformance
import TestSupport
import Testing

/// The Lipetsk log written as XES by PM4Py and as XLSX by openpyxl (independent writers, run through python3 from the
/// test; scripts/setup.d/40-audit.sh installs them) must audit to the same violations as the CSV. These tests fail,
/// not skip, when python3 or a package is missing.
@Suite struct IndependentWriterTests {
  /// The CSV without its deliberately bad row (XES and XLSX cannot hold an invalid date).
  static var csv: String {
    ViolationKindTests.lipetskLog.split(separator: "\n").filter { !$0.hasPrefix("L-BAD") }.joined(separator: "\n") + "\n"
  }

  func key(_ r: AuditResult) -> [String] {
    r.violations.map { v in
      "\(v.caseID)|\(v.kind.rawValue)|\(v.step ?? "")|\(v.due.map { r.timeZone.iso($0) } ?? "")|\(v.lateBySeconds ?? -1)|\(v.lateByWorkingSeconds ?? -1)"
    }.sorted()
  }

  @Test func xesWrittenByPM4PyAuditsLikeTheCSV() throws {
    let csvPath = try temporaryFile("log.csv", Self.csv)
    let xes = (csvPath as NSString).deletingLastPathComponent + "/log.xes"
    _ = try runPython("""
      import sys, csv, warnings, io, contextlib
      warnings.filterwarnings("ignore")
      with contextlib.redirect_stdout(io.StringIO()):
          import pandas as pd, pm4py
      rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
      df = pd.DataFrame({
          "case:concept:name": [r["case"] for r in rows],
          "concept:name": [r["step"] for r in rows],
          "time:timestamp": pd.to_datetime([r["time"] + ":00+03:00" for r in rows], utc=True),
          "lifecycle:transition": ["complete"] * len(rows),
          "org:resource": [r["actor"] or None for r in rows],
          "org:group": [r["department"] or None for r in rows],
          "category": [r["category"] or None for r in rows],
      })
      with contextlib.redirect_stdout(io.StringIO()):
          pm4py.write_xes(df, sys.argv[2], case_id_key="case:concept:name")
      """, arguments: [csvPath, xes])
    let e = try engine("003-lipetsk.yaml")
    let fromCSV = try Auditor.run(engine: e, logs: [csvPath])
    let fromXES = try Auditor.run(engine: e, logs: [xes])
    #expect(fromXES.cases == fromCSV.cases)
    #expect(fromXES.rejectedRows == 0)
    #expect(key(fromXES) == key(fromCSV))
    #expect(!fromCSV.violations.isEmpty)
  }

  @Test func xlsxWrittenByOpenpyxlAuditsLikeTheCSV() throws {
    let csvPath = try temporaryFile("log.csv", Self.csv)
    let xlsx = (csvPath as NSString).deletingLastPathComponent + "/log.xlsx"
    _ = try runPython("""
      import sys, csv, datetime, openpyxl
      rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
      wb = openpyxl.Workbook()
      ws = wb.active
      ws.title = "Инциденты"
      ws.append(["case", "step", "time", "actor", "department", "category"])
      for r in rows:
          t = datetime.datetime.strptime(r["time"], "%Y-%m-%dT%H:%M")
          ws.append([r["case"], r["step"], t, r["actor"] or None, r["department"] or None, r["category"] or None])
      wb.create_sheet("Справка").append(["не журнал"])
      wb.save(sys.argv[2])
      """, arguments: [csvPath, xlsx])
    let e = try engine("003-lipetsk.yaml")
    let fromCSV = try Auditor.run(engine: e, logs: [csvPath])
    let fromXLSX = try Auditor.run(engine: e, logs: [xlsx])
    #expect(fromXLSX.cases == fromCSV.cases)
    #expect(fromXLSX.rejectedRows == 0)
    #expect(key(fromXLSX) == key(fromCSV))
  }
}
