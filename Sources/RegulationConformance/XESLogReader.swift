import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Streams an XES log (IEEE 1849) with Foundation's SAX `XMLParser` over an input stream: each `<event>` of a
/// `<trace>` is one row. `concept:name` of the trace is the case; of the event, the step; `time:timestamp` the time;
/// `org:resource`, `org:role`, `org:group` the actor, role and department; `lifecycle:transition` must be `complete`
/// (or absent) for the event to count as a step done. `category` and `kind` may be trace or event attributes.
/// Positions are event numbers in the file (1-based).
public struct XESLogReader {
  public let path: String
  public init(path: String) { self.path = path }

  /// The canonical columns the rows come in.
  static let columns = ["case", "step", "time", "actor", "role", "department", "category", "kind", "lifecycle"]

  public func read(into sink: inout some RowSink) throws(AuditError) {
    guard let stream = InputStream(fileAtPath: path), FileManager.default.isReadableFile(atPath: path) else {
      throw AuditError(en: "cannot open the log \(path)", ru: "не удаётся открыть журнал \(path)")
    }
    try sink.header(Self.columns)
    let delegate = XESDelegate(sink: sink)
    var parser = XMLParser(stream: stream)
    var repaired: Data?
    if XMLText.needsRepair(path: path), let data = FileManager.default.contents(atPath: path) {
      delegate.sink.notice(AuditText(en: "\(path) is not valid UTF-8; invalid bytes read as U+FFFD",
        ru: "\(path) — не UTF-8; неверные байты прочитаны как U+FFFD"))
      repaired = XMLText.repaired(data)
      parser = XMLParser(data: repaired!)
    }
    if let (line, column) = repaired.map(XMLText.emptyProcessingInstruction(in:)) ?? XMLText.emptyProcessingInstruction(path: path) {
      throw AuditError(
        en: "\(path):\(line):\(column): a processing instruction without data (`<?name?>`) cannot be read; remove it",
        ru: "\(path):\(line):\(column): инструкцию обработки без данных (`<?имя?>`) прочитать нельзя; удалите её")
    }
    let balance = BalancedXMLDelegate(delegate)
    parser.delegate = balance
    let ok = withExtendedLifetime(balance) { parser.parse() }
    if !ok || !balance.isWhole {
      let line = ok ? balance.line : parser.lineNumber
      let message = ok ? "the document ends before its elements are closed"
        : parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
      let messageRU = ok ? "документ кончается, не закрыв элементы" : message
      if delegate.events == 0 {
        throw AuditError(en: "\(path):\(line): not a readable XES file (\(message))",
          ru: "\(path):\(line): не удаётся прочитать XES (\(messageRU))")
      }
      // The events of a trace (or the event) left open are not lost silently: each is rejected with its number.
      delegate.rejectUnfinished(line: line)
      delegate.sink.reject(position: delegate.events + 1, reason: AuditText(
        en: "the XML breaks off at line \(line) (\(message)); the events after it are not read",
        ru: "XML обрывается на строке \(line) (\(messageRU)); события после неё не прочитаны"))
    }
    sink = delegate.sink
    if delegate.traces == 0 && delegate.events == 0 {
      sink.notice(AuditText(en: "\(path) has no traces", ru: "в \(path) нет трасс (дел)"))
    }
  }
}

final class XESDelegate<Sink: RowSink>: NSObject, XMLParserDelegate {
  var sink: Sink
  var traces = 0
  var events = 0
  var depth = 0
  var inTrace = false
  var inEvent = false
  /// Nesting inside an attribute (a list or container attribute): its children are not the event's own.
  var attributeDepth = 0
  var traceAttributes: [String: String] = [:]
  var eventAttributes: [String: String] = [:]
  var pending: [(Int, [String: String])] = []
  var builder = StringRowBuilder()

  init(sink: Sink) { self.sink = sink }

  /// Rejects the events read in a trace that was never closed and the event left open, if any.
  func rejectUnfinished(line: Int) {
    guard inTrace || inEvent else { return }
    for (position, _) in pending {
      sink.reject(position: position, reason: AuditText(
        en: "its trace is not closed (the XML breaks off at line \(line)): the event is not read",
        ru: "его трасса не закрыта (XML обрывается на строке \(line)): событие не прочитано"))
    }
    pending = []
    if inEvent {
      sink.reject(position: events, reason: AuditText(
        en: "the event is not closed (the XML breaks off at line \(line))",
        ru: "событие не закрыто (XML обрывается на строке \(line))"))
      inEvent = false
    }
  }

  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:])
  {
    switch name {
    case "trace":
      inTrace = true
      traces += 1
      traceAttributes = [:]
      pending = []
    case "event":
      inEvent = true
      events += 1
      eventAttributes = [:]
    case "string", "date", "int", "float", "boolean", "id", "list", "container":
      if attributeDepth == 0, let key = attributes["key"], let value = attributes["value"] {
        if inEvent { eventAttributes[key] = value } else if inTrace { traceAttributes[key] = value }
      }
      attributeDepth += 1
    default: break
    }
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    switch name {
    case "event":
      inEvent = false
      if inTrace {
        pending.append((events, eventAttributes))
      } else {
        sink.reject(position: events, reason: AuditText(en: "an event outside a trace (no case)",
          ru: "событие вне трассы (нет дела)"))
      }
    case "trace":
      inTrace = false
      let caseID = traceAttributes["concept:name"] ?? ""
      for (position, a) in pending {
        let fields = [caseID, a["concept:name"] ?? "", a["time:timestamp"] ?? "", a["org:resource"] ?? "",
          a["org:role"] ?? "", a["org:group"] ?? a["department"] ?? traceAttributes["department"] ?? "",
          a["category"] ?? traceAttributes["category"] ?? "", a["kind"] ?? traceAttributes["kind"] ?? "",
          a["lifecycle:transition"] ?? ""]
        builder.emit(fields, position: position, into: &sink)
      }
      pending = []
    case "string", "date", "int", "float", "boolean", "id", "list", "container":
      attributeDepth -= 1
    default: break
    }
  }
}
