import ArgumentParser
import Foundation
import RegulationDiagnostics
import RegulationModel
import RegulationParser

/// `--reading READING=ALTERNATIVE`: the regulation with some disputed wordings read as one of their rejected readings.
/// Unknown ids are a usage error naming what the file offers; a reading under which the act cannot be computed (its
/// anchors form a cycle) is reported like a bad file. Returns the regulation so read and the choices, sorted by reading.
func read(
  _ regulation: Regulation, under options: [String], language: Language
) throws -> (regulation: Regulation, choices: [(reading: String, alternative: String)]) {
  guard !options.isEmpty else { return (regulation, []) }
  let points = regulation.readingPoints
  let offered = points.map { p in "\(p.id)=" + p.alternatives.map(\.id.value).joined(separator: "|") }
  let offer = offered.isEmpty ? nil : offered.joined(separator: ", ")
  var choices: [String: String] = [:]
  for option in options {
    let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
      throw fail("--reading `\(option)`: write READING=ALTERNATIVE", "--reading «\(option)»: укажите ПРОЧТЕНИЕ=ВАРИАНТ",
        language: language)
    }
    guard let point = points.first(where: { $0.id == parts[0] }) else {
      throw fail("--reading: the file has no disputed wording `\(parts[0])`" + (offer.map { "; it offers \($0)" } ?? " (no assumption lists rejected readings)"),
        "--reading: в файле нет спорного места «\(parts[0])»" + (offer.map { "; есть \($0)" } ?? " (ни одно допущение не называет отвергнутых прочтений)"),
        language: language)
    }
    guard point.alternatives.contains(where: { $0.id.value == parts[1] }) else {
      let ids = point.alternatives.map(\.id.value).joined(separator: ", ")
      throw fail("--reading: `\(parts[0])` has no rejected reading `\(parts[1])`; it has \(ids)",
        "--reading: у «\(parts[0])» нет отвергнутого прочтения «\(parts[1])»; есть \(ids)", language: language)
    }
    guard choices[parts[0]] == nil else {
      throw fail("--reading `\(parts[0])` is given twice", "--reading «\(parts[0])» указан дважды", language: language)
    }
    choices[parts[0]] = parts[1]
  }
  let result = regulation.applying(readings: choices)
  let errors = RegulationParser.checkReferences(result).filter { $0.severity == .error }
  if !errors.isEmpty {
    let report = DiagnosticReport(files: [regulation.file], diagnostics: errors, sources: [:])
    FileHandle.standardError.write(Data(ReportFormat.text.render(report, language: language).utf8))
    throw ExitCode(2)
  }
  return (result, choices.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
}
