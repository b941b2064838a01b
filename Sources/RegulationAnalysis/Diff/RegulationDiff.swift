import RegulationDiagnostics
import RegulationModel
import RegulationParser

/// `reglament diff OLD NEW`: what changed clause by clause, which deadlines move (and by how much) over the fixed
/// hard detection instants, which findings appear or disappear.
public struct RegulationDiff: Sendable {
  /// How the two versions are named in the output (a path, or `path@rev`).
  public var oldLabel: String
  public var newLabel: String
  public var changes: [EntityChange]
  public var moves: [DeadlineMoveGroup]
  public var findings: FindingChanges
  public var instants: [HardDetectionInstant]
  /// The new version's time zone (instants are its wall-clock times).
  public var timeZone: String
  /// Steps without a deadline that deadlines count from, taken as done at detection in either version.
  public var assumedDoneAtDetection: [String] = []

  /// Whether anything differs (exit code 1). Equal models give equal deadlines and findings, so a change of
  /// comments or layout alone is not a change.
  public var hasChanges: Bool {
    !changes.isEmpty || !moves.isEmpty || !findings.appeared.isEmpty || !findings.disappeared.isEmpty
  }

  /// A version that cannot be compared: it does not parse, or has errors; `diagnostics` says why.
  public struct InputError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public var sources: [String: SourceText]
  }

  /// Compares two parsed versions (`RegulationParser.parse(path:)` or `parse(text:path:)`), checking each as
  /// `reglament check` does (with its embedded tests).
  public static func compare(
    old: RegulationParser.Result, oldLabel: String, new: RegulationParser.Result, newLabel: String,
    instants: [HardDetectionInstant] = HardDetectionInstants.all
  ) throws(InputError) -> RegulationDiff {
    var bad: [Diagnostic] = []
    var sources: [String: SourceText] = [:]
    for (r, label) in [(old, oldLabel), (new, newLabel)] {
      let errors = r.diagnostics.filter { $0.severity == .error }
      if r.regulation == nil || !errors.isEmpty {
        bad += errors.isEmpty
          ? [Diagnostic(.unreadableFile, message: .init(en: "no regulation in \(label)", ru: "в \(label) нет регламента"),
            at: SourceRange(file: label, line: 1, column: 1))]
          : errors
        if let s = r.source { sources[s.path] = s }
      }
    }
    guard bad.isEmpty, let oldReg = old.regulation, let newReg = new.regulation else {
      throw InputError(diagnostics: bad, sources: sources)
    }
    let changes = StructuralDiff.compare(oldReg, newReg)
    var renames: [String: String] = [:]
    var deadlineRenames: [String: String] = [:]
    let entity = ["steps": "step", "limits": "limit", "duties": "duty"]
    for c in changes where c.kind == .renamed {
      guard let o = c.oldID else { continue }
      renames[o] = c.id
      if let e = entity[c.section] { deadlineRenames["\(e):\(o)"] = "\(e):\(c.id)" }
    }
    // The two checks are independent: run them side by side.
    let checked = [(old, oldReg.file), (new, newReg.file)].concurrentMap { parsed, path in
      RegulationChecker.check(parsed: parsed, path: path, runTests: true).diagnostics
    }
    let oldFindings = checked[0], newFindings = checked[1]
    var assumed = oldReg.stepsAssumedDoneAtDetection
    for id in newReg.stepsAssumedDoneAtDetection where !assumed.contains(id) { assumed.append(id) }
    return RegulationDiff(oldLabel: oldLabel, newLabel: newLabel, changes: changes,
      moves: DeadlineMoves.compare(oldReg, newReg, renames: deadlineRenames, instants: instants),
      findings: FindingChanges.compare(old: oldFindings, new: newFindings, renames: renames), instants: instants,
      timeZone: newReg.workingTime?.timeZone.value ?? "", assumedDoneAtDetection: assumed)
  }
}
