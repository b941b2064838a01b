import ArgumentParser
import RegulationAnalysis
import RegulationDiagnostics
import RegulationParser

struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: localized(
      "List every diagnostic id and analysis rule; --explain ID shows its examples.",
      "Все виды диагностик и правила анализа; --explain ID показывает примеры правила."),
    discussion: localized(
      "Example: reglament rules --explain deadline-infeasible",
      "Пример: reglament rules --explain deadline-infeasible"))

  @Option(help: help(
    "A rule id to explain with its examples (complete regulations) and the findings they give.",
    "Id правила: показать его примеры (полные регламенты) и замечания по ним."))
  var explain: String?
  @Option(help: help("text or json.", "text или json.")) var format: OutputFormat = .text
  @OptionGroup var common: CommonOptions

  func run() throws {
    let lang = common.language
    if let explain {
      guard let rule = Analyzer.rules.first(where: { $0.id.rawValue == explain }) else {
        guard let id = DiagnosticID(rawValue: explain) else {
          throw fail("unknown rule `\(explain)`", "неизвестное правило «\(explain)»", language: lang)
        }
        emit("\(id.rawValue) [\(id.defaultSeverity.word(lang))]: \(id.summary.text(lang))\n")
        return
      }
      if format == .json {
        func examples(_ list: [String]) -> JSONValue {
          .array(list.map { text in
            .object([("regulation", .string(RuleExamples.regulation(text))),
              ("findings", .array(RuleExamples.findings(of: rule, in: text).map(JSONReporter(language: lang).diagnostic)))])
          })
        }
        emit(JSONValue.object([("id", .string(rule.id.rawValue)), ("severity", .string(rule.severity.rawValue)),
          ("description", .string(rule.description.text(lang))), ("triggering", examples(rule.triggering)),
          ("passing", examples(rule.passing))]).serialized(pretty: true) + "\n")
        return
      }
      var out = "\(rule.id.rawValue) [\(rule.severity.word(lang))]: \(rule.description.text(lang))\n"
      for t in rule.triggering {
        out += "\n" + (lang == .ru ? "срабатывает:" : "triggers:") + "\n"
        out += RuleExamples.regulation(t)
        for d in RuleExamples.findings(of: rule, in: t) {
          out += "  → \(d.range.start.line):\(d.range.start.column): \(d.severity.word(lang)): \(d.message.text(lang))\n"
        }
      }
      for p in rule.passing {
        out += "\n" + (lang == .ru ? "не срабатывает:" : "does not trigger:") + "\n"
        out += RuleExamples.regulation(p)
      }
      emit(out)
      return
    }
    let analysis = Set(Analyzer.rules.map(\.id))
    if format == .json {
      emit(JSONValue.array(DiagnosticID.allCases.map { id in
        .object([("id", .string(id.rawValue)), ("severity", .string(id.defaultSeverity.rawValue)),
          ("analysis", .bool(analysis.contains(id))), ("description", .string(id.summary.text(lang)))])
      }).serialized(pretty: true) + "\n")
    } else {
      // The severity column is as wide as its longest word in the language («предупреждение» in Russian).
      let width = (lang == .ru ? 15 : 9)
      emit(DiagnosticID.allCases.map { id in
        id.rawValue.padding(toLength: 32, withPad: " ", startingAt: 0)
          + id.defaultSeverity.word(lang).padding(toLength: width, withPad: " ", startingAt: 0) + id.summary.text(lang)
      }.joined(separator: "\n") + "\n")
    }
  }
}

struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: localized(
      "Print the JSON Schema (draft 2020-12) of regulation files.",
      "Вывести JSON Schema (draft 2020-12) файлов регламентов."),
    discussion: localized(
      "Example: reglament schema > grammar/regulation.schema.json",
      "Пример: reglament schema > grammar/regulation.schema.json"))

  @Flag(help: help(
    "The schema of NAME.test.yaml files instead.",
    "Схема файлов ИМЯ.test.yaml вместо регламентов."))
  var tests = false

  func run() throws {
    emit((tests ? JSONSchemaGenerator.testFileSchema() : JSONSchemaGenerator.schema()).serialized(pretty: true) + "\n")
  }
}

import Foundation
