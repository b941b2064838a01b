import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Reads the first sheet of an Excel workbook (XLSX): ZIPFoundation opens the container, Foundation's SAX
/// `XMLParser` streams `sharedStrings.xml` and the sheet. The first row is the header, like a CSV's. Positions are
/// the sheet's row numbers. Dates may be Excel serial numbers (local time of the map's or regulation's zone).
public struct XLSXLogReader {
  public let path: String
  public init(path: String) { self.path = path }

  public func read(into sink: inout some RowSink) throws(AuditError) {
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw AuditError(en: "\(path) is not an XLSX workbook (not a ZIP container)",
        ru: "\(path) — не книга XLSX (не контейнер ZIP)")
    }
    let parts = try XLSXPartReader(path: path)
    let sheetPath = firstSheet(archive, parts) ?? "xl/worksheets/sheet1.xml"
    var shared: [String] = []
    if let entry = archive["xl/sharedStrings.xml"] {
      let d = SharedStringsDelegate()
      try parse(parts, entry, delegate: d)
      shared = d.strings
    }
    guard let sheet = archive[sheetPath] else {
      throw AuditError(en: "\(path): the workbook has no worksheet", ru: "\(path): в книге нет листа")
    }
    let d = SheetDelegate(sink: sink, shared: shared)
    do throws(PartFailure) {
      try parseOrBreak(parts, sheet, delegate: d)
    } catch {
      let broken: BrokenXML
      switch error {
      case .audit(let error): throw error
      case .broken(let b): broken = b
      }
      if let error = d.error { throw error }
      guard d.sawHeader else { throw broken.error(path: path, part: sheet.path) }
      // The rows before the break are read; the rest is reported and counted, not lost silently.
      let first = d.inRow ? d.rowNumber : min(d.rowNumber + 1, type(of: d).maxRows)
      d.sink.reject(position: first, reason: AuditText(
        en: "\(sheet.path) breaks off at line \(broken.line) (\(broken.en)); the rows from row \(first) on are not read",
        ru: "\(sheet.path) обрывается на строке \(broken.line) (\(broken.ru)); строки начиная с \(first)-й не прочитаны"))
    }
    sink = d.sink
    if let error = d.error { throw error }
    if !d.sawHeader { throw AuditError(en: "\(path): the first sheet is empty", ru: "\(path): первый лист пуст") }
  }

  /// The first sheet in workbook order (workbook.xml + its relationships), when they can be read.
  func firstSheet(_ archive: Archive, _ parts: XLSXPartReader) -> String? {
    guard let wb = archive["xl/workbook.xml"], let rels = archive["xl/_rels/workbook.xml.rels"] else { return nil }
    let w = FirstSheetDelegate(), r = RelationshipsDelegate()
    guard (try? parse(parts, wb, delegate: w)) != nil, (try? parse(parts, rels, delegate: r)) != nil,
      let id = w.relationship, let target = r.targets[id]
    else { return nil }
    return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
  }

  /// A part that is not well-formed XML (or is cut short): where, and what libxml2 or the balance check said.
  struct BrokenXML {
    let line: Int
    let column: Int?
    let en: String
    let ru: String

    func error(path: String, part: String) -> AuditError {
      let at = column.map { "\(line):\($0)" } ?? "\(line)"
      return AuditError(en: "\(path): the workbook is damaged: \(part) is not well-formed XML at line \(at) (\(en))",
        ru: "\(path): книга повреждена: \(part) — неверный XML в строке \(at) (\(ru))")
    }
  }

  /// Unpacks an entry (bounded, checked) and feeds it to the SAX parser. A part Foundation's parser would trap on
  /// (`<?name?>`) or that breaks off is a `BrokenXML`, thrown after the delegate has seen what came before.
  func parse(_ parts: XLSXPartReader, _ entry: Entry, delegate: XMLParserDelegate) throws(AuditError) {
    do throws(PartFailure) {
      try parseOrBreak(parts, entry, delegate: delegate)
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

  func parseOrBreak(_ parts: XLSXPartReader, _ entry: Entry, delegate: XMLParserDelegate) throws(PartFailure) {
    var data: Data
    do {
      data = try parts.contents(of: entry)
    } catch {
      throw .audit(error)
    }
    if XMLText.needsRepair(data) { data = XMLText.repaired(data) }
    if let (line, column) = XMLText.emptyProcessingInstruction(in: data) {
      throw .broken(BrokenXML(line: line, column: column, en: "a processing instruction without data, `<?name?>`",
        ru: "инструкция обработки без данных, `<?имя?>`"))
    }
    let parser = XMLParser(data: data)
    let balance = BalancedXMLDelegate(delegate)
    parser.delegate = balance
    let ok = withExtendedLifetime(balance) { parser.parse() }
    if let sheet = delegate as? AbortingDelegate, sheet.aborted { return }
    if !ok {
      let message = parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
      throw .broken(BrokenXML(line: parser.lineNumber, column: nil, en: message, ru: message))
    }
    if !balance.isWhole {
      throw .broken(BrokenXML(line: balance.line, column: nil, en: "the document ends before its elements are closed",
        ru: "документ кончается, не закрыв элементы"))
    }
  }
}

/// A delegate that may stop the parser itself (its own error is then the one to report).
protocol AbortingDelegate: AnyObject {
  var aborted: Bool { get }
}

final class SharedStringsDelegate: NSObject, XMLParserDelegate {
  var strings: [String] = []
  var current = ""
  var inSI = false, inT = false, inRPh = false

  func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    switch e {
    case "si": inSI = true; current = ""
    case "t": inT = true
    case "rPh": inRPh = true
    default: break
    }
  }
  func parser(_ p: XMLParser, foundCharacters s: String) { if inSI, inT, !inRPh { current += s } }
  func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
    switch e {
    case "si": strings.append(current); inSI = false
    case "t": inT = false
    case "rPh": inRPh = false
    default: break
    }
  }
}

final class FirstSheetDelegate: NSObject, XMLParserDelegate {
  var relationship: String?
  func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    if e == "sheet", relationship == nil { relationship = attributes["r:id"] }
  }
}

final class RelationshipsDelegate: NSObject, XMLParserDelegate {
  var targets: [String: String] = [:]
  func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    if e == "Relationship", let id = attributes["Id"], let t = attributes["Target"] { targets[id] = t }
  }
}

/// Rows of a worksheet: cells placed by their reference (`C7`), shared and inline strings resolved.
final class SheetDelegate<Sink: RowSink>: NSObject, XMLParserDelegate, AbortingDelegate {
  var sink: Sink
  let shared: [String]
  var sawHeader = false
  var error: AuditError?
  var aborted: Bool { error != nil }
  var row: [String] = []
  var inRow = false
  var rowNumber = 0
  var cellColumn = 0
  var cellType = ""
  var value = ""
  var inValue = false
  var builder = StringRowBuilder()

  init(sink: Sink, shared: [String]) {
    self.sink = sink
    self.shared = shared
  }

  func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    switch e {
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

  func parser(_ p: XMLParser, foundCharacters s: String) { if inValue { value += s } }

  func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
    switch e {
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
        do {
          try sink.header(row.map { $0.trimmingCharacters(in: .whitespaces) })
        } catch {
          self.error = error
          p.abortParsing()
        }
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
