import ArgumentParser
import Foundation
import RegulationDiagnostics

/// The language of `--help` and of the commands' descriptions: `--lang` among the arguments, else `LANG`. Read once,
/// before ArgumentParser builds the help, from the same arguments it parses.
let helpLanguage: Language = UsageErrorText.language(arguments: Array(CommandLine.arguments.dropFirst()),
  environment: ProcessInfo.processInfo.environment)

/// A help text or description in the language of this run (`helpLanguage`).
func localized(_ en: String, _ ru: String) -> String { helpLanguage == .ru ? ru : en }

/// An option's help in the language of this run.
func help(_ en: String, _ ru: String) -> ArgumentHelp { ArgumentHelp(localized(en, ru)) }

extension UsageErrorText {
  /// ArgumentParser's own words in a help page (headings, the help and version flags, "values" and "default") in
  /// Russian; the descriptions themselves are already in the run's language.
  static func renderHelp(_ text: String, language: Language) -> String {
    guard language == .ru else { return text }
    var out = text.replacing(#/See '(.+) help <subcommand>' for detailed help\./#) {
      "Справка по команде: \($0.1) help <команда>"
    }
    for (en, ru) in [("OVERVIEW: ", "НАЗНАЧЕНИЕ: "), ("USAGE: ", "ИСПОЛЬЗОВАНИЕ: "), ("ARGUMENTS:\n", "АРГУМЕНТЫ:\n"),
      ("OPTIONS:\n", "ПАРАМЕТРЫ:\n"), ("SUBCOMMANDS:\n", "КОМАНДЫ:\n"), ("<subcommand>", "<команда>"),
      ("Show help information.", "Показать эту справку."), ("Show the version.", "Показать версию."),
      ("(values: ", "(значения: ")] {
      out = out.replacingOccurrences(of: en, with: ru)
    }
    out = out.replacing(#/(\(|;\s+)default:/#) { "\($0.1)по умолчанию:" }
    return out
  }
}
