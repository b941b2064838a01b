import Foundation

/// Reads the first sheet of an Excel workbook (XLSX): `XLSXPartReader` finds the parts and unpacks them (bounded,
/// checked), `XMLTokenizer` reads `sharedStrings.xml` and the sheet. The first row is the header, like a
/// CSV's. Positions are the sheet's row numbers. Dates may be Excel serial numbers (local time of the map's or
/// regulation's zone). Elements and attributes are matched on their local names (`x:row` is a row).
public struct XLSXLogReader {
  /// The file's name in messages.
  public let path: String
  let bytes: Data?

  /// Reads the workbook at `path`.
  public init(path: String) {
    self.path = path
    bytes = nil
  }

  /// Reads a workbook held in memory (an upload, a fuzzed input); `name` is the file's name in messages.
  public init(bytes: Data, name: String) {
    path = name
    self.bytes = bytes
  }

  public func read(into sink: inout some RowSink) throws(AuditError) {
    let parts: XLSXPartReader
    if let bytes { parts = try XLSXPartReader(file: bytes, name: path) } else { parts = try XLSXPartReader(path: path) }
    let sheetPath = firstSheet(parts) ?? "xl/worksheets/sheet1.xml"
    var shared: [String] = []
    if let entry = parts["xl/sharedStrings.xml"] {
      var strings = SharedStrings()
      try parse(parts, entry, sink: &sink) { strings.take($0) }
      shared = strings.strings
    }
    guard let sheet = parts[sheetPath] else {
      throw AuditError(en: "\(path): the workbook has no worksheet", ru: "\(path): в книге нет листа")
    }
    var rows = SheetRows(shared: shared)
    var failure: AuditError?
    do throws(PartFailure) {
      try parseOrBreak(parts, sheet, sink: &sink) { (token: XMLToken, sink: inout _) in
        guard failure == nil else { return false }
        do throws(AuditError) {
          try rows.take(token, into: &sink)
        } catch {
          failure = error
          return false
        }
        return true
      }
    } catch {
      let broken: BrokenXML
      switch error {
      case .audit(let error): throw error
      case .broken(let b): broken = b
      }
      guard rows.sawHeader else { throw broken.error(path: path, part: sheet.path) }
      // The rows before the break are read; the rest is reported and counted, not lost silently.
      let first = rows.inRow ? rows.rowNumber : min(rows.rowNumber + 1, SheetRows.maxRows)
      sink.reject(position: first, reason: AuditText(
        en: "\(sheet.path) breaks off at \(broken.at) (\(broken.en)); the rows from row \(first) on are not read",
        ru: "\(sheet.path) обрывается в \(broken.at) (\(broken.ru)); строки начиная с \(first)-й не прочитаны"))
    }
    if let failure { throw failure }
    if !rows.sawHeader { throw AuditError(en: "\(path): the first sheet is empty", ru: "\(path): первый лист пуст") }
  }

  /// The first sheet in workbook order (workbook.xml + its relationships), when they can be read.
  func firstSheet(_ parts: XLSXPartReader) -> String? {
    guard let wb = parts["xl/workbook.xml"], let rels = parts["xl/_rels/workbook.xml.rels"] else { return nil }
    var relationship: String?
    var targets: [String: String] = [:]
    var ignored = NoRows()
    guard (try? parse(parts, wb, sink: &ignored, { token in
        // `<sheet r:id="rId1">`: the relationship attribute under whatever prefix the writer chose.
        if case .start(let name, let attributes, _, _) = token, XMLToken.localName(name) == "sheet", relationship == nil {
          relationship = attributes.first { $0.name.contains(":") && XMLToken.localName($0.name) == "id" }?.value
        }
      })) != nil,
      (try? parse(parts, rels, sink: &ignored, { token in
        if case .start(let name, let attributes, _, _) = token, XMLToken.localName(name) == "Relationship",
          let id = attributes["Id"], let target = attributes["Target"]
        {
          targets[id] = target
        }
      })) != nil,
      let id = relationship, let target = targets[id]
    else { return nil }
    return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
  }

  /// A part that is not well-formed XML (or is cut short): where, and what the tokenizer said.
  struct BrokenXML {
    let at: XMLLocation
    let en: String
    let ru: String

    func error(path: String, part: String) -> AuditError {
      AuditError(en: "\(path): the workbook is damaged: \(part) is not well-formed XML at \(at) (\(en))",
        ru: "\(path): книга повреждена: \(part) — неверный XML в \(at) (\(ru))")
    }
  }

  /// Unpacks an entry (bounded, checked) and hands its tokens to `take`; a part that is not well-formed is "the
  /// workbook is damaged".
  func parse(_ parts: XLSXPartReader, _ entry: XLSXPart, sink: inout some RowSink, _ take: (XMLToken) -> Void)
    throws(AuditError)
  {
    do throws(PartFailure) {
      try parseOrBreak(parts, entry, sink: &sink) { (token: XMLToken, _: inout _) in
        take(token)
        return true
      }
    } catch {
      switch error {
      case .audit(let error): throw error
      case .broken(let broken): throw broken.error(path: path, part: entry.path)
      }
    }
  }

  enum PartFailure: Error {
    case audit(AuditError)
    case broken(BrokenXML)
  }

  /// Unpacks an entry and hands its tokens to `take` until it returns false; a part that is not well-formed is a
  /// `BrokenXML`, thrown after `take` has seen what came before the break.
  func parseOrBreak<Sink: RowSink>(_ parts: XLSXPartReader, _ entry: XLSXPart, sink: inout Sink,
    _ take: (XMLToken, inout Sink) -> Bool) throws(PartFailure)
  {
    let data: Data
    do {
      data = try parts.contents(of: entry)
    } catch {
      throw .audit(error)
    }
    // Handed over 64 KB at a time: the unpacked part is not copied whole a second time.
    var offset = data.startIndex
    var tokenizer = XMLTokenizer(chunks: {
      guard offset < data.endIndex else { return nil }
      let end = min(offset + (1 << 16), data.endIndex)
      defer { offset = end }
      return [UInt8](data[offset..<end])
    })
    do throws(XMLSyntaxError) {
      while let token = try tokenizer.next() {
        if !take(token, &sink) { return }
      }
    } catch {
      throw .broken(BrokenXML(at: error.location, en: error.en, ru: error.ru))
    }
    if tokenizer.replacedInvalidUTF8 {
      sink.notice(AuditText(en: "\(path): \(entry.path) is not valid UTF-8; invalid bytes read as U+FFFD",
        ru: "\(path): \(entry.path) — не UTF-8; неверные байты прочитаны как U+FFFD"))
    }
  }
}

/// A sink for parts that hold no rows (the workbook, its relationships).
struct NoRows: RowSink {
  mutating func header(_ names: [String]) throws(AuditError) {}
  mutating func row(_ row: RawRow) {}
  mutating func reject(position: Int, reason: AuditText) {}
  mutating func notice(_ text: AuditText) {}
}

/// The shared strings (`<si>`): the text of its `<t>` elements, without phonetic runs (`<rPh>`).
struct SharedStrings {
  var strings: [String] = []
  var current = ""
  var inSI = false, inT = false, inRPh = false

  mutating func take(_ token: XMLToken) {
    switch token {
    case .start(let name, _, let empty, _):
      if empty {
        if XMLToken.localName(name) == "si" { strings.append("") }
        return
      }
      switch XMLToken.localName(name) {
      case "si":
        inSI = true
        current = ""
      case "t": inT = true
      case "rPh": inRPh = true
      default: break
      }
    case .text(let s):
      if inSI, inT, !inRPh { current += s }
    case .end(let name, _):
      switch XMLToken.localName(name) {
      case "si":
        strings.append(current)
        inSI = false
      case "t": inT = false
      case "rPh": inRPh = false
      default: break
      }
    }
  }
}

/// Rows of a worksheet: cells placed by their reference (`C7`), shared and inline strings resolved.
struct SheetRows {
  let shared: [String]
  var sawHeader = false
  var row: [String] = []
  var inRow = false
  var rowNumber = 0
  var cellColumn = 0
  var cellType = ""
  var value = ""
  var inValue = false
  var builder = StringRowBuilder()

  init(shared: [String]) { self.shared = shared }

  mutating func take(_ token: XMLToken, into sink: inout some RowSink) throws(AuditError) {
    switch token {
    case .start(let name, let attributes, let empty, _):
      let local = XMLToken.localName(name)
      start(local, attributes)
      if empty { try end(local, into: &sink) }
    case .text(let s):
      if inValue { value += s }
    case .end(let name, _):
      try end(XMLToken.localName(name), into: &sink)
    }
  }

  mutating func start(_ name: Substring, _ attributes: [XMLAttribute]) {
    switch name {
    case "row":
      row = []
      inRow = true
      // Excel's limits keep a forged reference (r="9223372036854775807", "ZZZZZZZ1") from overflowing or from
      // padding a row with millions of cells.
      rowNumber = attributes["r"].flatMap(Int.init).map { min(max($0, 1), Self.maxRows) } ?? min(rowNumber + 1, Self.maxRows)
    case "c":
      cellType = attributes["t"] ?? "n"
      cellColumn = attributes["r"].map(Self.column) ?? row.count
      value = ""
    case "v", "t":
      inValue = true
    default: break
    }
  }

  mutating func end(_ name: Substring, into sink: inout some RowSink) throws(AuditError) {
    switch name {
    case "v", "t": inValue = false
    case "c":
      var text = value
      if cellType == "s", let i = Int(value), i >= 0, i < shared.count { text = shared[i] }
      while row.count < cellColumn { row.append("") }
      if row.count == cellColumn { row.append(text) } else { row[cellColumn] = text }
    case "row":
      inRow = false
      if !sawHeader {
        if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return }
        sawHeader = true
        try sink.header(row.map { $0.trimmingCharacters(in: .whitespaces) })
      } else if !row.allSatisfy({ $0.isEmpty }) {
        builder.emit(row, position: rowNumber, into: &sink)
      }
    default: break
    }
  }

  /// `AB12` → 27 (0-based column).
  static func column(_ ref: String) -> Int {
    var n = 0
    for u in ref.unicodeScalars {
      guard u.value >= 65 && u.value <= 90 else { break }
      n = n * 26 + Int(u.value - 64)
      if n > maxColumns { return maxColumns - 1 }
    }
    return max(n - 1, 0)
  }

  /// Excel's sheet size: 1 048 576 rows, 16 384 columns (XFD).
  static var maxRows: Int { 1_048_576 }
  static var maxColumns: Int { 16_384 }
}
