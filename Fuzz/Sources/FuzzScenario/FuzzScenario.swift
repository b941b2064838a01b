import Foundation
import FuzzSupport
import RegulationDiagnostics
import RegulationModel
import RegulationParser

/// One input of a simulation scenario: bytes → `SourceLoader.decode` → `ScenarioParser` (YAML reader, shape against
/// `ScenarioLanguage`, builder, checks against the regulation) → every variant's overrides applied. The regulation is
/// the shipped one the scenario names (`regulation: ../regulations/NAME.yaml`), else the first. Every diagnostic in the
/// scenario must point inside it; one input may take at most `FuzzInput.inputSeconds` of CPU time.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = FuzzInput.bytes(data, size)
  let path = "fuzz.scenario.yaml"
  let loaded = SourceLoader.decode(bytes, path: path)
  guard let text = loaded.text else { return 0 }
  let regulation = regulations.first { text.contains("regulations/\($0.name)") }?.model ?? regulations[0].model
  let lines = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
  FuzzInput.timed(limit: FuzzInput.inputSeconds, "scenario parse") {
    let result = ScenarioParser.parse(text: text, path: path, regulation: regulation)
    var diagnostics = result.diagnostics
    if let scenario = result.scenario, !result.hasErrors {
      for variant in scenario.variants {
        diagnostics += ScenarioParser.apply(variant.overrides, to: scenario, regulation: regulation).1
      }
    }
    for d in diagnostics where d.range.start.file == path {
      FuzzInput.require(d.range.start.line >= 1 && d.range.start.column >= 1 && d.range.start.line <= lines,
        "\(d.id.rawValue) at \(d.range.start.line):\(d.range.start.column) outside a text of \(lines) lines")
    }
    for d in diagnostics {
      FuzzInput.require(d.message.en.utf8.count < 1 << 20, "\(d.id.rawValue): a message of \(d.message.en.utf8.count) bytes")
    }
  }
  return 0
}

/// The shipped regulations, read once (the fuzzer runs from the repository root).
let regulations: [(name: String, model: Regulation)] = {
  let dir = "regulations"
  let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
    .filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".test.yaml") }.sorted()
  let loaded = names.compactMap { name -> (String, Regulation)? in
    RegulationParser.parse(path: "\(dir)/\(name)").regulation.map { (name, $0) }
  }
  if loaded.isEmpty {
    FileHandle.standardError.write(Data("FuzzScenario: run it from the repository root (no regulations/*.yaml here)\n".utf8))
    exit(2)
  }
  return loaded
}()
