import Foundation
import Testing
@testable import RegulationParser

/// The keys of `hours:` are matched against the weekday pattern by hand (`SpecValidator.weekdayKey`) when they are
/// lowercase ASCII letters and hyphens; the regular expression decides the rest. Both must agree on every key.
@Suite struct WeekdayKeyTests {
  static func regex(_ key: String) -> Bool {
    key.range(of: RegulationLanguage.weekdayPattern, options: .regularExpression) != nil
  }

  @Test func everyShortKeyOverTheNamesLettersAgrees() {
    // Every string of up to 7 characters over letters of the names, a letter outside them and the hyphen.
    let alphabet: [Character] = ["m", "o", "n", "f", "r", "i", "s", "a", "t", "-", "x"]
    var keys: [String] = [""]
    var frontier: [String] = [""]
    for _ in 1...4 {
      frontier = frontier.flatMap { k in alphabet.map { k + String($0) } }
      keys += frontier
    }
    let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for a in names {
      keys.append(a)
      for b in names { keys += [a + "-" + b, a + "-" + b + "-", "-" + a + "-" + b, a + "--" + b, a + b, a + "-" + b + "x"] }
    }
    var checked = 0
    for key in keys {
      let fast = SpecValidator.weekdayKey(key)
      #expect(fast != nil, "\(key) is lowercase letters and hyphens")
      #expect(SpecValidator.key(key, matches: RegulationLanguage.weekdayPattern) == Self.regex(key), "\(key)")
      if fast != nil { checked += 1 }
    }
    #expect(checked > 10_000)
  }

  @Test(arguments: ["mon\n", "mon-fri\n", "mon\r\n", "MON", "Mon-fri", "пн", "mon ", " mon", "mon\u{2028}", "mоn", "mon-fri\u{301}", "", "1"])
  func otherKeysGoToTheRegularExpression(_ key: String) {
    if key.utf8.contains(where: { !($0 >= 0x61 && $0 <= 0x7A) && $0 != 0x2D }) { #expect(SpecValidator.weekdayKey(key) == nil) }
    #expect(SpecValidator.key(key, matches: RegulationLanguage.weekdayPattern) == Self.regex(key), "\(key.debugDescription)")
  }
}
