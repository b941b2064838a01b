import RegulationDiagnostics
import RegulationModel

/// A regulation may acknowledge a finding with a written justification: the finding stays visible, as a note.
public enum Acknowledgements {
  public static func apply(_ acks: [Acknowledgement], to findings: [Diagnostic], file: String) -> [Diagnostic] {
    var used = Set<Int>()
    var out: [Diagnostic] = []
    for var d in findings {
      if let index = acks.indices.first(where: { matches(acks[$0], d) }) {
        used.insert(index)
        d.severity = .note
        d.notes.append(DiagnosticNote(.init(en: "acknowledged: \(acks[index].justification)",
          ru: "признано: \(acks[index].justification)"), at: acks[index].range))
      }
      out.append(d)
    }
    for (i, a) in acks.enumerated() where !used.contains(i) {
      out.append(Diagnostic(.unknownAcknowledgement, message: .init(
        en: "acknowledgement of `\(a.finding)` matches no finding", ru: "признание «\(a.finding)» не относится ни к одной находке"),
        at: a.range, hint: .init(en: "remove it, or check `finding`, `subject` and `clauses`",
          ru: "удалите его или проверьте `finding`, `subject` и `clauses`")))
    }
    return out
  }

  static func matches(_ a: Acknowledgement, _ d: Diagnostic) -> Bool {
    guard a.finding == d.id.rawValue else { return false }
    if !a.clauses.isEmpty, Set(a.clauses) != Set(d.clauses) { return false }
    if let s = a.subject, d.subject != s { return false }
    return true
  }
}
