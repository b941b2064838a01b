import Foundation
import FuzzSupport
import RegulationConformance
import RegulationDiagnostics
import RegulationModel
import RegulationParser

/// One input of a log importer, chosen by `FUZZ_LOG_FORMAT`:
/// - `csv`, `jsonl`, `xes`: the bytes are the log;
/// - `xlsx`: bytes starting with `PK\u{3}\u{4}` are the workbook itself; other bytes are its parts separated by NUL
///   bytes (the first sheet, then `sharedStrings.xml`, `workbook.xml`, its relationships), stored in a ZIP here so that
///   the fuzzer reaches the XML rather than the container's checksums;
/// - `map`: the bytes are a `--map` file; a map without errors then reads the ИМ-style export below.
///
/// Each log is read once, by its reader into a counting sink that hands every row on to a whole audit session: the
/// importer must return, every row handed over or rejected with a position inside the file (for JSON Lines rows +
/// rejected = non-blank lines, for a CSV without quotes header + rows = non-blank lines), and the session's events and
/// rejected rows must add up to the rows and rejections the reader produced. Every format is read from memory (no
/// file is written). At most `FuzzInput.inputSeconds` of CPU time.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = FuzzInput.bytes(data, size)
  FuzzInput.timed(limit: FuzzInput.inputSeconds, "\(format.rawValue) import") {
    switch format {
    case .map:
      let loaded = SourceLoader.decode(bytes, path: "fuzz.map.yaml")
      guard let text = loaded.text else { return }
      let (map, diagnostics) = LogMapParser.parse(text: text, path: "fuzz.map.yaml")
      let lines = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
      for d in diagnostics {
        FuzzInput.require(d.range.start.line >= 1 && d.range.start.column >= 1 && d.range.start.line <= lines,
          "\(d.id.rawValue) at \(d.range.start.line):\(d.range.start.column) outside a text of \(lines) lines")
      }
      if let map { audit(exportBytes, format: .csv, engine: imEngine, map: map) }
    case .xlsx:
      let file = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? bytes : workbook(parts: bytes)
      audit(file, format: .xlsx, engine: engine, map: .canonical)
    case .xes, .csv, .jsonl:
      audit(bytes, format: format, engine: engine, map: .canonical)
    }
  }
  return 0
}

enum Format: String { case csv, jsonl, xes, xlsx, map }

let format: Format = {
  let name = getenv("FUZZ_LOG_FORMAT").map { String(cString: $0) } ?? "csv"
  guard let f = Format(rawValue: name) else {
    FileHandle.standardError.write(Data("FuzzLogs: FUZZ_LOG_FORMAT is csv, jsonl, xes, xlsx or map, not '\(name)'\n".utf8))
    exit(2)
  }
  return f
}()

/// Reads the log in `bytes` with the reader of `format` into one audit session through a counting sink; checks the
/// positions and the accounting.
func audit(_ bytes: [UInt8], format: Format, engine: AuditEngine, map: LogMap) {
  let session: AuditSession
  do {
    session = try AuditSession(engine: engine, map: map, options: AuditOptions())
  } catch {
    return  // a fuzzed map naming steps the regulation does not have: an error the user reads, nothing to audit
  }
  let logFormat: LogFormat = switch format {
  case .csv, .map: .csv
  case .jsonl: .jsonl
  case .xes: .xes
  case .xlsx: .xlsx
  }
  let name = "fuzz.\(format == .map ? "csv" : format.rawValue)"
  session.begin(file: name, format: logFormat)
  var sink = CountingSink(session: session)
  var readable = true
  do {
    switch format {
    case .csv, .map:
      try CSVLogReader(path: name, delimiter: map.delimiter, encoding: map.encoding).read(bytes: bytes, into: &sink)
    case .jsonl:
      try JSONLinesLogReader(path: name, columns: LogMap.Field.allCases.map { map.column(for: $0) })
        .read(bytes: bytes, into: &sink)
    case .xes: try XESLogReader(bytes: bytes, name: name).read(into: &sink)
    case .xlsx: try XLSXLogReader(bytes: Data(bytes), name: name).read(into: &sink)
    }
  } catch {
    readable = false
  }
  if format == .csv || format == .jsonl || format == .map {
    let lines = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    for p in sink.positions {
      FuzzInput.require(p >= 1 && p <= lines, "\(format) row or rejection at line \(p) of a file of \(lines) lines")
    }
  }
  let result = session.finish()
  guard readable else { return }
  if format == .jsonl {
    let blank = nonBlankLines(bytes)
    FuzzInput.require(sink.rows + sink.rejected == blank,
      "jsonl: \(sink.rows) rows + \(sink.rejected) rejected for \(blank) non-blank lines")
  }
  if format == .csv, !bytes.contains(0x22) {
    let blank = nonBlankLines(bytes)
    FuzzInput.require(1 + sink.rows == blank, "csv: header + \(sink.rows) rows for \(blank) non-blank lines")
  }
  FuzzInput.require(result.events + result.rejectedRows == sink.rows + sink.rejected,
    "\(format): \(result.events) events + \(result.rejectedRows) rejected rows in the audit for \(sink.rows) rows + "
      + "\(sink.rejected) rejected by the reader")
}

/// Lines that are not empty or all spaces and tabs (after one CR; the first after a UTF-8 BOM).
func nonBlankLines(_ bytes: [UInt8]) -> Int {
  var body = bytes[...]
  if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
  return body.split(separator: 0x0A, omittingEmptySubsequences: false).filter { line in
    var l = line
    if l.last == 0x0D { l = l.dropLast() }
    return !l.allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }.count
}

/// Counts what a reader hands over and passes it on to the audit session.
struct CountingSink: RowSink {
  let session: AuditSession
  var rows = 0
  var rejected = 0
  var positions: [Int] = []
  mutating func header(_ names: [String]) throws(AuditError) { try session.header(names) }
  mutating func row(_ row: RawRow) {
    rows += 1
    positions.append(row.position)
    for i in 0..<row.count { _ = row.string(i) }
    session.row(row)
  }
  mutating func reject(position: Int, reason: AuditText) {
    rejected += 1
    positions.append(position)
    session.reject(position: position, reason: reason)
  }
  mutating func notice(_ text: AuditText) { session.notice(text) }
}


/// A ZIP (stored, no compression) of the workbook parts separated by NUL bytes in `parts`.
func workbook(parts: [UInt8]) -> [UInt8] {
  let names = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]
  let pieces = parts.split(separator: 0, maxSplits: names.count - 1, omittingEmptySubsequences: false)
  return StoredZip.archive(zip(names, pieces).map { ($0, Array($1)) })
}

/// The shipped regulation the canonical logs are audited against (the run starts at the repository root).
let engine = loadEngine("003-lipetsk.yaml")
/// The regulation of the ИМ-style export that a fuzzed map reads.
let imEngine = loadEngine("004-krasnoufimsk.yaml")

func loadEngine(_ name: String) -> AuditEngine {
  guard let reg = RegulationParser.parse(path: "regulations/\(name)").regulation, let e = try? AuditEngine(reg) else {
    FileHandle.standardError.write(Data("FuzzLogs: run it from the repository root (regulations/\(name))\n".utf8))
    exit(2)
  }
  return e
}

/// An ИМ-style export (Russian headers and statuses, `;`, a BOM, a quoted multi-line comment, a bad date).
let exportBytes = Array(("\u{FEFF}" + """
  Номер инцидента;Статус;Дата изменения статуса;Ответственный;Подразделение;Категория;Комментарий
  ИМ-1;Выявлен;17.03.2026 10:00;Куратор;ЦУР;Обычное;
  ИМ-1;Прочитан;17.03.2026 10:05;Куратор;ЦУР;Обычное;"Жалоба на ""яму"";
  вторая строка комментария"
  ИМ-1;Назначен исполнитель;17.03.2026 10:20;Куратор;ЦУР;Обычное;
  ИМ-1;Ответ на согласовании;17.03.2026 12:00;Иванова А. А.;Отдел ЖКХ;Обычное;
  ИМ-1;Возвращен на доработку;17.03.2026 12:20;Куратор;ЦУР;Обычное;
  ИМ-1;Комментарий добавлен;17.03.2026 12:30;Куратор;ЦУР;Обычное;
  ИМ-1;Ответ согласован;17.03.2026 12:55;Куратор;ЦУР;Обычное;
  ИМ-1;Ответ опубликован;2026-03-17 14:30:00+05;Иванова А. А.;Отдел ЖКХ;Обычное;
  ИМ-1;Передан в архив;18.03.2026 09:00;Куратор;ЦУР;Обычное;
  ИМ-2;Выявлен;17.03.2026 10:00;Куратор;ЦУР;Важное;
  ИМ-2;Назначен исполнитель;17.03.2026 10:20;Куратор;ЦУР;Важное;
  ИМ-2;Ответ на согласовании;17.03.2026 13:30;Петров П. П.;Отдел дорог;Важное;
  ИМ-2;Ответ опубликован;17.03.2026 14:20;Петров П. П.;Отдел дорог;Важное;
  ИМ-3;Выявлен;32.03.2026 10:00;Куратор;ЦУР;Обычное;

  """).utf8)
