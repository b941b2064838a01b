/// One event of an open case, kept compactly until the case is replayed: texts are ids of `ByteInterner`s.
/// The two words first, then the six 32-bit ids: 40 bytes a record, not 48 (in declaration order the padding after
/// `status` and after `kind` took 8 bytes; every open case's records are written once and read once when it closes).
struct CaseRecord {
  var at: Int
  var position: Int
  var status: Int32
  var actor: Int32
  var role: Int32
  var department: Int32
  var category: Int32
  var kind: Int32

  /// The arguments in the order of the fields' meaning (as before the layout changed).
  @inline(__always) init(status: Int32, at: Int, actor: Int32, role: Int32, department: Int32, category: Int32,
    kind: Int32, position: Int)
  {
    self.at = at
    self.position = position
    self.status = status
    self.actor = actor
    self.role = role
    self.department = department
    self.category = category
    self.kind = kind
  }
}

/// A case still being read: its id, where it began in the log and its events so far.
struct OpenCase {
  var id: String
  var serial: Int
  var records: [CaseRecord]
}

/// What a status of the log stands for.
enum StatusMeaning: Equatable {
  /// Steps: the first occurrence in a case is the first, later ones the last (`[draft, rework]`).
  case steps([Int])
  case detected
  case posted
  /// The message was excluded from answering (an exclusion of the act, or the status `excluded`).
  case excluded(String)
  /// Known not to be a step (the map's `ignore_statuses`).
  case ignored
  case unknown
}

/// The meanings of the statuses as flat arrays by status id, read per event without copying an enum's payload.
struct StatusTable {
  enum Code: UInt8 { case steps, detected, posted, excluded, ignored, unknown }
  var codes: [Code] = []
  /// For `steps`: the step of the first occurrence in a case and of later ones.
  var firstStep: [Int] = []
  var laterStep: [Int] = []
  var meanings: [StatusMeaning] = []

  mutating func append(_ m: StatusMeaning) {
    meanings.append(m)
    var first = -1, later = -1
    let code: Code
    switch m {
    case .steps(let list):
      code = list.isEmpty ? .unknown : .steps
      first = list.first ?? -1
      later = list.last ?? -1
    case .detected: code = .detected
    case .posted: code = .posted
    case .excluded: code = .excluded
    case .ignored: code = .ignored
    case .unknown: code = .unknown
    }
    codes.append(code)
    firstStep.append(first)
    laterStep.append(later)
  }

  var count: Int { codes.count }
}
