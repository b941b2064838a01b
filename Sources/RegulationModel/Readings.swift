import RegulationDiagnostics

/// A reading of a deadline's wording that the authors considered and rejected («за 4 часа» as working hours rather
/// than calendar hours; «с момента поступления» as receipt by the organ rather than arrival on the page), with the
/// deadline it would give. Written under a deadline's `assumption: {id, text, rejected: […]}`.
public struct RejectedReading: Sendable, Hashable {
  public var id: Located<String>
  /// Why someone might read it so (prose for legal staff).
  public var text: String
  public var range: SourceRange
  /// The deadline under this reading: the chosen rule with the keys the reading overrides (`amount`, `clock`, `from`,
  /// `before`, `not_later_than`) replaced. Nil when the overrides did not make a valid rule (reported when parsed).
  public var rule: DeadlineRule?

  public init(id: Located<String>, text: String, range: SourceRange, rule: DeadlineRule?) {
    self.id = id
    self.text = text
    self.range = range
    self.rule = rule
  }
}

/// A disputed wording of the act: the reading chosen, where it is written, and the alternatives.
public struct ReadingPoint: Sendable, Hashable {
  /// `assumption.id`.
  public var id: String
  public var range: SourceRange
  /// The chosen reading's text.
  public var chosen: String
  public var alternatives: [RejectedReading]

  public init(id: String, range: SourceRange, chosen: String, alternatives: [RejectedReading]) {
    self.id = id
    self.range = range
    self.chosen = chosen
    self.alternatives = alternatives
  }
}

extension Regulation {
  /// Every deadline assumption that names its reading and lists rejected ones, in file order.
  public var readingPoints: [ReadingPoint] {
    var points: [ReadingPoint] = []
    forEachRule { rule in
      guard let a = rule.assumption, let id = a.id, !a.rejected.isEmpty else { return }
      points.append(ReadingPoint(id: id.value, range: id.range, chosen: a.text, alternatives: a.rejected))
    }
    return points.sorted { a, b in
      (a.range.start.line, a.range.start.column) < (b.range.start.line, b.range.start.column)
    }
  }

  /// The regulation read differently: every deadline rule whose assumption is named in `choices` (reading id →
  /// rejected reading id) is replaced by that reading's rule. Unknown ids are ignored here; callers check them
  /// against `readingPoints` first and say what exists.
  public func applying(readings choices: [String: String]) -> Regulation {
    guard !choices.isEmpty else { return self }
    func read(_ d: StepDeadline) -> StepDeadline {
      guard case .rules(let rules) = d else { return d }
      return .rules(rules.map { rule in
        guard let a = rule.assumption, let id = a.id, let alt = choices[id.value],
          let reading = a.rejected.first(where: { $0.id.value == alt }), let replaced = reading.rule
        else { return rule }
        return replaced
      })
    }
    var copy = self
    for i in copy.steps.indices { if let d = copy.steps[i].deadline { copy.steps[i].deadline = read(d) } }
    for i in copy.limits.indices { copy.limits[i].deadline = read(copy.limits[i].deadline) }
    for i in copy.duties.indices { if let d = copy.duties[i].deadline { copy.duties[i].deadline = read(d) } }
    for i in copy.obligations.indices { if let d = copy.obligations[i].deadline { copy.obligations[i].deadline = read(d) } }
    return copy
  }

  /// Calls `body` with every deadline rule of steps, limits, duties and obligations.
  public func forEachRule(_ body: (DeadlineRule) -> Void) {
    var all: [StepDeadline] = steps.compactMap(\.deadline) + limits.map(\.deadline)
    all += duties.compactMap(\.deadline) + obligations.compactMap(\.deadline)
    for d in all { if case .rules(let rules) = d { rules.forEach(body) } }
  }
}
