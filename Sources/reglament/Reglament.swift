import ArgumentParser
import Foundation
import RegulationDiagnostics
import RegulationModel
import RegulationParser
import WorkingTime

/// The `reglament` command line: argument parsing and printing only; all work is done by the libraries.
@main
struct Reglament: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reglament",
    abstract: localized(
      "Regulations on citizens' messages as code: check, compute deadlines, analyse.",
      "Регламенты работы с сообщениями граждан как код: проверка, расчёт сроков, анализ."),
    discussion: localized("""
      Examples:
        reglament check regulations/
        reglament deadlines regulations/004-krasnoufimsk.yaml --detected 2026-05-08T17:40 --explain
        reglament calendar --year 2026
      """, """
      Примеры:
        reglament check regulations/
        reglament deadlines regulations/004-krasnoufimsk.yaml --detected 2026-05-08T17:40 --explain
        reglament calendar --year 2026
      """),
    version: "0.1.0",
    subcommands: [CheckCommand.self, DeadlinesCommand.self, CalendarCommand.self, TestCommand.self, RulesCommand.self,
      SchemaCommand.self, BenchCommand.self, DiffCommand.self, SimulateCommand.self, AuditCommand.self, ServeCommand.self])

  /// Exit codes of the contract: 0 ok, 1 findings, 2 bad usage or unreadable input.
  static func main() {
    PhaseTimer.start()
    // A command that needs data it can prepare ahead (`check`: the production calendar) starts it on the second core
    // while this one parses the arguments.
    commandPreparingAhead(Array(CommandLine.arguments.dropFirst()))?.prepareAhead()
    do {
      var command = try PhaseTimer.measure("arguments") { try parseAsRoot() }
      try command.run()
    } catch let exit as ExitCode {
      Foundation.exit(exit.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(UsageErrorText.renderHelp(fullMessage(for: error), language: helpLanguage))
        Foundation.exit(0)
      }
      let language = UsageErrorText.language(arguments: Array(CommandLine.arguments.dropFirst()),
        environment: ProcessInfo.processInfo.environment)
      FileHandle.standardError.write(Data((UsageErrorText.render(fullMessage(for: error), language: language) + "\n").utf8))
      Foundation.exit(2)
    }
  }
}

/// A command that needs data it can start preparing before its arguments are parsed, on another core while this one
/// parses them (what it prepares is only made ready sooner: nothing else changes, and a run that fails to parse loses
/// nothing but the background work).
protocol PreparesAhead: ParsableCommand {
  /// Starts the preparation in the background and returns at once.
  static func prepareAhead()
}

extension Reglament {
  /// The subcommand the first argument names (by name or alias, as the parser matches subcommands), when it prepares
  /// ahead. A first argument that is an option or names nothing selects none.
  static func commandPreparingAhead(_ arguments: [String]) -> PreparesAhead.Type? {
    guard let name = arguments.first else { return nil }
    let named = configuration.subcommands.first { $0._commandName == name || $0.configuration.aliases.contains(name) }
    return named as? PreparesAhead.Type
  }
}

/// Options every command has.
struct CommonOptions: ParsableArguments {
  @Option(name: .long, help: help(
    "Message language: ru or en (default: from LANG).",
    "Язык сообщений: ru или en (по умолчанию — из LANG)."))
  var lang: Language?

  var language: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }
}

/// Writes to stdout without a trailing newline added.
func emit(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
}

/// A usage or input problem: printed to stderr, exit code 2.
func fail(_ en: String, _ ru: String, language: Language) -> ExitCode {
  FileHandle.standardError.write(Data(("reglament: " + (language == .ru ? ru : en) + "\n").utf8))
  return ExitCode(2)
}

/// Reads a user's calendar file (`--calendar`): its days, or a usage error naming the bad line.
func userCalendar(_ path: String?, language: Language) throws -> [(CivilDate, CalendarEntry)] {
  guard let path else { return [] }
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    throw fail("cannot read the calendar file \(path)", "не удаётся прочитать файл календаря \(path)", language: language)
  }
  let (additions, problems) = ProductionCalendar.additions(from: text)
  if let (line, problem) = problems.first {
    throw fail("\(path):\(line): \(problem)", "\(path):\(line): \(problem)", language: language)
  }
  return additions
}

/// `--format text|json` of the commands that print a report of their own.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

/// `--lang ru|en`; anything else is a usage error (exit 2).
extension Language: ExpressibleByArgument {}

/// Reads an instant given on the command line in the regulation's zone: a precise usage error for malformed text,
/// a local time skipped or repeated by a daylight-saving change, or a year outside the production calendar.
func instant(_ text: String, option: String, in time: TimeContext, language: Language) throws -> LocalTimestamp {
  let tz = time.timeZone
  guard let t = tz.parseDateTime(text) else {
    throw fail("\(option) `\(text)` is not a date and time (YYYY-MM-DDTHH:MM[:SS][±HH:MM])",
      "\(option) «\(text)» — не дата и время (ГГГГ-ММ-ДДTЧЧ:ММ[:СС][±ЧЧ:ММ])", language: language)
  }
  let hasOffset = text.count > 16 && (text.hasSuffix("Z") || text.dropFirst(11).contains(where: { $0 == "+" || $0 == "-" }))
  if !hasOffset {
    switch tz.status(of: t) {
    case .unique: break
    case .nonexistent:
      throw fail("\(option) `\(text)`: this local time does not exist in \(tz.identifier) (the clocks skip it); give an offset",
        "\(option) «\(text)»: такого местного времени в поясе \(tz.identifier) нет (часы его пропускают); укажите смещение", language: language)
    case .ambiguous:
      throw fail("\(option) `\(text)`: this local time occurs twice in \(tz.identifier); give an offset to say which",
        "\(option) «\(text)»: это местное время в поясе \(tz.identifier) бывает дважды; укажите смещение", language: language)
    }
  }
  let coverage = time.calendar.coverage
  guard coverage.contains(t.date) else {
    throw fail("\(option) `\(text)`: the production calendar covers \(coverage.lowerBound.year)–\(coverage.upperBound.year) only",
      "\(option) «\(text)»: производственный календарь есть только на \(coverage.lowerBound.year)–\(coverage.upperBound.year) гг.",
      language: language)
  }
  return t
}

/// `--format` of `check`: every reporter.
extension ReportFormat: ExpressibleByArgument {}

/// The regulation files under the paths of `check` and `test`. A missing path, a test file given as a regulation,
/// and paths that hold no regulation at all are usage errors (exit 2): a CI job with a wrong path must fail.
func regulationFiles(_ paths: [String], language: Language) throws -> [String] {
  let (files, missing) = RegulationParser.expand(paths: paths)
  if let m = missing.first {
    throw fail("\(m): no such file or directory", "\(m): нет такого файла или каталога", language: language)
  }
  if let t = files.first(where: { $0.hasSuffix(".test.yaml") }) {
    let reg = String(t.dropLast(".test.yaml".count)) + ".yaml"
    throw fail("\(t) is a test file, not a regulation: give its regulation \(reg)",
      "\(t) — файл тестов, а не регламент: укажите сам регламент \(reg)", language: language)
  }
  if files.isEmpty {
    throw fail("no regulation files (*.yaml, *.yml) under \(paths.joined(separator: ", "))",
      "в \(paths.joined(separator: ", ")) нет файлов регламентов (*.yaml, *.yml)", language: language)
  }
  return files
}

/// One regulation file that must parse without errors (for `deadlines`, `calendar --schedule`): otherwise its
/// diagnostics go to stderr and the exit code is 2.
func loadRegulation(_ file: String, language: Language) throws -> Regulation {
  var isDir: ObjCBool = false
  guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir) else {
    throw fail("\(file): no such file or directory", "\(file): нет такого файла или каталога", language: language)
  }
  if isDir.boolValue {
    throw fail("\(file) is a directory: give one regulation file", "\(file) — каталог: укажите один файл регламента",
      language: language)
  }
  let parsed = RegulationParser.parse(path: file)
  let errors = parsed.diagnostics.filter { $0.severity == .error }
  guard let reg = parsed.regulation, errors.isEmpty else {
    var sources: [String: SourceText] = [:]
    if let s = parsed.source { sources[file] = s }
    let report = DiagnosticReport(files: [file], diagnostics: errors, sources: sources)
    FileHandle.standardError.write(Data(ReportFormat.text.render(report, language: language).utf8))
    throw ExitCode(2)
  }
  return reg
}
