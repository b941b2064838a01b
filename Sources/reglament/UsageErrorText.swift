import Foundation
import RegulationDiagnostics

/// Usage errors in the user's language. ArgumentParser words its errors (unknown option, bad value, missing argument)
/// in English and keeps their facts in internal types, so under `--lang ru` (or a Russian `LANG`) its message is
/// rewritten line by line from the facts it quotes: the option, the value, the choices. A line of a shape not known
/// here stays as it is, so nothing the parser says is lost.
enum UsageErrorText {
  /// The language of a run whose arguments did not parse: `--lang ru|en` (or `--lang=…`) among them, else `LANG`.
  static func language(arguments: [String], environment: [String: String]) -> Language {
    for (i, a) in arguments.enumerated() {
      let value: String?
      if a == "--lang", i + 1 < arguments.count { value = arguments[i + 1] }
      else if a.hasPrefix("--lang=") { value = String(a.dropFirst("--lang=".count)) }
      else { value = nil }
      if let value, let language = Language(rawValue: value) { return language }
    }
    return Language.fromEnvironment(environment)
  }

  /// `message` (ArgumentParser's full usage error) in `language`; English is returned unchanged.
  static func render(_ message: String, language: Language) -> String {
    guard language == .ru else { return message }
    var out: [String] = []
    var previousWasHelp = false
    for line in message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("Error: ") {
        out.append("Ошибка: " + sentence(String(line.dropFirst("Error: ".count))))
      } else if line.hasPrefix("Help:  ") {
        // The option's help is English text; the Russian error line above already names the option and its values.
        previousWasHelp = true
        continue
      } else if line.hasPrefix("Usage: ") {
        out.append("Использование: " + line.dropFirst("Usage: ".count))
      } else if let command = seeHelp(line) {
        out.append("  Подробнее: \(command) --help")
      } else if previousWasHelp, line.hasPrefix(" ") {
        continue  // a wrapped line of the English help
      } else {
        out.append(line)
      }
      previousWasHelp = false
    }
    return out.joined(separator: "\n")
  }

  /// One error sentence of ArgumentParser in Russian; the quoted names and values are kept as given.
  static func sentence(_ s: String) -> String {
    if let m = s.wholeMatch(of: #/Unknown option '(.+)'\. Did you mean '(.+)'\?/#) {
      return "неизвестный параметр \(quoted(m.1)); возможно, имелся в виду \(quoted(m.2))"
    }
    if let m = s.wholeMatch(of: #/Unknown option '(.+)'/#) { return "неизвестный параметр \(quoted(m.1))" }
    if let m = s.wholeMatch(of: #/Invalid option: (.+)/#) { return "недопустимый параметр \(quoted(m.1))" }
    if let m = s.wholeMatch(of: #/Missing value for '(.+)'/#) { return "не указано значение параметра \(quoted(m.1))" }
    if let m = s.wholeMatch(of: #/Unexpected argument '(.+)'/#) { return "лишний аргумент \(quoted(m.1))" }
    if let m = s.wholeMatch(of: #/(\d+) unexpected arguments: (.+)/#) {
      return "лишние аргументы (\(m.1)): \(choices(m.2, conjunction: "и"))"
    }
    if let m = s.wholeMatch(of: #/Missing expected argument '(.+)'/#) {
      return "не указан обязательный аргумент \(quoted(m.1))"
    }
    if let m = s.wholeMatch(of: #/Missing one of: (.+)/#) {
      return "нужен один из аргументов: \(choices(m.1, conjunction: "или"))"
    }
    if let m = s.wholeMatch(of: #/The value '(.*)' is invalid for '(.+?)'\. Please provide one of the following:/#) {
      return "значение \(quoted(m.1)) не подходит для \(quoted(m.2)); допустимо:"  // the values follow, one per line
    }
    if let m = s.wholeMatch(of: #/The value '(.*)' is invalid for '(.+?)'\. Please provide one of (.+)\./#) {
      return "значение \(quoted(m.1)) не подходит для \(quoted(m.2)); допустимо: \(choices(m.3, conjunction: "или"))"
    }
    if let m = s.wholeMatch(of: #/The value '(.*)' is invalid for '(.+?)'(.*)/#) {
      return "значение \(quoted(m.1)) не подходит для \(quoted(m.2))\(m.3)"
    }
    if let m = s.wholeMatch(of: #/Value to be set with (.+) had already been set with (.+)/#) {
      return "значение уже задано (\(m.2)); повторно: \(m.1)"
    }
    if s == "Missing required subcommand." { return "не указана команда" }
    return s
  }

  /// «x» for a name or value the parser quoted.
  static func quoted(_ s: Substring) -> String { "«\(s)»" }

  /// `'a', 'b' or 'c'` (or `'a' and 'b'`: ArgumentParser's words for two choices) as «a», «b» или «c».
  static func choices(_ s: Substring, conjunction: String) -> String {
    String(s.replacing("' or '", with: "» \(conjunction) «").replacing("' and '", with: "» \(conjunction) «")
      .replacing("', '", with: "», «")
      .replacing(#/^'/#, with: "«").replacing(#/'$/#, with: "»"))
  }

  /// The command of ArgumentParser's closing line `  See 'reglament check --help' for more information.`
  static func seeHelp(_ line: String) -> String? {
    guard let m = line.wholeMatch(of: #/\s*See '(.+) --help' for more information\./#) else { return nil }
    return String(m.1)
  }
}
