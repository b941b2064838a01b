import Foundation
import Testing
@testable import RegulationParser

/// Plain clause numbers ("9", "3.2") are accepted without the regular expression (`ClauseGrammar.isPlainNumber`); the
/// regular expression decides every other text. The two must agree wherever the fast path answers.
@Suite struct ClauseGrammarTests {
  static func regex(_ text: String) -> Bool {
    text.range(of: ClauseGrammar.pattern, options: .regularExpression) != nil
  }

  @Test func everyShortTextOfDigitsAndDotsAgrees() {
    // Every string of up to 6 characters over "1", "2", "0", "." and, so that the fast path also sees what it must
    // leave to the regular expression, a letter and a space.
    let alphabet: [Character] = ["1", "2", "0", ".", "а", " "]
    var frontier = [""]
    var checked = 0, plain = 0
    for _ in 1...6 {
      frontier = frontier.flatMap { t in alphabet.map { t + String($0) } }
      for text in frontier {
        let fast = ClauseGrammar.isPlainNumber(text)
        if fast { plain += 1 }
        #expect(!fast || Self.regex(text), "\(text) is plain but the grammar rejects it")
        #expect(ClauseGrammar.isValid(text) == Self.regex(text), "\(text)")
        checked += 1
      }
    }
    #expect(checked > 50_000)
    #expect(plain > 1_000)
  }

  @Test(arguments: ["9", "3.2", "12.1.4", "0", "9.", ".9", "9..2", "", "9\n", "3.2\n", "１２", "9 ", " 9", "9а", "п. 9",
    "прил. 1, п. 4", "9, абз. 3", "unnumbered", "٣"])
  func knownTextsAgree(_ text: String) {
    #expect(ClauseGrammar.isValid(text) == Self.regex(text), "\(text.debugDescription)")
  }
}
