import Foundation

/// Streams an XES log (IEEE 1849) through `XMLTokenizer`, in chunks: each `<event>` of a `<trace>` is one row.
/// `concept:name` of the trace is the case; of the event, the step; `time:timestamp` the time; `org:resource`,
/// `org:role`, `org:group` the actor, role and department; `lifecycle:transition` must be `complete` (or absent) for
/// the event to count as a step done. `category` and `kind` may be trace or event attributes. Positions are event
/// numbers in the file (1-based). Elements are matched on their local names (`xes:event` is an event).
public struct XESLogReader {
  /// The file's name in messages.
  public let path: String
  let bytes: [UInt8]?

  /// Reads the file at `path`.
  public init(path: String) {
    self.path = path
    bytes = nil
  }

  /// Reads a log held in memory (an upload, a fuzzed input); `name` is the file's name in messages.
  public init(bytes: [UInt8], name: String) {
    path = name
    self.bytes = bytes
  }

  /// The canonical columns the rows come in.
  static let columns = ["case", "step", "time", "actor", "role", "department", "category", "kind", "lifecycle"]

  public func read(into sink: inout some RowSink) throws(AuditError) {
    var tokenizer: XMLTokenizer
    if let bytes {
      tokenizer = XMLTokenizer(bytes: bytes)
    } else {
      guard FileManager.default.isReadableFile(atPath: path), let t = XMLTokenizer(path: path) else {
        throw AuditError(en: "cannot open the log \(path)", ru: "не удаётся открыть журнал \(path)")
      }
      tokenizer = t
    }
    try sink.header(Self.columns)
    var state = XESState()
    do throws(XMLSyntaxError) {
      while let token = try tokenizer.next() { state.take(token, into: &sink) }
    } catch {
      let at = error.location
      if state.events == 0 {
        throw AuditError(en: "\(path):\(at): not a readable XES file (\(error.en))",
          ru: "\(path):\(at): не удаётся прочитать XES (\(error.ru))")
      }
      // The events of a trace (or the event) left open are not lost silently: each is rejected with its number.
      state.rejectUnfinished(at: at, into: &sink)
      sink.reject(position: state.events + 1, reason: AuditText(
        en: "the XML breaks off at \(at) (\(error.en)); the events after it are not read",
        ru: "XML обрывается в \(at) (\(error.ru)); события после этого места не прочитаны"))
    }
    if tokenizer.replacedInvalidUTF8 {
      sink.notice(AuditText(en: "\(path) is not valid UTF-8; invalid bytes read as U+FFFD",
        ru: "\(path) — не UTF-8; неверные байты прочитаны как U+FFFD"))
    }
    if state.traces == 0 && state.events == 0 {
      sink.notice(AuditText(en: "\(path) has no traces", ru: "в \(path) нет трасс (дел)"))
    }
  }
}

/// Where the XES reader is: in a trace, in an event, inside an attribute (a list or container attribute's children
/// are not the event's own), and the events of the open trace waiting for its end.
struct XESState {
  var traces = 0
  var events = 0
  var inTrace = false
  var inEvent = false
  var attributeDepth = 0
  var traceAttributes: [String: String] = [:]
  var eventAttributes: [String: String] = [:]
  var pending: [(Int, [String: String])] = []
  var builder = StringRowBuilder()

  static let attributeElements: Set<Substring> = ["string", "date", "int", "float", "boolean", "id", "list", "container"]

  mutating func take(_ token: XMLToken, into sink: inout some RowSink) {
    switch token {
    case .start(let name, let attributes, let empty, _):
      start(XMLToken.localName(name), attributes, into: &sink)
      if empty { end(XMLToken.localName(name), into: &sink) }
    case .end(let name, _):
      end(XMLToken.localName(name), into: &sink)
    case .text:
      break
    }
  }

  mutating func start(_ name: Substring, _ attributes: [XMLAttribute], into sink: inout some RowSink) {
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
    case _ where Self.attributeElements.contains(name):
      if attributeDepth == 0, let key = attributes["key"], let value = attributes["value"] {
        if inEvent { eventAttributes[key] = value } else if inTrace { traceAttributes[key] = value }
      }
      attributeDepth += 1
    default: break
    }
  }

  mutating func end(_ name: Substring, into sink: inout some RowSink) {
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
    case _ where Self.attributeElements.contains(name):
      attributeDepth -= 1
    default: break
    }
  }

  /// Rejects the events read in a trace that was never closed and the event left open, if any.
  mutating func rejectUnfinished(at: XMLLocation, into sink: inout some RowSink) {
    guard inTrace || inEvent else { return }
    for (position, _) in pending {
      sink.reject(position: position, reason: AuditText(
        en: "its trace is not closed (the XML breaks off at \(at)): the event is not read",
        ru: "его трасса не закрыта (XML обрывается в \(at)): событие не прочитано"))
    }
    pending = []
    if inEvent {
      sink.reject(position: events, reason: AuditText(
        en: "the event is not closed (the XML breaks off at \(at))",
        ru: "событие не закрыто (XML обрывается в \(at))"))
      inEvent = false
    }
  }
}
