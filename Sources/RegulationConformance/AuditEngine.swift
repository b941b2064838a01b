import RegulationEngine
import RegulationModel
import WorkingTime

/// The one place the audit calls the engine: the compiled regulation resolves a case's category, kind and
/// situations to a profile, and its evaluation plan replays the case history (the engine's single evaluator).
/// Nothing else in this module computes a deadline.
public final class AuditEngine: Sendable {
  public let regulation: Regulation
  public let compiled: CompiledRegulation
  public let steps: [ReplayStepInfo]
  public let limits: [ReplayLimitInfo]
  public let entries: [Int]
  public let timeZone: RegulationTimeZone
  /// Each case is replayed in one call (`CaseRun.replay`), computing only what its verdict reads (same verdicts,
  /// faster); `false` records every case's events one by one and computes everything (tests compare both).
  public let orderedReplay: Bool

  public init(_ regulation: Regulation, additions: [(CivilDate, CalendarEntry)] = [], orderedReplay: Bool = true)
    throws(AuditError)
  {
    self.orderedReplay = orderedReplay
    do {
      compiled = try CompiledRegulation(regulation, additions: additions)
    } catch {
      throw AuditError(en: error.en, ru: error.ru)
    }
    self.regulation = regulation
    self.timeZone = compiled.clocks.main.timeZone
    let graph = compiled.graph
    let backTargets = Set(graph.backEdges.map(\.to))
    self.entries = graph.entries
    self.steps = compiled.steps.map { s in
      ReplayStepInfo(id: s.id, name: s.name, role: s.role, clause: s.clause,
        situations: s.source.condition.situations.map(\.value), successors: graph.successors[s.index],
        predecessors: graph.predecessors[s.index],
        ends: s.source.outcomes.contains { $0.to?.value == "end" && $0.on != "excluded" },
        isRework: backTargets.contains(s.index), excludes: s.source.outcomes.contains { $0.on == "excluded" })
    }
    self.limits = compiled.limits.map { l in
      ReplayLimitInfo(id: l.id, name: l.name, until: l.until, clause: l.clause)
    }
  }

  /// A step by id or its name in the act.
  public func stepIndex(_ idOrName: String) -> Int? { compiled.stepIndex(idOrName) }

  /// The deadlines that apply to a case of these categories and kind, in these situations. An act without
  /// categories ignores the log's category column.
  public func profile(categories: [String], kind: String?, situations: Set<String>) throws(AuditError) -> AuditProfile {
    do {
      let cats = regulation.categories.isEmpty ? [] : categories
      let kinds = regulation.kinds.isEmpty ? nil : kind
      let p = try compiled.profile(categories: cats, kind: kinds, situations: situations)
      return AuditProfile(profile: p, categories: compiled.categoryNames(p))
    } catch {
      throw AuditError(en: error.en, ru: error.ru)
    }
  }
}

/// The engine's profile of a case, with its category names for explanations.
public struct AuditProfile: Hashable, Sendable {
  public var profile: IncidentProfile
  public var categories: [String]
}

/// A problem that stops an audit (an unusable regulation, an unreadable log), in both languages.
public struct AuditError: Error, Sendable, CustomStringConvertible {
  public var en: String
  public var ru: String
  public var description: String { en }
  public init(en: String, ru: String) {
    self.en = en
    self.ru = ru
  }
}
