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

  /// `compiled`: `reg` already compiled without calendar additions (`CompiledRegulation(reg)`, as the analysis
  /// compiles it), used instead of compiling it again; nil: compiled here.
  public static func run(_ reg: Regulation, compiled: CompiledRegulation? = nil) -> Result {
    var outcomes: [TestOutcome] = []
    var diagnostics: [Diagnostic] = []
    var covered = Set<String>()
    guard !reg.tests.isEmpty, let calc = compiled.map(DeadlineCalculator.init) ?? DeadlineCalculator(regulation: reg) else {
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
      // Audit verdicts, from the engine's replay of the test's history: a step is late when its (last) occurrence came
      // after its deadline; a limit when its `until` step came after it, never-answered when that step is missing.
      if !test.audit.isEmpty, let (profile, history) = try? calc.resolve(incident) {
        let evaluation = calc.compiled.plan(profile).evaluate(history)
        for (id, expected) in test.audit {
          covered.insert(id.value)
          var got = "never-answered"
          if let li = calc.compiled.limitIndex(id.value) {
            if let lv = evaluation.limits.first(where: { $0.limit == li }), lv.reachedAt != nil {
              got = (lv.lateBySeconds ?? 0) > 0 ? "late" : "on-time"
            }
          } else if let si = calc.compiled.stepIndex(id.value), let v = evaluation.events.last(where: { $0.step == si }) {
            got = v.isLate ? "late" : "on-time"
          }
          if got != expected.value {
            failures.append("\(id.value): expected audit verdict \(expected.value), got \(got)")
            fail("audit verdict of `\(id.value)` is \(got), expected \(expected.value)",
              "вердикт проверки «\(id.value)» — \(got), а ожидается \(expected.value)", at: expected.range)
          }
        }
      }
      outcomes.append(TestOutcome(file: reg.file, name: test.name, passed: failures.isEmpty,
        message: failures.isEmpty ? nil : failures.joined(separator: "; ")))
    }
    return Result(outcomes: outcomes, diagnostics: diagnostics, covered: covered)
  }
}
