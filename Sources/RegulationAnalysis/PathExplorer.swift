import RegulationEngine
import RegulationModel
import WorkingTime

/// Enumerates the ways an incident can go through the steps (following outcomes), and computes for a concrete
/// detection instant the latest allowed end of every step on a path: each step is assumed to take all the time its
/// own deadline gives it, anchored on the latest occurrence of its anchor on the path.
struct PathExplorer {
  let context: AnalysisContext

  /// A path and its number of rounds: how many times its most repeated step comes again (rework rounds, returns).
  struct Path: Hashable {
    var steps: [String]
    var repeats: Int
    /// The steps that come more than once, which names the loop ("approve, rework"); empty for a straight path.
    var loop: String
  }

  /// Paths from an entry step to `target` in which no step occurs more than `1 + maxRepeats` times.
  func paths(to target: String, maxRepeats: Int, incident: Incident, limit: Int = 4000) -> [Path] {
    let reg = context.regulation
    let allowed = Set(reg.steps.filter { context.matcher.matches($0.condition, incident) }.map(\.id))
    let back = context.backEdges
    var result: [Path] = []
    var current: [String] = []
    var counts: [String: Int] = [:]
    var loops: [String: Int] = [:]
    func dfs(_ s: String) {
      guard result.count < limit else { return }
      current.append(s)
      counts[s, default: 0] += 1
      defer {
        current.removeLast()
        counts[s]! -= 1
      }
      if s == target {
        let taken = loops.filter { $0.value > 0 }
        result.append(Path(steps: current, repeats: taken.values.max() ?? 0, loop: taken.keys.sorted().joined(separator: "; ")))
        return
      }
      for next in context.successors[s] ?? [] where allowed.contains(next) && (counts[next] ?? 0) <= maxRepeats {
        let edge = "\(s) → \(next)"
        let isBack = back.contains(edge)
        if isBack { loops[edge, default: 0] += 1 }
        dfs(next)
        if isBack { loops[edge]! -= 1 }
      }
    }
    let canReach = Set(context.regulation.steps.map(\.id).filter { context.reachable(from: [$0]).contains(target) })
    for entry in context.entries where allowed.contains(entry) && canReach.contains(entry) { dfs(entry) }
    return result
  }

  /// The latest allowed end of each step of a path (`nil` when unbounded), for detection at `t0`.
  struct Timeline {
    var detected: LocalTimestamp
    var ends: [(step: String, end: LocalTimestamp?)]
    /// The most negative gap between the latest ends of consecutive bounded steps (a step due before the step that
    /// precedes it may end), or `nil` when the steps are in order.
    var internalSlack: Int?
    var limitDue: LocalTimestamp?
  }

  func timeline(_ path: Path, incident: Incident, limit: Limit?) -> Timeline {
    var latest: [String: LocalTimestamp?] = [:]
    var first: [String: LocalTimestamp?] = [:]
    var ends: [(String, LocalTimestamp?)] = []
    let t0 = incident.detected
    let time = context.time
    var limitCache: [String: LocalTimestamp?] = [:]

    var order: [String: Int] = [:]
    func anchorInstant(_ anchors: [Anchor], useFirst: Bool) -> LocalTimestamp?? {
      // The most recent occurrence on the path among the anchors (or the first occurrence, for overall limits).
      var best: (Int, LocalTimestamp?)?
      for a in anchors.isEmpty ? [.detected] : anchors {
        switch a {
        case .detected, .posted: if best == nil { best = (-1, t0) }
        case .step(let s):
          guard let pos = order[s] else { continue }
          let value = useFirst ? (first[s] ?? nil) : (latest[s] ?? nil)
          if best == nil || pos > best!.0 { best = (pos, value) }
        }
      }
      return best.map { .some($0.1) } ?? nil
    }
    func limitDue(_ id: String) -> LocalTimestamp? {
      if let cached = limitCache[id] { return cached }
      guard let l = context.regulation.limit(id), let rule = context.matcher.rule(among: context.rules(l.deadline), for: incident),
        let start = anchorInstant(rule.anchors.map(\.value), useFirst: true), let s = start
      else { return nil }
      let due = try? time.due(from: s, period: rule.period)
      limitCache[id] = due
      return due
    }
    func deadlineOf(_ id: String) -> LocalTimestamp? {
      if context.regulation.limit(id) != nil { return limitDue(id) }
      return latest[id] ?? nil
    }

    var previous: LocalTimestamp? = t0
    var internalSlack: Int?
    var lastBounded: LocalTimestamp? = t0
    for (position, s) in path.steps.enumerated() {
      guard let step = context.regulation.step(s) else { continue }
      var end: LocalTimestamp?
      switch step.deadline {
      case .none?, nil:
        end = nil
      case .rules(let rules)?:
        if let rule = context.matcher.rule(among: rules, for: incident) {
          if let b = rule.before {
            end = deadlineOf(b.value).flatMap { try? time.due(before: $0, period: rule.period) }
          } else if let start = anchorInstant(rule.anchors.map(\.value), useFirst: false) {
            end = start.flatMap { try? time.due(from: $0, period: rule.period) }
          } else {
            end = previous
          }
          if let cap = rule.notLaterThan, let c = deadlineOf(cap.value), end.map({ c < $0 }) ?? true { end = c }
          // Co-executors one after another: the second works after the first, on the same period.
          if step.coExecution?.order == "sequential", let e = end {
            end = try? time.due(from: e, period: rule.period)
          }
        } else {
          end = previous
        }
      }
      if let e = end, let p = lastBounded, e < p { internalSlack = min(internalSlack ?? 0, e.seconds - p.seconds) }
      if let e = end { lastBounded = e }
      latest[s] = .some(end)
      order[s] = position
      if first[s] == nil { first[s] = .some(end) }
      ends.append((s, end))
      previous = end
    }
    return Timeline(detected: t0, ends: ends, internalSlack: internalSlack, limitDue: limit.flatMap { limitDue($0.id) })
  }

  /// Detection instants to search for the worst case: every hour of an ordinary week, the May and New Year holidays
  /// (with their shortened days and transfers) and the November holiday, in the regulation's local time.
  static func detectionSamples() -> [LocalTimestamp] {
    let windows: [(CivilDate, Int)] = [
      (CivilDate(year: 2026, month: 3, day: 16)!, 7),
      (CivilDate(year: 2026, month: 4, day: 28)!, 15),
      (CivilDate(year: 2025, month: 12, day: 29)!, 13),
      (CivilDate(year: 2026, month: 11, day: 2)!, 4),
    ]
    var out: [LocalTimestamp] = []
    for (start, days) in windows {
      for h in 0..<(days * 24) {
        out.append(LocalTimestamp(seconds: LocalTimestamp(date: start).seconds + h * 3600))
        out.append(LocalTimestamp(seconds: LocalTimestamp(date: start).seconds + h * 3600 + 1800))
      }
    }
    return out
  }
}
