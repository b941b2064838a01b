import Foundation
import RegulationDiagnostics
import RegulationModel
import WorkingTime

/// Checks a `YAMLTree` against the language spec: unknown keys (with "did you mean"), wrong types, missing fields,
/// values outside the allowed set, malformed dates, times and amounts. Collects every problem.
struct SpecValidator {
  let file: String
  var diagnostics: [Diagnostic] = []
  /// Bounds the "did you mean" work of the whole file.
  let suggestionBudget = Suggestions.Budget()

  init(file: String) { self.file = file }

  mutating func validate(_ node: YAMLTree, against spec: ValueSpec, path: @autoclosure () -> String) {
    if node.isNull, case .object = spec {
      let place = path()
      // At the top of the file nothing else says what a section looks like.
      if place.isEmpty {
        wrongType(node, expected: "a section (`key: value` lines)", ru: "раздел (строки `ключ: значение`)", path: place)
      } else {
        wrongType(node, expected: "a section", ru: "раздел", path: place)
      }
      return
    }
    switch spec {
    case .text:
      if node.scalarText == nil { wrongType(node, expected: "text", ru: "текст", path: path()) }
    case .clause:
      guard let s = node.scalarText else { return wrongType(node, expected: "a clause number", ru: "номер пункта", path: path()) }
      if !ClauseGrammar.isValid(s) {
        diagnostics.append(Diagnostic(.invalidValue, message: .init(
          en: "`\(s)` is not a clause reference (\(path()))", ru: "`\(s)` — не номер пункта (\(path()))"),
          at: node.range(file: file),
          hint: .init(en: "write the number as the act does: \"9\", \"3.2\", \"9, абз. 3\", \"прил. 1, п. 4\"; `unnumbered` for a place with no number",
            ru: "запишите номер, как в акте: \"9\", \"3.2\", \"9, абз. 3\", \"прил. 1, п. 4\"; `unnumbered` — для места без номера")))
      }
    case .approximateDate:
      guard let s = node.scalarText else { return wrongType(node, expected: "a date", ru: "дата", path: path()) }
      if ApproximateDate(text: s) == nil {
        diagnostics.append(Diagnostic(.invalidDate, message: .init(
          en: "`\(s)` is not a valid date", ru: "`\(s)` — неверная дата"), at: node.range(file: file),
          hint: .init(en: "write YYYY-MM-DD (or YYYY-MM, YYYY); an approximate date as «около 2020-02-24»",
            ru: "запишите ГГГГ-ММ-ДД (или ГГГГ-ММ, ГГГГ); приблизительную дату — «около 2020-02-24»")))
      }
    case .identifier:
      guard let s = node.scalarText else { return wrongType(node, expected: "an identifier", ru: "идентификатор", path: path()) }
      if s.isEmpty || !s.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }) {
        diagnostics.append(Diagnostic(.invalidValue, message: .init(
          en: "`\(Self.shown(s))` is not a valid identifier (\(path()))",
          ru: "`\(Self.shown(s))` — недопустимый идентификатор (\(path()))"),
          at: node.range(file: file),
          hint: .init(en: "use letters, digits, `-` and `_`, e.g. `route-to-executor`",
            ru: "используйте буквы, цифры, `-` и `_`, например `направление`")))
      }
    case .integer(let minimum, let maximum):
      let bounded = maximum != Int.max
      guard let s = node.scalarText, Self.isWholeNumber(s) else {
        return wrongType(node, expected: bounded ? "a whole number from \(minimum) to \(maximum)" : "a whole number ≥ \(minimum)",
          ru: bounded ? "целое число от \(minimum) до \(maximum)" : "целое число не меньше \(minimum)", path: path())
      }
      // A number too large for Int is out of range too, not of the wrong type.
      if Int(s).map({ $0 < minimum || $0 > maximum }) ?? true {
        diagnostics.append(Diagnostic(.invalidValue, message: .init(
          en: "`\(Self.shown(s))` is out of range for `\(path())`: allowed "
            + (bounded ? "\(minimum) to \(maximum)" : "\(minimum) or more"),
          ru: "значение `\(Self.shown(s))` вне допустимого диапазона для `\(path())`: допустимо "
            + (bounded ? "от \(minimum) до \(maximum)" : "не меньше \(minimum)")),
          at: node.range(file: file)))
      }
    case .amount:
      guard let s = node.scalarText else { return wrongType(node, expected: "a number", ru: "число", path: path()) }
      if RegulationParser.amount(s) == nil, let v = Double(s.replacingOccurrences(of: ",", with: ".")), v.isFinite,
        s.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2C || $0 == 0x2D })
      {
        // A number, but negative or too large for any deadline.
        diagnostics.append(Diagnostic(.invalidDuration, message: .init(
          en: "`\(Self.shown(s))` is out of range for an amount: allowed 0 to 999999",
          ru: "`\(Self.shown(s))` вне допустимого диапазона количества: от 0 до 999999"),
          at: node.range(file: file),
          hint: v < 0
            ? .init(en: "an amount counts forward from `from:`; to count back from a deadline, use `before:`",
              ru: "количество отсчитывается вперёд от `from:`; чтобы отсчитать назад от срока, используйте `before:`")
            : .init(en: "check the number and the unit in `clock:`", ru: "проверьте число и единицу в `clock:`")))
      } else if RegulationParser.amount(s) == nil {
        diagnostics.append(Diagnostic(.invalidDuration, message: .init(
          en: "`\(s)` is not an amount: expected a non-negative number such as 30 or 1.5",
          ru: "`\(s)` — не количество: ожидается неотрицательное число, например 30 или 1,5"),
          at: node.range(file: file),
          hint: .init(en: "write the unit in `clock:`, e.g. `amount: 30` and `clock: working-minutes`",
            ru: "единицу укажите в `clock:`, например `amount: 30` и `clock: working-minutes`")))
      }
    case .boolean:
      guard let s = node.scalarText, ["true", "false"].contains(s) else {
        return wrongType(node, expected: "true or false", ru: "true или false", path: path())
      }
    case .date:
      guard let s = node.scalarText else { return wrongType(node, expected: "a date", ru: "дата", path: path()) }
      if CivilDate(iso: s) == nil {
        diagnostics.append(Diagnostic(.invalidDate, message: .init(
          en: "`\(s)` is not a valid date", ru: "`\(s)` — неверная дата"), at: node.range(file: file),
          hint: .init(en: "write dates as YYYY-MM-DD, e.g. 2021-07-28", ru: "дата записывается как ГГГГ-ММ-ДД, например 2021-07-28")))
      }
    case .dateTime:
      guard let s = node.scalarText else { return wrongType(node, expected: "a date and time", ru: "дата и время", path: path()) }
      if RegulationTimeZone.wallClockAndOffset(s) == nil {
        diagnostics.append(Diagnostic(.invalidDate, message: .init(
          en: "`\(s)` is not a valid date and time", ru: "`\(s)` — неверные дата и время"), at: node.range(file: file),
          hint: .init(en: "write YYYY-MM-DDTHH:MM, optionally with an offset: 2026-05-08T17:40+05:00",
            ru: "запишите ГГГГ-ММ-ДДTЧЧ:ММ, при необходимости со смещением: 2026-05-08T17:40+05:00")))
      }
    case .timeRange:
      guard let s = node.scalarText else { return wrongType(node, expected: "a time range", ru: "интервал времени", path: path()) }
      if ClockRange(text: s) == nil {
        diagnostics.append(Diagnostic(.invalidTime, message: .init(
          en: "`\(s)` is not a time range", ru: "`\(s)` — неверный интервал времени"), at: node.range(file: file),
          hint: .init(en: "write HH:MM-HH:MM with the start before the end, e.g. 09:00-18:00",
            ru: "запишите ЧЧ:ММ-ЧЧ:ММ, начало раньше конца, например 09:00-18:00")))
      }
    case .enumeration(let allowed):
      guard let s = node.scalarText else { return wrongType(node, expected: "one of \(allowed.joined(separator: ", "))",
        ru: "одно из значений: \(allowed.joined(separator: ", "))", path: path()) }
      if !allowed.contains(s) {
        let guess = Suggestions.best(for: s, among: allowed, budget: suggestionBudget)
        diagnostics.append(Diagnostic(.invalidValue, message: .init(
          en: "`\(s)` is not allowed for `\(path())`", ru: "значение `\(s)` недопустимо для `\(path())`"),
          at: node.range(file: file),
          hint: guess.map { .init(en: "did you mean `\($0)`? allowed: \(allowed.joined(separator: ", "))",
            ru: "возможно, имелось в виду `\($0)`? допустимо: \(allowed.joined(separator: ", "))") }
            ?? .init(en: "allowed: \(allowed.joined(separator: ", "))", ru: "допустимо: \(allowed.joined(separator: ", "))"),
          fixIts: guess.map { [FixIt(range: node.range(file: file), replacement: $0)] } ?? []))
      }
    case .reference:
      if node.scalarText == nil { wrongType(node, expected: "a name of an item", ru: "идентификатор", path: path()) }
    case .object(let object):
      validateObject(node, object, path: path())
    case .list(let item):
      guard case .sequence(let items, _, _) = node else {
        return wrongType(node, expected: "a list (items starting with `- `)", ru: "список (элементы начинаются с `- `)", path: path())
      }
      for (i, child) in items.enumerated() { validate(child, against: item, path: "\(path())[\(i + 1)]") }
    case .oneOrMany(let item):
      if case .sequence(let items, _, _) = node {
        for (i, child) in items.enumerated() { validate(child, against: item, path: "\(path())[\(i + 1)]") }
      } else {
        validate(node, against: item, path: path())
      }
    case .dictionary(let keyDescription, let pattern, let value):
      guard case .mapping(let pairs, _, _) = node else { return wrongType(node, expected: "a section", ru: "раздел", path: path()) }
      for (k, v) in pairs {
        guard let key = k.scalarText else { continue }
        if let pattern, !Self.key(key, matches: pattern) {
          diagnostics.append(Diagnostic(.invalidValue, message: .init(
            en: "`\(key)` is not \(keyDescription)", ru: "`\(key)` — не \(keyDescription)"), at: k.range(file: file),
            hint: .init(en: "use mon, tue, wed, thu, fri, sat, sun or a range like mon-fri",
              ru: "используйте mon, tue, wed, thu, fri, sat, sun или диапазон, например mon-fri")))
        }
        validate(v, against: value, path: "\(path()).\(key)")
      }
    case .either(let options):
      let match = options.first { option in
        switch (option, node) {
        case (.object(let o), .mapping(let pairs, _, _)):
          // Tell apart objects by their required keys.
          let keys = Set(pairs.compactMap { $0.key.scalarText })
          return o.fields.filter(\.required).allSatisfy { keys.contains($0.key) } || options.filter({
            if case .object = $0 { return true } else { return false }
          }).count == 1
        case (.list, .sequence): return true
        case (.object, _), (.list, _), (.dictionary, _), (.oneOrMany, _), (.either, _): return false
        case (_, .scalar): return true
        default: return false
        }
      }
      if let match {
        validate(node, against: match, path: path())
      } else if case .mapping = node, let first = options.first {
        validate(node, against: first, path: path())
      } else {
        wrongType(node, expected: "a section or a list", ru: "раздел или список", path: path())
      }
    }
  }

  mutating func validateObject(_ node: YAMLTree, _ object: ObjectSpec, path: @autoclosure () -> String) {
    guard case .mapping(let pairs, _, _) = node else {
      return wrongType(node, expected: "a section (`key: value` lines)", ru: "раздел (строки `ключ: значение`)", path: path())
    }
    var present = [Bool](repeating: false, count: object.fields.count)
    let keys = Set(pairs.compactMap { $0.key.scalarText })
    for (k, v) in pairs {
      guard let key = k.scalarText else {
        wrongType(k, expected: "a key", ru: "ключ", path: path())
        continue
      }
      guard let position = object.index[key] else {
        let synonym = Self.synonyms[key].flatMap { object.index[$0] != nil ? $0 : nil }
        let guess = synonym ?? Suggestions.best(for: key, among: object.fields.map(\.key), budget: suggestionBudget)
        let known = object.fields.map(\.key).joined(separator: ", ")
        // A misspelt required key is one mistake: it is reported here, and not again as missing.
        let standsForRequired = guess.flatMap { g in object.field(g) }.map { $0.required && !keys.contains($0.key) } ?? false
        if standsForRequired, let guess, let p = object.index[guess] { present[p] = true }
        diagnostics.append(Diagnostic(.unknownKey, message: .init(
          en: "unknown key `\(key)` in \(Self.englishName(object.name))",
          ru: "неизвестный ключ `\(key)` в разделе «\(Self.russianName(object.name))»"),
          at: k.range(file: file),
          hint: guess.map { g in standsForRequired
            ? .init(en: "did you mean `\(g)`? (a required key)", ru: "возможно, имелось в виду `\(g)`? (обязательный ключ)")
            : .init(en: "did you mean `\(g)`?", ru: "возможно, имелось в виду `\(g)`?") }
            ?? .init(en: "known keys: \(known)", ru: "допустимые ключи: \(known)"),
          fixIts: guess.map { [FixIt(range: k.range(file: file), replacement: $0)] } ?? []))
        continue
      }
      present[position] = true
      let field = object.fields[position]
      if v.isNull, !(field.value.isScalarLike) {
        wrongType(v, expected: "a value", ru: "значение", path: "\(path()).\(key)", at: k.range(file: file))
        continue
      }
      if v.isNull { continue }
      validate(v, against: field.value, path: path().isEmpty ? key : "\(path()).\(key)")
    }
    for (position, field) in object.fields.enumerated() where field.required && !present[position] {
      var allowedEn = "", allowedRu = ""
      if case .enumeration(let values) = field.value {
        allowedEn = "; allowed: \(values.joined(separator: ", "))"
        allowedRu = "; допустимо: \(values.joined(separator: ", "))"
      }
      diagnostics.append(Diagnostic(.missingField, message: .init(
        en: "the \(Self.englishName(object.name)) lacks the required key `\(field.key)`",
        ru: "в разделе «\(Self.russianName(object.name))» нет обязательного ключа `\(field.key)`"),
        at: SourceRange(file: file, line: node.line, column: node.column),
        hint: .init(en: "add `\(field.key):`\(allowedEn)", ru: "добавьте `\(field.key):` — \(allowedRu.isEmpty ? field.doc : String(field.doc.dropLast(field.doc.hasSuffix(".") ? 1 : 0)) + allowedRu)")))
    }
  }

  static let russianNames: [String: String] = [
    "Regulation": "регламент", "Act": "акт", "RelatedAct": "связанный акт", "WorkingTime": "рабочее время",
    "Schedule": "график", "RoleSchedule": "график роли", "Calendar": "календарь", "CalendarDay": "день календаря",
    "Role": "роль", "Kind": "вид сообщения", "Channel": "площадка", "Category": "категория", "Situation": "обстоятельство",
    "Exclusion": "исключение", "Condition": "условие", "DeadlineRule": "срок", "NoDeadline": "срок не установлен",
    "Outcome": "исход", "CoExecution": "соисполнители", "Step": "шаг", "Limit": "общий срок", "Duty": "обязанность",
    "RepeatMessages": "повторные сообщения", "Acknowledgement": "признанная находка", "Test": "тест",
    "TestFile": "файл тестов", "Provenance": "текст акта", "Annex": "приложение", "Edition": "редакция",
    "Obligation": "обязанность", "Law59": "59-ФЗ", "ScopeFilter": "охват", "Regime": "режим",
    "AnswerRequirement": "требование к ответу", "DeadlineAssumption": "прочтение срока",
    "RejectedReading": "отвергнутое прочтение",
  ]

  static func russianName(_ name: String) -> String { russianNames[name] ?? name }

  /// An optional sign and decimal digits, of any length (range is checked apart).
  static func isWholeNumber(_ s: String) -> Bool {
    var digits = Substring(s).utf8
    if let first = digits.first, first == 0x2B || first == 0x2D { digits = digits.dropFirst() }
    return !digits.isEmpty && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }

  /// A value as quoted in a message: long values are cut (the excerpt under the message shows the line).
  static func shown(_ s: String) -> String { s.unicodeScalars.count > 60 ? String(s.prefix(60)) + "…" : s }

  /// English names of sections for messages (never the spec's type names).
  static let englishNames: [String: String] = [
    "Regulation": "regulation", "Act": "act", "RelatedAct": "related act", "WorkingTime": "working time",
    "Schedule": "schedule", "RoleSchedule": "role schedule", "Calendar": "calendar", "CalendarDay": "calendar day",
    "Role": "role", "Kind": "message kind", "Channel": "channel", "Category": "category", "Situation": "situation",
    "Exclusion": "exclusion", "Condition": "condition", "DeadlineRule": "deadline", "NoDeadline": "deadline without a period",
    "Outcome": "outcome", "CoExecution": "co-executors section", "Step": "step", "Limit": "overall deadline",
    "Duty": "report", "RepeatMessages": "repeat messages section", "Acknowledgement": "acknowledgement", "Test": "test",
    "TestFile": "test file", "Provenance": "text provenance", "Annex": "annex", "Edition": "edition",
    "Obligation": "obligation", "Law59": "59-FZ statement", "ScopeFilter": "scope filter", "Regime": "regime",
    "AnswerRequirement": "answer requirement", "DeadlineAssumption": "reading of a deadline",
    "RejectedReading": "rejected reading",
  ]

  static func englishName(_ name: String) -> String { englishNames[name] ?? name.lowercased() }

  /// Keys users write for a key the language spells otherwise.
  static let synonyms: [String: String] = [
    "anchor": "from", "start": "from", "starts": "from", "since": "from", "from_step": "from", "on": "if",
    "period": "amount", "duration": "amount", "unit": "clock", "units": "clock", "condition": "when", "responsible": "role",
    "performer": "role", "next": "to", "point": "clause", "paragraph": "clause", "citation": "quote",
  ]

  mutating func wrongType(_ node: YAMLTree, expected: String, ru: String, path: @autoclosure () -> String, at range: SourceRange? = nil) {
    let found = node.isNull ? "nothing" : node.typeName
    let foundRu = node.isNull ? "пусто" : (node.typeName == "scalar" ? "значение" : (node.typeName == "list" ? "список" : "раздел"))
    let place = path()
    // The document itself has no key to name: say "the file" rather than an empty pair of backticks.
    let message: LocalizedText = place.isEmpty
      ? .init(en: "the file must hold \(expected) at its top level, found \(found)",
              ru: "на верхнем уровне файла ожидается \(ru), а указано: \(foundRu)")
      : .init(en: "`\(place)` must be \(expected), found \(found)",
              ru: "`\(place)`: ожидается \(ru), а указано: \(foundRu)")
    diagnostics.append(Diagnostic(.wrongType, message: message, at: range ?? node.range(file: file)))
  }
}

extension ValueSpec {
  var isScalarLike: Bool {
    switch self {
    case .text, .clause, .identifier, .approximateDate: true
    default: false
    }
  }
}

extension SpecValidator {
  /// Whether a key of a dictionary section matches its pattern (`.dictionary(keyPattern:)`).
  static func key(_ key: String, matches pattern: String) -> Bool {
    if pattern == RegulationLanguage.weekdayPattern, let matched = weekdayKey(key) { return matched }
    return key.range(of: pattern, options: .regularExpression) != nil
  }

  /// `RegulationLanguage.weekdayPattern` (`^(mon|…|sun)(-(mon|…|sun))?$`) matched by hand for a key of lowercase ASCII
  /// letters and hyphens, which is every key of `hours:` a file writes (compiling the regular expression for each key
  /// was 2 % of `check regulations/`); nil for any other key, which goes to the regular expression. Sound for such
  /// a key: it holds no line terminator (before which the pattern's `$` would also match) and no character outside
  /// ASCII, so the pattern matches exactly a name, or a name, a hyphen and a name. `WeekdayKeyTests` compares both.
  static func weekdayKey(_ key: String) -> Bool? {
    let b = Array(key.utf8)
    guard b.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }) else { return nil }
    func isName(_ from: Int) -> Bool {
      weekdayNames.contains { name in name.elementsEqual(b[from..<(from + 3)]) }
    }
    if b.count == 3 { return isName(0) }
    if b.count == 7 { return isName(0) && b[3] == 0x2D && isName(4) }
    return false
  }

  static let weekdayNames: [[UInt8]] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { Array($0.utf8) }
}
