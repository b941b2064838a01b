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

  public init(_ regulation: Regulation, additions: [(CivilDate, CalendarEntry)] = []) throws(AuditError) {
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

  /// Replays a case history: every event's deadline and lateness, the overall limits, what is due next.
  public func evaluate(_ profile: AuditProfile, detected: LocalTimestamp, posted: LocalTimestamp?, events: [ReplayEvent])
    -> ReplayOutcome
  {
    let history = CaseHistory(detected: detected, posted: posted, events: events.map {
      CaseEvent(step: $0.step, at: $0.at, actor: $0.actor, role: $0.role, department: $0.department)
    })
    let e = compiled.plan(profile.profile).evaluate(history)
    return ReplayOutcome(
      events: e.events.map {
        ReplayVerdict(event: $0.event, step: $0.step, occurrence: $0.occurrence, due: $0.due.instant, clause: $0.clause,
          lateBySeconds: $0.lateBySeconds, lateByWorkingSeconds: $0.lateByWorkingSeconds, beforeDetection: $0.beforeDetection)
      },
      limits: e.limits.map {
        ReplayLimitVerdict(limit: $0.limit, due: $0.due.instant, reachedAt: $0.reachedAt, lateBySeconds: $0.lateBySeconds,
          lateByWorkingSeconds: $0.lateByWorkingSeconds, clause: $0.clause)
      },
      pending: e.pending.map { ReplayDue(step: $0.step, occurrence: $0.occurrence, due: $0.due.instant, clause: $0.clause) })
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
