import RegulationDiagnostics
import Yams

/// A YAML node with its position, independent of Yams (so that only this module imports Yams).
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
      let firstLine = s.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      return SourceRange(file: file, line: l, column: c, length: firstLine.unicodeScalars.count + (quoted ? 2 : 0))
    default: return SourceRange(file: file, line: line, column: column, length: 1)
    }
  }
}

/// Thrown when converting a Yams node would exceed the node budget (an alias bomb).
struct NodeBudgetExceeded: Error {
  let line: Int
  let column: Int
}

extension YAMLTree {
  /// Converts a Yams node, counting nodes including those reached through aliases.
  static func from(_ node: Node, budget: inout Int) throws -> YAMLTree {
    budget -= 1
    let mark = node.mark
    let line = mark?.line ?? 1, column = mark?.column ?? 1
    if budget < 0 { throw NodeBudgetExceeded(line: line, column: column) }
    switch node {
    case .scalar(let s):
      return .scalar(s.string, quoted: s.style == .singleQuoted || s.style == .doubleQuoted, line: line, column: column)
    case .mapping(let m):
      var pairs: [(key: YAMLTree, value: YAMLTree)] = []
      pairs.reserveCapacity(m.count)
      for (k, v) in m {
        pairs.append((try from(k, budget: &budget), try from(v, budget: &budget)))
      }
      return .mapping(pairs, line: line, column: column)
    case .sequence(let s):
      var items: [YAMLTree] = []
      items.reserveCapacity(s.count)
      for v in s { items.append(try from(v, budget: &budget)) }
      return .sequence(items, line: line, column: column)
    case .alias:
      return .scalar("", quoted: false, line: line, column: column)
    }
  }
}
