import TestSupport
import Testing
@testable import RegulationModel

/// `trimmingCharactersInSpaces` (every approximate date of an act goes through it) trims a substring in place instead
/// of dropping from both ends of reversed views: the same characters must go, on text with combining marks, other
/// spaces and Cyrillic.
@Suite struct SpaceTrimTests {
  /// The former implementation, kept as the reference.
  static func reference(_ s: String) -> String {
    String(s.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }

  @Test func generatedTexts() {
    let pieces = [" ", "  ", "\u{301}", "\t", "\u{A0}", "é", "2020-02", "-24", "около", "~", "x", "\r\n", "\u{1F1F7}\u{1F1FA}"]
    var rng = TestSplitMix(state: 5)
    for _ in 0..<5_000 {
      let text = (0..<Int(rng.next() % 7)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
      #expect(text.trimmingCharactersInSpaces() == Self.reference(text), "`\(text.unicodeScalars.map { "\\u{\(String($0.value, radix: 16))}" }.joined())`")
    }
  }

  @Test(arguments: ["", " ", "   ", " \u{301}", "\u{301} ", " около 2020-02-24 ", "~2020 ", " 2021-07-28"])
  func examples(_ text: String) {
    #expect(text.trimmingCharactersInSpaces() == Self.reference(text))
    #expect(ApproximateDate(text: text)?.earliest == ApproximateDate(text: Self.reference(text))?.earliest)
  }
}
