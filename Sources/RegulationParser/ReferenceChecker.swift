import Foundation
import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// Checks what the spec alone cannot: duplicate ids, references to undefined items (with "did you mean" and where the
/// candidate is declared), the time zone, the language version and cycles between deadline anchors.
struct ReferenceChecker {
  let reg: Regulation
  var diagnostics: [Diagnostic] = []
  /// Bounds the "did you mean" work of the whole file.
  let suggestionBudget = Suggestions.Budget()

  init(_ reg: Regulation) { self.reg = reg }

  /// Most `role_schedules` a file may give.
  static let maxRoleSchedules = 64

  mutating func check() {
    if reg.version != RegulationLanguage.version {
      diagnostics.append(Diagnostic(.unsupportedVersion, message: .init(
        en: "language version \(reg.version) is not supported; this reglament reads version \(RegulationLanguage.version)",
        ru: "версия языка \(reg.version) не поддерживается; поддерживается версия \(RegulationLanguage.version)"),
        at: reg.versionRange ?? SourceRange(file: reg.file, line: 1, column: 1)))
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
    duplicates("reading", "спорное место", reg.readingPoints.map { ($0.id, $0.range) })
    for point in reg.readingPoints {
      duplicates("reading of `\(point.id)`", "прочтение «\(point.id)»", point.alternatives.map { ($0.id.value, $0.id.range) })
    }

    if let wt = reg.workingTime, RegulationTimeZone(identifier: wt.timeZone.value) == nil {
      let zones = ["Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk", "Asia/Krasnoyarsk",
        "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok", "Asia/Sakhalin", "Asia/Magadan", "Asia/Kamchatka", "Europe/Kaliningrad"]
      let place = RussianTimeZones.zone(for: wt.timeZone.value)
      let guess = place?.zone ?? Suggestions.best(for: wt.timeZone.value, among: zones, budget: suggestionBudget)
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
    // Each role schedule costs a working-time table over the whole calendar (≈ 200 KB, built in milliseconds): a
    // bound keeps a file with thousands of them from taking gigabytes. Real acts have one or two.
    if let schedules = reg.workingTime?.roleScheduleRoles, schedules.count > Self.maxRoleSchedules {
      let first = schedules[Self.maxRoleSchedules]
      diagnostics.append(Diagnostic(.invalidValue, message: .init(
        en: "\(schedules.count) role schedules: at most \(Self.maxRoleSchedules) are allowed",
        ru: "графиков ролей: \(schedules.count); допускается не более \(Self.maxRoleSchedules)"),
        at: first.range,
        hint: .init(en: "give roles that work the same hours one schedule, or use the organisation's schedule",
          ru: "ролям с одинаковыми часами работы задайте один график или используйте график организации")))
    }
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
        // A rejected reading's references are checked like the chosen one's (its other keys are the chosen rule's).
        let alternatives = rule.assumption?.rejected.compactMap(\.rule) ?? []
        if !alternatives.isEmpty { checkDeadline(.rules(alternatives)) }
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
    if allowNames, reg.category(named: v) != nil || reg.kind(named: v) != nil { return }
    // A role or step named as the act names it («исполнитель», «направление сообщения») means its id. Bounded
    // suggestions: only candidates of similar length, with a cut-off, within the file's budget.
    let byName = declared.idNamed(v, budget: suggestionBudget)
    let guess = byName ?? declared.nearest(to: v, extra: extra, names: allowNames, count: 1, budget: suggestionBudget).first
      ?? declared.idByLowercasedName[v.lowercased()]
    var notes: [DiagnosticNote] = []
    var hint: LocalizedText
    if let byName, let declared = declared.item(idOrName: byName) {
      notes.append(DiagnosticNote(.init(en: "`\(SpecValidator.shown(v))` is the name of \(what) `\(declared.0)` (declared on line \(declared.2.start.line)); references use ids",
        ru: "«\(SpecValidator.shown(v))» — название: \(noun.meant) «\(declared.0)» (\(noun.declared) в строке \(declared.2.start.line)); ссылки пишутся по идентификатору"),
        at: declared.2))
      hint = .init(en: "did you mean `\(declared.0)`?", ru: "возможно, имелось в виду «\(declared.0)»?")
    } else if let guess, let declared = declared.item(idOrName: guess) {
      notes.append(DiagnosticNote(.init(en: "did you mean \(what) `\(declared.0)` (declared on line \(declared.2.start.line))?",
        ru: "возможно, \(noun.meant) «\(declared.0)» (\(noun.declared) в строке \(declared.2.start.line))"), at: declared.2))
      hint = .init(en: "replace with `\(declared.0)`", ru: "замените на «\(declared.0)»")
    } else if let guess {
      hint = .init(en: "did you mean `\(guess)`?", ru: "возможно, имелось в виду «\(guess)»?")
    } else {
      // Name a few declared ids, never all of them (a hint per reference listing every id grows quadratically).
      let known = Array((declared.items.prefix(Declared.hintSize).map(\.0) + extra).prefix(Declared.hintSize))
      let total = declared.items.count + extra.count
      let more = total - known.count
      let list = known.joined(separator: ", ")
      hint = known.isEmpty
        ? .init(en: "declare it first", ru: "сначала объявите его")
        : more > 0
          ? .init(en: "declared: \(list) and \(more) more", ru: "объявлены: \(list) и ещё \(more)")
          : .init(en: "declared: \(list)", ru: "объявлены: \(list)")
    }
    diagnostics.append(Diagnostic(.unknownReference, message: .init(
      en: "unknown \(what) `\(SpecValidator.shown(v))`", ru: "\(noun.unknown) «\(SpecValidator.shown(v))»"), at: name.range, notes: notes, hint: hint,
      fixIts: guess.map { g in [FixIt(range: name.range, replacement: declared.item(idOrName: g)?.0 ?? g)] } ?? []))
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
    // Depth-first search with an explicit stack of frames (node, next edge): a chain of thousands of steps anchored
    // each on the one before must not exhaust the thread's stack.
    func visit(_ start: String) {
      var frames: [(node: String, next: Int)] = [(start, 0)]
      state[start] = 1
      while let top = frames.last {
        let out = edges[top.node] ?? []
        guard top.next < out.count else {
          state[top.node] = 2
          frames.removeLast()
          if !frames.isEmpty { stack.removeLast() }
          continue
        }
        frames[frames.count - 1].next += 1
        let node = top.node
        let (next, range) = out[top.next]
        if state[next] == 1 {
          var cycle = Array(stack.drop { $0.0 != next })
          cycle.append((node, range))
          let names = cycle.map(\.0)
          let key = names.sorted().joined(separator: ",")
          if !reported.contains(key) {
            reported.insert(key)
            // A cycle through thousands of steps is named by its first few.
            let shownNames = names.count > 12 ? Array(names.prefix(12)) + ["… (\(names.count - 12))"] : names
            let path = (shownNames + [next]).joined(separator: " → ")
            diagnostics.append(Diagnostic(.anchorCycle, message: .init(
              en: "deadlines anchor on each other in a cycle: \(path)", ru: "сроки отсчитываются друг от друга по кругу: \(path)"),
              at: range, notes: cycle.dropLast().prefix(12).map { DiagnosticNote(.init(en: "`\($0.0)` anchors here", ru: "«\($0.0)» отсчитывается здесь"), at: $0.1) },
              hint: .init(en: "anchor one of them on `detected` or on an earlier step",
                ru: "отсчитывайте один из сроков от `detected` или от более раннего шага")))
          }
        } else if state[next] == nil {
          stack.append((node, range))
          state[next] = 1
          frames.append((next, 0))
        }
      }
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

/// Declared items of one kind — (id, name, place) — with their ids in a set, so that checking a reference is O(1), and
/// prepared for bounded "did you mean" look-ups. The look-ups (lower-cased names, suggestion pools) are built on the
/// first unknown reference: a file whose references all resolve never pays for them.
final class Declared {
  /// How many declared ids a hint names at most.
  static let hintSize = 5

  let items: [(String, String, SourceRange)]
  let ids: Set<String>
  lazy var idPool = Suggestions.Pool(items.map(\.0))
  lazy var namePool = Suggestions.Pool(items.map(\.1))
  /// The first item of each id and of each name.
  lazy var indexByIdOrName: [String: Int] = {
    var index: [String: Int] = [:]
    for (i, item) in items.enumerated() {
      if index[item.0] == nil { index[item.0] = i }
      if index[item.1] == nil { index[item.1] = i }
    }
    return index
  }()
  lazy var idByLowercasedName: [String: String] = {
    var lower: [String: String] = [:]
    for (l, item) in zip(lowercasedNames, items) where lower[l] == nil { lower[l] = item.0 }
    return lower
  }()
  lazy var lowercasedNames: [String] = items.map { $0.1.lowercased() }

  init(_ items: [(String, String, SourceRange)]) {
    self.items = items
    self.ids = Set(items.map(\.0))
  }

  func item(idOrName: String) -> (String, String, SourceRange)? { indexByIdOrName[idOrName].map { items[$0] } }

  /// The id of the item whose name is `written` (ignoring case), or whose name starts with it followed by an
  /// explanation («исполнитель (структурное подразделение…)»): see `ReferenceChecker.nameMatches`. The prefix search
  /// is paid from the suggestion budget.
  func idNamed(_ written: String, budget: Suggestions.Budget) -> String? {
    let w = written.lowercased().trimmingCharacters(in: .whitespaces)
    guard !w.isEmpty else { return nil }
    if let id = idByLowercasedName[w] { return id }
    guard w.utf8.count <= 4 * Suggestions.longestWord else { return nil }
    let prefixes = [" (", " — ", " - ", ", ", ": "].map { w + $0 }
    for (i, name) in lowercasedNames.enumerated() {
      guard budget.spend(w.utf8.count) else { return nil }
      if prefixes.contains(where: { name.hasPrefix($0) }) { return items[i].0 }
    }
    return nil
  }

  /// The nearest ids (and names, when `names`) and extra words, nearest first, ties alphabetically.
  func nearest(to word: String, extra: [String], names: Bool, count: Int, budget: Suggestions.Budget) -> [String] {
    var found = idPool.nearest(to: word, count: count, budget: budget).map { ($0, 0) }
    found += Suggestions.Pool(extra).nearest(to: word, count: count, budget: budget).map { ($0, 1) }
    if names { found += namePool.nearest(to: word, count: count, budget: budget).map { ($0, 2) } }
    guard found.count > 1 else { return found.map(\.0) }
    let scored = found.map { (Suggestions.distance($0.0, word), $0.0) }.sorted { $0 < $1 }
    var seen = Set<String>()
    return scored.compactMap { seen.insert($0.1).inserted ? $0.1 : nil }.prefix(count).map { $0 }
  }
}
