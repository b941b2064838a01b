import Foundation
import Testing

@testable import RegulationConformance

/// The XES and XLSX readers' XML tokenizer (issue 14). Expected tokens and error locations are written by hand from
/// the documents below (columns count characters).
@Suite struct XMLTokenizerTests {
  static func tokens(_ text: String) throws(XMLSyntaxError) -> [XMLToken] {
    var t = XMLTokenizer(bytes: Array(text.utf8))
    var out: [XMLToken] = []
    while let token = try t.next() { out.append(token) }
    return out
  }

  /// The same document handed `size` bytes at a time.
  static func chunkedTokens(_ bytes: [UInt8], size: Int) throws(XMLSyntaxError) -> [XMLToken] {
    var offset = 0
    var t = XMLTokenizer(chunks: {
      guard offset < bytes.count else { return nil }
      defer { offset += size }
      return Array(bytes[offset..<min(offset + size, bytes.count)])
    })
    var out: [XMLToken] = []
    while let token = try t.next() { out.append(token) }
    return out
  }

  /// Text tokens joined: a run of text may come in pieces (a CDATA section is its own piece).
  static func joined(_ tokens: [XMLToken]) -> [XMLToken] {
    var out: [XMLToken] = []
    for t in tokens {
      if case .text(let s) = t, case .text(let previous)? = out.last {
        out[out.count - 1] = .text(previous + s)
      } else {
        out.append(t)
      }
    }
    return out
  }

  static func error(_ text: String) -> XMLSyntaxError? {
    do {
      _ = try tokens(text)
      return nil
    } catch {
      return error
    }
  }

  static let document = """
    \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <!-- written by hand -->
    <log xes.version="1.0">
      <trace><string key="concept:name" value='A &amp; B'/>
        <event a="x&#9;y&#x41;"><?pi some data?>t&lt;&gt;&quot;&apos;&#1046;<![CDATA[<b>&amp;]]></event>
      </trace>
    </log>

    """

  static let expected: [XMLToken] = [
    .start(name: "log", attributes: [XMLAttribute(name: "xes.version", value: "1.0")], empty: false,
      at: XMLLocation(line: 3, column: 1)),
    .text("\n  "),
    .start(name: "trace", attributes: [], empty: false, at: XMLLocation(line: 4, column: 3)),
    .start(name: "string", attributes: [XMLAttribute(name: "key", value: "concept:name"),
      XMLAttribute(name: "value", value: "A & B")], empty: true, at: XMLLocation(line: 4, column: 10)),
    .text("\n    "),
    .start(name: "event", attributes: [XMLAttribute(name: "a", value: "x\tyA")], empty: false,
      at: XMLLocation(line: 5, column: 5)),
    .text("t<>\"'Ж<b>&amp;"),
    .end(name: "event", at: XMLLocation(line: 5, column: 93)),
    .text("\n  "),
    .end(name: "trace", at: XMLLocation(line: 6, column: 3)),
    .text("\n"),
    .end(name: "log", at: XMLLocation(line: 7, column: 1)),
  ]

  @Test func readsTagsAttributesReferencesAndCDATA() throws {
    #expect(Self.joined(try Self.tokens(Self.document)) == Self.expected)
  }

  @Test(arguments: [1, 2, 3, 7, 64])
  func chunksGiveTheSameTokens(size: Int) throws {
    #expect(Self.joined(try Self.chunkedTokens(Array(Self.document.utf8), size: size)) == Self.expected)
  }

  @Test func keepsNamespacePrefixesAndMatchesLocalNames() throws {
    let tokens = try Self.tokens(#"<x:worksheet xmlns:x="u"><x:row r="2"><x:c x:t="s"/></x:row></x:worksheet>"#)
    guard case .start(let name, let attributes, false, _) = tokens[1] else {
      Issue.record("\(tokens)")
      return
    }
    #expect(name == "x:row")
    #expect(XMLToken.localName(name) == "row")
    #expect(attributes["r"] == "2")
    guard case .start(_, let cell, true, _) = tokens[2] else {
      Issue.record("\(tokens)")
      return
    }
    #expect(cell["t"] == "s")
    #expect(cell["x:t"] == "s")
  }

  @Test func readsLineEndsAsXMLDoes() throws {
    // CR LF and a lone CR are a line feed in text; in an attribute value, each white space character is a space.
    let tokens = try Self.tokens("<a v=\"1\r\n2\t3\">x\r\ny\rz</a>")
    #expect(tokens == [
      .start(name: "a", attributes: [XMLAttribute(name: "v", value: "1 2 3")], empty: false,
        at: XMLLocation(line: 1, column: 1)),
      .text("x\ny\nz"),
      .end(name: "a", at: XMLLocation(line: 3, column: 4)),
    ])
  }

  @Test func readsBytesThatAreNotUTF8AsReplacementCharacters() throws {
    var t = XMLTokenizer(bytes: [0x3C, 0x61, 0x3E, 0xFF, 0x3C, 0x2F, 0x61, 0x3E])  // <a>\xFF</a>
    var texts: [String] = []
    while let token = try t.next() { if case .text(let s) = token { texts.append(s) } }
    #expect(texts == ["\u{FFFD}"])
    #expect(t.replacedInvalidUTF8)
  }

  @Test func skipsAProcessingInstructionWithoutData() throws {
    // `<?xmb?>` made FoundationXML trap (a null pointer): here it is skipped like any other.
    #expect(try Self.tokens("<?xmb?><a/>").count == 1)
  }

  /// Malformed documents: the error's line and column, worked out by hand, and a word of its message.
  static let malformed: [(document: String, line: Int, column: Int, says: String)] = [
    ("<a>\n  <b></c></a>", 2, 6, "</c> where <b> (opened at 2:3)"),
    ("<a>&#xD800;</a>", 1, 4, "not a character"),
    ("<a>&#0;</a>", 1, 4, "not a character"),
    ("<a>&#x110000;</a>", 1, 4, "not a character"),
    ("<a>&#12a;</a>", 1, 4, "not a character"),
    ("<a>&foo;</a>", 1, 4, "unknown entity `&foo;`"),
    ("<a>AT&T</a>", 1, 6, "not closed with `;`"),
    ("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", 1, 1, "DOCTYPE"),
    ("<?xml version=\"1.0\"?>\n<!DOCTYPE a>", 2, 1, "DOCTYPE"),
    ("<?xml version=\"1.0\" encoding=\"windows-1251\"?><a/>", 1, 21, "windows-1251"),
    ("<a>\n<b>", 2, 4, "ends before <b> (opened at 2:1)"),
    ("<a>Привет<b", 1, 10, "ends inside the tag <b>"),
    ("<a b=\"1\" b=\"2\"/>", 1, 10, "`b` appears twice"),
    ("<a>x\u{1}</a>", 1, 5, "U+0001"),
    ("<a><!-- x -- y --></a>", 1, 11, "`--` inside a comment"),
    ("<a><!-- x", 1, 4, "comment is not closed"),
    ("<a><![CDATA[x</a>", 1, 4, "CDATA section is not closed"),
    ("<a></a><b/>", 1, 8, "second root"),
    ("text<a/>", 1, 1, "text before the root"),
    ("<a/>\ntext", 2, 1, "text after the root"),
    ("<a x=1/>", 1, 6, "must be in quotes"),
    ("<a x=\"1/>", 1, 4, "not closed with its quote"),
    ("<a x=\"<\"/>", 1, 7, "`<` inside the value"),
    ("<a>\n  <?xml version=\"1.0\"?></a>", 2, 3, "not at the start"),
    ("<a><?pi data</a>", 1, 4, "not closed with `?>`"),
    ("<a>< b/></a>", 1, 4, "`<` followed by"),
    ("<a></ a>", 1, 4, "`</` not followed by a name"),
    ("</a>", 1, 1, "closes no open element"),
    ("<a b=\"1\"c=\"2\"/>", 1, 9, "`c` inside the tag <a>"),
    ("<a/ >", 1, 4, "not followed by `>`"),
    ("", 1, 1, "no root element"),
    ("  \n", 2, 1, "no root element"),
    ("<a><!x></a>", 1, 4, "`<!` starts neither"),
  ]

  @Test(arguments: malformed.indices)
  func malformedDocumentsAreLocatedErrors(_ index: Int) {
    let (document, line, column, says) = Self.malformed[index]
    guard let e = Self.error(document) else {
      Issue.record("\(document.debugDescription): no error")
      return
    }
    #expect(e.location == XMLLocation(line: line, column: column), "\(document.debugDescription): \(e.en)")
    #expect(e.en.contains(says), "\(document.debugDescription): \(e.en)")
    #expect(!e.ru.isEmpty)
  }

  @Test func aDocumentCutShortIsATruncation() {
    #expect(Self.error("<log><trace>")?.isTruncation == true)
    #expect(Self.error("<log><trace")?.isTruncation == true)
    #expect(Self.error("<log></trace>")?.isTruncation == false)
  }

  @Test func utf16IsRefused() {
    var t = XMLTokenizer(bytes: [0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00])
    #expect(throws: XMLSyntaxError.self) { _ = try t.next() }
  }

  @Test func nestingIsBounded() {
    let deep = String(repeating: "<a>", count: XMLTokenizer.maxDepth + 1)
    #expect(Self.error(deep)?.en.contains("nested deeper than") == true)
    let fine = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
    #expect(Self.error(fine) == nil)
  }

  @Test func aLongTextInSmallChunksKeepsMemoryToTheToken() throws {
    // 1 MB of text in 4 KB chunks: the tokenizer's buffer holds a chunk or two, not the document.
    let body = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
    let bytes = Array("<a>".utf8) + body + Array("</a>".utf8)
    let tokens = try Self.chunkedTokens(bytes, size: 4096)
    #expect(Self.joined(tokens).count == 3)
    if case .text(let s) = Self.joined(tokens)[1] { #expect(s.utf8.count == 1 << 20) }
  }
}
