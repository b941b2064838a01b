/// Every kind of finding Reglament reports. The raw value is the stable id shown as `[id]` and in JSON/SARIF.
public enum DiagnosticID: String, Sendable, CaseIterable, Comparable {
  // Reading the file
  case unreadableFile = "unreadable-file"
  case emptyFile = "empty-file"
  case binaryFile = "binary-file"
  case notUTF8 = "not-utf8"
  case fileTooLarge = "file-too-large"
  case yamlSyntax = "yaml-syntax"
  case tabIndentation = "tab-indentation"
  case nestingTooDeep = "nesting-too-deep"
  case documentTooComplex = "document-too-complex"
  case duplicateKey = "duplicate-key"
  // Shape of the language
  case unsupportedVersion = "unsupported-version"
  case unknownKey = "unknown-key"
  case wrongType = "wrong-type"
  case missingField = "missing-field"
  case invalidValue = "invalid-value"
  case invalidDuration = "invalid-duration"
  case invalidDate = "invalid-date"
  case invalidTime = "invalid-time"
  case unknownTimeZone = "unknown-time-zone"
  case duplicateID = "duplicate-id"
  case unknownReference = "unknown-reference"
  case anchorCycle = "anchor-cycle"
  // Analysis of the act
  case deadlineInfeasible = "deadline-infeasible"
  case reworkLimit = "rework-limit"
  case stepSqueezed = "step-squeezed"
  case deadlineConflict = "deadline-conflict"
  case missingDeadline = "missing-deadline"
  case missingRole = "missing-role"
  case unhandledCategory = "unhandled-category"
  case deadEndOutcome = "dead-end-outcome"
  case implicitClock = "implicit-clock"
  case exclusionWithoutConsequence = "exclusion-without-consequence"
  case unreachableStep = "unreachable-step"
  case anchorNeverFires = "anchor-never-fires"
  case categoryOverlap = "category-overlap"
  case aliasCollision = "alias-collision"
  case calendarCoverage = "calendar-coverage"
  case unknownAcknowledgement = "unknown-acknowledgement"
  case noSteps = "no-steps"
  case readingDependent = "reading-dependent"
  // Embedded tests
  case testFailed = "test-failed"
  // Output
  case tooManyDiagnostics = "too-many-diagnostics"

  public static func < (a: DiagnosticID, b: DiagnosticID) -> Bool { a.rawValue < b.rawValue }

  /// Severity unless the finding says otherwise.
  public var defaultSeverity: Severity {
    switch self {
    case .reworkLimit, .implicitClock, .calendarCoverage, .tooManyDiagnostics: .note
    case .deadlineInfeasible, .deadlineConflict, .missingDeadline, .missingRole, .unhandledCategory, .deadEndOutcome,
      .exclusionWithoutConsequence, .unreachableStep, .anchorNeverFires, .categoryOverlap, .aliasCollision,
      .unknownAcknowledgement, .noSteps, .readingDependent, .stepSqueezed:
      .warning
    default: .error
    }
  }

  /// One-line description for `reglament rules` and SARIF.
  public var summary: LocalizedText {
    switch self {
    case .unreadableFile: .init(en: "The file cannot be read.", ru: "Файл не удаётся прочитать.")
    case .emptyFile: .init(en: "The file is empty.", ru: "Файл пуст.")
    case .binaryFile: .init(en: "The file is binary, not text.", ru: "Файл двоичный, а не текстовый.")
    case .notUTF8: .init(en: "The file is not UTF-8 text.", ru: "Файл не в кодировке UTF-8.")
    case .fileTooLarge: .init(en: "The file exceeds the size limit.", ru: "Файл больше допустимого размера.")
    case .yamlSyntax: .init(en: "YAML syntax error.", ru: "Синтаксическая ошибка YAML.")
    case .tabIndentation: .init(en: "Tabs used for indentation.", ru: "Отступ сделан табуляцией.")
    case .nestingTooDeep: .init(en: "Nesting is too deep.", ru: "Слишком глубокая вложенность.")
    case .documentTooComplex:
      .init(en: "Aliases expand the document beyond the limit.", ru: "Ссылки (алиасы) раздувают документ сверх предела.")
    case .duplicateKey: .init(en: "A key is repeated in one mapping.", ru: "Ключ повторяется в одном разделе.")
    case .unsupportedVersion: .init(en: "Unsupported language version.", ru: "Неподдерживаемая версия языка.")
    case .unknownKey: .init(en: "A key the language does not define.", ru: "Ключ, которого нет в языке.")
    case .wrongType: .init(en: "A value has the wrong type.", ru: "Значение неверного типа.")
    case .missingField: .init(en: "A required field is missing.", ru: "Нет обязательного поля.")
    case .invalidValue: .init(en: "A value is not one of the allowed ones.", ru: "Недопустимое значение.")
    case .invalidDuration: .init(en: "A period is not valid.", ru: "Неверно указан срок.")
    case .invalidDate: .init(en: "A date is not valid.", ru: "Неверная дата.")
    case .invalidTime: .init(en: "A time of day or time range is not valid.", ru: "Неверное время или интервал времени.")
    case .unknownTimeZone: .init(en: "Unknown time zone.", ru: "Неизвестный часовой пояс.")
    case .duplicateID: .init(en: "Two items share an id.", ru: "Два элемента с одним идентификатором.")
    case .unknownReference:
      .init(en: "A reference to an undefined role, step, category or kind.", ru: "Ссылка на необъявленный элемент.")
    case .anchorCycle: .init(en: "Deadlines anchor on each other in a cycle.", ru: "Сроки отсчитываются друг от друга по кругу.")
    case .deadlineInfeasible:
      .init(en: "Sub-deadlines do not fit inside the overall deadline.", ru: "Промежуточные сроки не укладываются в общий срок.")
    case .reworkLimit: .init(en: "How many rework rounds still fit.", ru: "Сколько доработок укладывается в срок.")
    case .stepSqueezed:
      .init(en: "A step gets no time: the deadlines of the steps it waits for use up its own.",
        ru: "Шагу не остаётся времени: сроки шагов, которых он ждёт, съедают его собственный срок.")
    case .deadlineConflict:
      .init(en: "Two clauses set different deadlines for the same situation.", ru: "Два пункта устанавливают разные сроки для одного случая.")
    case .missingDeadline: .init(en: "A step has no deadline.", ru: "У шага нет срока.")
    case .missingRole: .init(en: "A step has no responsible role.", ru: "У шага нет ответственного.")
    case .unhandledCategory: .init(en: "A category or kind no step handles.", ru: "Категорию или вид сообщения не обрабатывает ни один шаг.")
    case .deadEndOutcome: .init(en: "An outcome leads nowhere.", ru: "Исход шага никуда не ведёт.")
    case .implicitClock: .init(en: "The act does not say which clock.", ru: "Акт не указывает, как исчисляется срок.")
    case .exclusionWithoutConsequence:
      .init(en: "An exclusion with no consequence.", ru: "Исключение без последствия.")
    case .unreachableStep: .init(en: "A step no path reaches.", ru: "Шаг, до которого нельзя дойти.")
    case .anchorNeverFires: .init(en: "A deadline anchored on an event that never happens.", ru: "Срок отсчитывается от события, которое не наступает.")
    case .categoryOverlap: .init(en: "Categories overlap or are ambiguous.", ru: "Категории пересекаются или неоднозначны.")
    case .aliasCollision: .init(en: "Two names or aliases collide.", ru: "Совпадают названия или синонимы.")
    case .calendarCoverage: .init(en: "The production calendar does not cover the act's dates.", ru: "Производственный календарь не покрывает даты акта.")
    case .unknownAcknowledgement:
      .init(en: "An acknowledgement matches no finding.", ru: "Признание не относится ни к одной находке.")
    case .readingDependent:
      .init(en: "A finding holds under some readings of the act's words and not under others.",
        ru: "Вывод верен при одном прочтении слов акта и неверен при другом.")
    case .noSteps: .init(en: "The file declares no steps: no deadline can be computed.", ru: "В файле нет шагов: сроки вычислить нельзя.")
    case .testFailed: .init(en: "An embedded test failed.", ru: "Встроенный тест не прошёл.")
    case .tooManyDiagnostics:
      .init(en: "More findings than are shown for one file.", ru: "Находок в файле больше, чем показано.")
    }
  }
}
