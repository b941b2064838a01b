/// Wraps a rule's example fragment (`steps:`, `limits:`, `categories:` …) into a complete regulation file.
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

  static let defaultSteps = """
    steps:
      - {id: route, role: curator, clause: "1", deadline: {amount: 30, clock: working-minutes, from: detected},
         outcomes: [{if: done, to: end}]}

    """

  /// A complete regulation text around `fragment`.
  public static func regulation(_ fragment: String) -> String {
    let hasSteps = fragment.split(separator: "\n").contains { $0.hasPrefix("steps:") }
    return template + (hasSteps ? "" : defaultSteps) + fragment + "\n"
  }
}
