import RegulationDiagnostics
import RegulationModel

/// A file with no steps computes no deadline. For an act that only approves annexes, creates a body or sets
/// obligations, or whose copy is incomplete, this is a note saying where the procedure is; otherwise a warning.
public struct NoStepsRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .noSteps }
  public var description: LocalizedText {
    .init(en: "A regulation file should declare the steps of the procedure.", ru: "В файле регламента должны быть шаги порядка.")
  }
  public var triggering: [String] {
    [
      "reglament: 1\nact: {id: example, title: Пустой порядок, body: Администрация, kind: постановление}\n"
        + "#    ^ no-steps\nworking_time: {time_zone: Europe/Moscow, schedule: {hours: {mon-fri: \"09:00-18:00\"}}}\n"
        + "roles: [{id: curator, name: куратор}]\nsteps: []\n",
    ]
  }
  public var passing: [String] {
    [
      RuleExamples.regulation(
        "Порядок с шагом",
        """
        steps:
          - {id: route, name: направление сообщения исполнителю, role: curator, clause: "5",
             deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: done, to: end}]}
        """),
    ]
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    let reg = context.regulation
    guard reg.steps.isEmpty else { return [] }
    var notes: [DiagnosticNote] = []
    for annex in reg.act.annexes where annex.published == "separately" || annex.file != nil {
      notes.append(DiagnosticNote(.init(
        en: "the procedure may be in annex «\(annex.title)»\(annex.file.map { " (\($0))" } ?? ", published separately")",
        ru: "порядок может быть в приложении «\(annex.title)»\(annex.file.map { " (\($0))" } ?? ", опубликованном отдельно")"),
        at: annex.range))
    }
    for related in reg.relatedActs where related.file != nil {
      notes.append(DiagnosticNote(.init(en: "related act «\(related.title)» is in \(related.file!)",
        ru: "связанный акт «\(related.title)» — в файле \(related.file!)"), at: related.range))
    }
    if let gap = TextGap(reg, nil) { notes.append(gap.note) }
    let explained = !notes.isEmpty || !reg.obligations.isEmpty || !reg.duties.isEmpty
    return [Diagnostic(.noSteps, severity: explained ? .note : .warning, message: .init(
      en: explained ? "the file declares no steps: it computes no deadline" : "the file declares no steps: there is no procedure and no deadline to compute",
      ru: explained ? "в файле нет шагов: сроки по нему не вычисляются" : "в файле нет шагов: нет ни порядка, ни сроков"),
      at: reg.act.range, notes: notes,
      hint: explained ? nil : .init(en: "add `steps:` as the act describes them", ru: "добавьте `steps:` по тексту акта"))]
  }
}
