/// The lines of a source file, for showing the offending line under a diagnostic.
public struct SourceText: Sendable {
  public let path: String
  public let lines: [Substring]

  public init(path: String, text: String) {
    self.path = path
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  }

  /// Line `n` (1-based) without its line break, or `nil`.
  public func line(_ n: Int) -> String? {
    guard n >= 1, n <= lines.count else { return nil }
    var s = String(lines[n - 1])
    if s.hasSuffix("\r") { s.removeLast() }
    return s
  }
}
