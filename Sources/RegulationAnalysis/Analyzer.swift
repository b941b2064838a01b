import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import WorkingTime

/// Runs every registered analysis rule over a regulation.
public enum Analyzer {
  /// The registry: adding a rule means adding its file and one line here.
  public static let rules: [any AnalysisRule] = [
    FeasibilityRule(),
    StepSqueezedRule(),
    ReworkLimitRule(),
    DeadlineConflictRule(),
    MissingDeadlineRule(),
    MissingRoleRule(),
    UnhandledCategoryRule(),
    DeadEndOutcomeRule(),
    ImplicitClockRule(),
    ExclusionConsequenceRule(),
    UnreachableStepRule(),
    AnchorNeverFiresRule(),
    CategoryOverlapRule(),
    AliasCollisionRule(),
    CalendarCoverageRule(),
    NoStepsRule(),
  ]

  public static func analyze(_ reg: Regulation, budget: AnalysisBudget = .standard) -> [Diagnostic] {
    analyzeCompiling(reg, budget: budget).findings
  }

  /// The findings, and the compiled regulation they were found on (nil when it cannot be compiled), for what runs on
  /// the same regulation next (`check` runs the embedded tests on it instead of compiling the act a second time).
  public static func analyzeCompiling(_ reg: Regulation, budget: AnalysisBudget = .standard)
    -> (findings: [Diagnostic], compiled: CompiledRegulation?)
  {
    if PhaseTimer.enabled {
      // Only under REGLAMENT_TIMING: the calendar's data, loaded once per process, measured on its own.
      PhaseTimer.measure("calendar data", file: reg.file) { _ = RussianProductionCalendar.calendar.coverage }
    }
    guard let context = PhaseTimer.measure("compile", file: reg.file, { AnalysisContext(reg, budget: budget) }) else {
      return ([], nil)
    }
    let findings = rules.flatMap { rule in
      PhaseTimer.measure("rule " + rule.id.rawValue, file: reg.file) { rule.run(context) }
    }
    return (findings, context.compiled)
  }
}
