import RegulationDiagnostics
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
    if PhaseTimer.enabled {
      // Only under REGLAMENT_TIMING: the calendar's data, loaded once per process, measured on its own.
      PhaseTimer.measure("calendar data", file: reg.file) { _ = RussianProductionCalendar.calendar.coverage }
    }
    guard let context = PhaseTimer.measure("compile", file: reg.file, { AnalysisContext(reg, budget: budget) }) else {
      return []
    }
    return rules.flatMap { rule in PhaseTimer.measure("rule " + rule.id.rawValue, file: reg.file) { rule.run(context) } }
  }
}
