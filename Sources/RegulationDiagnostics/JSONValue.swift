/// A JSON value with ordered object keys, so that output is byte-identical for the same input.
public indirect enum JSONValue: Hashable, Sendable {
  case object([(String, JSONValue)])
  case array([JSONValue])
  case string(String)
  case int(Int)
  case double(Double)
  case bool(Bool)
  case null

  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }
  public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

  /// Compact or pretty (2-space) serialization.
  public func serialized(pretty: Bool = false) -> String {
    var out = ""
    write(to: &out, pretty: pretty, indent: 0)
    return out
  }

  private func write(to out: inout String, pretty: Bool, indent: Int) {
    let nl = pretty ? "\n" : ""
    let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
    let closePad = pretty ? String(repeating: "  ", count: indent) : ""
    switch self {
    case .object(let pairs):
      if pairs.isEmpty { out += "{}"; return }
      out += "{" + nl
      for (i, (k, v)) in pairs.enumerated() {
        out += pad
        JSONValue.writeString(k, to: &out)
        out += pretty ? ": " : ":"
        v.write(to: &out, pretty: pretty, indent: indent + 1)
        if i < pairs.count - 1 { out += "," }
        out += nl
      }
      out += closePad + "}"
    case .array(let items):
      if items.isEmpty { out += "[]"; return }
      out += "[" + nl
      for (i, v) in items.enumerated() {
        out += pad
        v.write(to: &out, pretty: pretty, indent: indent + 1)
        if i < items.count - 1 { out += "," }
        out += nl
      }
      out += closePad + "]"
    case .string(let s): JSONValue.writeString(s, to: &out)
    case .int(let i): out += String(i)
    case .double(let d):
      if d.isFinite, d == d.rounded(), abs(d) < 1e15 { out += String(Int(d)) } else if d.isFinite { out += String(d) } else { out += "null" }
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    }
  }

  static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
