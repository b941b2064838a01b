/// An error in the inputs of a computation (an unknown category, a bad event), in Russian and English.
public struct EngineError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, as data; the texts are rendered from it.
  public enum Reason: Sendable, Hashable {
    case noWorkingTime
    case unknownCategory(String, known: [String])
    /// A category was given for an act that declares none.
    case noCategories(given: String)
    case unknownKind(String, known: [String])
    case unknownChannel(String, known: [String])
    case unknownSituation(String, known: [String])
    case unknownStep(String, known: [String])
    case custom(en: String, ru: String)
  }

  public var reason: Reason

  public init(_ reason: Reason) { self.reason = reason }
  public init(en: String, ru: String) { self.reason = .custom(en: en, ru: ru) }

  public var description: String { en }

  public var en: String {
    switch reason {
    case .noWorkingTime: "the regulation's working time (time zone, schedule) is missing or invalid"
    case .unknownCategory(let c, let known): "unknown category `\(c)`; the act's categories: \(known.joined(separator: ", "))"
    case .noCategories(let c): "the act declares no categories, so `--category \(c)` cannot apply; leave it out"
    case .unknownKind(let k, let known): "unknown message kind `\(k)`; known: \(list(known))"
    case .unknownChannel(let k, let known): "unknown channel `\(k)`; known: \(list(known))"
    case .unknownSituation(let k, let known): "unknown situation `\(k)`; known: \(list(known))"
    case .unknownStep(let k, let known): "unknown step `\(k)`; steps: \(list(known))"
    case .custom(let en, _): en
    }
  }

  public var ru: String {
    switch reason {
    case .noWorkingTime: "рабочее время регламента (часовой пояс, график) не задано или задано неверно"
    case .unknownCategory(let c, let known): "неизвестная категория «\(c)»; категории акта: \(known.joined(separator: ", "))"
    case .noCategories(let c): "в акте нет категорий, поэтому «--category \(c)» неприменимо; уберите этот параметр"
    case .unknownKind(let k, let known): "неизвестный вид сообщения «\(k)»; есть: \(list(known, ru: true))"
    case .unknownChannel(let k, let known): "неизвестный канал «\(k)»; есть: \(list(known, ru: true))"
    case .unknownSituation(let k, let known): "неизвестное обстоятельство «\(k)»; есть: \(list(known, ru: true))"
    case .unknownStep(let k, let known): "неизвестный шаг «\(k)»; шаги: \(list(known, ru: true))"
    case .custom(_, let ru): ru
    }
  }

  private func list(_ items: [String], ru: Bool = false) -> String {
    items.isEmpty ? (ru ? "нет ни одного" : "none") : items.joined(separator: ", ")
  }
}
