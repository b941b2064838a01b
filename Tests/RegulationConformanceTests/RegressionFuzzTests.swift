import Foundation
import RegulationConformance
import RegulationParser
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
    // The fuzzer's input: a mutated attribute value and a broken element inside the first event; no longer a trap.
    // Foundation's parser over the repaired bytes reported no error (the event was rejected as never closed); the
    // tokenizer stops at the broken tag, before any event is complete: the file is unreadable, at that place.
    ("xes/crash-invalid-utf8-attribute.xes", .unreadable(":5:13: not a readable XES file (`\"` inside the tag <")),
    // The fuzzer's input: the declaration names a mangled encoding (`UTF\xD3\xC7…`), which skipped the repair.
    ("xes/crash-mangled-encoding-name.xes", .noTrap),
    // The same trap in a worksheet (`<\xF2ow r="3">`): row 2 is read, the unknown element with row 3's cells is not
    // a row.
    ("xlsx/invalid-utf8-element-name.xlsx", .read(events: 1, rejected: 0, notice: nil)),
    // The fuzzer's input: parts cut into binary garbage; an error instead of a trap: the shared strings are not XML.
    ("xlsx/crash-invalid-utf8-name.xlsx",
      .unreadable("the workbook is damaged: xl/sharedStrings.xml is not well-formed XML at 1:1 (the document has no root element)")),
    // `<row r="9223372036854775807">` then a `<row>` without a number: `rowNumber + 1` overflowed. Row numbers keep
    // to Excel's 1 048 576; both rows of case A are read.
    ("xlsx/row-number-overflow.xlsx", .read(events: 1 + 1, rejected: 0, notice: nil)),
    // A cell reference of 25 letters overflowed the column number; one of 7 letters (ZZZZZZZ2, column 321 272 406)
    // padded the row with hundreds of millions of empty cells. Columns keep to Excel's 16 384; the row is read.
    ("xlsx/column-overflow.xlsx", .read(events: 1, rejected: 0, notice: nil)),
    ("xlsx/huge-column.xlsx", .read(events: 1, rejected: 0, notice: nil)),
    // `<?xmb?>`: libxml2 handed a processing instruction without data to FoundationXML as a null pointer and it
    // trapped. The tokenizer skips the instruction; the fuzzer's input is refused at its first broken tag.
    ("xes/crash-processing-instruction-without-data.xes",
      .unreadable(":2:10: not a readable XES file (`=` expected after the attribute `xe")),
    // The second trace is never closed: its 5 events were lost silently. Now the first trace's 5 events are read,
    // the open trace's 5 are rejected with their numbers, and the break itself is one more rejection.
    ("xes/unclosed-second-trace.xes", .read(events: 5, rejected: 5 + 1, notice: nil)),
    // A compressed sheet whose deflate stream does not end inside the file: ZIPFoundation's extract asked for more
    // input forever (a hang). The stream is now bounded by the entry's bytes: "the workbook is damaged".
    ("xlsx/timeout-endless-deflate-1.xlsx", .unreadable("the workbook is damaged")),
    ("xlsx/timeout-endless-deflate-2.xlsx", .unreadable("the workbook is damaged")),
    // A sheet cut in the middle of row 4: Foundation's parser over bytes in memory reported success and rows 4 on
    // were lost silently. Rows 2 and 3 are read; the break is one rejected row (row 4).
    ("xlsx/sheet-breaks-off.xlsx", .read(events: 2, rejected: 1, notice: nil)),
    // A central directory entry whose local header lies past the end of the data: ZIPFoundation's in-memory archive
    // trapped (a negative count) when the fuzz target first read workbooks from memory. The parts are now found by
    // Reglament's own reading of the central directory, from a file or from memory alike.
    ("xlsx/crash-memory-entry-past-end.xlsx", .unreadable("the workbook has no worksheet")),
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

  /// What a reader hands over: rows and rejections with their positions, or its error.
  struct Collected: RowSink, Equatable {
    var rows: [Int] = []
    var rejected: [Int] = []
    var error: String?
    mutating func header(_ names: [String]) throws(AuditError) {}
    mutating func row(_ row: RawRow) { rows.append(row.position) }
    mutating func reject(position: Int, reason: AuditText) { rejected.append(position) }
    mutating func notice(_ text: AuditText) {}
  }

  /// A workbook or an XES log read from memory (an upload, the fuzz targets) gives what the same file gives.
  @Test(arguments: cases.map(\.file).filter { $0.hasPrefix("xlsx/") || $0.hasPrefix("xes/") })
  func logsInMemoryReadAsFiles(_ file: String) throws {
    let path = Self.folder.appendingPathComponent(file).path
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var fromFile = Collected(), fromMemory = Collected()
    if file.hasPrefix("xlsx/") {
      do { try XLSXLogReader(path: path).read(into: &fromFile) } catch { fromFile.error = error.en }
      do { try XLSXLogReader(bytes: data, name: path).read(into: &fromMemory) } catch { fromMemory.error = error.en }
    } else {
      do { try XESLogReader(path: path).read(into: &fromFile) } catch { fromFile.error = error.en }
      do { try XESLogReader(bytes: [UInt8](data), name: path).read(into: &fromMemory) } catch { fromMemory.error = error.en }
    }
    #expect(fromFile == fromMemory)
  }

  /// `---` alone (the fuzzer's input) and a last key without a value or a final line break: libyaml puts the empty
  /// value on a line past the end of the file, and the map's errors were reported there (2:1 for a one-line file).
  @Test(arguments: [
    ("map/crash-document-marker-only.map.yaml", 1, 4),
    ("map/last-key-without-value.map.yaml", 2, 9),
  ])
  func mapErrorsAtTheEndAreInsideTheFile(file: String, line: Int, column: Int) throws {
    let path = Self.folder.appendingPathComponent(file).path
    let (map, diagnostics) = LogMapParser.parse(path: path)
    #expect(map == nil)
    #expect(!diagnostics.isEmpty)
    for d in diagnostics {
      #expect(d.range.start.line == line && d.range.start.column == column,
        "\(d.id.rawValue) at \(d.range.start.line):\(d.range.start.column): \(d.message.en)")
    }
  }
}
