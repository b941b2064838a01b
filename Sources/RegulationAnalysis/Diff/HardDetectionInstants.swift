import RegulationDiagnostics
import WorkingTime

/// A detection instant `reglament diff` evaluates both versions at: a wall-clock time in the regulation's own time
/// zone, and why it is hard.
public struct HardDetectionInstant: Sendable, Hashable {
  public var at: LocalTimestamp
  public var why: LocalizedText
}

/// The fixed set of hard detection instants of 2026 (docs/DIFF.md lists them): the edges of the working day, the
/// lunch break, late evening and the weekend; Friday evenings before holidays; the shortened pre-holiday days; the
/// New Year and May holidays; the transferred days off. Fixed, so two runs and two pull requests are comparable.
public enum HardDetectionInstants {
  public static let all: [HardDetectionInstant] = [
    i(2026, 3, 2, 8, 30, "an ordinary Monday before the working day starts", "обычный понедельник до начала рабочего дня"),
    i(2026, 3, 3, 10, 0, "an ordinary working morning", "обычное рабочее утро"),
    i(2026, 3, 4, 12, 45, "15 minutes before the lunch break", "за 15 минут до обеденного перерыва"),
    i(2026, 3, 4, 17, 45, "15 minutes before the close of an ordinary day", "за 15 минут до конца обычного рабочего дня"),
    i(2026, 3, 4, 22, 30, "late evening of an ordinary day", "поздний вечер обычного рабочего дня"),
    i(2026, 3, 6, 17, 30, "Friday evening before the 8 March weekend (7–9 March off)",
      "вечер пятницы перед выходными 7–9 марта (8 Марта, перенос на 9.03)"),
    i(2026, 3, 7, 11, 0, "a Saturday", "суббота"),
    i(2026, 2, 20, 18, 5, "Friday just after the close, before 21–23 February off",
      "пятница сразу после конца рабочего дня перед выходными 21–23 февраля"),
    i(2026, 4, 30, 16, 30, "the last half hour of the shortened day before 1 May",
      "последние полчаса сокращённого дня перед 1 Мая"),
    i(2026, 4, 30, 17, 30, "after the early close of the shortened day before 1 May",
      "после раннего окончания сокращённого дня перед 1 Мая"),
    i(2026, 5, 1, 10, 0, "1 May, a holiday", "1 Мая, праздничный день"),
    i(2026, 5, 8, 16, 0, "the shortened Friday before Victory Day", "сокращённая пятница перед Днём Победы"),
    i(2026, 5, 8, 17, 40, "the shortened Friday before Victory Day, after its close",
      "сокращённая пятница перед Днём Победы, после её окончания"),
    i(2026, 5, 11, 10, 0, "11 May, a day off transferred from 9 May", "11 мая, выходной, перенесённый с 9 мая"),
    i(2026, 6, 11, 16, 45, "the shortened day before Russia Day", "сокращённый день перед Днём России"),
    i(2026, 11, 3, 17, 10, "after the early close of the day before National Unity Day",
      "после раннего окончания дня перед Днём народного единства"),
    i(2026, 12, 30, 17, 30, "the last working evening before the New Year holidays",
      "последний рабочий вечер перед новогодними каникулами"),
    i(2026, 12, 31, 10, 0, "31 December, a day off transferred from 4 January",
      "31 декабря, выходной, перенесённый с 4 января"),
    i(2026, 1, 1, 0, 5, "New Year's night", "новогодняя ночь"),
    i(2026, 1, 8, 15, 0, "inside the New Year holidays", "новогодние каникулы"),
    i(2026, 1, 11, 23, 50, "the last minutes before the first working day of the year",
      "последние минуты перед первым рабочим днём года"),
  ].sorted { $0.at < $1.at }

  static func i(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int, _ en: String, _ ru: String) -> HardDetectionInstant {
    HardDetectionInstant(at: LocalTimestamp(date: CivilDate(year: y, month: m, day: d)!, hour: h, minute: min),
      why: .init(en: en, ru: ru))
  }
}
