import RegulationModel

/// Decides which rules apply to an incident.
public struct ConditionMatcher: Sendable {
  public let regulation: Regulation

  public init(_ regulation: Regulation) { self.regulation = regulation }

  /// Category ids of an incident, resolving names and aliases; an overlay category implies nothing else.
  public func categoryIDs(_ names: [String]) -> [String] {
    names.compactMap { regulation.category(named: $0)?.id ?? (regulation.categories.isEmpty ? $0 : nil) }
  }

  /// Whether a condition holds. Categories, kinds and channels match when the incident has one of the listed values
  /// or does not say (an incident with no category matches any category condition only if no category is declared).
  public func matches(_ c: Condition, _ incident: Incident) -> Bool {
    if !c.categories.isEmpty {
      let ids = Set(categoryIDs(incident.categories))
      if ids.isEmpty || !c.categories.contains(where: { ids.contains(regulation.category(named: $0.value)?.id ?? $0.value) }) {
        return false
      }
    }
    if !c.kinds.isEmpty, let kind = incident.kind {
      let id = regulation.kind(named: kind)?.id ?? kind
      if !c.kinds.contains(where: { $0.value == id }) { return false }
    }
    if !c.situations.isEmpty, let active = incident.situations {
      if !c.situations.allSatisfy({ active.contains($0.value) }) { return false }
    }
    return true
  }

  /// Whether a rule's condition names an overlay category the incident has (overlay rules take precedence).
  public func isOverlayMatch(_ c: Condition, _ incident: Incident) -> Bool {
    let ids = Set(categoryIDs(incident.categories))
    return c.categories.contains { ref in
      guard let cat = regulation.category(named: ref.value) else { return false }
      return cat.overlay && ids.contains(cat.id)
    }
  }

  /// The rule that applies to an incident among a step's rules: overlay-category rules first, then the first match.
  public func rule(among rules: [DeadlineRule], for incident: Incident) -> DeadlineRule? {
    let matching = rules.filter { matches($0.condition, incident) }
    return matching.first { isOverlayMatch($0.condition, incident) } ?? matching.first
  }
}
