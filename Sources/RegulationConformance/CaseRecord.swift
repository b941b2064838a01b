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
