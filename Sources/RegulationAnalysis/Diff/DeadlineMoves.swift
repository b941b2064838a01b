import RegulationModel
import WorkingTime

/// The categories of one incident `reglament diff` computes deadlines for: a base category, or an overlay laid over
/// one of its bases.
public struct DiffProfile: Sendable, Hashable {
  public var categories: [String]
  public var names: [String]

  /// `«обычные» + «повышенной важности»`, or `—` for a regulation without categories.
  public var label: String { names.isEmpty ? "—" : names.map { "«\($0)»" }.joined(separator: " + ") }
}

/// How one deadline moved at one detection instant.
public struct DeadlineMove: Sendable, Hashable {
  public var instant: HardDetectionInstant
  /// The detection instant, ISO 8601 with the new version's offset.
  public var detected: String
  public var oldDue: LocalTimestamp?
  public var newDue: LocalTimestamp?
  /// ISO 8601 with each version's offset.
  public var oldISO: String?
  public var newISO: String?
  /// New minus old in calendar seconds (nil when one side has no deadline).
  public var calendarSeconds: Int?
  /// New minus old in working seconds of the responsible role's working time (new version's schedule).
  public var workingSeconds: Int?
}

/// Every move of one deadline (a step, limit or duty) for one profile over the fixed instants.
public struct DeadlineMoveGroup: Sendable, Hashable {
  public var profile: DiffProfile
  /// `step`, `limit` or `duty`.
  public var entity: String
  public var id: String
  public var name: String
  public var clause: String?
  /// Only the instants where the deadline differs.
  public var moves: [DeadlineMove]
  /// How many instants were evaluated.
  public var of: Int
}

/// Evaluates both versions at every hard detection instant for every profile and keeps what differs.
public enum DeadlineMoves {
  /// Base categories, then each overlay over each base it applies to, from the new version and then those only the
  /// old one has; one empty profile when neither declares categories.
  public static func profiles(_ old: Regulation, _ new: Regulation) -> [DiffProfile] {
    var out: [DiffProfile] = []
    for reg in [new, old] {
      let bases = reg.categories.filter { !$0.overlay }
      for b in bases { append(DiffProfile(categories: [b.id], names: [b.name]), to: &out) }
      for o in reg.categories where o.overlay {
        let over = o.appliesTo.compactMap { reg.category(named: $0.value) }.filter { !$0.overlay }
        for b in over.isEmpty ? Array(bases.prefix(1)) : over {
          append(DiffProfile(categories: [b.id, o.id], names: [b.name, o.name]), to: &out)
        }
      }
    }
    return out.isEmpty ? [DiffProfile(categories: [], names: [])] : out
  }

  static func append(_ p: DiffProfile, to list: inout [DiffProfile]) {
    if !list.contains(where: { $0.categories == p.categories }) { list.append(p) }
  }

  /// `renames`: `step:OLD` → `step:NEW` (also `limit:`, `duty:`), so a renamed item is compared with itself.
  public static func compare(
    _ old: Regulation, _ new: Regulation, renames: [String: String] = [:],
    instants: [HardDetectionInstant] = HardDetectionInstants.all
  ) -> [DeadlineMoveGroup] {
    guard let oldSource = DiffDeadlineSource(old), let newSource = DiffDeadlineSource(new) else { return [] }
    let oldTZ = oldSource.clocks.main.timeZone, newTZ = newSource.clocks.main.timeZone
    var groups: [DeadlineMoveGroup] = []
    for profile in profiles(old, new) {
      var byKey: [String: DeadlineMoveGroup] = [:]
      var order: [String] = []
      for instant in instants {
        let before = oldSource.deadlines(categories: profile.categories, detected: instant.at).map { d in
          var d = d
          if let key = renames[d.key] { d.key = key }
          return d
        }
        let after = newSource.deadlines(categories: profile.categories, detected: instant.at)
        let beforeByKey = Dictionary(before.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let afterKeys = Set(after.map(\.key))
        // New deadlines in the new file's order, then those only the old version has.
        let pairs: [(DiffDeadlineSource.Due?, DiffDeadlineSource.Due?)] = after.map { (beforeByKey[$0.key], $0) }
          + before.filter { !afterKeys.contains($0.key) }.map { ($0, nil) }
        for (o, n) in pairs {
          let oldDue = o?.due, newDue = n?.due
          guard let any = n ?? o else { continue }
          if byKey[any.key] == nil {
            byKey[any.key] = DeadlineMoveGroup(profile: profile, entity: any.entity, id: any.id, name: any.name,
              clause: any.clause, moves: [], of: instants.count)
            order.append(any.key)
          }
          if let oldDue, let newDue, oldTZ.utc(from: oldDue) == newTZ.utc(from: newDue) { continue }
          if oldDue == nil && newDue == nil { continue }
          var move = DeadlineMove(instant: instant, detected: newTZ.iso(instant.at), oldDue: oldDue, newDue: newDue,
            oldISO: oldDue.map { oldTZ.iso($0) }, newISO: newDue.map { newTZ.iso($0) })
          if let oldDue, let newDue {
            let oldUTC = oldTZ.utc(from: oldDue), newUTC = newTZ.utc(from: newDue)
            move.calendarSeconds = newUTC - oldUTC
            let time = any.entity == "limit" ? newSource.clocks.main : newSource.clocks.context(for: n?.role)
            move.workingSeconds = try? time.working.workingSeconds(from: newTZ.local(fromUTC: oldUTC), to: newDue)
          }
          byKey[any.key]!.moves.append(move)
        }
      }
      groups += order.compactMap { byKey[$0] }.filter { !$0.moves.isEmpty }
    }
    return groups
  }
}
