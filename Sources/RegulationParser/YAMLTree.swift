import RegulationDiagnostics

/// A YAML node with its position: the tree `YAMLReader` builds from libyaml events, independent of any YAML library.
public indirect enum YAMLTree: Sendable {
  case scalar(String, quoted: Bool, line: Int, column: Int)
  case mapping([(key: YAMLTree, value: YAMLTree)], line: Int, column: Int)
  case sequence([YAMLTree], line: Int, column: Int)

  public var line: Int {
    switch self {
    case .scalar(_, _, let l, _), .mapping(_, let l, _), .sequence(_, let l, _): l
    }
  }

  public var column: Int {
    switch self {
    case .scalar(_, _, _, let c), .mapping(_, _, let c), .sequence(_, _, let c): c
    }
  }

  /// The scalar's text, if a scalar.
  public var scalarText: String? {
    if case .scalar(let s, _, _, _) = self { return s }
    return nil
  }

  /// Whether a plain scalar reads as YAML null (`~`, `null`, empty).
  public var isNull: Bool {
    if case .scalar(let s, let quoted, _, _) = self { return !quoted && (s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL") }
    return false
  }

  /// `mapping`, `sequence` or `scalar`, for messages.
  public var typeName: String {
    switch self {
    case .scalar: "scalar"
    case .mapping: "mapping"
    case .sequence: "list"
    }
  }

  /// The value of a key of a mapping.
  public subscript(key: String) -> YAMLTree? {
    if case .mapping(let pairs, _, _) = self { return pairs.first { $0.key.scalarText == key }?.value }
    return nil
  }

  /// Range covering the node's first line: the scalar's text, or one column for collections.
  public func range(file: String) -> SourceRange {
    switch self {
    case .scalar(let s, let quoted, let l, let c):
      // Columns count Unicode scalars of the first line.
      var width = 0
      for scalar in s.unicodeScalars {
        if scalar == "\n" { break }
        width += 1
      }
      return SourceRange(file: file, line: l, column: c, length: width + (quoted ? 2 : 0))
    default: return SourceRange(file: file, line: line, column: column, length: 1)
    }
  }
}
