/// How much work the feasibility analysis may do on one file before it stops and says so (a located note "unknown
/// beyond N paths … raise with --analysis-budget"), never concluding "fits" from what it did not check.
public struct AnalysisBudget: Sendable, Hashable {
  /// Paths enumerated per overall deadline and category.
  public var paths: Int
  /// Step deadlines the exact detection search may compute per overall deadline and category, shared by its paths.
  public var stepEvaluations: Int

  public init(paths: Int, stepEvaluations: Int) {
    self.paths = max(1, paths)
    self.stepEvaluations = max(1, stepEvaluations)
  }

  /// The default paths budget of a small file; `--analysis-budget N` sets the paths budget to N and scales the rest.
  public static let defaultPaths = 4000
  static let defaultStepEvaluations = 12_000_000
  static let referenceBytes = 16_384

  /// The budget for a file of `bytes` bytes: the default up to 16 KB, shrinking in proportion beyond it (a bigger
  /// file makes each path and each evaluation dearer), so that `check` of any file stays within seconds.
  /// `paths` (from `--analysis-budget`) replaces the default paths budget and scales the evaluations with it.
  public static func forFile(bytes: Int, paths: Int? = nil) -> AnalysisBudget {
    let scale = Double(paths ?? defaultPaths) / Double(defaultPaths)
    let shrink = Double(referenceBytes) / Double(max(referenceBytes, bytes))
    if let paths { return AnalysisBudget(paths: paths, stepEvaluations: Int(Double(defaultStepEvaluations) * scale)) }
    return AnalysisBudget(paths: max(200, Int(Double(defaultPaths) * shrink)),
      stepEvaluations: max(200_000, Int(Double(defaultStepEvaluations) * shrink)))
  }

  public static let standard = AnalysisBudget(paths: defaultPaths, stepEvaluations: defaultStepEvaluations)
}
