import Foundation
import RegulationConformance
import Testing

/// The JSON Lines reader: the Lipetsk log of `ViolationKindTests` (verdicts computed by hand there) written as JSON
/// Lines in every form the reader takes — in place (plain strings, integers, null) and through JSONSerialization
/// (escapes, booleans, nested values, fractions) — gives the same verdicts as the CSV; broken lines are rejected with
/// their line numbers.
@Suite struct JSONLinesReaderTests {
  static let columns = ["case", "step", "time", "actor", "department", "category"]

  /// One CSV row as a JSON object, written in the form `style` picks.
  static func object(_ fields: [String], style: Int) -> String {
    func quoted(_ s: String) -> String { "\"" + s + "\"" }
    var pairs: [String] = []
    for (k, name) in columns.enumerated() {
      let value = k < fields.count ? fields[k] : ""
      switch (style % 5, name) {
      case (1, "actor") where !value.isEmpty:
        // An escape in a wanted value: the slow path must unescape it to the same text.
        let escaped = value.unicodeScalars.map { $0.isASCII ? String($0) : String(format: "\\u%04X", $0.value) }.joined()
        pairs.append("\(quoted(name)): \(quoted(escaped))")
      case (2, _) where value.isEmpty: pairs.append("\(quoted(name)):null")
      case (3, "case"): pairs.append("\"c\\u0061se\" : \(quoted(value))")
      default: if !value.isEmpty { pairs.append("\(quoted(name)):\(quoted(value))") }
      }
    }
    switch style % 5 {
    case 2: pairs.append("\"urgent\": true")
    case 4: pairs.append("\"meta\": {\"tags\": [1, 2.5, \"x\"], \"nested\": {\"case\": \"NOT-THIS\"}}")
    default: pairs.append("\"score\": 12")
    }
    return "{" + pairs.joined(separator: ", ") + "}"
  }

  static func jsonl(from csv: String) -> String {
    var lines = ["\u{FEFF}"]
    for (i, row) in csv.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().enumerated() {
      lines.append(object(row.split(separator: ",", omittingEmptySubsequences: false).map(String.init), style: i) + (i % 7 == 3 ? "\r" : ""))
    }
    lines[1] = lines[0] + lines[1]
    lines.removeFirst()
    return lines.joined(separator: "\n")
  }

  @Test func sameVerdictsAsCSV() throws {
    let csv = try audit("003-lipetsk.yaml", log: ViolationKindTests.lipetskLog)
    let text = Self.jsonl(from: ViolationKindTests.lipetskLog) + "\n\n{\"case\": \"L-X\", \"step\": \n[1, 2]\n"
    let jsonl = try audit("003-lipetsk.yaml", log: text, name: "log.jsonl")
    // The CSV's line 1 is its header: its row k is on line k + 1 of the JSON Lines.
    func key(_ r: AuditResult, lineShift: Int) -> [String] {
      r.violations.map { v in
        "\(v.caseID)|\(v.kind.rawValue)|\(v.step ?? "")|\(v.due.map { r.timeZone.iso($0) } ?? "")|\(v.lateBySeconds ?? 0)|\(v.lateByWorkingSeconds ?? 0)|\(v.actor ?? "")|\(v.department ?? "")|\((v.position ?? 0) + lineShift)"
      }.sorted()
    }
    #expect(!csv.violations.isEmpty)
    #expect(key(jsonl, lineShift: 1) == key(csv, lineShift: 0))
    #expect(jsonl.cases == csv.cases && jsonl.events == csv.events)
    // The CSV's bad date plus two broken lines: `{"case": "L-X", "step": ` and `[1, 2]` (the text ends in a newline).
    // Counted on bytes: "\r\n" is one Character of a Swift String.
    let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).count
    #expect(jsonl.rejectedRows == csv.rejectedRows + 2)
    #expect(jsonl.rejected.map(\.position).suffix(2) == [lines - 2, lines - 1])
    #expect(jsonl.byDepartment.map(\.name) == csv.byDepartment.map(\.name))
    #expect(jsonl.byDepartment.map(\.minutesToAnswer) == csv.byDepartment.map(\.minutesToAnswer))
  }

  @Test func integersNullsAndEscapes() throws {
    let text = """
      {"case": 42, "step": "detected", "time": "2026-03-17T10:00", "actor": null}
      {"case": 42, "step": "route", "time": "2026-03-17T11:00", "actor": "Ив\\u0430нов \\"Старший\\""}
      {"case": -7, "step": "detected", "time": "2026-03-17T10:00", "case": -7}
      {"case": 2.5, "step": "detected", "time": "2026-03-17T10:00"}
      {"case": "BAD", "step": "detected", "time": "2026-03-17T10:00"} trailing
      """
    let r = try audit("003-lipetsk.yaml", log: text, name: "log.jsonl")
    let ids = Set(r.violations.map(\.caseID))
    // 42: route 30 calendar minutes after detection, done after 60: late, by the escaped actor.
    let late = try #require(r.violations.first { $0.caseID == "42" && $0.kind == .late && $0.step == "route" })
    #expect(late.actor == "Иванов \"Старший\"")
    #expect(late.lateBySeconds == 1800)
    // A key given twice, and a fraction, read as JSONSerialization reads them (-7; 2.5).
    #expect(r.cases == 3)
    #expect(ids.isSubset(of: ["42", "-7", "2.5"]))
    #expect(r.rejectedRows == 1 && r.rejected.first?.position == 5)
  }
}
