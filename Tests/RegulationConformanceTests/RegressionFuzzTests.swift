import Foundation
import RegulationConformance
import Testing
import TestSupport

/// Inputs the coverage-guided fuzzer (Fuzz/, issue 14) found to crash an importer, kept in Fuzz/Regressions/ (the
/// fuzz smoke run replays them too). Each must now be read to the stated outcome, promptly: a generous bound catches a
/// hang without depending on the machine's load.
@Suite struct RegressionFuzzTests {
  static let folder = repositoryRoot.appendingPathComponent("Fuzz/Regressions")

  enum Outcome {
    /// The log is read: this many events and rejected rows, and a notice containing this text (if any).
    case read(events: Int, rejected: Int, notice: String?)
    /// The log cannot be read at all: an error containing this text.
    case unreadable(String)
    /// The audit returns or throws its error, without trapping (what a mangled document holds is not asserted).
    case noTrap
  }

  static let cases: [(file: String, outcome: Outcome)] = [
    // FoundationXML trapped on bytes that are not UTF-8 in an element name (`<\xFFx/>`): they read as U+FFFD, the
    // unknown element is skipped, both events of trace A count.
    ("xes/invalid-utf8-element-name.xes", .read(events: 2, rejected: 0, notice: "not valid UTF-8")),
    // The fuzzer's input: a mutated attribute value and a broken element before any event; no longer a trap. (Read
    // from memory after the repair, Foundation's parser does not report the broken element: no events, no error.)
    ("xes/crash-invalid-utf8-attribute.xes", .read(events: 0, rejected: 0, notice: "not valid UTF-8")),
    // The fuzzer's input: the declaration names a mangled encoding (`UTF\xD3\xC7…`), which skipped the repair.
    ("xes/crash-mangled-encoding-name.xes", .noTrap),
    // The same trap in a worksheet (`<\xF2ow r="3">`): row 2 is read, the unknown element with row 3's cells is not
    // a row.
    ("xlsx/invalid-utf8-element-name.xlsx", .read(events: 1, rejected: 0, notice: nil)),
    // The fuzzer's input: a sheet cut into binary garbage before its header row ends; an error instead of a trap.
    // (Foundation's parser over bytes in memory does not report the malformed XML, so the sheet reads as empty.)
    ("xlsx/crash-invalid-utf8-name.xlsx", .unreadable("the first sheet is empty")),
    // `<row r="9223372036854775807">` then a `<row>` without a number: `rowNumber + 1` overflowed. Row numbers keep
    // to Excel's 1 048 576; both rows of case A are read.
    ("xlsx/row-number-overflow.xlsx", .read(events: 1 + 1, rejected: 0, notice: nil)),
    // A cell reference of 25 letters overflowed the column number; one of 7 letters (ZZZZZZZ2, column 321 272 406)
    // padded the row with hundreds of millions of empty cells. Columns keep to Excel's 16 384; the row is read.
    ("xlsx/column-overflow.xlsx", .read(events: 1, rejected: 0, notice: nil)),
    ("xlsx/huge-column.xlsx", .read(events: 1, rejected: 0, notice: nil)),
  ]

  @Test(arguments: cases.indices)
  func importerReadsFuzzerFinding(_ index: Int) throws {
    let (file, outcome) = Self.cases[index]
    let path = Self.folder.appendingPathComponent(file).path
    let e = try engine("003-lipetsk.yaml")
    let started = ContinuousClock.now
    switch outcome {
    case .read(let events, let rejected, let notice):
      let r = try Auditor.run(engine: e, logs: [path])
      #expect(r.events == events, "\(file)")
      #expect(r.rejectedRows == rejected, "\(file)")
      if let notice { #expect(r.notices.contains { $0.en.contains(notice) }, "\(file): \(r.notices.map(\.en))") }
    case .noTrap:
      _ = try? Auditor.run(engine: e, logs: [path])
    case .unreadable(let text):
      do {
        let r = try Auditor.run(engine: e, logs: [path])
        Issue.record("\(file): read \(r.events) events, expected an error containing «\(text)»")
      } catch {
        #expect(error.en.contains(text), "\(file): \(error.en)")
      }
    }
    #expect(ContinuousClock.now - started < .seconds(20), "\(file) took \(ContinuousClock.now - started)")
  }
}
