/// The one JUnit XML writer: the document, its test suites and test cases, and text escaping. `JUnitReporter`
/// (`check`, `test`: a file is a suite) and the audit's report (a case of the log is a test case) both write with it.
public enum JUnitXML {
  /// `<?xml …?>` and `<testsuites>` around the suites (each from `suite`).
  public static func document(name: String, tests: Int, failures: Int, suites: String) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<testsuites name=\"\(escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
      + suites + "</testsuites>\n"
  }

  /// One `<testsuite>` around its test cases (each from `testCase`, one per line).
  public static func suite(name: String, tests: Int, failures: Int, cases: String) -> String {
    "  <testsuite name=\"\(escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
      + cases + "  </testsuite>\n"
  }

  /// One `<testcase>` on one line; `failure`: its message and type, and the body when there is one.
  public static func testCase(classname: String, name: String, failure: (message: String, type: String, body: String?)?)
    -> String
  {
    var out = "    <testcase classname=\"\(escape(classname))\" name=\"\(escape(name))\">"
    if let failure {
      out += "<failure message=\"\(escape(failure.message))\" type=\"\(escape(failure.type))\""
      out += failure.body.map { ">" + escape($0) + "</failure>" } ?? "/>"
    }
    return out + "</testcase>\n"
  }

  /// Text for XML (and HTML): markup characters as entities, control characters other than tab and line ends as `?`;
  /// `apostrophe` is how `'` is written (`&#39;` for readers of HTML 4).
  public static func escape(_ s: String, apostrophe: String = "&apos;") -> String {
    var out = ""
    for ch in s.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += apostrophe
      default:
        if ch.value < 0x20 && ch != "\n" && ch != "\t" && ch != "\r" { out += "?" } else { out.unicodeScalars.append(ch) }
      }
    }
    return out
  }
}
