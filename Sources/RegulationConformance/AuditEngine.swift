import RegulationEngine
import RegulationModel
import WorkingTime

/// The one place the audit calls the engine: it compiles the regulation, resolves a case's category and kind to a
/// profile, and replays a case history through the engine's single evaluator. Nothing else in this module computes a
/// deadline.
public final class AuditEngine: Sendable {
  public let regulation: Regulation
  public let steps: [ReplayStepInfo]
  public let limits: [ReplayLimitInfo]
  public let entries: [Int]
  public let timeZone: RegulationTimeZone
  let calculator: DeadlineCalculator
  let clocks: RegulationClocks

  public init(_ regulation: Regulation, additions: [(CivilDate, CalendarEntry)] = []) throws(AuditError) {
    guard let calculator = DeadlineCalculator(regulation: regulation, additions: additions) else {
      throw AuditError(en: "the regulation's working time is invalid", ru: "рабочее время регламента задано неверно")
    }
    self.regulation = regulation
    self.calculator = calculator
    self.clocks = calculator.clocks
    self.timeZone = calculator.time.timeZone
    let ids = regulation.steps.map(\.id)
    var successors = [[Int]](repeating: [], count: ids.count)
    var predecessors = [[Int]](repeating: [], count: ids.count)
    var ends = [Bool](repeating: false, count: ids.count)
    var excludes = [Bool](repeating: false, count: ids.count)
    for (i, step) in regulation.steps.enumerated() {
      for outcome in step.outcomes {
        if outcome.on == "excluded" { excludes[i] = true }
        guard let to = outcome.to?.value else { continue }
        if to == "end" {
          if outcome.on != "excluded" { ends[i] = true }
        } else if let j = ids.firstIndex(of: to), !successors[i].contains(j) {
          successors[i].append(j)
          predecessors[j].append(i)
        }
      }
    }
    (self.entries, self.steps) = Self.graph(regulation, successors, predecessors, ends, excludes)
    self.limits = regulation.limits.compactMap { limit in
      guard let until = ids.firstIndex(of: limit.until.value) else { return nil }
      return ReplayLimitInfo(id: limit.id, name: limit.name, until: until, clause: limit.clause?.number)
    }
  }

  /// Entries (steps no forward outcome leads to) and, by a depth-first walk from them, the back edges: a step
  /// reached by a back edge begins a repeat round (rework, a return).
  static func graph(_ reg: Regulation, _ succ: [[Int]], _ pred: [[Int]], _ ends: [Bool], _ excludes: [Bool])
    -> ([Int], [ReplayStepInfo])
  {
    let n = succ.count
    var state = [UInt8](repeating: 0, count: n)  // 0 new, 1 on the stack, 2 done
    var backTargets = Set<Int>()
    func visit(_ s: Int) {
      state[s] = 1
      for t in succ[s] {
        if state[t] == 1 { backTargets.insert(t) } else if state[t] == 0 { visit(t) }
      }
      state[s] = 2
    }
    var entries = (0..<n).filter { pred[$0].isEmpty }
    if entries.isEmpty, n > 0 { entries = [0] }
    for e in entries where state[e] == 0 { visit(e) }
    for s in 0..<n where state[s] == 0 {
      entries.append(s)
      visit(s)
    }
    let infos = reg.steps.enumerated().map { i, step in
      ReplayStepInfo(id: step.id, name: step.name, role: step.role?.value, clause: step.clause?.number,
        situations: step.condition.situations.map(\.value), successors: succ[i], predecessors: pred[i], ends: ends[i],
        isRework: backTargets.contains(i), excludes: excludes[i])
    }
    // A step that a back edge reaches is where a repeat round starts; the entry steps themselves are never rework.
    return (entries.sorted(), infos)
  }

  /// A step by id or its name in the act.
  public func stepIndex(_ idOrName: String) -> Int? {
    if let i = regulation.steps.firstIndex(where: { $0.id == idOrName }) { return i }
    let t = idOrName.lowercased()
    return regulation.steps.firstIndex { $0.name.lowercased() == t }
  }

  /// The deadlines that apply to a case of these categories and kind.
  public func profile(categories: [String], kind: String?) throws(AuditError) -> AuditProfile {
    do {
      let inc = try calculator.normalized(Incident(detected: LocalTimestamp(seconds: 0), categories: categories, kind: kind))
      return AuditProfile(categories: inc.categories, kind: inc.kind)
    } catch let e as EngineError {
      throw AuditError(en: e.en, ru: e.ru)
    } catch {
      throw AuditError(en: "\(error)", ru: "\(error)")
    }
  }

  /// Replays a case history: every event's deadline and lateness, the overall limits, what is due next.
  public func evaluate(_ profile: AuditProfile, detected: LocalTimestamp, posted: LocalTimestamp?, events: [ReplayEvent])
    -> ReplayOutcome
  {
    let order = events.indices.sorted { (events[$0].at, $0) < (events[$1].at, $1) }
    // Situations (a return, co-executors, an interim answer, an urgent reply) hold when a step that requires them was
    // recorded; a limit or step for a situation the log never shows does not apply.
    let situations = Set(events.flatMap { steps[$0.step].situations })
    var occurrence = [Int](repeating: 0, count: steps.count)
    var latest: [String: LocalTimestamp] = [:]
    if let posted { latest["posted"] = posted }
    var verdicts: [ReplayVerdict] = []
    var first: [String: LocalTimestamp] = latest
    for i in order {
      let e = events[i]
      occurrence[e.step] += 1
      let id = steps[e.step].id
      let inc = Incident(detected: detected, categories: profile.categories, kind: profile.kind, situations: situations, events: latest)
      let d = (try? calculator.deadlines(for: inc, explain: false))?.first { $0.entity == "step" && $0.step == id }
      var late = 0, lateWorking = 0
      if let due = d?.due {
        late = timeZone.utc(from: e.at) - timeZone.utc(from: due)
        lateWorking = workingSeconds(role: steps[e.step].role, from: due, to: e.at)
      }
      verdicts.append(ReplayVerdict(event: i, step: e.step, occurrence: occurrence[e.step], due: d?.due,
        clause: d?.clause ?? steps[e.step].clause, lateBySeconds: late, lateByWorkingSeconds: lateWorking,
        beforeDetection: e.at < detected))
      latest[id] = e.at
      if first[id] == nil { first[id] = e.at }
    }
    let firstInc = Incident(detected: detected, categories: profile.categories, kind: profile.kind, situations: situations, events: first)
    let all = (try? calculator.deadlines(for: firstInc, explain: false)) ?? []
    var limitVerdicts: [ReplayLimitVerdict] = []
    for (li, limit) in limits.enumerated() {
      guard let d = all.first(where: { $0.entity == "limit" && $0.step == limit.id }) else { continue }
      let reached = first[steps[limit.until].id]
      var late: Int?, lateWorking: Int?
      if let due = d.due, let reached {
        late = timeZone.utc(from: reached) - timeZone.utc(from: due)
        lateWorking = workingSeconds(role: nil, from: due, to: reached)
      }
      limitVerdicts.append(ReplayLimitVerdict(limit: li, due: d.due, reachedAt: reached, lateBySeconds: late,
        lateByWorkingSeconds: lateWorking, clause: d.clause ?? limit.clause))
    }
    var pending: [ReplayDue] = []
    let last = order.last.map { events[$0].step }
    let nextSteps = last.map { steps[$0].successors } ?? entries
    if !nextSteps.isEmpty {
      let inc = Incident(detected: detected, categories: profile.categories, kind: profile.kind, situations: situations, events: latest)
      let list = (try? calculator.deadlines(for: inc, explain: false)) ?? []
      for s in nextSteps {
        let d = list.first { $0.entity == "step" && $0.step == steps[s].id }
        if d == nil && !list.isEmpty { continue }
        pending.append(ReplayDue(step: s, occurrence: occurrence[s] + 1, due: d?.due, clause: d?.clause))
      }
      pending.sort { ($0.due?.seconds ?? .max, $0.step) < ($1.due?.seconds ?? .max, $1.step) }
    }
    return ReplayOutcome(events: verdicts, limits: limitVerdicts, pending: pending)
  }

  /// Working seconds from `a` to `b` in the role's schedule (negative when `b` is before `a`).
  func workingSeconds(role: String?, from a: LocalTimestamp, to b: LocalTimestamp) -> Int {
    let table = clocks.context(for: role).working
    if b >= a { return (try? table.workingSeconds(from: a, to: b)) ?? 0 }
    return -((try? table.workingSeconds(from: b, to: a)) ?? 0)
  }
}

/// The categories and kind of a case, resolved against the regulation.
public struct AuditProfile: Hashable, Sendable {
  public var categories: [String]
  public var kind: String?
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
