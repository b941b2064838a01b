/// The lines of a source file, for showing the offending line under a diagnostic. Only line starts are indexed up
/// front (a byte scan); a line is cut out when a diagnostic asks for it.
public struct SourceText: Sendable {
  public let path: String
  public let text: String
  private let lineStarts: [String.Index]

  public init(path: String, text: String) {
    self.path = path
    self.text = text
    var starts = [text.startIndex]
    let utf8 = text.utf8
    var i = utf8.startIndex
    while i != utf8.endIndex {
      let next = utf8.index(after: i)
      if utf8[i] == 0x0A { starts.append(next) }
      i = next
    }
    lineStarts = starts
  }

  /// Number of lines (a final line break starts an empty last line).
  public var lineCount: Int { lineStarts.count }

  /// Line `n` (1-based) without its line break, or `nil`.
  public func line(_ n: Int) -> String? {
    guard n >= 1, n <= lineStarts.count else { return nil }
    let start = lineStarts[n - 1]
    var end = n < lineStarts.count ? text.utf8.index(before: lineStarts[n]) : text.endIndex
    if end > start, text.utf8[text.utf8.index(before: end)] == 0x0D { end = text.utf8.index(before: end) }
    return String(text[start..<end])
  }
}
