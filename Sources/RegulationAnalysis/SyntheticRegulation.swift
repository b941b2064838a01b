/// Generated regulations for benchmarks and stress tests: valid files of a chosen size and shape.
public enum SyntheticRegulation {
  /// A regulation with `steps` chained steps (route → draft_1 … → approve ⇄ rework → publish), `categories` base
  /// categories with their own deadline variants, and an overall limit.
  public static func text(steps: Int, categories: Int, reworkRounds: Int = 3) -> String {
    var out = header()
    out += "categories:\n"
    for c in 0..<categories { out += "  - {id: c\(c), name: категория \(c), clause: \"2\"}\n" }
    out += "steps:\n"
    let chain = max(1, steps - 3)
    for i in 0..<chain {
      let next = i + 1 < chain ? "s\(i + 1)" : "approve"
      out += "  - id: s\(i)\n    name: шаг \(i)\n    role: executor\n    clause: \"\(3 + i)\"\n    deadline:\n"
      for c in 0..<categories {
        out += "      - {when: {category: c\(c)}, amount: \(5 + (i + c) % 7), clock: working-minutes, from: \(i == 0 ? "detected" : "s\(i - 1)")}\n"
      }
      out += "    outcomes: [{if: done, to: \(next)}]\n"
    }
    out += """
        - id: approve
          role: curator
          clause: "90"
          deadline: {amount: 30, clock: working-minutes, from: s\(chain - 1)}
          outcomes: [{if: approved, to: publish}, {if: rework, to: rework}]
        - id: rework
          role: executor
          clause: "91"
          deadline: {amount: 15, clock: working-minutes, from: approve}
          outcomes: [{if: done, to: approve}]
        - id: publish
          role: curator
          clause: "92"
          deadline: {amount: 30, clock: calendar-minutes, from: approve}
          outcomes: [{if: done, to: end}]
      limits:
        - id: answer
          until: publish
          clause: "93"
          deadline: {amount: \(max(8, steps / 4)), clock: working-hours, from: detected}

      """
    _ = reworkRounds
    return out
  }

  /// A valid regulation of roughly `bytes` bytes (many steps with quotes), for parser throughput.
  public static func text(approximateBytes bytes: Int) -> String {
    var out = header() + "steps:\n"
    var i = 0
    let quote = "Исполнитель подготавливает проект ответа на сообщение из открытых источников и направляет его на согласование куратору"
    while out.utf8.count < bytes {
      out += """
          - id: step-\(i)
            name: шаг номер \(i) — подготовка и согласование ответа
            role: executor
            clause: "\(i % 40 + 1)"
            quote: "\(quote)"
            deadline: {amount: \(i % 50 + 10), clock: working-minutes, from: \(i == 0 ? "detected" : "step-\(i - 1)")}
            outcomes: [{if: done, to: step-\(i + 1)}]

        """
      i += 1
    }
    out += "  - id: step-\(i)\n    role: executor\n    clause: \"1\"\n    deadline: {amount: 1, clock: working-minutes, from: detected}\n"
    return out
  }

  static func header() -> String { RuleExamples.header(actID: "synthetic", title: "Синтетический регламент") }
}
