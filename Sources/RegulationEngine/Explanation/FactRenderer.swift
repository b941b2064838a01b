import RegulationDiagnostics
import WorkingTime

/// Renders explanation facts as lines in one language. The same facts give the Russian and the English text.
public struct FactRenderer: Sendable {
  public let regulation: CompiledRegulation
  public let language: Language

  public init(_ regulation: CompiledRegulation, language: Language) {
    self.regulation = regulation
    self.language = language
  }

  var ru: Bool { language == .ru }
  var zone: RegulationTimeZone { regulation.clocks.main.timeZone }

  /// `пт 08.05.2026 17:40 (+05:00)`.
  public func instant(_ t: LocalTimestamp) -> String {
    "\(CalendarWording.instant(t, language)) (\(zone.offsetText(at: t)))"
  }

  func stepName(_ s: Int) -> String {
    let step = regulation.steps[s]
    return ru ? "«\(step.id)» (\(step.name))" : "`\(step.id)`"
  }

  func referenceName(_ r: DeadlineReference) -> String {
    switch r {
    case .step(let s): return stepName(s)
    case .limit(let l): return ru ? "«\(regulation.limits[l].id)»" : "`\(regulation.limits[l].id)`"
    }
  }

  public func lines(_ facts: [DeadlineFact]) -> [ExplanationLine] { facts.map(line) }

  public func line(_ fact: DeadlineFact) -> ExplanationLine {
    switch fact {
    case .start(let how, let t):
      let label: String
      switch how {
      case .detected: label = ru ? "выявлено" : "detected"
      case .posted: label = ru ? "размещено автором" : "posted by the author"
      case .postedAsDetected: label = ru ? "размещено (= выявлено)" : "posted (= detected)"
      case .stepDone(let s): label = ru ? "«\(regulation.steps[s].id)» выполнено (факт)" : "`\(regulation.steps[s].id)` done (recorded)"
      case .stepDue(let s): label = ru ? "«\(regulation.steps[s].id)» по сроку" : "`\(regulation.steps[s].id)` at its deadline"
      case .previousCoExecutor: label = ru ? "предыдущий соисполнитель" : "previous co-executor done"
      case .reference(let r): label = ru ? "срок \(referenceName(r))" : "deadline of \(referenceName(r))"
      }
      return ExplanationLine(label, instant(t))
    case .time(let f): return line(f)
    case .roleSchedule(let role, let schedule):
      return ExplanationLine(ru ? "график роли" : "role's schedule",
        ru ? "«\(role)»: \(schedule.summary)" : "`\(role)`: \(CalendarWording.schedule(schedule, language))")
    case .coExecutorsInTurn(let n, let due):
      return ExplanationLine(ru ? "соисполнители" : "co-executors",
        ru ? "\(n) соисполнителя по очереди, у каждого полный срок → последний до \(instant(due))"
          : "\(n) co-executors in turn, each with the full period → the last one by \(instant(due))")
    case .cap(let r, let t, let applied):
      return ExplanationLine(ru ? "ограничение" : "cap",
        applied ? (ru ? "но не позднее срока \(referenceName(r)): \(instant(t))" : "but not later than the deadline of \(referenceName(r)): \(instant(t))")
          : (ru ? "срок \(referenceName(r)) (\(instant(t))) не раньше — не влияет" : "the deadline of \(referenceName(r)) (\(instant(t))) is not earlier: no effect"))
    case .assumption(let text):
      return ExplanationLine(ru ? "допущение" : "assumption", ru ? text : "«\(text)» (the file's reading, in Russian)")
    case .noDeadline(let reason):
      return ExplanationLine(ru ? "срока нет" : "no deadline",
        ru ? "срок не установлен" + (reason.map { ": \($0)" } ?? "") : "the act sets no deadline" + (reason.map { " («\($0)»)" } ?? ""))
    case .noStart(let s):
      let id = regulation.steps.indices.contains(s) ? regulation.steps[s].id : "?"
      return ExplanationLine(ru ? "нет начала" : "no start",
        ru ? "момент «\(id)» неизвестен: у этого шага нет срока; укажите --event \(id)=…"
          : "the moment of `\(id)` is unknown: that step has no deadline; give --event \(id)=…")
    case .referenceUnknown(let r):
      return ExplanationLine(ru ? "нет отсчёта" : "no reference",
        ru ? "срок \(referenceName(r)) не определён" : "the deadline of \(referenceName(r)) is unknown")
    case .outsideCalendar(let d):
      let c = regulation.clocks.main.calendar.coverage
      return ExplanationLine(ru ? "вне календаря" : "outside calendar",
        ru ? "срок выходит за \(d.russian): производственный календарь есть на \(c.lowerBound.year)–\(c.upperBound.year) гг."
          : "the deadline runs past \(d): the production calendar covers \(c.lowerBound.year)–\(c.upperBound.year)")
    case .due(let t): return ExplanationLine(ru ? "срок" : "due", instant(t))
    case .ruleChosen(let clauses, let chosen, let latest):
      let list = clauses.joined(separator: ", ")
      return ExplanationLine(ru ? "выбор правила" : "rule chosen",
        ru ? "подходят правила п. \(list); принят \(latest ? "более поздний" : "более ранний") срок — п. \(chosen)"
          : "rules of clauses \(list) all apply; the \(latest ? "latest" : "earliest") due is taken — clause \(chosen)")
    }
  }

  public func line(_ fact: ExplanationFact) -> ExplanationLine {
    let L = language
    switch fact {
    case .immediately:
      return ExplanationLine(ru ? "незамедлительно" : "immediately",
        ru ? "срок не исчисляется: действие совершается сразу" : "no period: the action is due at once")
    case .calendarTime(let p):
      return ExplanationLine(ru ? "календарное время" : "calendar time",
        ru ? "+ \(p) без учёта графика работы" : "+ \(CalendarWording.period(p, L)), regardless of the schedule")
    case .workingTime(let p, let s):
      return ExplanationLine(ru ? "рабочее время" : "working time",
        ru ? "\(p), график: \(s.summary); остаток переносится на следующий рабочий день"
          : "\(CalendarWording.period(p, L)), schedule: \(CalendarWording.schedule(s, L)); the rest carries over to the next working day")
    case .workingDayHours(let p):
      return ExplanationLine(ru ? "часы рабочих дней" : "hours of working days",
        ru ? "\(p): рабочие дни считаются круглосуточно, выходные и нерабочие праздничные дни не учитываются"
          : "\(CalendarWording.period(p, L)): working days count round the clock; weekends and holidays do not count")
    case .workingDay(let date, let kind, let entry, let intervals, let counted, let remaining, let endsAt):
      var text = ""
      if kind != .working { text += CalendarWording.dayKind(kind, L) + " (\(CalendarWording.reason(date, kind, entry, L))): " }
      text += (ru ? "рабочее время " : "working time ") + intervals.map(\.description).joined(separator: ", ")
        + " → \(CalendarWording.duration(counted, L))"
      if let end = endsAt {
        text += ru ? ", срок истекает в \(clockText(end))" : ", the period ends at \(clockText(end))"
      } else {
        text += ru ? ", осталось \(CalendarWording.duration(remaining, L))" : ", \(CalendarWording.duration(remaining, L)) left"
      }
      return ExplanationLine(CalendarWording.shortDate(date, L), text)
    case .daysOff(let days):
      guard let first = days.first?.date, let last = days.last?.date else { return ExplanationLine("", "") }
      let label = first == last ? CalendarWording.shortDate(first, L) : "\(first.russianShort)–\(last.russianShort)"
      let what = first == last ? (ru ? "нерабочий день" : "not a working day") : (ru ? "нерабочие дни" : "days off")
      return ExplanationLine(label, "\(what) (\(CalendarWording.reasons(days, L)))")
    case .dayOver(let date, let kind, let entry, let closedAt):
      let what = kind == .shortened
        ? (ru ? "предпраздничный день (\(CalendarWording.reason(date, kind, entry, L)))" : "pre-holiday day")
        : (ru ? "рабочий день" : "working day")
      return ExplanationLine(CalendarWording.shortDate(date, L),
        ru ? "\(what): рабочее время закончилось в \(clockText(closedAt)), отсчёт начинается со следующего рабочего дня"
          : "\(what): working time ended at \(clockText(closedAt)); counting starts on the next working day")
    case .countFromNextDay(let d):
      return ExplanationLine(ru ? "начало счёта" : "counting starts",
        ru ? "со дня, следующего за \(d.russian) (ГК РФ ст. 191)" : "on the day after \(d) (Civil Code art. 191)")
    case .workingDaysCounted(let days):
      return ExplanationLine(ru ? "рабочие дни" : "working days",
        days.enumerated().map { "\($0.element.russianShort) (\($0.offset + 1))" }.joined(separator: ", "))
    case .notCounted(let days):
      return ExplanationLine(ru ? "не считаются" : "not counted", CalendarWording.reasons(days, L))
    case .nthCalendarDay(let n, let d, let kind):
      return ExplanationLine(ru ? "\(n)-й день" : "day \(n)",
        "\(ru ? d.russian : d.description) \(CalendarWording.weekday(d, L)) — \(CalendarWording.dayKind(kind, L))")
    case .movedToNextWorkingDay(let d):
      return ExplanationLine(ru ? "перенос" : "moved",
        ru ? "окончание срока приходится на нерабочий день → следующий рабочий день \(d.russian) \(CalendarWording.weekday(d, L)) (ГК РФ ст. 193)"
          : "the term ends on a day off → the next working day, \(CalendarWording.weekday(d, L)) \(d) (Civil Code art. 193)")
    case .endOfWorkingDay(let s):
      return ExplanationLine(ru ? "окончание дня" : "end of day",
        ru ? "срок истекает с окончанием рабочего времени, \(clockText(s)) (ГК РФ ст. 194)"
          : "the term ends with the working day, at \(clockText(s)) (Civil Code art. 194)")
    case .countBack(let p):
      return ExplanationLine(ru ? "отсчёт назад" : "counted back",
        ru ? "за \(p) до этого срока" : "\(CalendarWording.period(p, L)) before that deadline")
    }
  }
}
