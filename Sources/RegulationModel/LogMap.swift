import RegulationDiagnostics

/// How an incident system's export maps onto the audit's canonical log (`case,step,time,actor,role,department,
/// category,kind`): its column names, its status names, its time zone and delimiter. Read from a `--map` YAML file.
public struct LogMap: Sendable, Hashable {
  /// The canonical fields a column can be mapped to.
  public enum Field: String, Sendable, Hashable, CaseIterable {
    case `case`, step, time, actor, role, department, category, kind, lifecycle
  }

  /// Export column name by canonical field (only the fields the file renames).
  public var columns: [Field: Located<String>]
  /// Export status name → the step ids it stands for: the first occurrence in a case is the first step, later
  /// occurrences the last one (`Ответ на согласовании: [draft, rework]`). `detected`/`posted` are the case's anchors.
  public var statuses: [String: Located<[String]>]
  /// Statuses that are known not to be steps of the act (a ticket closed, a comment): counted, not violations.
  public var ignoredStatuses: Set<String>
  /// Export category name → the regulation's category id (names and aliases of the act work without this).
  public var categories: [String: Located<String>]
  /// Time zone of times written without an offset; `nil`: the regulation's.
  public var timeZone: Located<String>?
  /// `;`, `,` or a tab; `nil`: detected from the header line.
  public var delimiter: UInt8?
  /// `DD.MM.YYYY` (day first, the Russian default) or `MM/DD/YYYY` for dates written with `/`.
  public var dayFirst: Bool
  /// `utf-8` or `cp1251`; `nil`: detected.
  public var encoding: String?
  /// The file the map was read from, for messages.
  public var file: String?

  public init(
    columns: [Field: Located<String>] = [:], statuses: [String: Located<[String]>] = [:],
    ignoredStatuses: Set<String> = [], categories: [String: Located<String>] = [:], timeZone: Located<String>? = nil,
    delimiter: UInt8? = nil, dayFirst: Bool = true, encoding: String? = nil, file: String? = nil
  ) {
    self.columns = columns
    self.statuses = statuses
    self.ignoredStatuses = ignoredStatuses
    self.categories = categories
    self.timeZone = timeZone
    self.delimiter = delimiter
    self.dayFirst = dayFirst
    self.encoding = encoding
    self.file = file
  }

  /// The identity map: the canonical CSV needs none.
  public static let canonical = LogMap()

  /// The column name a canonical field is read from.
  public func column(for field: Field) -> String { columns[field]?.value ?? field.rawValue }
}
