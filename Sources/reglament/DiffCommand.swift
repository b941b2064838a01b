import ArgumentParser
import Foundation
import RegulationAnalysis
import RegulationDiagnostics
import RegulationParser

/// `--format` of `diff`: text, JSON, or Markdown for a pull-request comment.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, markdown
}

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: localized(
      "What changed between two versions of a regulation, which deadlines move, which findings appear.",
      "Что изменилось между двумя версиями регламента, какие сроки сдвигаются, какие замечания появляются."),
    discussion: localized("""
      Compares clause by clause (items matched by id; a renamed id with the same clause and name is a rename),
      evaluates every deadline of both versions at a fixed set of hard detection instants of 2026 (docs/DIFF.md)
      for every category, and runs `check` on both. Exit code 0: nothing changed; 1: something did; 2: bad usage
      or unreadable input.
      Examples:
        reglament diff old.yaml new.yaml --format markdown
        reglament diff regulations/004-krasnoufimsk.yaml --from HEAD~1 --to HEAD
      """, """
      Сравнивает пункт за пунктом (элементы сопоставляются по id; переименованный id с тем же пунктом и названием —
      переименование), вычисляет все сроки обеих версий в наборе трудных моментов выявления 2026 г. (docs/DIFF.md)
      для каждой категории и выполняет `check` для обеих. Код выхода 0: ничего не изменилось; 1: изменения есть;
      2: неверный вызов или нечитаемый файл.
      Примеры:
        reglament diff old.yaml new.yaml --format markdown
        reglament diff regulations/004-krasnoufimsk.yaml --from HEAD~1 --to HEAD
      """))

  @Argument(help: help(
    "OLD NEW, or one FILE with --from (and --to).",
    "СТАРЫЙ НОВЫЙ или один ФАЙЛ с --from (и --to)."))
  var files: [String]
  @Option(help: help(
    "The git revision of FILE to compare from.",
    "Ревизия git ФАЙЛА, с которой сравнивать."))
  var from: String?
  @Option(help: help(
    "The git revision of FILE to compare to (default: the file as it is on disk).",
    "Ревизия git ФАЙЛА, с которой сравнить (по умолчанию — файл на диске)."))
  var to: String?
  @Option(help: help("text, json or markdown.", "text, json или markdown.")) var format: DiffFormat = .text
  @OptionGroup var common: CommonOptions

  func run() throws {
    let lang = common.language
    let old: RegulationParser.Result, new: RegulationParser.Result
    let oldLabel: String, newLabel: String
    switch (files.count, from) {
    case (2, nil):
      guard to == nil else {
        throw fail("--to needs one FILE and --from", "--to требует одного ФАЙЛА и --from", language: lang)
      }
      for f in files where !FileManager.default.isReadableFile(atPath: f) {
        throw fail("cannot read \(f)", "не удаётся прочитать \(f)", language: lang)
      }
      (oldLabel, newLabel) = (files[0], files[1])
      old = RegulationParser.parse(path: files[0])
      new = RegulationParser.parse(path: files[1])
    case (1, let rev?):
      let file = files[0]
      oldLabel = "\(file)@\(rev)"
      old = RegulationParser.parse(text: try revision(rev, of: file, language: lang), path: oldLabel)
      if let to {
        newLabel = "\(file)@\(to)"
        new = RegulationParser.parse(text: try revision(to, of: file, language: lang), path: newLabel)
      } else {
        guard FileManager.default.isReadableFile(atPath: file) else {
          throw fail("cannot read \(file)", "не удаётся прочитать \(file)", language: lang)
        }
        newLabel = file
        new = RegulationParser.parse(path: file)
      }
    default:
      throw fail("give OLD NEW, or FILE --from REV [--to REV]", "укажите СТАРЫЙ НОВЫЙ или ФАЙЛ --from РЕВИЗИЯ [--to РЕВИЗИЯ]",
        language: lang)
    }
    let diff: RegulationDiff
    do {
      diff = try RegulationDiff.compare(old: old, oldLabel: oldLabel, new: new, newLabel: newLabel)
    } catch {
      let report = DiagnosticReport(files: [oldLabel, newLabel], diagnostics: error.diagnostics, sources: error.sources)
      FileHandle.standardError.write(Data(ReportFormat.text.render(report, language: lang).utf8))
      throw ExitCode(2)
    }
    let report = DiffReport(diff, language: lang)
    switch format {
    case .text: emit(report.text())
    case .markdown: emit(report.markdown())
    case .json: emit(report.json().serialized(pretty: true) + "\n")
    }
    throw ExitCode(diff.hasChanges ? 1 : 0)
  }

  func revision(_ rev: String, of file: String, language: Language) throws -> String {
    do { return try GitRevision.text(of: file, at: rev) } catch {
      throw fail(error.message.en, error.message.ru, language: language)
    }
  }
}
