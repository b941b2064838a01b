import RegulationAnalysis
import RegulationDiagnostics
import RegulationParser

/// `POST /api/diff`: what changed between two versions of a regulation (`reglament diff --format json`), with the
/// text report beside it.
enum DiffService {
  static func compare(old: RegulationSource, new: RegulationSource, language: Language) throws -> JSONValue {
    let diff: RegulationDiff
    do {
      diff = try RegulationDiff.compare(old: old.parse(), oldLabel: old.label, new: new.parse(), newLabel: new.label)
    } catch {
      let reporter = JSONReporter(language: language)
      throw APIError(.unprocessableContent, id: "regulation-has-errors",
        en: "a version has errors; fix them first (see diagnostics)", ru: "в одной из версий есть ошибки (см. diagnostics)",
        diagnostics: error.diagnostics.map(reporter.diagnostic), language: language)
    }
    let report = DiffReport(diff, language: language)
    guard case .object(var fields) = report.json() else { return .null }
    fields.append(("report_text", .string(report.text())))
    return .object(fields)
  }
}
