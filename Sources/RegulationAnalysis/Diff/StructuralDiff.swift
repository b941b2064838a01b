import RegulationDiagnostics
import RegulationModel

/// What happened to one entity between two versions of a regulation.
public struct EntityChange: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case added, removed, modified, renamed
  }

  public var kind: Kind
  public var section: String
  /// The id in the new version (the old one for `removed`).
  public var id: String
  /// The old id of a renamed entity.
  public var oldID: String?
  public var name: String
  /// Clauses of the act the entity is about, old and new (deduplicated).
  public var clauses: [String]
  public var fields: [FieldChange]
  /// Where the entity is written in the old and the new file.
  public var oldRange: SourceRange?
  public var newRange: SourceRange?
}

/// One field that differs; `old == nil`: added, `new == nil`: removed.
public struct FieldChange: Sendable, Hashable {
  public var key: String
  public var old: String?
  public var new: String?

  public init(key: String, old: String?, new: String?) {
    self.key = key
    self.old = old
    self.new = new
  }
}

/// Compares the entities of two regulations clause by clause: matched by section and id; an id that disappears while
/// one with the same clause and name appears in the same section is a rename.
public enum StructuralDiff {
  public static func compare(_ old: Regulation, _ new: Regulation) -> [EntityChange] {
    compare(DiffOutline.entities(of: old), DiffOutline.entities(of: new))
  }

  public static func compare(_ old: [DiffEntity], _ new: [DiffEntity]) -> [EntityChange] {
    func key(_ e: DiffEntity) -> String { e.section + "\u{1}" + e.id }
    let oldByKey = Dictionary(old.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
    let newKeys = Set(new.map(key))
    var removed = old.filter { !newKeys.contains(key($0)) }
    var changes: [EntityChange] = []
    for e in new {
      if let o = oldByKey[key(e)] {
        let fields = fieldChanges(o, e)
        if !fields.isEmpty {
          changes.append(EntityChange(kind: .modified, section: e.section, id: e.id, oldID: nil, name: e.name,
            clauses: clauses(o, e), fields: fields, oldRange: o.range, newRange: e.range))
        }
        continue
      }
      // A rename: an old entity of the same section, gone from the new file, with the same clause and name.
      if let i = removed.firstIndex(where: {
        $0.section == e.section && $0.clause == e.clause && !$0.name.isEmpty && $0.name == e.name
      }) {
        let o = removed.remove(at: i)
        changes.append(EntityChange(kind: .renamed, section: e.section, id: e.id, oldID: o.id, name: e.name,
          clauses: clauses(o, e), fields: fieldChanges(o, e), oldRange: o.range, newRange: e.range))
        continue
      }
      changes.append(EntityChange(kind: .added, section: e.section, id: e.id, oldID: nil, name: e.name,
        clauses: [e.clause].compactMap { $0 }, fields: e.fields.map { FieldChange(key: $0.key, old: nil, new: $0.value) },
        oldRange: nil, newRange: e.range))
    }
    for o in removed {
      changes.append(EntityChange(kind: .removed, section: o.section, id: o.id, oldID: nil, name: o.name,
        clauses: [o.clause].compactMap { $0 }, fields: o.fields.map { FieldChange(key: $0.key, old: $0.value, new: nil) },
        oldRange: o.range, newRange: nil))
    }
    // Section order of the language, then file order within a section (new file; removed entities last).
    let order = sectionOrder
    return changes.enumerated().sorted { a, b in
      let sa = order.firstIndex(of: a.element.section) ?? order.count
      let sb = order.firstIndex(of: b.element.section) ?? order.count
      return sa != sb ? sa < sb : a.offset < b.offset
    }.map(\.element)
  }

  /// Sections in the order the language writes them.
  public static let sectionOrder = [
    "act", "working_time", "roles", "kinds", "channels", "categories", "situations", "exclusions", "steps", "limits",
    "duties", "repeat_messages", "acknowledgements", "tests",
  ]

  static func clauses(_ o: DiffEntity, _ n: DiffEntity) -> [String] {
    var out: [String] = []
    for c in [o.clause, n.clause].compactMap({ $0 }) where !out.contains(c) { out.append(c) }
    return out
  }

  /// Field changes in the new file's order, then fields only the old one had.
  static func fieldChanges(_ o: DiffEntity, _ n: DiffEntity) -> [FieldChange] {
    let oldValues = Dictionary(o.fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    let newKeys = Set(n.fields.map(\.key))
    var out: [FieldChange] = []
    for f in n.fields where oldValues[f.key] != f.value {
      out.append(FieldChange(key: f.key, old: oldValues[f.key], new: f.value))
    }
    for f in o.fields where !newKeys.contains(f.key) {
      out.append(FieldChange(key: f.key, old: f.value, new: nil))
    }
    return out
  }
}
