import ArgumentParser
import Foundation
import RegulationDiagnostics
import WorkingTime

/// The `reglament` command line: argument parsing and printing only; all work is done by the libraries.
@main
struct Reglament: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reglament",
    abstract: "Regulations on citizens' messages as code: check, compute deadlines, analyse.",
    discussion: """
      Examples:
        reglament check regulations/
        reglament deadlines regulations/004-krasnoufimsk.yaml --detected 2026-05-08T17:40 --explain
        reglament calendar --year 2026
      """,
    version: "0.1.0",
    subcommands: [CheckCommand.self, DeadlinesCommand.self, CalendarCommand.self, TestCommand.self, RulesCommand.self,
      SchemaCommand.self, BenchCommand.self, ServeCommand.self])

  /// Exit codes of the contract: 0 ok, 1 findings, 2 bad usage or unreadable input.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let exit as ExitCode {
      Foundation.exit(exit.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(2)
    }
  }
}

/// Options every command has.
struct CommonOptions: ParsableArguments {
  @Option(name: .long, help: "Message language: ru or en (default: from LANG).")
  var lang: String?

  var language: Language {
    if let lang { return lang.lowercased().hasPrefix("ru") ? .ru : .en }
    return Language.fromEnvironment(ProcessInfo.processInfo.environment)
  }
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

/// `--format` of `check`: every reporter.
extension ReportFormat: ExpressibleByArgument {}
