/// The Russian Federation's production calendar for 2018–2027, built from the readable per-year texts in
/// `CalendarData/` (Labour Code arts. 95 and 112 and the yearly transfer decrees, cited in each file).
public enum RussianProductionCalendar {
  /// Years with data.
  public static let years: ClosedRange<Int> = 2018...2027

  /// The raw text of a year's data, or `nil` outside `years`.
  public static func text(year: Int) -> String? {
    switch year {
    case 2018: year2018
    case 2019: year2019
    case 2020: year2020
    case 2021: year2021
    case 2022: year2022
    case 2023: year2023
    case 2024: year2024
    case 2025: year2025
    case 2026: year2026
    case 2027: year2027
    default: nil
    }
  }

  /// The whole calendar, parsed once.
  public static let calendar: ProductionCalendar = {
    var cal: ProductionCalendar?
    for y in years {
      let (parsed, problems) = ProductionCalendar.parse(text(year: y)!, into: cal)
      precondition(problems.isEmpty, "calendar data \(y): \(problems)")
      cal = parsed
    }
    return cal!
  }()
}
