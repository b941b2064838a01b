import FuzzSupport
import RegulationDiagnostics
import RegulationParser

/// One input of a regulation file: bytes → `SourceLoader.decode` → YAML reader → spec validator → model builder →
/// reference checker. Every diagnostic must point inside the input (line ≥ 1, column ≥ 1, line ≤ its lines).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = FuzzInput.bytes(data, size)
  let path = "fuzz.yaml"
  let loaded = SourceLoader.decode(bytes, path: path)
  var diagnostics = loaded.diagnostics
  if let text = loaded.text {
    let result = RegulationParser.parse(text: text, path: path)
    diagnostics += result.diagnostics
  }
  let lines = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
  for d in diagnostics {
    FuzzInput.require(d.range.start.line >= 1 && d.range.start.column >= 1 && d.range.start.line <= lines,
      "\(d.id.rawValue) at \(d.range.start.line):\(d.range.start.column) outside a text of \(lines) lines")
  }
  return 0
}
