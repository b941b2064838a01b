import Foundation
import RegulationParser
import TestSupport
import Testing

/// docs/LANGUAGE.md ends with the key tables generated from the language description, so the document, the validator
/// and the JSON Schema cannot drift apart. `RECORD_DOCS=1 swift test --filter LanguageDocsTests` rewrites the tables.
@Suite struct LanguageDocsTests {
  static let url = repositoryRoot.appendingPathComponent("docs/LANGUAGE.md")

  @Test func keyTablesAreTheGeneratedOnes() throws {
    let text = try String(contentsOf: Self.url, encoding: .utf8)
    let range = try #require(text.range(of: LanguageDocs.marker), "docs/LANGUAGE.md lacks the generated reference")
    let generated = LanguageDocs.reference()
    if ProcessInfo.processInfo.environment["RECORD_DOCS"] == "1" {
      try (String(text[..<range.lowerBound]) + generated).write(to: Self.url, atomically: true, encoding: .utf8)
      return
    }
    #expect(String(text[range.lowerBound...]) == generated,
      "regenerate: RECORD_DOCS=1 swift test --filter LanguageDocsTests\n\(lineDiff(generated, String(text[range.lowerBound...])))")
  }

  /// Every key of every section appears in its table, and every section has one.
  @Test func everyKeyIsDocumented() throws {
    let text = try String(contentsOf: Self.url, encoding: .utf8)
    for object in RegulationLanguage.allObjects {
      #expect(text.contains("(`\(object.name)`)"), "no table for \(object.name)")
      for field in object.fields { #expect(text.contains("| `\(field.key)` |"), "\(object.name).\(field.key)") }
    }
  }

  /// Each new v1.1 key is explained in the prose with a YAML example, not only listed in a table.
  @Test(arguments: ["held:", "missing:", "obtain:", "annexes:", "editions:", "effective_from:", "since:", "repealed_by:",
    "related_acts:", "relation:", "actor:", "obligations:", "regime:", "law_59fz:", "scope:", "modality:",
    "answer_requirements:", "attribute:", "all_of:", "group:", "overlap:", "unnumbered", "rejected:"])
  func proseHasAnExample(_ key: String) throws {
    let text = try String(contentsOf: Self.url, encoding: .utf8)
    let prose = String(text[..<(text.range(of: LanguageDocs.marker)?.lowerBound ?? text.endIndex)])
    let blocks = prose.components(separatedBy: "```yaml").dropFirst().map { $0.components(separatedBy: "```")[0] }
    #expect(blocks.contains { $0.contains(key) }, "no ```yaml example uses `\(key)`")
  }
}
