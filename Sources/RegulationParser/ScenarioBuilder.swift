import Foundation
import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// Builds a `Scenario` from a tree checked by `SpecValidator`, and checks it against the regulation. Each problem is a
/// located diagnostic; what can be built still is.
struct ScenarioBuilder {
  let file: String
  let regulation: Regulation
  var diagnostics: [Diagnostic] = []
  var stepsRange: SourceRange?
  var staffRange: SourceRange?
  var durationsRange: SourceRange?

  init(file: String, regulation: Regulation) {
    self.file = file
    self.regulation = regulation
  }

  func r(_ node: YAMLTree) -> SourceRange { node.range(file: file) }

  mutating func error(_ id: DiagnosticID, _ en: String, _ ru: String, at range: SourceRange, hint: LocalizedText? = nil,
    fix: String? = nil)
  {
    diagnostics.append(Diagnostic(id, message: .init(en: en, ru: ru), at: range, hint: hint,
      fixIts: fix.map { [FixIt(range: range, replacement: $0)] } ?? []))
  }

  /// A non-negative number, or a diagnostic.
  mutating func number(_ node: YAMLTree?, _ what: String, max: Double = .infinity) -> Double? {
    guard let node, let s = node.scalarText, !node.isNull else { return nil }
    guard let v = Double(s.replacingOccurrences(of: ",", with: ".").trimmingCharacters(in: .whitespaces)), v.isFinite else {
      error(.wrongType, "`\(what)` must be a number, found `\(s)`", "`\(what)`: ожидается число, а указано «\(s)»", at: r(node))
      return nil
    }
    if v < 0 {
      error(.invalidValue, "`\(what)` must not be negative: \(s)", "`\(what)` не может быть отрицательным: \(s)", at: r(node),
        hint: .init(en: "rates, durations and shares are zero or more", ru: "интенсивности, длительности и доли — не меньше нуля"))
      return nil
    }
    if v > max {
      error(.invalidValue, "`\(what)` is a share and must not exceed \(Int(max)): \(s)",
        "`\(what)` — доля и не может быть больше \(Int(max)): \(s)", at: r(node))
      return nil
    }
    return v
  }

  /// Where a key of a mapping is written (for problems with its whole section).
  func keyRange(_ node: YAMLTree, _ key: String) -> SourceRange? {
    guard case .mapping(let p, _, _) = node else { return nil }
    return p.first { $0.key.scalarText == key }.map { r($0.key) }
  }

  func pairs(_ node: YAMLTree?) -> [(YAMLTree, YAMLTree)] {
    if case .mapping(let p, _, _)? = node { return p.map { ($0.key, $0.value) } }
    return []
  }

  // MARK: - Building

  mutating func build(_ tree: YAMLTree) -> Scenario {
    var s = Scenario(file: file, range: r(tree))
    s.name = tree["name"]?.scalarText ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    s.regulation = tree["regulation"]?.scalarText
    if let v = tree["scenario"]?.scalarText, v != "1", Int(v) != nil {
      error(.unsupportedVersion, "scenario language version \(v) is not supported; this Reglament reads version 1",
        "версия языка сценариев \(v) не поддерживается; поддерживается версия 1", at: r(tree["scenario"]!))
    }
    if let h = tree["horizon"] {
      if let d = h["start"]?.scalarText.flatMap({ CivilDate(iso: $0) }) { s.horizon.start = d }
      if let d = h["days"]?.scalarText.flatMap({ Int($0) }) { s.horizon.days = d }
      if let d = h["warmup_days"]?.scalarText.flatMap({ Int($0) }) { s.horizon.warmupDays = d }
      if s.horizon.warmupDays >= s.horizon.days, let n = h["warmup_days"] {
        error(.invalidValue, "the warm-up (\(s.horizon.warmupDays) days) must be shorter than the horizon (\(s.horizon.days) days)",
          "разогрев (\(s.horizon.warmupDays) дн.) должен быть короче периода (\(s.horizon.days) дн.)", at: r(n))
      }
    }
    if let a = tree["arrivals"] { s.arrivals = arrivals(a) }
    staffRange = keyRange(tree, "staff")
    for (k, v) in pairs(tree["staff"]) {
      guard let role = k.scalarText else { continue }
      if let spec = staff(Located(role, at: r(k)), v) { s.staff[role] = spec }
    }
    durationsRange = keyRange(tree, "durations")
    for (k, v) in pairs(tree["durations"]) {
      guard let step = k.scalarText else { continue }
      if let d = distribution(v, step: step) { s.durations[step] = Located(d, at: r(k)) }
    }
    for (k, v) in pairs(tree["branches"]) {
      guard let step = k.scalarText else { continue }
      var outcomes: [(outcome: Located<String>, probability: Double)] = []
      for (ok, ov) in pairs(v) {
        guard let o = ok.scalarText, let p = number(ov, "branches.\(step).\(o)", max: 1) else { continue }
        outcomes.append((Located(o, at: r(ok)), p))
      }
      s.branches[step] = BranchSpec(step: Located(step, at: r(k)), outcomes: outcomes, range: r(k))
    }
    if let n = tree["max_rework"]?.scalarText.flatMap({ Int($0) }) { s.maxRework = n }
    if let c = tree["co_executors"] {
      var mix: [Int: Double] = [:]
      for (k, v) in pairs(c) {
        guard let key = k.scalarText else { continue }
        guard let n = Int(key), n >= 1 else {
          error(.invalidValue, "`co_executors` keys are numbers of co-executors (1, 2, …), found `\(key)`",
            "ключи `co_executors` — число соисполнителей (1, 2, …), а указано «\(key)»", at: r(k))
          continue
        }
        if let p = number(v, "co_executors.\(key)", max: 1) { mix[n] = p }
      }
      checkSum(mix.values.reduce(0, +), "co_executors", at: r(c))
      if !mix.isEmpty { s.coExecutors = mix }
    }
    if let q = tree["queue"]?.scalarText.flatMap(QueueDiscipline.init(rawValue:)) { s.queue = q }
    var variantNodes: [YAMLTree] = []
    if case .sequence(let items, _, _)? = tree["variants"] { variantNodes = items }
    for v in variantNodes {
      var overrides: [ScenarioOverride] = []
      for (k, val) in pairs(v["set"]) {
        guard let key = k.scalarText, let value = val.scalarText else { continue }
        overrides.append(ScenarioOverride(key: key, value: value, range: r(k)))
      }
      s.variants.append(ScenarioVariant(name: v["name"]?.scalarText ?? "", overrides: overrides, range: r(v)))
    }
    return s
  }

  mutating func checkSum(_ sum: Double, _ what: String, at range: SourceRange) {
    if abs(sum - 1) > 1e-6 {
      let shown = String(format: "%.4g", sum)
      error(.invalidValue, "the probabilities of `\(what)` sum to \(shown), not 1",
        "вероятности `\(what)` в сумме дают \(shown), а не 1", at: range,
        hint: .init(en: "shares of one choice must add up to 1 (for example 0.8 and 0.2)",
          ru: "доли одного выбора должны давать в сумме 1 (например, 0,8 и 0,2)"))
    }
  }

  mutating func arrivals(_ a: YAMLTree) -> ArrivalSpec {
    var spec = ArrivalSpec()
    if let v = number(a["per_day"], "arrivals.per_day") { spec.perDay = v }
    if case .sequence(let items, let line, let column)? = a["by_hour"] {
      let values = items.enumerated().map { number($0.element, "arrivals.by_hour[\($0.offset + 1)]") ?? 0 }
      if values.count != 24 {
        error(.invalidValue, "`arrivals.by_hour` needs 24 weights (hours 00–23), found \(values.count)",
          "в `arrivals.by_hour` нужно 24 веса (часы 00–23), а указано \(values.count)",
          at: SourceRange(file: file, line: line, column: column))
      } else if values.allSatisfy({ $0 == 0 }) {
        error(.invalidValue, "`arrivals.by_hour` weights are all zero", "все веса `arrivals.by_hour` нулевые",
          at: SourceRange(file: file, line: line, column: column))
      } else {
        spec.byHour = values
      }
    }
    for (k, v) in pairs(a["by_weekday"]) {
      guard let key = k.scalarText, let days = RegulationParser.weekdays(key), let f = number(v, "arrivals.by_weekday.\(key)")
      else { continue }
      for d in days { spec.byWeekday[d - 1] = f }
    }
    if let v = number(a["days_off"], "arrivals.days_off") { spec.daysOff = v }
    if let v = number(a["excluded"], "arrivals.excluded", max: 1) { spec.excludedShare = v }
    if let v = number(a["repeat"], "arrivals.repeat", max: 1) { spec.repeatShare = v }
    let reg = regulation
    spec.categories = mix(a["categories"], "arrivals.categories", names: reg.categories.map(\.id)) { reg.category(named: $0)?.id }
    spec.kinds = mix(a["kinds"], "arrivals.kinds", names: reg.kinds.map(\.id)) { reg.kind(named: $0)?.id }
    spec.channels = mix(a["channels"], "arrivals.channels", names: reg.channels.map(\.id)) { name in
      reg.channels.first { $0.id == name || $0.name == name }?.id
    }
    if case .sequence(let items, _, _)? = a["bursts"] {
      let tz = regulation.workingTime.flatMap { RegulationTimeZone(identifier: $0.timeZone.value) } ?? .utc
      for b in items {
        guard let start = b["start"]?.scalarText.flatMap({ tz.parseDateTime($0) }),
          let hours = number(b["hours"], "bursts.hours"), let rate = number(b["per_hour"], "bursts.per_hour")
        else { continue }
        var cats: [String] = []
        for n in burstCategories(b["category"]) {
          if let id = regulation.category(named: n.value)?.id { cats.append(id) } else {
            unknown("category", n, among: regulation.categories.map(\.id))
          }
        }
        spec.bursts.append(Burst(start: start, hours: hours, perHour: rate, categories: cats, range: r(b)))
      }
    }
    return spec
  }

  func burstCategories(_ n: YAMLTree?) -> [Located<String>] {
    guard let n else { return [] }
    if case .sequence(let items, _, _) = n { return items.compactMap { i in i.scalarText.map { Located($0, at: r(i)) } } }
    return n.scalarText.map { [Located($0, at: r(n))] } ?? []
  }

  static let missingRu = ["category": "такой категории", "kind": "такого вида сообщения", "channel": "такой площадки",
    "role": "такой роли", "step": "такого шага", "outcome": "такого исхода у шага"]

  mutating func unknown(_ what: String, _ name: Located<String>, among known: [String]) {
    let guess = Suggestions.best(for: name.value, among: known)
    error(.unknownReference, "unknown \(what) `\(name.value)`",
      "«\(name.value)» — \(Self.missingRu[what] ?? "такого элемента") нет в регламенте", at: name.range,
      hint: guess.map { .init(en: "did you mean `\($0)`?", ru: "возможно, имелось в виду «\($0)»?") }
        ?? .init(en: "known: \(known.joined(separator: ", "))", ru: "есть: \(known.joined(separator: ", "))"),
      fix: guess)
  }

  mutating func mix(_ node: YAMLTree?, _ what: String, names: [String], resolve: (String) -> String?) -> [WeightedChoice] {
    guard let node else { return [] }
    var out: [WeightedChoice] = []
    for (k, v) in pairs(node) {
      guard let key = k.scalarText, let p = number(v, "\(what).\(key)", max: 1) else { continue }
      var ids: [String] = []
      var column = r(k).start.column
      for part in key.split(separator: "+", omittingEmptySubsequences: false) {
        let name = part.trimmingCharacters(in: .whitespaces)
        let range = SourceRange(file: file, line: r(k).start.line, column: column, length: max(1, part.count))
        column += part.count + 1
        if let id = resolve(name) { ids.append(id) } else {
          let kind = ["arrivals.categories": "category", "arrivals.kinds": "kind", "arrivals.channels": "channel"][what] ?? what
          unknown(kind, Located(name, at: range), among: names)
        }
      }
      out.append(WeightedChoice(names: ids, share: p, range: r(k)))
    }
    checkSum(out.reduce(0) { $0 + $1.share }, what, at: r(node))
    return out
  }

  mutating func schedule(_ n: YAMLTree?, always: YAMLTree?) -> StaffSchedule? {
    if always?.scalarText == "true" { return .always }
    guard let n else { return nil }
    return ModelBuilder(file: file).schedule(n, name: "график сценария").map { .calendar($0) }
  }

  mutating func staff(_ role: Located<String>, _ n: YAMLTree) -> StaffSpec? {
    var shifts: [Shift] = []
    if case .sequence(let items, _, _)? = n["shifts"] {
      for item in items {
        let count = item["count"]?.scalarText.flatMap { Int($0) } ?? 0
        shifts.append(Shift(count: count, schedule: schedule(item["schedule"], always: item["always"]), range: r(item)))
      }
      if let h = n["headcount"] {
        error(.invalidValue, "give either `headcount` or `shifts` for role `\(role.value)`, not both",
          "для роли «\(role.value)» укажите либо `headcount`, либо `shifts`, но не оба", at: r(h))
      }
    } else {
      let count = n["headcount"]?.scalarText.flatMap { Int($0) } ?? 0
      shifts = [Shift(count: count, schedule: schedule(n["schedule"], always: n["always"]), range: n["headcount"].map(r) ?? r(n))]
    }
    var spec = StaffSpec(role: role, shifts: shifts, range: r(n))
    if let a = n["absence"] {
      spec.vacationShare = number(a["vacation"], "staff.\(role.value).absence.vacation", max: 1) ?? 0
      spec.sickShare = number(a["sick"], "staff.\(role.value).absence.sick", max: 1) ?? 0
      if spec.vacationShare + spec.sickShare >= 1 {
        error(.invalidValue, "absences of `\(role.value)` take the whole time", "отсутствия роли «\(role.value)» занимают всё время",
          at: r(a))
      }
    }
    spec.substitutes = n["substitutes"]?.scalarText.flatMap { Int($0) } ?? 0
    return spec
  }

  mutating func distribution(_ n: YAMLTree, step: String) -> Distribution? {
    let keys = pairs(n).compactMap { $0.0.scalarText }
    guard keys.count == 1, let key = keys.first, let v = n[key] else {
      error(.invalidValue, "the duration of `\(step)` needs exactly one distribution, found \(keys.count)",
        "для длительности «\(step)» нужно ровно одно распределение, а указано \(keys.count)", at: r(n),
        hint: .init(en: "for example `{exponential: 30}` or `{lognormal: {mean: 60, sigma: 0.5}}`",
          ru: "например `{exponential: 30}` или `{lognormal: {mean: 60, sigma: 0.5}}`"))
      return nil
    }
    let w = "durations.\(step).\(key)"
    switch key {
    case "exponential":
      guard let m = number(v, w) else { return nil }
      return .exponential(mean: m)
    case "fixed":
      guard let m = number(v, w) else { return nil }
      return .fixed(m)
    case "lognormal":
      guard let m = number(v["mean"], w + ".mean"), let s = number(v["sigma"], w + ".sigma") else { return nil }
      return .lognormal(mean: m, sigma: s)
    case "uniform":
      guard let a = number(v["min"], w + ".min"), let b = number(v["max"], w + ".max") else { return nil }
      if a > b { error(.invalidValue, "`\(w)`: min is above max", "`\(w)`: минимум больше максимума", at: r(v)); return nil }
      return .uniform(min: a, max: b)
    case "triangular":
      guard let a = number(v["min"], w + ".min"), let c = number(v["mode"], w + ".mode"), let b = number(v["max"], w + ".max")
      else { return nil }
      if !(a <= c && c <= b) {
        error(.invalidValue, "`\(w)`: needs min ≤ mode ≤ max", "`\(w)`: нужно min ≤ mode ≤ max", at: r(v))
        return nil
      }
      return .triangular(min: a, mode: c, max: b)
    case "empirical":
      if case .sequence(let items, _, _) = v {
        let xs = items.compactMap { number($0, w) }
        if xs.isEmpty { error(.invalidValue, "`\(w)` is empty", "`\(w)` пуст", at: r(v)); return nil }
        return .empirical(xs)
      }
      return empiricalFile(v, step: step, what: w)
    default: return nil
    }
  }

  /// Durations from a CSV file: a column of minutes, or fitted from an event log in the audit's canonical CSV
  /// (`case,step,time`): the working minutes from the case's previous event to each event of the step.
  mutating func empiricalFile(_ v: YAMLTree, step: String, what: String) -> Distribution? {
    guard let name = v["file"]?.scalarText else { return nil }
    let base = URL(fileURLWithPath: file).deletingLastPathComponent()
    let path = name.hasPrefix("/") ? name : base.appendingPathComponent(name).path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      error(.unreadableFile, "cannot read `\(name)` (\(what))", "не удаётся прочитать «\(name)» (\(what))", at: r(v["file"]!))
      return nil
    }
    let rows = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces) } }
    guard let header = rows.first else { return nil }
    var xs: [Double] = []
    if v["log"]?.scalarText == "true" {
      guard let c = header.firstIndex(of: "case"), let s = header.firstIndex(of: "step"), let t = header.firstIndex(of: "time"),
        let clocks = regulation.clocks()
      else {
        error(.invalidValue, "`\(name)` is not an event log: the header needs case, step, time",
          "«\(name)» — не журнал событий: в заголовке нужны case, step, time", at: r(v["file"]!))
        return nil
      }
      let roleTable = clocks.context(for: regulation.step(step)?.role?.value).working
      var last: [String: LocalTimestamp] = [:]
      var events: [(String, String, LocalTimestamp)] = []
      for row in rows.dropFirst() where row.count > max(c, s, t) {
        guard let at = clocks.main.timeZone.parseDateTime(row[t]) else { continue }
        events.append((row[c], row[s], at))
      }
      for (kase, st, at) in events.sorted(by: { ($0.0, $0.2) < ($1.0, $1.2) }) {
        if st == step, let prev = last[kase], let w = try? roleTable.workingSeconds(from: prev, to: at) { xs.append(Double(w) / 60) }
        last[kase] = at
      }
    } else {
      let col = v["column"]?.scalarText
      let index = col.flatMap { header.firstIndex(of: $0) } ?? 0
      if let col, header.firstIndex(of: col) == nil {
        error(.invalidValue, "`\(name)` has no column `\(col)`", "в «\(name)» нет столбца «\(col)»", at: r(v["column"]!))
        return nil
      }
      for row in rows.dropFirst() where row.count > index {
        if let x = Double(row[index]), x >= 0 { xs.append(x) }
      }
    }
    if xs.isEmpty {
      error(.invalidValue, "no durations of `\(step)` found in `\(name)`", "в «\(name)» нет длительностей шага «\(step)»",
        at: r(v["file"]!))
      return nil
    }
    return .empirical(xs)
  }

  // MARK: - Checks against the regulation

  mutating func check(_ s: inout Scenario) {
    let stepIDs = regulation.steps.map(\.id), roleIDs = regulation.roles.map(\.id)
    for (role, spec) in s.staff.sorted(by: { $0.key < $1.key }) where regulation.role(role) == nil {
      unknown("role", spec.role, among: roleIDs)
    }
    for (step, d) in s.durations.sorted(by: { $0.key < $1.key }) where regulation.step(step) == nil {
      unknown("step", Located(step, at: d.range), among: stepIDs)
    }
    for (step, b) in s.branches.sorted(by: { $0.key < $1.key }) {
      guard let st = regulation.step(step) else {
        unknown("step", b.step, among: stepIDs)
        continue
      }
      let names = st.outcomes.map(\.on)
      for (o, _) in b.outcomes where !names.contains(o.value) { unknown("outcome", o, among: names) }
      checkSum(b.outcomes.reduce(0) { $0 + $1.probability }, "branches.\(step)", at: b.range)
    }
    guard diagnostics.allSatisfy({ $0.severity != .error }), let flow = ScenarioFlow(regulation: regulation, scenario: s) else {
      return
    }
    // Every step the flow reaches needs a duration and, when it has a role, people in that role.
    var reported = Set<String>()
    for i in flow.reachable(excludedShare: s.arrivals.excludedShare) {
      let step = regulation.steps[i]
      if s.durations[step.id] == nil {
        error(.missingField, "no duration for step `\(step.id)`, which the flow reaches",
          "не задана длительность шага «\(step.id)», до которого доходит поток", at: durationsRange ?? s.range,
          hint: .init(en: "add `\(step.id): {exponential: 30}` under `durations:`",
            ru: "добавьте `\(step.id): {exponential: 30}` в `durations:`"))
      }
      guard let role = step.role?.value, !reported.contains(role) else { continue }
      let spec = s.staff[role]
      if spec == nil || spec!.headcount == 0 {
        error(.invalidValue, "role `\(role)` has no staff, but the flow needs it for step `\(step.id)`",
          "у роли «\(role)» нет сотрудников, а поток проходит через её шаг «\(step.id)»",
          at: spec?.shifts.first?.range ?? staffRange ?? s.range,
          hint: .init(en: "give `staff.\(role).headcount` of 1 or more", ru: "укажите `staff.\(role).headcount` не меньше 1"))
        reported.insert(role)
      }
    }
  }

  // MARK: - Overrides

  mutating func apply(_ o: ScenarioOverride, to s: inout Scenario) {
    let parts = o.key.split(separator: ".").map(String.init)
    let at = o.range ?? SourceRange(file: "--set", line: 1, column: 1)
    func bad(_ en: String, _ ru: String) { error(.invalidValue, "`\(o.key)`: \(en)", "`\(o.key)`: \(ru)", at: at) }
    func num(max: Double = .infinity) -> Double? {
      guard let v = Double(o.value.replacingOccurrences(of: ",", with: ".")), v >= 0, v <= max else {
        bad("`\(o.value)` is not a non-negative number\(max.isFinite ? " up to \(Int(max))" : "")",
          "«\(o.value)» — не неотрицательное число\(max.isFinite ? " не больше \(Int(max))" : "")")
        return nil
      }
      return v
    }
    switch parts.first ?? "" {
    case "queue":
      guard let q = QueueDiscipline(rawValue: o.value) else { return bad("use fcfs or edf", "допустимо fcfs или edf") }
      s.queue = q
    case "max_rework":
      guard let n = Int(o.value), n >= 0 else { return bad("a whole number ≥ 0", "целое число не меньше 0") }
      s.maxRework = n
    case "horizon" where parts.count == 2:
      switch parts[1] {
      case "days": if let n = Int(o.value), n > 0 { s.horizon.days = n } else { bad("days ≥ 1", "число дней ≥ 1") }
      case "warmup_days": if let n = Int(o.value), n >= 0 { s.horizon.warmupDays = n } else { bad("days ≥ 0", "число дней ≥ 0") }
      case "start": if let d = CivilDate(iso: o.value) { s.horizon.start = d } else { bad("a date YYYY-MM-DD", "дата ГГГГ-ММ-ДД") }
      default: bad("known: horizon.start, horizon.days, horizon.warmup_days", "есть: horizon.start, horizon.days, horizon.warmup_days")
      }
    case "arrivals" where parts.count == 2:
      switch parts[1] {
      case "per_day": if let v = num() { s.arrivals.perDay = v }
      case "days_off": if let v = num() { s.arrivals.daysOff = v }
      case "excluded": if let v = num(max: 1) { s.arrivals.excludedShare = v }
      case "repeat": if let v = num(max: 1) { s.arrivals.repeatShare = v }
      default: bad("known: arrivals.per_day, arrivals.days_off, arrivals.excluded, arrivals.repeat",
        "есть: arrivals.per_day, arrivals.days_off, arrivals.excluded, arrivals.repeat")
      }
    case "staff" where parts.count == 3:
      let role = parts[1]
      guard regulation.role(role) != nil else {
        return unknown("role", Located(role, at: at), among: regulation.roles.map(\.id))
      }
      var spec = s.staff[role] ?? StaffSpec(role: Located(role, at: at), shifts: [], range: at)
      guard let n = Int(o.value), n >= 0 else { return bad("a whole number ≥ 0", "целое число не меньше 0") }
      switch parts[2] {
      case "headcount": spec.shifts = [Shift(count: n, schedule: spec.shifts.first?.schedule, range: at)]
      case "substitutes": spec.substitutes = n
      default: return bad("known: staff.ROLE.headcount, staff.ROLE.substitutes", "есть: staff.РОЛЬ.headcount, staff.РОЛЬ.substitutes")
      }
      s.staff[role] = spec
    case "durations" where parts.count == 2:
      guard regulation.step(parts[1]) != nil else {
        return unknown("step", Located(parts[1], at: at), among: regulation.steps.map(\.id))
      }
      guard let d = Self.distribution(text: o.value) else {
        return bad("`\(o.value)` is not a distribution: exponential M, lognormal M S, triangular A C B, uniform A B, fixed M",
          "«\(o.value)» — не распределение: exponential M, lognormal M S, triangular A C B, uniform A B, fixed M")
      }
      s.durations[parts[1]] = Located(d, at: at)
    case "branches" where parts.count == 3:
      guard let st = regulation.step(parts[1]) else {
        return unknown("step", Located(parts[1], at: at), among: regulation.steps.map(\.id))
      }
      guard st.outcomes.contains(where: { $0.on == parts[2] }) else {
        return unknown("outcome", Located(parts[2], at: at), among: st.outcomes.map(\.on))
      }
      guard let p = num(max: 1) else { return }
      // The other outcomes keep their proportions and share the rest.
      let flow = ScenarioFlow(regulation: regulation, scenario: s)
      let current = flow?.branches[regulation.steps.firstIndex { $0.id == st.id }!] ?? []
      let others = current.filter { $0.outcome != parts[2] }.reduce(0) { $0 + $1.probability }
      var outcomes: [(outcome: Located<String>, probability: Double)] = []
      for b in current {
        let q = b.outcome == parts[2] ? p : (others > 0 ? b.probability / others * (1 - p) : 0)
        outcomes.append((Located(b.outcome, at: at), q))
      }
      if others == 0, p < 1, let other = current.first(where: { $0.outcome != parts[2] }),
        let i = outcomes.firstIndex(where: { $0.outcome.value == other.outcome })
      {
        outcomes[i].probability = 1 - p
      }
      s.branches[st.id] = BranchSpec(step: Located(st.id, at: at), outcomes: outcomes, range: at)
    case "deadline" where parts.count == 2:
      guard regulation.step(parts[1]) != nil || regulation.limit(parts[1]) != nil else {
        return unknown("step", Located(parts[1], at: at), among: regulation.steps.map(\.id) + regulation.limits.map(\.id))
      }
      let words = o.value.split(separator: " ").map(String.init)
      guard words.count == 2, let amount = RegulationParser.amount(words[0]), let clock = DeadlineClock(rawValue: words[1]) else {
        return bad("`\(o.value)` is not a period: AMOUNT CLOCK, e.g. `6 working-hours`",
          "«\(o.value)» — не срок: КОЛИЧЕСТВО ЧАСЫ, например `6 working-hours`")
      }
      s.deadlines.removeAll { $0.id == parts[1] }
      s.deadlines.append(DeadlineOverride(id: parts[1], period: Period(clock: clock, amount: amount)))
    default:
      let known = "queue, max_rework, horizon.days, arrivals.per_day, staff.ROLE.headcount, durations.STEP, branches.STEP.OUTCOME, deadline.STEP"
      let guess = Suggestions.best(for: parts.first ?? "", among: ["queue", "max_rework", "horizon", "arrivals", "staff",
        "durations", "branches", "deadline"])
      error(.unknownKey, "unknown parameter `\(o.key)`", "неизвестный параметр «\(o.key)»", at: at,
        hint: guess.map { .init(en: "did you mean `\($0)…`? known: \(known)", ru: "возможно, «\($0)…»? есть: \(known)") }
          ?? .init(en: "known: \(known)", ru: "есть: \(known)"))
    }
  }

  /// `exponential 30`, `lognormal 60 0.5`, `triangular 5 10 30`, `uniform 5 10`, `fixed 5`.
  static func distribution(text: String) -> Distribution? {
    let w = text.split(separator: " ").map(String.init)
    guard let name = w.first else { return nil }
    let xs = w.dropFirst().compactMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
    guard xs.count == w.count - 1, xs.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return nil }
    switch (name, xs.count) {
    case ("exponential", 1): return .exponential(mean: xs[0])
    case ("fixed", 1): return .fixed(xs[0])
    case ("lognormal", 2): return .lognormal(mean: xs[0], sigma: xs[1])
    case ("uniform", 2) where xs[0] <= xs[1]: return .uniform(min: xs[0], max: xs[1])
    case ("triangular", 3) where xs[0] <= xs[1] && xs[1] <= xs[2]: return .triangular(min: xs[0], mode: xs[1], max: xs[2])
    default: return nil
    }
  }
}
