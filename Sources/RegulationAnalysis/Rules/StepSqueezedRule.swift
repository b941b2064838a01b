import RegulationDiagnostics
import RegulationEngine
import RegulationModel
import WorkingTime

/// What each step really gets: on every path to an overall deadline, the time between the latest end of what a step
/// waits for (the latest deadline of the steps before it) and its own deadline, minimised over the exact search of
/// detection instants (gathered in the same pass as `deadline-infeasible`, `StepTimes`). A step with a deadline of its
/// own that gets zero or less is a finding citing the clauses of both deadlines and naming who loses the time. The
/// time is judged on the clock of the step's own deadline (working time for "1,5 рабочего часа", calendar time for
/// "30 минут"); both are shown.
public struct StepSqueezedRule: AnalysisRule {
  public init() {}
  public var id: DiagnosticID { .stepSqueezed }
  public var description: LocalizedText {
    .init(en: "Every step with a deadline of its own must get some time after the deadlines of the steps it waits for.",
      ru: "Каждому шагу со своим сроком должно оставаться время после сроков шагов, которых он ждёт.")
  }

  public var triggering: [String] {
    [
      // Co-executors take 2 working hours from routing; the main executor's draft is due 1.5 working hours before the
      // 3.5 working hours of the answer, i.e. 2 working hours after routing too: 0 minutes left to write it.
      RuleExamples.regulation("Соисполнители съедают время основного исполнителя", Self.example(coExecutorHours: 2, marked: true)),
    ]
  }
  public var passing: [String] {
    [
      // The same with 1 working hour for the co-executors: the main executor gets 1 working hour.
      RuleExamples.regulation("Основному исполнителю остаётся час", Self.example(coExecutorHours: 1, marked: false)),
    ]
  }

  static func example(coExecutorHours: Int, marked: Bool) -> String {
    """
    situations:
      - {id: co-executors, name: вопросы в полномочиях нескольких органов, clause: "7"}
    steps:
      - {id: route, name: направление сообщения исполнителям, role: curator, clause: "5",
         deadline: {amount: 30, clock: working-minutes, from: detected}, outcomes: [{if: co-executors, to: info}]}
      - id: info
        name: информация соисполнителей
        role: executor
        clause: "7"
        when: {situation: co-executors}
        co_executors: {order: parallel, order_set_by: curator, common_answer_by: main}
        deadline: {amount: \(coExecutorHours), clock: working-hours, from: route, each: true}
        outcomes: [{if: done, to: draft}]
      - id: draft
    \(marked ? "#       ^ step-squeezed\n" : "")    name: подготовка общего ответа
        role: executor
        clause: "8"
        deadline: {amount: 1.5, clock: working-hours, before: answer}
        outcomes: [{if: done, to: publish}]
      - {id: publish, name: размещение ответа, role: curator, clause: "9",
         deadline: {amount: 30, clock: working-minutes, from: draft}, outcomes: [{if: done, to: end}]}
    limits:
      - {id: answer, name: ответ гражданину, until: publish, clause: "6", deadline: {amount: 3.5, clock: working-hours, from: route}}
    """
  }

  /// The least time one step gets, on the path and for the categories where it is least.
  struct Squeeze {
    var least: StepTimes.Least
    var calendar: StepTimes.Least
    var working: StepTimes.Least
    var judgedWorking: Bool
    var path: PathExplorer.Path
    var position: Int
    var categories: [String]
    var label: String
    var limit: CompiledLimit
  }

  public func run(_ context: AnalysisContext) -> [Diagnostic] {
    var worst: [Int: Squeeze] = [:]
    for c in FeasibilityRule.cases(context) {
      for w in c.computed.straight {
        guard let times = w.times else { continue }
        for d in w.path.steps.indices {
          guard let least = times.judged(d), least.seconds <= 0 else { continue }
          let step = w.path.steps[d]
          if let known = worst[step], known.least.seconds <= least.seconds { continue }
          worst[step] = Squeeze(least: least, calendar: times.calendar[d], working: times.working[d],
            judgedWorking: times.judgedWorking[d], path: w.path, position: d, categories: c.categories, label: c.label,
            limit: c.limit)
        }
      }
    }
    return worst.keys.sorted().compactMap { diagnostic(worst[$0]!, context) }
  }

  func diagnostic(_ s: Squeeze, _ context: AnalysisContext) -> Diagnostic? {
    let compiled = context.compiled
    let explorer = PathExplorer(context: context)
    let step = compiled.steps[s.path.steps[s.position]]
    let before = s.least.after.map { compiled.steps[s.path.steps[$0]] }
    // Who loses the time: the executor writing the common answer after co-executors, or the step's role.
    let co = s.path.steps[..<s.position].lazy.compactMap { compiled.steps[$0].source.coExecution }.last
    let whoRu: String, whoEn: String
    switch co?.commonAnswerBy {
    case "main"?: (whoRu, whoEn) = ("у основного исполнителя", "the main executor has")
    case "last"?: (whoRu, whoEn) = ("у последнего исполнителя", "the last executor has")
    default:
      let role = step.role ?? "?"
      let name = context.regulation.role(role)?.name.split(separator: "(").first?.split(separator: "—").first
        .map { $0.trimmingCharacters(in: .whitespaces) }
      (whoRu, whoEn) = ("у роли «\(role)»" + (name.map { " (\($0))" } ?? ""), "the role `\(role)` has")
    }
    // The time on the clock of the step's deadline first, then on the other.
    let judgedRu = s.judgedWorking ? "\(signed(s.working.seconds)) рабочего времени" : signed(s.calendar.seconds)
    let judgedEn = s.judgedWorking ? "\(signed(s.working.seconds, .en)) of working time" : signed(s.calendar.seconds, .en)
    let otherRu = s.judgedWorking ? "календарного — \(signed(s.calendar.seconds))"
      : "рабочего — \(signed(s.working.seconds))"
    let otherEn = s.judgedWorking ? "\(signed(s.calendar.seconds, .en)) of calendar time"
      : "\(signed(s.working.seconds, .en)) of working time"
    let clause = step.clause.map { "п. \($0)" } ?? "срок шага"
    let clauseEn = step.clause.map { "clause \($0)" } ?? "its deadline"
    let afterRu = before.map { "после срока шага «\($0.id)»" + ($0.clause.map { " (п. \($0))" } ?? "") } ?? "после выявления"
    let afterEn = before.map { "after the deadline of `\($0.id)`" + ($0.clause.map { " (clause \($0))" } ?? "") }
      ?? "after detection"
    // The clauses: the step's, the predecessor's, and the deadline the step's own is counted back from.
    var clauses = [step.clause, before?.clause].compactMap { $0 }
    if let reference = context.plan(categories: s.categories)?.rule(ofStep: step.index)?.before {
      switch reference {
      case .limit(let l): if let c = compiled.limits[l].clause { clauses.append(c) }
      case .step(let k): if let c = compiled.steps[k].clause { clauses.append(c) }
      }
    }
    var notes: [DiagnosticNote] = [DiagnosticNote(.init(
      en: "path \(explorer.text(s.path)); least when detected \(s.least.at.map { context.time.timeZone.iso($0) } ?? "?")",
      ru: "путь \(explorer.text(s.path)); меньше всего при выявлении \(s.least.at.map { "\($0.russian) (\(context.time.timeZone.offsetText(at: $0)))" } ?? "?")"))]
    if let at = s.least.at, let plan = context.plan(categories: s.categories) {
      var run = CaseRun(plan, detected: at)
      let tl = explorer.timeline(s.path, plan: plan, limit: s.limit.index, detected: at, run: &run)
      let rule = FeasibilityRule()
      notes += rule.timelineNotes(PathExplorer.Timeline(detected: tl.detected,
        ends: Array(tl.ends[...s.position]), internalSlack: nil, limitDue: nil), s.limit.source, context)
    }
    return Diagnostic(.stepSqueezed, subject: step.id, message: .init(
      en: "\(whoEn) \(judgedEn) (\(otherEn)) for `\(step.id)`\(s.label) \(afterEn): the deadline of \(clauseEn) comes no later than the deadline of what the step waits for",
      ru: "\(whoRu) \(judgedRu) (\(otherRu)) на шаг «\(step.id)»\(step.name == step.id ? "" : " (\(step.name))")\(s.label) \(afterRu): срок \(clause) наступает не позже срока того, чего этот шаг ждёт"),
      at: step.source.idRange, clauses: sortClauses(clauses), notes: notes,
      hint: .init(en: "the act gives the step no time of its own on this path; shorten the deadlines before it or count the step's own from a later moment",
        ru: "на этом пути акт не оставляет шагу собственного времени; сократите сроки предшествующих шагов или отсчитывайте срок шага от более позднего момента"))
  }

  /// A duration that may be negative: "−16 ч 00 мин" (the step's deadline comes that long before what it waits for).
  func signed(_ seconds: Int, _ lang: Language = .ru) -> String {
    seconds < 0 ? "−" + minutes(-seconds, lang) : minutes(seconds, lang)
  }
}
