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
    let sheetPath = firstSheet(archive) ?? "xl/worksheets/sheet1.xml"
    var shared: [String] = []
    if let entry = archive["xl/sharedStrings.xml"] {
      let d = SharedStringsDelegate()
      try parse(archive, entry, delegate: d)
      shared = d.strings
    }
    guard let sheet = archive[sheetPath] else {
      throw AuditError(en: "\(path): the workbook has no worksheet", ru: "\(path): в книге нет листа")
    }
    let d = SheetDelegate(sink: sink, shared: shared)
    try parse(archive, sheet, delegate: d)
    sink = d.sink
    if let error = d.error { throw error }
    if !d.sawHeader { throw AuditError(en: "\(path): the first sheet is empty", ru: "\(path): первый лист пуст") }
  }

  /// The first sheet in workbook order (workbook.xml + its relationships), when they can be read.
  func firstSheet(_ archive: Archive) -> String? {
    guard let wb = archive["xl/workbook.xml"], let rels = archive["xl/_rels/workbook.xml.rels"] else { return nil }
    let w = FirstSheetDelegate(), r = RelationshipsDelegate()
    guard (try? parse(archive, wb, delegate: w)) != nil, (try? parse(archive, rels, delegate: r)) != nil,
      let id = w.relationship, let target = r.targets[id]
    else { return nil }
    return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
  }

  /// Extracts an entry in chunks and feeds them to the SAX parser through a bound stream pair.
  func parse(_ archive: Archive, _ entry: Entry, delegate: XMLParserDelegate) throws(AuditError) {
    var data = Data()
    do {
      _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { data.append($0) }
    } catch {
      throw AuditError(en: "\(path): cannot unpack \(entry.path): \(error)", ru: "\(path): не удаётся распаковать \(entry.path): \(error)")
    }
    let parser = XMLParser(data: data)
    parser.delegate = delegate
    if !parser.parse() {
      throw AuditError(en: "\(path): \(entry.path) is not well-formed XML (line \(parser.lineNumber))",
        ru: "\(path): \(entry.path) — повреждённый XML (строка \(parser.lineNumber))")
    }
  }
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
final class SheetDelegate<Sink: RowSink>: NSObject, XMLParserDelegate {
  var sink: Sink
  let shared: [String]
  var sawHeader = false
  var error: AuditError?
  var row: [String] = []
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
      rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
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
    }
    return max(n - 1, 0)
  }
}
