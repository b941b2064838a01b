import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import WorkingTime

/// Runs the `tests:` of a regulation: computes the deadlines of each incident and compares them with `expect:`.
public enum EmbeddedTestRunner {
  public struct Result: Sendable {
    public var outcomes: [TestOutcome]
    public var diagnostics: [Diagnostic]
    /// Steps and limits whose deadline some test checks.
    public var covered: Set<String>
  }

  public static func run(_ reg: Regulation) -> Result {
    var outcomes: [TestOutcome] = []
    var diagnostics: [Diagnostic] = []
    var covered = Set<String>()
    guard !reg.tests.isEmpty, let calc = DeadlineCalculator(regulation: reg) else {
      return Result(outcomes: [], diagnostics: [], covered: [])
    }
    let tz = calc.time.timeZone
    for test in reg.tests {
      func fail(_ en: String, _ ru: String, at range: SourceRange, notes: [DiagnosticNote] = []) {
        diagnostics.append(Diagnostic(.testFailed, message: .init(en: "test «\(test.name)»: \(en)", ru: "тест «\(test.name)»: \(ru)"),
          at: range, notes: notes))
      }
      guard let detected = tz.parseDateTime(test.detected.value) else {
        outcomes.append(TestOutcome(file: reg.file, name: test.name, passed: false, message: "bad detected time"))
        continue
      }
      var events: [(step: String, at: LocalTimestamp)] = []
      for e in test.events { if let t = tz.parseDateTime(e.time.value) { events.append((e.step.value, t)) } }
      let incident = Incident(detected: detected, categories: test.categories.map(\.value), kind: test.kind?.value,
        situations: nil, events: events)
      let computed: [String: LocalTimestamp]
      do {
        // An act with editions: the test is computed by the edition in force on its detection date.
        let editionCalc = reg.act.editions.isEmpty ? calc
          : DeadlineCalculator(regulation: reg.edition(on: detected.date)) ?? calc
        computed = try editionCalc.deadlinesInForce(for: incident)
      } catch {
        fail(error.en, error.ru, at: test.range)
        outcomes.append(TestOutcome(file: reg.file, name: test.name, passed: false, message: error.en))
        continue
      }
      var failures: [String] = []
      for (step, expected) in test.expected {
        covered.insert(step.value)
        guard let want = tz.parseDateTime(expected.value) else { continue }
        let got = computed[step.value]
        if got != want {
          let gotEn = got.map { tz.iso($0) } ?? "no deadline", gotRu = got.map { tz.iso($0) } ?? "нет срока"
          failures.append("\(step.value): expected \(tz.iso(want)), computed \(gotEn)")
          fail("`\(step.value)` is due \(gotEn), expected \(tz.iso(want))",
            "срок «\(step.value)» — \(gotRu), а ожидается \(tz.iso(want))", at: expected.range)
        }
      }
      outcomes.append(TestOutcome(file: reg.file, name: test.name, passed: failures.isEmpty,
        message: failures.isEmpty ? nil : failures.joined(separator: "; ")))
    }
    return Result(outcomes: outcomes, diagnostics: diagnostics, covered: covered)
  }
}
