/// One event of an open case, kept compactly until the case is replayed: texts are ids of `ByteInterner`s.
struct CaseRecord {
  var status: Int32
  var at: Int
  var actor: Int32
  var role: Int32
  var department: Int32
  var category: Int32
  var kind: Int32
  var position: Int
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
