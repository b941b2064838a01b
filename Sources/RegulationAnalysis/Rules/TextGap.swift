import RegulationDiagnostics
import RegulationModel

/// Our copy of the act (or of one clause) is a fragment or a paraphrase: what the file lacks may be in the full text.
struct TextGap {
  let note: DiagnosticNote

  init?(_ reg: Regulation, _ clause: ClauseReference?) {
    let clauseHeld = clause?.held
    if let h = clauseHeld, h == .verbatim { return nil }
    guard clauseHeld != nil || reg.act.textIsIncomplete else { return nil }
    let held = clauseHeld ?? reg.act.text?.held ?? .fragment
    let p = reg.act.text
    let what = held == .paraphrase ? ("a paraphrase", "пересказ") : ("a fragment", "фрагмент")
    var en = "our copy is \(what.0)", ru = "наша копия — \(what.1)"
    if let source = p?.source {
      en += " (\(source))"
      ru += " (\(source))"
    }
    if let missing = p?.missing, !missing.isEmpty {
      en += "; missing: \(missing.joined(separator: ", "))"
      ru += "; нет: \(missing.joined(separator: ", "))"
    }
    if let obtain = p?.obtain {
      en += "; obtain: \(obtain)"
      ru += "; получить: \(obtain)"
    } else {
      en += "; obtain the official text"
      ru += "; получите официальный текст"
    }
    note = DiagnosticNote(.init(en: en, ru: ru), at: clause?.range ?? p?.range ?? reg.act.range)
  }
}
