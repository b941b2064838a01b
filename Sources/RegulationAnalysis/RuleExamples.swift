import RegulationDiagnostics

/// The examples of analysis rules: small complete regulations, with the place of each expected finding marked.
///
/// A marker is a comment line right under the line the finding is at, its caret under the finding's column:
/// ```
///   - id: answer
/// #       ^ deadline-conflict
/// ```
/// An optional severity follows the id (`# ^ calendar-coverage warning`) when the finding overrides the rule's.
public enum RuleExamples {
  public static let template = header(actID: "example", title: "Пример")

  /// The sections every small generated regulation shares: act, working time, a curator and an executor.
  public static func header(actID: String, title: String) -> String {
    """
    reglament: 1
    act: {id: \(actID), title: \(title), body: Пример, kind: постановление}
    working_time:
      time_zone: Europe/Moscow
      schedule: {hours: {mon-fri: "09:00-18:00"}, breaks: ["13:00-14:00"]}
    roles:
      - {id: curator, name: куратор}
      - {id: executor, name: исполнитель}

    """
  }

  /// A complete example regulation titled `title`: an administration's act on citizens' messages, working time
  /// mon–fri 09:00–18:00 (lunch 13:00–14:00, Moscow), a curator and an executor, then `sections` (categories, steps,
  /// limits, …), each further section on a line of its own.
  public static func regulation(_ title: String, _ sections: String, _ more: String...) -> String {
    let sections = ([sections] + more).joined(separator: "\n")
    return """
    reglament: 1
    act: {id: example, title: "\(title)", body: Администрация муниципального образования, kind: постановление}
    working_time:
      time_zone: Europe/Moscow
      schedule: {hours: {mon-fri: "09:00-18:00"}, breaks: ["13:00-14:00"]}
    roles:
      - {id: curator, name: куратор (направляет сообщения и согласует ответы)}
      - {id: executor, name: исполнитель (готовит ответ)}

    """ + sections + (sections.hasSuffix("\n") ? "" : "\n")
  }

  /// The plain procedure of the examples (a `steps:` section): the curator routes the message within 30 working
  /// minutes (clause 5), the executor prepares the answer within 4 working hours (6), the curator publishes it within
  /// 30 working minutes (7). Rules whose finding it must not trigger use it as their passing example.
  public static let plainProcedure = """
    steps:
      - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
         deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: answer}]}
      - {id: answer, name: подготовка ответа, role: executor, clause: "6",
         deadline: {amount: 4, clock: working-hours, from: route}, outcomes: [{if: done, to: publish}]}
      - {id: publish, name: размещение ответа, role: curator, clause: "7",
         deadline: {amount: 30, clock: working-minutes, from: answer}, outcomes: [{if: done, to: end}]}
    """

  static let defaultSteps = """
    steps:
      - {id: route, role: curator, clause: "1", deadline: {amount: 30, clock: working-minutes, from: detected},
         outcomes: [{if: done, to: end}]}

    """

  /// A complete regulation text: `text` itself when it is one (starts with `reglament:`), else the older fragment
  /// form wrapped in the template.
  public static func regulation(_ fragment: String) -> String {
    if fragment.hasPrefix("reglament:") { return fragment }
    let hasSteps = fragment.split(separator: "\n").contains { $0.hasPrefix("steps:") }
    return template + (hasSteps ? "" : defaultSteps) + fragment + "\n"
  }

  /// Where an example expects a finding.
  public struct Marker: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var id: String
    public var severity: Severity?

    public init(line: Int, column: Int, id: String, severity: Severity?) {
      self.line = line
      self.column = column
      self.id = id
      self.severity = severity
    }

    public var description: String { "\(line):\(column) \(id)" + (severity.map { " \($0.rawValue)" } ?? "") }
  }

  /// The markers of an example: each `# ^ id [severity]` line points at the nearest line above it that is not a
  /// marker, at the caret's column.
  public static func markers(in text: String) -> [Marker] {
    var out: [Marker] = []
    var target = 0
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let scalars = Array(raw.unicodeScalars)
      var k = 0
      while k < scalars.count, scalars[k] == " " { k += 1 }
      var c = k + 1
      while c < scalars.count, scalars[c] == " " { c += 1 }
      guard k < scalars.count, scalars[k] == "#", c < scalars.count, scalars[c] == "^" else {
        target = i + 1
        continue
      }
      var rest = String.UnicodeScalarView()
      rest.append(contentsOf: scalars[(c + 1)...])
      let words = String(rest).split(separator: " ").map(String.init)
      guard let id = words.first else {
        target = i + 1
        continue
      }
      out.append(Marker(line: target, column: c + 1, id: id, severity: words.dropFirst().first.flatMap(Severity.init(rawValue:))))
    }
    return out
  }

  /// The findings of `rule` in an example (parsed and analysed as `reglament check` does, without its embedded
  /// tests), for `rules --explain`.
  public static func findings(of rule: any AnalysisRule, in example: String) -> [Diagnostic] {
    RegulationChecker.check(text: regulation(example), path: "example.yaml", runTests: false).diagnostics
      .filter { $0.id == rule.id }
  }
}
