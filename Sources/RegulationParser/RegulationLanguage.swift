/// The Reglament language, version 1: every section, key and value shape. docs/LANGUAGE.md explains it for legal
/// staff; `grammar/regulation.schema.json` is generated from it (`reglament schema`).
public enum RegulationLanguage {
  public static let version = 1
  public static let clocks = ["calendar-minutes", "calendar-hours", "calendar-days", "working-minutes", "working-hours",
    "working-days", "working-day-hours", "immediately"]
  public static let outcomes = [
    "done", "approved", "rework", "not-competent", "interim", "clarify", "final", "excluded", "co-executors", "not-confirmed",
    "convert",
  ]
  public static let consequences = ["no-answer", "law-59fz", "explanation", "convert-to-appeal"]
  /// What we hold of an act's or a clause's text.
  public static let holdings = ["verbatim", "fragment", "paraphrase"]
  /// Who or what a role is.
  public static let actors = ["person", "body", "system"]
  /// Obligations that are not steps of the procedure.
  public static let obligationKinds = ["coordination", "control", "interaction", "methodology", "monitoring", "other"]
  /// How a step chooses among deadline rules that match the same message.
  public static let overlapChoices = ["earliest", "latest", "overlay-first", "listed-first"]
  /// How another act relates to this one.
  public static let relations = ["approves", "approved-by", "amends", "amended-by", "implements", "replaces", "refers-to",
    "annex-of"]

  static let clause = FieldSpec("clause", .clause,
    "Пункт акта, из которого взято правило: \"9\", \"3.2\", \"прил. 1, п. 4\"; `unnumbered` — место без номера.")
  static let held = FieldSpec("held", .enumeration(holdings),
    "Что у нас есть из текста этого пункта: verbatim — дословно, fragment — часть, paraphrase — пересказ.")
  static let since = FieldSpec("since", .reference(.edition), "Действует с редакции (id из `act.editions`).")
  static let repealedBy = FieldSpec("repealed_by", .reference(.edition), "Утратило силу с редакции (id из `act.editions`).")
  static let quote = FieldSpec("quote", .text, "Дословная цитата из акта.")
  static let assumption = FieldSpec("assumption", .text,
    "Прочтение, которого нет в тексте акта (например, каким временем считаются «30 минут»), и его обоснование.")
  static let id = FieldSpec("id", .identifier, required: true, "Идентификатор, на который ссылаются другие разделы.")
  static let name = FieldSpec("name", .text, "Название по тексту акта.")

  public static let relatedAct = ObjectSpec("RelatedAct", "Другой акт: заменяемый, исполняемый, утверждающий, изменяющий.", [
    FieldSpec("id", .identifier, "Идентификатор (для `related_acts`)."),
    FieldSpec("title", .text, required: true, "Название акта."),
    FieldSpec("body", .text, "Кто принял."), FieldSpec("kind", .text, "Вид акта."),
    FieldSpec("number", .text, "Номер."), FieldSpec("date", .approximateDate, "Дата принятия (можно «около 2020-02-24»)."),
    FieldSpec("relation", .enumeration(relations), "Отношение к этому акту: approves, amends, implements, refers-to…"),
    FieldSpec("file", .text, "Файл Reglament с этим актом (путь относительно этого файла)."),
    held, FieldSpec("source", .text, "Откуда взят текст."), clause, assumption,
  ])

  public static let provenance = ObjectSpec("Provenance", "Что у нас есть из текста акта и откуда.", [
    FieldSpec("held", .enumeration(holdings), required: true,
      "verbatim — полный текст, fragment — часть текста, paraphrase — пересказ (например, новость)."),
    FieldSpec("missing", .list(.text), "Каких пунктов или приложений нет в нашей копии: \"10-25\", \"приложение 2\"."),
    FieldSpec("source", .text, "Откуда текст: официальное опубликование, сайт, новость."),
    FieldSpec("obtain", .text, "Что и где получить, чтобы восполнить текст."),
  ])

  public static let annex = ObjectSpec("Annex", "Приложение, утверждённое актом (Положение, Регламент, форма).", [
    FieldSpec("id", .identifier, required: true, "Идентификатор."),
    FieldSpec("number", .text, "Номер приложения."),
    FieldSpec("title", .text, required: true, "Название: «Положение о …»."),
    FieldSpec("kind", .text, "Вид: положение, регламент, порядок, форма."),
    FieldSpec("published", .enumeration(["with-act", "separately"]), "Опубликовано вместе с актом или отдельно."),
    FieldSpec("file", .text, "Файл Reglament с текстом приложения, если он ведётся отдельно."),
    held, FieldSpec("source", .text, "Откуда текст приложения."), clause, assumption,
  ])

  public static let edition = ObjectSpec("Edition", "Редакция акта: «в ред. постановления от 02.08.2023 № 13».", [
    FieldSpec("id", .identifier, required: true, "Идентификатор редакции, на который ссылаются `since` и `repealed_by`."),
    FieldSpec("amended_by", .object(relatedAct), "Изменяющий акт."),
    FieldSpec("effective_from", .date, required: true, "С какой даты действует редакция."),
    FieldSpec("summary", .text, "Что изменено."), held, clause, assumption,
  ])

  public static let act = ObjectSpec("Act", "Сведения об акте.", [
    id,
    FieldSpec("title", .text, required: true, "Полное название акта."),
    FieldSpec("body", .text, required: true, "Орган, принявший акт."),
    FieldSpec("kind", .text, required: true, "Вид акта: постановление, распоряжение."),
    FieldSpec("number", .text, "Номер акта."),
    FieldSpec("date", .approximateDate, "Дата принятия: 2020-02-24, или приблизительно: «около 2020-02-24», 2020-02."),
    FieldSpec("status", .enumeration(["draft", "adopted", "repealed"]), "Проект, действующий или утративший силу."),
    FieldSpec("jurisdiction", .enumeration(["federal", "regional", "municipal"]), "Уровень власти."),
    FieldSpec("region", .text, "Субъект РФ."),
    FieldSpec("municipality", .text, "Муниципальное образование."),
    FieldSpec("effective_from", .text, "Вступление в силу: дата или условие из акта."),
    FieldSpec("effective_until", .date, "Дата утраты силы."),
    FieldSpec("replaces", .list(.object(relatedAct)), "Акты, признанные утратившими силу."),
    FieldSpec("implements", .list(.object(relatedAct)), "Вышестоящие акты, во исполнение которых принят акт."),
    FieldSpec("source", .text, "Откуда взят текст акта."),
    FieldSpec("text", .object(provenance), "Что у нас есть из текста: полный текст, фрагмент или пересказ."),
    FieldSpec("annexes", .list(.object(annex)), "Приложения, утверждённые актом."),
    FieldSpec("editions", .list(.object(edition)), "Редакции акта (изменения) с датами вступления в силу."),
    assumption,
  ])

  public static let calendarDay = ObjectSpec("CalendarDay", "День, добавленный к производственному календарю.", [
    FieldSpec("date", .date, required: true, "Дата."), FieldSpec("note", .text, "Основание."),
  ])

  public static let schedule = ObjectSpec("Schedule", "Служебное (рабочее) время.", [
    FieldSpec("hours", .dictionary(keyDescription: "дни недели: mon, mon-fri, sat", keyPattern: weekdayPattern, value: .timeRange),
      required: true, "Часы работы по дням недели: `mon-thu: 09:00-18:00`."),
    FieldSpec("breaks", .list(.timeRange), "Перерывы: `13:00-14:00`."),
    FieldSpec("pre_holiday_shortening_minutes", .integer(minimum: 0, maximum: 1440), "На сколько минут короче предпраздничный день (ТК РФ ст. 95: 60)."),
  ])

  public static let roleSchedule = ObjectSpec("RoleSchedule", "Свой график роли (например, смены оператора).", [
    FieldSpec("role", .reference(.role), required: true, "Роль."),
    FieldSpec("hours", .dictionary(keyDescription: "дни недели", keyPattern: weekdayPattern, value: .timeRange), required: true,
      "Часы работы."),
    FieldSpec("breaks", .list(.timeRange), "Перерывы."),
    FieldSpec("pre_holiday_shortening_minutes", .integer(minimum: 0, maximum: 1440), "Сокращение предпраздничного дня, минут."),
  ])

  public static let calendar = ObjectSpec("Calendar", "Производственный календарь.", [
    FieldSpec("base", .enumeration(["ru"]), "Основа: производственный календарь РФ."),
    FieldSpec("days_off", .list(.object(calendarDay)), "Дополнительные нерабочие дни (региональные праздники)."),
    FieldSpec("working_days", .list(.object(calendarDay)), "Дополнительные рабочие дни организации."),
  ])

  public static let workingTime = ObjectSpec("WorkingTime", "Время, в котором исчисляются сроки.", [
    FieldSpec("time_zone", .text, required: true, "Часовой пояс IANA: Europe/Moscow, Asia/Sakhalin, Asia/Yekaterinburg."),
    FieldSpec("schedule", .object(schedule), required: true, "График работы организации."),
    FieldSpec("role_schedules", .list(.object(roleSchedule)), "Графики отдельных ролей."),
    FieldSpec("calendar", .object(calendar), "Производственный календарь и его дополнения."),
    clause, quote, held, assumption,
  ])

  public static let role = ObjectSpec("Role", "Участник: куратор, оператор, исполнитель, соисполнитель, ЦУР, глава.", [
    id, FieldSpec("name", .text, required: true, "Наименование по акту."),
    FieldSpec("duties", .list(.text), "Обязанности по акту."),
    FieldSpec("substitutes", .text, "Кто замещает на время отсутствия (или требование акта о замещении)."),
    FieldSpec("outside_organisation", .boolean, "Роль вне организации (краевой центр, ЦУР)."),
    FieldSpec("actor", .enumeration(actors),
      "Кто это: person — должностное лицо, body — орган или подразделение, system — программа (система мониторинга)."),
    clause, quote, held, assumption,
  ])

  public static let kind = ObjectSpec("Kind", "Вид сообщения.", [
    id, FieldSpec("name", .text, required: true, "Название."), FieldSpec("found_by", .text, "Кто выявляет."), clause, quote,
    held, assumption,
  ])

  public static let channel = ObjectSpec("Channel", "Площадка или способ ответа.", [
    id, FieldSpec("name", .text, required: true, "Название."),
    FieldSpec("visibility", .enumeration(["public", "private"]), "Публичный ответ или в личные сообщения."), clause, quote,
    held, assumption,
  ])

  public static let category = ObjectSpec("Category", "Категория сообщения.", [
    id, FieldSpec("name", .text, required: true, "Название: «обычные»."),
    FieldSpec("aliases", .list(.text), "Другие названия: «фаст-трек»."),
    FieldSpec("overlay", .boolean, "Категория накладывается на другие (её правила имеют приоритет)."),
    FieldSpec("applies_to", .list(.reference(.category)), "На какие категории накладывается."),
    FieldSpec("group", .identifier,
      "Ось классификации (level, type): сообщение имеет по одной категории каждой оси; условия `all_of` сочетают оси."),
    FieldSpec("definition", .text, "Определение из акта."), clause, quote, held, assumption,
  ])

  public static let situation = ObjectSpec("Situation", "Обстоятельство, включающее шаги: соисполнители, промежуточный ответ.", [
    id, FieldSpec("name", .text, required: true, "Название."), clause, quote, held, assumption,
  ])

  public static let exclusion = ObjectSpec("Exclusion", "Сообщения, которые не обрабатываются по общему порядку.", [
    id, name, FieldSpec("grounds", .list(.text), "Основания."),
    FieldSpec("consequence", .enumeration(consequences), "Последствие: no-answer, law-59fz, explanation, convert-to-appeal."),
    FieldSpec("step", .reference(.step), "Шаг, которым обрабатывается исключение."),
    FieldSpec("modality", .enumeration(["must", "may"]),
      "must — такие сообщения не обрабатываются (по умолчанию); may — акт лишь допускает не отвечать («допускается»)."),
    clause, quote, held, assumption, since, repealedBy,
  ])

  public static let condition = ObjectSpec("Condition", "Когда правило применяется (все указанные списки должны совпасть).", [
    FieldSpec("category", .oneOrMany(.reference(.category)), "Категории."),
    FieldSpec("kind", .oneOrMany(.reference(.kind)), "Виды сообщений."),
    FieldSpec("channel", .oneOrMany(.reference(.channel)), "Площадки."),
    FieldSpec("situation", .oneOrMany(.reference(.situation)), "Обстоятельства."),
    FieldSpec("all_of", .list(.oneOrMany(.reference(.category))),
      "Категории, которые должны совпасть все (уровень И тип); элемент-список — любая из них."),
  ])

  public static let rejectedReading = ObjectSpec("RejectedReading",
    "Прочтение слов акта, которое авторы рассмотрели и отвергли, и срок, который оно дало бы.", [
      FieldSpec("id", .identifier, required: true, "Идентификатор прочтения: `--reading СРОК=ЭТОТ`."),
      FieldSpec("text", .text, required: true, "Как ещё можно прочитать слова акта."),
      FieldSpec("amount", .amount, "Количество при этом прочтении (если иное)."),
      FieldSpec("clock", .enumeration(clocks), "Способ исчисления при этом прочтении (если иной)."),
      FieldSpec("from", .oneOrMany(.reference(.anchor)), "Начало отсчёта при этом прочтении (если иное)."),
      FieldSpec("before", .reference(.stepOrLimit), "«За amount до» срока этого шага при этом прочтении."),
      FieldSpec("not_later_than", .reference(.stepOrLimit), "«Но не позднее» срока этого шага при этом прочтении."),
    ])

  public static let deadlineAssumption = ObjectSpec("DeadlineAssumption",
    "Прочтение срока, которого нет в тексте акта, с отвергнутыми прочтениями (`check --readings all` сравнивает их).", [
      FieldSpec("id", .identifier, required: true, "Идентификатор спорного места (для `--reading ID=ALT`)."),
      FieldSpec("text", .text, required: true, "Принятое прочтение и его обоснование."),
      FieldSpec("rejected", .list(.object(rejectedReading)), "Отвергнутые прочтения."),
    ])

  static let ruleAssumption = FieldSpec("assumption", .either([.text, .object(deadlineAssumption)]),
    "Прочтение срока, которого нет в тексте акта, и его обоснование: текст или {id, text, rejected}.")

  public static let deadlineRule = ObjectSpec("DeadlineRule", "Срок: количество, способ исчисления и момент начала.", [
    FieldSpec("amount", .amount, "Количество минут, часов или дней (1,5 допускается)."),
    FieldSpec("clock", .enumeration(clocks), required: true, "Как исчисляется срок (см. docs/TIME.md)."),
    FieldSpec("from", .oneOrMany(.reference(.anchor)),
      "С какого момента: detected, posted или id шага (его завершение); список — от последнего из них."),
    FieldSpec("before", .reference(.stepOrLimit), "Не позднее чем за amount до истечения срока этого шага или общего срока."),
    FieldSpec("not_later_than", .reference(.stepOrLimit), "Но не позднее срока этого шага или общего срока."),
    FieldSpec("each", .boolean, "Срок для каждого соисполнителя."),
    FieldSpec("when", .object(condition), "Для каких категорий, видов, обстоятельств."),
    clause, quote, held, ruleAssumption, since, repealedBy,
  ])

  public static let noDeadline = ObjectSpec("NoDeadline", "Акт срока не устанавливает.", [
    FieldSpec("none", .text, required: true, "Почему срока нет (как сказано в акте)."), clause, held, assumption,
  ])

  public static let deadline: ValueSpec = .either([.object(deadlineRule), .list(.object(deadlineRule)), .object(noDeadline)])

  public static let outcome = ObjectSpec("Outcome", "Исход шага и куда он ведёт.", [
    FieldSpec("if", .enumeration(outcomes), required: true, "Исход (ключ `if`, а не `on`: в YAML 1.1 `on` — это true)."),
    FieldSpec("to", .reference(.stepOrEnd), required: true, "Следующий шаг или end."), clause, assumption,
  ])

  public static let coExecution = ObjectSpec("CoExecution", "Работа нескольких исполнителей.", [
    FieldSpec("order", .enumeration(["parallel", "sequential"]), required: true, "Параллельно или по очереди."),
    FieldSpec("order_set_by", .reference(.role), "Кто определяет очерёдность."),
    FieldSpec("common_answer_by", .enumeration(["main", "last"]), "Кто готовит общий ответ: основной или последний."),
  ])

  public static let step = ObjectSpec("Step", "Действие порядка.", [
    id, name, FieldSpec("action", .text, "Что делается."),
    FieldSpec("role", .reference(.role), "Кто отвечает."),
    FieldSpec("when", .object(condition), "Когда шаг выполняется."),
    FieldSpec("deadline", deadline, "Срок (или `none:` с причиной)."),
    FieldSpec("outcomes", .list(.object(outcome)), "Исходы."),
    FieldSpec("co_executors", .object(coExecution), "Порядок работы соисполнителей."),
    FieldSpec("overlap", .enumeration(overlapChoices),
      "Если сообщению подходят несколько правил срока: earliest, latest, overlay-first, listed-first."),
    FieldSpec("clause", .clause, required: true, "Пункт акта."), quote, held, assumption, since, repealedBy,
  ])

  public static let limit = ObjectSpec("Limit", "Общий срок, охватывающий несколько шагов.", [
    id, name, FieldSpec("until", .reference(.step), required: true, "Шаг, к завершению которого относится срок."),
    FieldSpec("deadline", deadline, required: true, "Срок."),
    FieldSpec("overlap", .enumeration(overlapChoices), "Если подходят несколько правил срока: какое действует."),
    FieldSpec("clause", .clause, required: true, "Пункт акта."), quote, held, assumption, since, repealedBy,
  ])

  public static let duty = ObjectSpec("Duty", "Обязанность доложить или отчитаться (отчёт).", [
    id, name, FieldSpec("role", .reference(.role), "Кто докладывает."), FieldSpec("to", .reference(.role), "Кому."),
    FieldSpec("every", .enumeration(["month", "quarter", "year"]), "Периодичность."),
    FieldSpec("when", .object(condition), "При каком обстоятельстве."), FieldSpec("deadline", deadline, "Срок."),
    FieldSpec("clause", .clause, required: true, "Пункт акта."), quote, held, assumption,
  ])

  public static let obligation = ObjectSpec("Obligation",
    "Обязанность, которая не шаг порядка и не отчёт: координация, контроль, «обеспечить взаимодействие».", [
    id, name, FieldSpec("kind", .enumeration(obligationKinds), required: true,
      "coordination, control, interaction, methodology, monitoring, other."),
    FieldSpec("role", .reference(.role), "Кто обязан."),
    FieldSpec("with", .list(.reference(.role)), "С кем (для взаимодействия) или над кем (для контроля)."),
    FieldSpec("every", .enumeration(["day", "week", "month", "quarter", "year"]), "Периодичность, если акт её задаёт."),
    FieldSpec("deadline", deadline, "Срок, если акт его задаёт; обычно срока нет."),
    FieldSpec("clause", .clause, required: true, "Пункт акта."), quote, held, assumption, since, repealedBy,
  ])

  public static let law59 = ObjectSpec("Law59", "Применяется ли к сообщениям Федеральный закон № 59-ФЗ.", [
    FieldSpec("applies", .boolean, required: true, "false — «на сообщения не распространяется порядок 59-ФЗ»."),
    clause, quote, held, assumption,
  ])

  public static let scopeFilter = ObjectSpec("ScopeFilter", "Какие сообщения охватывает акт: «критического характера».", [
    id, FieldSpec("name", .text, required: true, "Как акт описывает охватываемые сообщения."),
    FieldSpec("categories", .list(.reference(.category)), "Категории, которыми это выражено в файле."),
    clause, quote, held, assumption,
  ])

  public static let regime = ObjectSpec("Regime", "Режим: применимость 59-ФЗ и охват акта.", [
    FieldSpec("law_59fz", .object(law59), "Применяется ли 59-ФЗ."),
    FieldSpec("scope", .list(.object(scopeFilter)), "Какие сообщения акт охватывает (все фильтры вместе)."),
  ])

  public static let answerRequirement = ObjectSpec("AnswerRequirement",
    "Требование к содержанию или форме ответа, которое аудит проверяет по записанному признаку.", [
    id, FieldSpec("name", .text, required: true, "Требование по акту: «по существу», «в формате социальной сети»."),
    FieldSpec("attribute", .identifier, required: true,
      "Признак ответа в журнале, по которому проверяется требование: on_merits, format, evidence."),
    FieldSpec("values", .list(.text), "Допустимые значения признака (photo, video); без них признак — да/нет."),
    FieldSpec("when", .object(condition), "Для каких сообщений."),
    clause, quote, held, assumption, since, repealedBy,
  ])

  public static let repeatMessages = ObjectSpec("RepeatMessages", "Повторные сообщения автора.", [
    FieldSpec("steps", .list(.reference(.step)), "Проходят те же шаги."),
    FieldSpec("requirement", .text, "Требование к ответу."), clause, quote, held, assumption,
  ])

  public static let acknowledgement = ObjectSpec("Acknowledgement", "Признанная находка анализа с обоснованием.", [
    FieldSpec("finding", .identifier, required: true, "Id находки: deadline-infeasible."),
    FieldSpec("subject", .text, "Шаг или срок, к которому относится."),
    FieldSpec("clauses", .list(.clause), "Пункты, которых она касается."),
    FieldSpec("justification", .text, required: true, "Почему это принято."),
  ])

  public static let test = ObjectSpec("Test", "Встроенный тест: инцидент и ожидаемые сроки.", [
    FieldSpec("name", .text, required: true, "Название."),
    FieldSpec("detected", .dateTime, required: true, "Время выявления (местное, если без смещения)."),
    FieldSpec("category", .oneOrMany(.reference(.category)), "Категории."),
    FieldSpec("kind", .reference(.kind), "Вид сообщения."),
    FieldSpec("events", .dictionary(keyDescription: "id шага", keyPattern: nil, value: .dateTime), "Фактическое время шагов."),
    FieldSpec("expect", .dictionary(keyDescription: "id шага или общего срока", keyPattern: nil, value: .dateTime), required: true,
      "Ожидаемые сроки."),
    FieldSpec("audit", .dictionary(keyDescription: "id шага или общего срока", keyPattern: nil,
      value: .enumeration(["on-time", "late", "never-answered"])),
      "Ожидаемый вердикт проверки журнала (reglament audit) для событий теста: шаг выполнен в срок (on-time) или с "
        + "просрочкой (late); общий срок достигнут в срок, с просрочкой или ответа нет (never-answered)."),
  ])

  public static let root = ObjectSpec("Regulation", "Регламент работы с сообщениями граждан.", [
    FieldSpec("reglament", .integer(minimum: 1), required: true, "Версия языка: 1."),
    FieldSpec("act", .object(act), required: true, "Сведения об акте."),
    FieldSpec("working_time", .object(workingTime), required: true, "Рабочее время и календарь."),
    FieldSpec("roles", .list(.object(role)), required: true, "Участники."),
    FieldSpec("kinds", .list(.object(kind)), "Виды сообщений."),
    FieldSpec("channels", .list(.object(channel)), "Площадки."),
    FieldSpec("categories", .list(.object(category)), "Категории."),
    FieldSpec("situations", .list(.object(situation)), "Обстоятельства."),
    FieldSpec("exclusions", .list(.object(exclusion)), "Исключения."),
    FieldSpec("steps", .list(.object(step)), "Шаги (файл без шагов — находка `no-steps`)."),
    FieldSpec("related_acts", .list(.object(relatedAct)), "Связанные акты: утверждающий, изменяющий, в другом файле."),
    FieldSpec("regime", .object(regime), "Применимость 59-ФЗ и охват акта."),
    FieldSpec("limits", .list(.object(limit)), "Общие сроки."),
    FieldSpec("duties", .list(.object(duty)), "Доклады и отчёты."),
    FieldSpec("obligations", .list(.object(obligation)), "Обязанности, которые не шаги и не отчёты."),
    FieldSpec("answer_requirements", .list(.object(answerRequirement)), "Требования к содержанию и форме ответа."),
    FieldSpec("repeat_messages", .object(repeatMessages), "Повторные сообщения."),
    FieldSpec("acknowledged", .list(.object(acknowledgement)), "Признанные находки."),
    FieldSpec("tests", .list(.object(test)), "Встроенные тесты."),
  ])

  /// A `NAME.test.yaml` file beside `NAME.yaml`: more embedded tests of that regulation.
  public static let testFile = ObjectSpec("TestFile", "Встроенные тесты регламента в отдельном файле NAME.test.yaml.", [
    FieldSpec("tests", .list(.object(test)), required: true, "Тесты."),
  ])

  static let weekdayPattern = "^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?$"

  /// Every object spec, for the schema's `$defs`.
  public static var allObjects: [ObjectSpec] { objects(from: root) }

  /// Every object spec reachable from `start`, in order of first appearance.
  public static func objects(from start: ObjectSpec) -> [ObjectSpec] {
    var seen: [String: ObjectSpec] = [:]
    var order: [String] = []
    func visit(_ v: ValueSpec) {
      switch v {
      case .object(let o):
        if seen[o.name] == nil {
          seen[o.name] = o
          order.append(o.name)
          o.fields.forEach { visit($0.value) }
        }
      case .list(let i), .oneOrMany(let i): visit(i)
      case .dictionary(_, _, let i): visit(i)
      case .either(let list): list.forEach(visit)
      default: break
      }
    }
    visit(.object(start))
    return order.map { seen[$0]! }
  }
}
