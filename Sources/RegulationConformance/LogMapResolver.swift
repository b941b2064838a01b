import RegulationModel
import RegulationParser

/// The `--map` resolved against the regulation: what each status stands for, which category id a written category is.
struct LogMapResolver: Sendable {
  let map: LogMap
  let engine: AuditEngine

  /// A status of the log: the map first, then a step id or name of the act, the anchors, an exclusion.
  func meaning(of status: String) -> StatusMeaning {
    let key = LogMapParser.normalizedStatus(status)
    if map.ignoredStatuses.contains(key) { return .ignored }
    if let steps = map.statuses[key]?.value { return resolve(steps) }
    return resolve([status.trimmingCharacters(in: .whitespaces)])
  }

  func resolve(_ names: [String]) -> StatusMeaning {
    guard let first = names.first else { return .unknown }
    switch first.lowercased() {
    case "detected", "выявлено": return .detected
    case "posted", "размещено": return .posted
    case "excluded", "исключено": return .excluded(names.count > 1 ? names[1] : first)
    default: break
    }
    if let ex = engine.regulation.exclusions.first(where: { $0.id == first || $0.name.lowercased() == first.lowercased() }) {
      return .excluded(ex.id)
    }
    let steps = names.compactMap { engine.stepIndex($0) }
    return steps.count == names.count ? .steps(steps) : .unknown
  }

  /// A written category as the act knows it (the map's `categories:` first).
  func category(_ text: String) -> String {
    map.categories[LogMapParser.normalizedStatus(text)]?.value ?? text.trimmingCharacters(in: .whitespaces)
  }

  /// Step ids of the map that the act does not have: the map is wrong for this regulation.
  func unknownMappedSteps() -> [(status: String, step: String)] {
    map.statuses.sorted { $0.key < $1.key }.flatMap { status, steps in
      steps.value.filter { s in
        engine.stepIndex(s) == nil && !["detected", "posted", "excluded"].contains(s)
          && !engine.regulation.exclusions.contains { $0.id == s }
          && !(steps.value.first == "excluded")
      }.map { (status, $0) }
    }
  }
}

import Foundation
