import Foundation
import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// Checks what the spec alone cannot: duplicate ids, references to undefined items (with "did you mean" and where the
/// candidate is declared), the time zone, the language version and cycles between deadline anchors.
struct ReferenceChecker {
  let reg: Regulation
  var diagnostics: [Diagnostic] = []

  init(_ reg: Regulation) { self.reg = reg }

  mutating func check() {
    if reg.version != RegulationLanguage.version {
      diagnostics.append(Diagnostic(.unsupportedVersion, message: .init(
        en: "language version \(reg.version) is not supported; this reglament reads version \(RegulationLanguage.version)",
        ru: "версия языка \(reg.version) не поддерживается; поддерживается версия \(RegulationLanguage.version)"),
        at: SourceRange(file: reg.file, line: 1, column: 1)))
    }
    duplicates("role", "роль", reg.roles.map { ($0.id, $0.range) })
    duplicates("kind", "вид сообщения", reg.kinds.map { ($0.id, $0.range) })
    duplicates("channel", "площадка", reg.channels.map { ($0.id, $0.range) })
    duplicates("category", "категория", reg.categories.map { ($0.id, $0.range) })
    duplicates("situation", "обстоятельство", reg.situations.map { ($0.id, $0.range) })
    duplicates("exclusion", "исключение", reg.exclusions.map { ($0.id, $0.range) })
    duplicates("step or limit", "шаг или общий срок", reg.steps.map { ($0.id, $0.idRange) } + reg.limits.map { ($0.id, $0.idRange) })
    duplicates("duty", "обязанность", reg.duties.map { ($0.id, $0.range) } + reg.obligations.map { ($0.id, $0.range) })
    duplicates("annex", "приложение", reg.act.annexes.map { ($0.id, $0.range) })
    duplicates("edition", "редакция", reg.act.editions.map { ($0.id, $0.range) })
    duplicates("answer requirement", "требование к ответу", reg.answerRequirements.map { ($0.id, $0.range) })

    if let wt = reg.workingTime, RegulationTimeZone(identifier: wt.timeZone.value) == nil {
      let zones = ["Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk", "Asia/Krasnoyarsk",
        "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok", "Asia/Sakhalin", "Asia/Magadan", "Asia/Kamchatka", "Europe/Kaliningrad"]
      let place = RussianTimeZones.zone(for: wt.timeZone.value)
      let guess = place?.zone ?? Suggestions.best(for: wt.timeZone.value, among: zones)
      diagnostics.append(Diagnostic(.unknownTimeZone, message: .init(
        en: "unknown time zone `\(wt.timeZone.value)`", ru: "неизвестный часовой пояс `\(wt.timeZone.value)`"),
        at: wt.timeZone.range,
        hint: place.map { .init(en: "time zones are written as IANA names: for this place use `\($0.zone)`",
          ru: "часовой пояс записывается именем IANA: для «\(wt.timeZone.value)» это `\($0.zone)`") }
          ?? guess.map { .init(en: "did you mean `\($0)`?", ru: "возможно, имелся в виду `\($0)`?") }
          ?? .init(en: "use an IANA name such as Europe/Moscow or Asia/Sakhalin",
            ru: "укажите имя IANA, например Europe/Moscow или Asia/Sakhalin"),
        fixIts: guess.map { [FixIt(range: wt.timeZone.range, replacement: $0)] } ?? []))
    }
    let roles = Declared(reg.roles.map { ($0.id, $0.name, $0.range) })
    reg.workingTime?.roleScheduleRoles.forEach { ref($0, roles, "role", "роль") }
    let steps = Declared(reg.steps.map { ($0.id, $0.name, $0.idRange) })
    let limits = Declared(reg.limits.map { ($0.id, $0.name, $0.idRange) })
    let stepsAndLimits = Declared(steps.items + limits.items)
    let categories = Declared(reg.categories.map { ($0.id, $0.name, $0.range) })
    let kinds = Declared(reg.kinds.map { ($0.id, $0.name, $0.range) })
    let channels = Declared(reg.channels.map { ($0.id, $0.name, $0.range) })
    let situations = Declared(reg.situations.map { ($0.id, $0.name, $0.range) })

    func checkCondition(_ c: Condition) {
      c.categories.forEach { ref($0, categories, "category", "категория", allowNames: true) }
      c.kinds.forEach { ref($0, kinds, "kind", "вид сообщения") }
      c.channels.forEach { ref($0, channels, "channel", "площадка") }
      c.situations.forEach { ref($0, situations, "situation", "обстоятельство") }
      c.allOf.joined().forEach { ref($0, categories, "category", "категория", allowNames: true) }
    }
    let editions = Declared(reg.act.editions.map { ($0.id, $0.summary ?? $0.id, $0.range) })
    func checkValidity(_ v: Validity) {
      [v.since, v.until].compactMap { $0 }.forEach { ref($0, editions, "edition", "редакция") }
    }
    func checkDeadline(_ d: StepDeadline?) {
      guard case .rules(let rules)? = d else { return }
      for rule in rules {
        for a in rule.anchors {
          if case .step(let s) = a.value { ref(Located(s, at: a.range), steps, "step", "шаг", extra: ["detected", "posted"]) }
        }
        if let b = rule.before { ref(b, stepsAndLimits, "step or limit", "шаг или общий срок") }
        if let b = rule.notLaterThan { ref(b, stepsAndLimits, "step or limit", "шаг или общий срок") }
        checkCondition(rule.condition)
        checkValidity(rule.validity)
      }
    }
    for step in reg.steps {
      if let role = step.role { ref(role, roles, "role", "роль") }
      checkCondition(step.condition)
      checkDeadline(step.deadline)
      for o in step.outcomes { if let to = o.to { ref(to, steps, "step", "шаг", extra: ["end"]) } }
      if let by = step.coExecution?.orderSetBy { ref(by, roles, "role", "роль") }
      checkValidity(step.validity)
    }
    for o in reg.obligations {
      if let role = o.role { ref(role, roles, "role", "роль") }
      o.with.forEach { ref($0, roles, "role", "роль") }
      checkDeadline(o.deadline)
      checkValidity(o.validity)
    }
    for a in reg.answerRequirements {
      checkCondition(a.condition)
      checkValidity(a.validity)
    }
    reg.regime?.scope.forEach { f in f.categories.forEach { ref($0, categories, "category", "категория", allowNames: true) } }
    for limit in reg.limits {
      ref(limit.until, steps, "step", "шаг")
      checkDeadline(limit.deadline)
      checkValidity(limit.validity)
    }
    for duty in reg.duties {
      if let role = duty.role { ref(role, roles, "role", "роль") }
      if let to = duty.recipient { ref(to, roles, "role", "роль") }
      checkCondition(duty.condition)
      checkDeadline(duty.deadline)
    }
    for c in reg.categories { c.appliesTo.forEach { ref($0, categories, "category", "категория") } }
    for e in reg.exclusions {
      if let s = e.step { ref(s, steps, "step", "шаг") }
      checkValidity(e.validity)
    }
    reg.repeatMessages?.steps.forEach { ref($0, steps, "step", "шаг") }
    for t in reg.tests {
      t.categories.forEach { ref($0, categories, "category", "категория", allowNames: true) }
      if let k = t.kind { ref(k, kinds, "kind", "вид сообщения", allowNames: true) }
      t.events.forEach { ref($0.step, steps, "step", "шаг", extra: ["posted"]) }
      t.expected.forEach { ref($0.step, stepsAndLimits, "step or limit", "шаг или общий срок") }
    }
    relatedFiles()
    cycles()
  }

  /// A related act or annex kept in another Reglament file must name a file that exists (relative to this one).
  /// Checked only when this file itself is on disk (not for text given in memory, as in the playground).
  mutating func relatedFiles() {
    let fm = FileManager.default
    guard fm.fileExists(atPath: reg.file) else { return }
    let directory = (reg.file as NSString).deletingLastPathComponent
    let named = reg.relatedActs.compactMap { a in a.file.map { ($0, a.range) } }
      + reg.act.annexes.compactMap { a in a.file.map { ($0, a.range) } }
    for (file, range) in named {
      let path = file.hasPrefix("/") ? file : (directory.isEmpty ? file : directory + "/" + file)
      guard !fm.fileExists(atPath: path) else { continue }
      diagnostics.append(Diagnostic(.unknownReference, message: .init(
        en: "related file `\(file)` does not exist", ru: "связанный файл `\(file)` не найден"), at: range,
        hint: .init(en: "give the path relative to this file, e.g. `annex-1.yaml`",
          ru: "укажите путь относительно этого файла, например `annex-1.yaml`")))
    }
  }

  mutating func duplicates(_ what: String, _ ru: String, _ items: [(String, SourceRange)]) {
    var first: [String: SourceRange] = [:]
    for (id, range) in items where !id.isEmpty {
      if let earlier = first[id] {
        diagnostics.append(Diagnostic(.duplicateID, message: .init(
          en: "\(what) `\(id)` is declared twice", ru: "\(ru) `\(id)` объявлен(а) дважды"), at: range,
          notes: [DiagnosticNote(.init(en: "first declared here", ru: "впервые объявлен(а) здесь"), at: earlier)],
          hint: .init(en: "give each item its own id", ru: "дайте каждому элементу свой идентификатор")))
      } else {
        first[id] = range
      }
    }
  }

  mutating func ref(
    _ name: Located<String>, _ declared: Declared, _ what: String, _ ruKey: String,
    extra: [String] = [], allowNames: Bool = false
  ) {
    let noun = RussianNoun.named(ruKey)
    let v = name.value
    if extra.contains(v) || declared.ids.contains(v) { return }
    let candidates = declared.items
    if allowNames, reg.category(named: v) != nil || reg.kind(named: v) != nil { return }
    let pool = candidates.map(\.0) + extra + (allowNames ? candidates.map(\.1) : [])
    // A role or step named as the act names it («исполнитель», «направление сообщения») means its id.
    let byName = candidates.first { Self.nameMatches($0.1, v) }?.0
    let guess = byName ?? Suggestions.best(for: v, among: pool) ?? candidates.first { $0.1.lowercased() == v.lowercased() }?.0
    var notes: [DiagnosticNote] = []
    var hint: LocalizedText
    if let byName, let declared = candidates.first(where: { $0.0 == byName }) {
      notes.append(DiagnosticNote(.init(en: "`\(v)` is the name of \(what) `\(declared.0)` (declared on line \(declared.2.start.line)); references use ids",
        ru: "«\(v)» — название: \(noun.meant) «\(declared.0)» (\(noun.declared) в строке \(declared.2.start.line)); ссылки пишутся по идентификатору"),
        at: declared.2))
      hint = .init(en: "did you mean `\(declared.0)`?", ru: "возможно, имелось в виду «\(declared.0)»?")
    } else if let guess, let declared = candidates.first(where: { $0.0 == guess || $0.1 == guess }) {
      notes.append(DiagnosticNote(.init(en: "did you mean \(what) `\(declared.0)` (declared on line \(declared.2.start.line))?",
        ru: "возможно, \(noun.meant) «\(declared.0)» (\(noun.declared) в строке \(declared.2.start.line))"), at: declared.2))
      hint = .init(en: "replace with `\(declared.0)`", ru: "замените на «\(declared.0)»")
    } else if let guess {
      hint = .init(en: "did you mean `\(guess)`?", ru: "возможно, имелось в виду «\(guess)»?")
    } else {
      let known = (candidates.map(\.0) + extra).joined(separator: ", ")
      hint = known.isEmpty
        ? .init(en: "declare it first", ru: "сначала объявите его")
        : .init(en: "declared: \(known)", ru: "объявлены: \(known)")
    }
    diagnostics.append(Diagnostic(.unknownReference, message: .init(
      en: "unknown \(what) `\(v)`", ru: "\(noun.unknown) «\(v)»"), at: name.range, notes: notes, hint: hint,
      fixIts: guess.map { g in [FixIt(range: name.range, replacement: candidates.first { $0.1 == g }?.0 ?? g)] } ?? []))
  }

  /// Whether `written` is the declared name, or the name up to its first explanation («исполнитель (структурное
  /// подразделение…)», «куратор — работник…»), ignoring case.
  static func nameMatches(_ name: String, _ written: String) -> Bool {
    let n = name.lowercased(), w = written.lowercased().trimmingCharacters(in: .whitespaces)
    guard !w.isEmpty else { return false }
    if n == w { return true }
    for separator in [" (", " — ", " - ", ", ", ": "] where n.hasPrefix(w + separator) { return true }
    return false
  }

  /// Deadlines that anchor on each other in a circle can never be computed.
  mutating func cycles() {
    var edges: [String: [(String, SourceRange)]] = [:]
    func add(_ owner: String, _ d: StepDeadline?) {
      guard case .rules(let rules)? = d else { return }
      for rule in rules {
        // With several anchors the first is the one used when nothing else happened; the others are later events
        // (a rework after the first draft), so only the first can make a cycle.
        if let a = rule.anchor, case .step(let s) = a.value { edges[owner, default: []].append((s, a.range)) }
        if let b = rule.before { edges[owner, default: []].append((b.value, b.range)) }
        if let b = rule.notLaterThan { edges[owner, default: []].append((b.value, b.range)) }
      }
    }
    reg.steps.forEach { add($0.id, $0.deadline) }
    reg.limits.forEach { add($0.id, $0.deadline) }
    var state: [String: Int] = [:]
    var stack: [(String, SourceRange)] = []
    var reported = Set<String>()
    func visit(_ node: String) {
      state[node] = 1
      for (next, range) in edges[node] ?? [] {
        if state[next] == 1 {
          var cycle = Array(stack.drop { $0.0 != next })
          cycle.append((node, range))
          let names = cycle.map(\.0)
          let key = names.sorted().joined(separator: ",")
          if !reported.contains(key) {
            reported.insert(key)
            let path = (names + [next]).joined(separator: " → ")
            diagnostics.append(Diagnostic(.anchorCycle, message: .init(
              en: "deadlines anchor on each other in a cycle: \(path)", ru: "сроки отсчитываются друг от друга по кругу: \(path)"),
              at: range, notes: cycle.dropLast().map { DiagnosticNote(.init(en: "`\($0.0)` anchors here", ru: "«\($0.0)» отсчитывается здесь"), at: $0.1) },
              hint: .init(en: "anchor one of them on `detected` or on an earlier step",
                ru: "отсчитывайте один из сроков от `detected` или от более раннего шага")))
          }
        } else if state[next] == nil {
          stack.append((node, range))
          visit(next)
          stack.removeLast()
        }
      }
      state[node] = 2
    }
    for id in (reg.steps.map(\.id) + reg.limits.map(\.id)).sorted() where state[id] == nil { visit(id) }
  }
}

/// Russian forms of the things a reference can name (gender agrees with the noun).
struct RussianNoun {
  var unknown: String
  var meant: String
  var declared: String

  static func named(_ key: String) -> RussianNoun {
    switch key {
    case "редакция": RussianNoun(unknown: "неизвестная редакция", meant: "имелась в виду редакция", declared: "объявлена")
    case "роль": RussianNoun(unknown: "неизвестная роль", meant: "имелась в виду роль", declared: "объявлена")
    case "категория": RussianNoun(unknown: "неизвестная категория", meant: "имелась в виду категория", declared: "объявлена")
    case "площадка": RussianNoun(unknown: "неизвестная площадка", meant: "имелась в виду площадка", declared: "объявлена")
    case "обстоятельство":
      RussianNoun(unknown: "неизвестное обстоятельство", meant: "имелось в виду обстоятельство", declared: "объявлено")
    case "вид сообщения":
      RussianNoun(unknown: "неизвестный вид сообщения", meant: "имелся в виду вид сообщения", declared: "объявлен")
    case "шаг или общий срок":
      RussianNoun(unknown: "неизвестный шаг или общий срок", meant: "имелся в виду", declared: "объявлен")
    default: RussianNoun(unknown: "неизвестный \(key)", meant: "имелся в виду \(key)", declared: "объявлен")
    }
  }
}

/// Declared items of one kind — (id, name, place) — with their ids in a set, so that checking a reference is O(1).
struct Declared {
  let items: [(String, String, SourceRange)]
  let ids: Set<String>

  init(_ items: [(String, String, SourceRange)]) {
    self.items = items
    self.ids = Set(items.map(\.0))
  }
}
