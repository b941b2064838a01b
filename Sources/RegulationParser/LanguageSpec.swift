/// What kind of thing a reference names; checked after the whole file is read.
public enum ReferenceKind: String, Sendable, CaseIterable {
  case role, step, category, kind, channel, situation, stepOrLimit, stepOrEnd, anchor, edition
}

/// The expected shape of a YAML value. One description drives validation, the JSON Schema and the reference docs.
public indirect enum ValueSpec: Sendable {
  /// Free text (Russian prose, names, quotes).
  case text
  /// An identifier: letters, digits, `-` and `_`.
  case identifier
  /// A clause number as written in the act: "9", "3.2", "12"; a plain number is accepted.
  case clause
  /// A whole number in `minimum...maximum`.
  case integer(minimum: Int, maximum: Int = Int.max)
  /// A non-negative amount: 30, 1.5, "1,5".
  case amount
  case boolean
  /// `YYYY-MM-DD`.
  case date
  /// A date as an act or its paraphrase gives it: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, optionally after «около» or `~`.
  case approximateDate
  /// `YYYY-MM-DDTHH:MM[:SS][±HH:MM]`.
  case dateTime
  /// `HH:MM-HH:MM`.
  case timeRange
  case enumeration([String])
  case reference(ReferenceKind)
  case object(ObjectSpec)
  case list(ValueSpec)
  /// One value or a list of them.
  case oneOrMany(ValueSpec)
  /// A mapping with free keys (described by `keyDescription`) and values of one shape.
  case dictionary(keyDescription: String, keyPattern: String?, value: ValueSpec)
  /// Alternatives told apart by YAML node type (mapping, list, scalar).
  case either([ValueSpec])
}

/// A key of a mapping.
public struct FieldSpec: Sendable {
  public var key: String
  public var value: ValueSpec
  public var required: Bool
  public var doc: String

  public init(_ key: String, _ value: ValueSpec, required: Bool = false, _ doc: String) {
    self.key = key
    self.value = value
    self.required = required
    self.doc = doc
  }
}

/// A mapping with known keys.
public struct ObjectSpec: Sendable {
  public let name: String
  public let doc: String
  public let fields: [FieldSpec]
  /// Position of each key in `fields`.
  public let index: [String: Int]

  public init(_ name: String, _ doc: String, _ fields: [FieldSpec]) {
    self.name = name
    self.doc = doc
    self.fields = fields
    self.index = Dictionary(fields.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { a, _ in a })
  }

  public func field(_ key: String) -> FieldSpec? { index[key].map { fields[$0] } }
}
