import WorkingTime

/// What went wrong in a case.
public enum ViolationKind: String, Sendable, Hashable, CaseIterable {
  /// A step done after its deadline, or an overall limit exceeded.
  case late
  /// A step the act requires before a recorded one was never recorded.
  case missing
  /// A step recorded before the step the act requires to precede it.
  case outOfOrder = "out-of-order"
  /// The message was excluded (abusive, an appeal under 59-ФЗ…) yet an answer was published.
  case excludedButAnswered = "excluded-but-answered"
  /// A rework or return round that began when the act's overall deadline had already passed.
  case reworkBeyondLimit = "rework-beyond-limit"
  /// No answer was recorded and its deadline passed before the end of the log.
  case neverAnswered = "never-answered"
  /// A step recorded before the message was detected.
  case beforeDetection = "before-detection"
  /// A status that is no step of the act and is not in the map (reported, not ignored).
  case unknownStatus = "unknown-status"
  /// A category the act does not know: the case is replayed under the act's default category.
  case unknownCategory = "unknown-category"
  /// The category changed during the case; the replay keeps the category at detection (docs/AUDIT.md).
  case categoryChanged = "category-changed"

  /// A notice is shown but does not make the case violating (nor the exit code 1).
  public var isNotice: Bool { self == .categoryChanged }

  public func title(_ ru: Bool) -> String {
    switch self {
    case .late: ru ? "просрочка" : "late"
    case .missing: ru ? "пропущен шаг" : "missing step"
    case .outOfOrder: ru ? "нарушен порядок" : "out of order"
    case .excludedButAnswered: ru ? "ответ на исключённое сообщение" : "excluded but answered"
    case .reworkBeyondLimit: ru ? "доработка после истечения общего срока" : "rework beyond the overall deadline"
    case .neverAnswered: ru ? "ответ не дан" : "never answered"
    case .beforeDetection: ru ? "раньше выявления" : "before detection"
    case .unknownStatus: ru ? "неизвестный статус" : "unknown status"
    case .unknownCategory: ru ? "неизвестная категория" : "unknown category"
    case .categoryChanged: ru ? "категория изменена" : "category changed"
    }
  }
}

/// One violation of the act in one case: which clause, whose role, which department, due and actual times, by how
/// much, and the explanation.
public struct Violation: Sendable, Hashable {
  public var caseID: String
  public var kind: ViolationKind
  /// Step (or limit) id, when the violation is about one.
  public var step: String?
  public var clause: String?
  public var role: String?
  public var department: String?
  public var actor: String?
  public var due: LocalTimestamp?
  public var actual: LocalTimestamp?
  public var lateBySeconds: Int?
  public var lateByWorkingSeconds: Int?
  /// Line (or XES event number) of the event in the log.
  public var position: Int?
  public var detail: AuditText
  /// The order the case first appeared in the log (output order).
  var caseSerial: Int
  var order: Int
}

/// How many violations of each kind one case has: a fixed table, no allocation (the audit counts every case's
/// violations, and builds them only when they are kept).
struct ViolationCounts {
  private var table = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

  @inline(__always) private static func index(_ kind: ViolationKind) -> Int {
    switch kind {
    case .late: 0
    case .missing: 1
    case .outOfOrder: 2
    case .excludedButAnswered: 3
    case .reworkBeyondLimit: 4
    case .neverAnswered: 5
    case .beforeDetection: 6
    case .unknownStatus: 7
    case .unknownCategory: 8
    case .categoryChanged: 9
    }
  }

  subscript(kind: ViolationKind) -> Int {
    withUnsafeBytes(of: table) { $0.load(fromByteOffset: Self.index(kind) * MemoryLayout<Int>.stride, as: Int.self) }
  }

  @inline(__always) mutating func add(_ kind: ViolationKind) {
    let i = Self.index(kind)
    withUnsafeMutableBytes(of: &table) { b in
      let at = i * MemoryLayout<Int>.stride
      b.storeBytes(of: b.load(fromByteOffset: at, as: Int.self) + 1, toByteOffset: at, as: Int.self)
    }
  }

  /// Each kind with a count above zero, in `ViolationKind.allCases` order.
  /// Walks the table by index (the judge calls this once per case): no static array read, retained or released.
  func forEach(_ body: (ViolationKind, Int) -> Void) {
    withUnsafeBytes(of: table) { b in
      for i in 0..<Self.count {
        let n = b.load(fromByteOffset: i * MemoryLayout<Int>.stride, as: Int.self)
        if n > 0 { body(Self.kind(at: i), n) }
      }
    }
  }

  private static let count = 10

  /// The kind at index `i` of the table: the inverse of `index(_:)`, which follows `ViolationKind.allCases`.
  @inline(__always) private static func kind(at i: Int) -> ViolationKind {
    switch i {
    case 0: .late
    case 1: .missing
    case 2: .outOfOrder
    case 3: .excludedButAnswered
    case 4: .reworkBeyondLimit
    case 5: .neverAnswered
    case 6: .beforeDetection
    case 7: .unknownStatus
    case 8: .unknownCategory
    default: .categoryChanged
    }
  }
}
