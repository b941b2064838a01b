/// Why a working-time computation could not be done.
public enum WorkingTimeError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The computation needs a date the production calendar has no data for.
  case outsideCalendar(date: CivilDate, coverage: ClosedRange<CivilDate>)
  /// The schedule has no working time at all in the covered range.
  case noWorkingTime

  public var description: String {
    switch self {
    case .outsideCalendar(let date, let coverage):
      "date \(date) is outside the production calendar (\(coverage.lowerBound)…\(coverage.upperBound)); "
        + "add that year's data to compute it"
    case .noWorkingTime: "the schedule has no working time"
    }
  }

  /// Russian text of the error.
  public var russian: String {
    switch self {
    case .outsideCalendar(let date, let coverage):
      "дата \(date.russian) вне производственного календаря (\(coverage.lowerBound.russian)–\(coverage.upperBound.russian)); "
        + "добавьте данные за этот год"
    case .noWorkingTime: "в графике нет рабочего времени"
    }
  }
}
