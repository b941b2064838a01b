import RegulationDiagnostics

/// The scenario language (`*.scenario.yaml`, version 1): one description drives shape validation and
/// `grammar/scenario.schema.json`. docs/SIMULATION.md explains it.
public enum ScenarioLanguage {
  public static let version = 1
  static let weekdayKeys = "дни недели: mon, mon-fri, sat"

  static let horizon = ObjectSpec("Horizon", "Моделируемый период.", [
    FieldSpec("start", .date, required: true, "Первый день поступления сообщений."),
    FieldSpec("days", .integer(minimum: 1), "Длина периода в календарных днях (квартал — 91)."),
    FieldSpec("warmup_days", .integer(minimum: 0), "Разогрев: сообщения первых дней моделируются, но не учитываются."),
  ])

  static let burst = ObjectSpec("Burst", "Всплеск: дополнительный поток сообщений на одну тему.", [
    FieldSpec("start", .dateTime, required: true, "Начало всплеска (местное время регламента)."),
    FieldSpec("hours", .amount, required: true, "Длительность, часов."),
    FieldSpec("per_hour", .amount, required: true, "Дополнительных сообщений в час."),
    FieldSpec("category", .oneOrMany(.reference(.category)), "Категория сообщений всплеска (по умолчанию — из общей смеси)."),
  ])

  static let mix = ValueSpec.dictionary(keyDescription: "значение (или несколько через +)", keyPattern: nil, value: .amount)

  static let arrivals = ObjectSpec("Arrivals", "Поток сообщений.", [
    FieldSpec("per_day", .amount, required: true, "Среднее число сообщений в рабочий день (множитель дня недели 1)."),
    FieldSpec("by_hour", .list(.amount), "24 относительных веса часов суток (местное время), с 00 до 23."),
    FieldSpec("by_weekday", .dictionary(keyDescription: weekdayKeys, keyPattern: RegulationLanguage.weekdayPattern, value: .amount),
      "Множители по дням недели: `sat-sun: 0.3`."),
    FieldSpec("days_off", .amount, "Множитель для праздничных и перенесённых выходных дней календаря."),
    FieldSpec("bursts", .list(.object(burst)), "Всплески."),
    FieldSpec("categories", mix, "Доли категорий: `ordinary: 0.7`, `ordinary+important: 0.1`; сумма — 1."),
    FieldSpec("kinds", mix, "Доли видов сообщений; сумма — 1."),
    FieldSpec("channels", mix, "Доли площадок; сумма — 1."),
    FieldSpec("excluded", .amount, "Доля исключаемых сообщений (оскорбления, 59-ФЗ): их обрабатывает только первый шаг."),
    FieldSpec("repeat", .amount, "Доля повторных сообщений (учитываются отдельно)."),
  ])

  static let absence = ObjectSpec("Absence", "Отсутствия: вероятность, что человек отсутствует в данный день.", [
    FieldSpec("vacation", .amount, "Доля дней в отпуске (0.08 — около 20 рабочих дней в год)."),
    FieldSpec("sick", .amount, "Доля дней на больничном."),
  ])

  static let shift = ObjectSpec("Shift", "Смена: люди с одинаковым графиком.", [
    FieldSpec("count", .integer(minimum: 0), required: true, "Сколько человек в смене."),
    FieldSpec("schedule", .object(RegulationLanguage.schedule), "График смены (по умолчанию — график роли в регламенте)."),
    FieldSpec("always", .boolean, "Круглосуточно без выходных и праздников (дежурная служба)."),
  ])

  static let staff = ObjectSpec("Staff", "Сотрудники роли.", [
    FieldSpec("headcount", .integer(minimum: 0), "Сколько человек (если смены не заданы)."),
    FieldSpec("schedule", .object(RegulationLanguage.schedule), "Свой график (по умолчанию — график роли в регламенте)."),
    FieldSpec("always", .boolean, "Круглосуточно без выходных и праздников."),
    FieldSpec("shifts", .list(.object(shift)), "Смены (вместо headcount)."),
    FieldSpec("absence", .object(absence), "Отпуска и больничные."),
    FieldSpec("substitutes", .integer(minimum: 0), "Сколько заместителей со стороны подменяют отсутствующих в день."),
  ])

  static let lognormal = ObjectSpec("Lognormal", "Логнормальное распределение.", [
    FieldSpec("mean", .amount, required: true, "Среднее, минут."),
    FieldSpec("sigma", .amount, required: true, "σ логарифма (0.5 — умеренный разброс)."),
  ])
  static let triangular = ObjectSpec("Triangular", "Треугольное распределение.", [
    FieldSpec("min", .amount, required: true, "Минимум, минут."), FieldSpec("mode", .amount, required: true, "Мода, минут."),
    FieldSpec("max", .amount, required: true, "Максимум, минут."),
  ])
  static let uniform = ObjectSpec("Uniform", "Равномерное распределение.", [
    FieldSpec("min", .amount, required: true, "Минимум, минут."), FieldSpec("max", .amount, required: true, "Максимум, минут."),
  ])
  static let empiricalSource = ObjectSpec("EmpiricalSource", "Длительности из файла.", [
    FieldSpec("file", .text, required: true, "CSV-файл (путь относительно сценария)."),
    FieldSpec("column", .text, "Столбец с длительностями в минутах (таблица длительностей)."),
    FieldSpec("log", .boolean,
      "Файл — журнал событий в каноническом CSV аудита (case,step,time): длительность шага — рабочие минуты от предыдущего события дела."),
  ])

  static let distribution = ObjectSpec("Distribution", "Время выполнения шага в рабочих минутах роли; ровно один ключ.", [
    FieldSpec("exponential", .amount, "Экспоненциальное со средним, минут."),
    FieldSpec("lognormal", .object(lognormal), "Логнормальное."),
    FieldSpec("triangular", .object(triangular), "Треугольное."),
    FieldSpec("uniform", .object(uniform), "Равномерное."),
    FieldSpec("fixed", .amount, "Постоянное, минут."),
    FieldSpec("empirical", .either([.list(.amount), .object(empiricalSource)]), "Наблюдённые длительности: список или файл."),
  ])

  static let variant = ObjectSpec("Variant", "Вариант «что если»: изменения базового сценария.", [
    FieldSpec("name", .text, required: true, "Название варианта."),
    FieldSpec("set", .dictionary(keyDescription: "ключ параметра", keyPattern: nil, value: .text), required: true,
      "Изменения: `staff.executor.headcount: 4`, `durations.approve: fixed 60`, `deadline.answer: 6 working-hours`, `queue: edf`."),
  ])

  public static let root = ObjectSpec("Scenario", "Сценарий моделирования работы по регламенту.", [
    FieldSpec("scenario", .integer(minimum: 1), required: true, "Версия языка сценариев: 1."),
    FieldSpec("name", .text, "Название сценария."),
    FieldSpec("regulation", .text, "Файл регламента (путь относительно сценария); в командной строке задаётся явно."),
    FieldSpec("horizon", .object(horizon), required: true, "Моделируемый период."),
    FieldSpec("arrivals", .object(arrivals), required: true, "Поток сообщений."),
    FieldSpec("staff", .dictionary(keyDescription: "роль", keyPattern: nil, value: .object(staff)), required: true,
      "Сотрудники по ролям регламента."),
    FieldSpec("durations", .dictionary(keyDescription: "шаг", keyPattern: nil, value: .object(distribution)), required: true,
      "Время выполнения по шагам регламента."),
    FieldSpec("branches", .dictionary(keyDescription: "шаг", keyPattern: nil, value: mix),
      "Вероятности исходов шагов (`approve: {approved: 0.8, rework: 0.2}`); сумма по шагу — 1."),
    FieldSpec("max_rework", .integer(minimum: 0), "Сколько доработок подряд возможно, после чего проект согласуется (по умолчанию 3)."),
    FieldSpec("co_executors", mix, "Число соисполнителей: `{1: 0.7, 2: 0.3}`; сумма — 1."),
    FieldSpec("queue", .enumeration(QueueDisciplineNames.all), "Очередь: fcfs (по порядку) или edf (сначала ближайший срок)."),
    FieldSpec("variants", .list(.object(variant)), "Варианты для сравнения с базовым."),
  ])

  /// The JSON Schema (draft 2020-12) of scenario files: `grammar/scenario.schema.json`.
  public static func jsonSchema() -> JSONValue {
    JSONSchemaGenerator.schema(of: root, id: "scenario.schema.json",
      title: "Reglament simulation scenario, language version \(version)")
  }
}

enum QueueDisciplineNames {
  static let all = ["fcfs", "edf"]
}
