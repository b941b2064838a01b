/// A place in a file: 1-based line and column (columns count Unicode scalars, as libyaml does).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file):\(line):\(column)" }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.file, a.line, a.column) < (b.file, b.line, b.column)
  }
}

/// A span of source text: where it starts and how many columns it covers on its first line.
public struct SourceRange: Hashable, Sendable {
  public var start: SourceLocation
  /// Columns highlighted by the caret (at least 1).
  public var length: Int

  public init(start: SourceLocation, length: Int = 1) {
    self.start = start
    self.length = max(1, length)
  }

  public init(file: String, line: Int, column: Int, length: Int = 1) {
    self.init(start: SourceLocation(file: file, line: line, column: column), length: length)
  }
}
