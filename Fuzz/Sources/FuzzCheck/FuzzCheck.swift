import Foundation
import FuzzSupport
import RegulationAnalysis
import RegulationDiagnostics
import RegulationParser

/// One input of the whole `reglament check` of one file — parsing, analysis, embedded tests, acknowledgements —
/// and every reporter. An input that takes more than `FUZZ_CHECK_SECONDS` of CPU time (default 5 in release, 60 in
/// debug) aborts, so slow inputs are kept.

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = FuzzInput.bytes(data, size)
  let path = "fuzz.yaml"
  let loaded = SourceLoader.decode(bytes, path: path)
  guard let text = loaded.text else { return 0 }
  FuzzInput.timed(limit: checkSeconds, "check") {
    let result = RegulationChecker.check(text: text, path: path)
    var sources: [String: SourceText] = [:]
    if let s = result.source { sources[path] = s }
    let report = DiagnosticReport(files: [path], diagnostics: result.diagnostics, tests: result.tests, sources: sources)
    for format in ReportFormat.allCases {
      let out = format.render(report, language: .en)
      FuzzInput.require(out.utf8.count < 64 * 1024 * 1024, "\(format) output of \(out.utf8.count) bytes")
    }
  }
  return 0
}

/// 5 s of CPU time in a release build; a debug build with coverage instrumentation is ~30 times slower (checking
/// the largest shipped act takes ~4 s of CPU there), so its default is 60 s.
let checkSeconds: Double = {
  if let s = getenv("FUZZ_CHECK_SECONDS"), let v = Double(String(cString: s)) { return v }
  #if DEBUG
    return 60
  #else
    return 5
  #endif
}()
