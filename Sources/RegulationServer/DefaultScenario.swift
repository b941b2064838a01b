import RegulationModel

/// A scenario for a regulation that has none (pasted text, an act without `scenarios/NAME.scenario.yaml`): a month of
/// messages on working days, three people in every role, every step about 10 working minutes, the base categories in
/// equal shares. Written as YAML so the playground shows it and the user can edit it (the simulator reads scenarios
/// only from YAML). An adapter of the server: the simulation library has no such default.
enum DefaultScenario {
  static let start = "2026-03-02"
  static let days = 28
  static let perDay = 10
  /// Messages by hour of the day (00–23): mostly in office hours, some in the evening.
  static let byHour = [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 0.9, 1.3, 1.6, 1.7, 1.7, 1.5, 1.5, 1.6, 1.6, 1.5, 1.4, 1.2, 1.1,
    1.0, 0.8, 0.5, 0.3]

  static func yaml(for reg: Regulation) -> String {
    var out = "scenario: 1\n"
    out += "name: \(quoted("Сценарий по умолчанию: " + reg.act.id))\n"
    out += "horizon: {start: \(start), days: \(days), warmup_days: 3}\n"
    out += "arrivals:\n"
    out += "  per_day: \(perDay)\n"
    out += "  by_hour: [" + byHour.map { "\($0)" }.joined(separator: ", ") + "]\n"
    out += "  by_weekday: {mon-fri: 1, sat-sun: 0.3}\n"
    out += "  days_off: 0.3\n"
    let base = reg.categories.filter { !$0.overlay }
    if !base.isEmpty {
      // Shares in thousandths so that they sum to exactly 1; the last takes the rest.
      let each = 1000 / base.count
      let shares = base.indices.map { $0 == base.count - 1 ? 1000 - each * (base.count - 1) : each }
      out += "  categories: {" + zip(base, shares).map { "\(quoted($0.id)): \(Double($1) / 1000)" }
        .joined(separator: ", ") + "}\n"
    }
    if !reg.roles.isEmpty {
      out += "staff:\n"
      for role in reg.roles { out += "  \(quoted(role.id)): {headcount: 3}\n" }
    }
    if !reg.steps.isEmpty {
      out += "durations:\n"
      for step in reg.steps { out += "  \(quoted(step.id)): {exponential: 10}\n" }
    }
    out += "queue: fcfs\n"
    return out
  }

  /// A YAML single-quoted scalar (no escapes needed: a quote is doubled).
  static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
}
