import RegulationDiagnostics
import RegulationModel

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
    guard let context = AnalysisContext(reg, budget: budget) else { return [] }
    return rules.flatMap { $0.run(context) }
  }
}
