import Foundation
import RegulationModel
import WorkingTime

/// One streaming pass over one or more logs: rows are mapped, assembled into open cases, and each case is replayed
/// as soon as it is closed (when it has not been touched for a while and its last event lies more than the horizon
/// behind the latest time read), so memory is bounded by the cases open at once.
public final class AuditSession {
  let engine: AuditEngine
  let resolver: LogMapResolver
  let options: AuditOptions
  var judge: CaseJudge
  var result: AuditResult

  // Column indices of the current file (−1: absent).
  var col = [Int](repeating: -1, count: LogMap.Field.allCases.count)
  var parser: LogTimeParser
  var currentFile = ""
  /// The reader hands canonical column names (XES): the map's column names do not apply.
  var canonicalHeader = false

  var statuses = ByteInterner(), actors = ByteInterner(), roles = ByteInterner(), departments = ByteInterner()
  var categories = ByteInterner(), kinds = ByteInterner()
  var meanings: [StatusMeaning] = []

  var open: [String: Int] = [:]
  var slots: [OpenCase?] = []
  var free: [Int] = []
  var closed = Set<UInt64>()
  var serial = 0
  var rows = 0
  var watermark = Int.min
  var violatingKinds: [ViolationKind: Int] = [:]
  var departmentStats = TimelinessAccumulator()
  var executorStats = TimelinessAccumulator()
  static let sweepEvery = 1 << 16
  static let recentCases = 4096

  public init(engine: AuditEngine, map: LogMap, options: AuditOptions) throws(AuditError) {
    self.engine = engine
    self.resolver = LogMapResolver(map: map, engine: engine)
    self.options = options
    self.judge = CaseJudge(engine: engine, map: resolver)
    let zone = map.timeZone.flatMap { RegulationTimeZone(identifier: $0.value) } ?? engine.timeZone
    self.parser = LogTimeParser(zone: zone, target: engine.timeZone, dayFirst: map.dayFirst)
    self.result = AuditResult(regulationFile: engine.regulation.file, actTitle: engine.regulation.act.title,
      timeZone: engine.timeZone, logs: [])
    if let (status, step) = resolver.unknownMappedSteps().first {
      throw AuditError(en: "the map sends status «\(status)» to step `\(step)`, which the regulation does not have",
        ru: "карта относит статус «\(status)» к шагу «\(step)», которого в регламенте нет")
    }
  }

  /// Starts a new file: `xlsx` times may be Excel serial numbers; `canonical`: the reader names columns itself.
  func begin(file: String, spreadsheet: Bool = false, canonical: Bool = false) {
    currentFile = file
    result.logs.append(file)
    canonicalHeader = canonical
    parser = LogTimeParser(zone: parser.zone, target: parser.target, dayFirst: parser.dayFirst, acceptsSerial: spreadsheet)
  }

  /// Closes every open case and returns the result.
  public func finish() -> AuditResult {
    let remaining = slots.indices.filter { slots[$0] != nil }.sorted { slots[$0]!.serial < slots[$1]!.serial }
    for s in remaining { close(s) }
    result.violations.sort { ($0.caseSerial, $0.order) < ($1.caseSerial, $1.order) }
    result.caseList.sort { $0.id < $1.id }
    result.byDepartment = departmentStats.result()
    result.byExecutor = executorStats.result()
    result.countsByKind = violatingKinds
    if watermark > Int.min { result.logEnd = LocalTimestamp(seconds: watermark) }
    return result
  }

  func reject(_ position: Int, _ reason: AuditText) {
    result.rejectedRows += 1
    if result.rejected.count < AuditResult.maxRejectedKept {
      result.rejected.append(RejectedRow(file: currentFile, position: position, reason: reason))
    }
  }

  func sweep() {
    let horizon = watermark - options.horizonSeconds
    let recent = serial - Self.recentCases
    for s in slots.indices {
      guard let c = slots[s], c.lastTouch < recent, c.lastTime < horizon else { continue }
      close(s)
    }
  }

  func close(_ slot: Int) {
    guard let c = slots[slot] else { return }
    slots[slot] = nil
    free.append(slot)
    open[c.id] = nil
    closed.insert(Self.hash(c.id))
    guard options.replay else {
      result.cases += 1
      result.events += c.records.count
      return
    }
    let texts = CaseJudge.Texts(statuses: statuses.strings, actors: actors.strings, roles: roles.strings,
      departments: departments.strings, categories: categories.strings, kinds: kinds.strings)
    let explain = options.explainCase == c.id
    let verdict = judge.judge(c, meanings: meanings, texts: texts, asOf: LocalTimestamp(seconds: watermark), explain: explain)
    if let from = options.from, let det = verdict.detected, det < from {
      result.outsidePeriod += 1
      return
    }
    if let to = options.to, let det = verdict.detected, det >= to {
      result.outsidePeriod += 1
      return
    }
    result.cases += 1
    result.events += c.records.count
    if explain { result.explanation = verdict.explanation }
    let real = verdict.violations.filter { !$0.kind.isNotice }
    if !real.isEmpty { result.violatingCases += 1 }
    result.violationCount += real.count
    for v in verdict.violations { violatingKinds[v.kind, default: 0] += 1 }
    if options.keepViolations { result.violations += verdict.violations }
    if options.keepCaseList { result.caseList.append(CaseSummary(id: c.id, violations: real.count)) }
    departmentStats.add(verdict.department, onTime: verdict.onTime, answeredMinutes: verdict.answeredMinutes,
      firstReplyMinutes: verdict.firstReplyMinutes, overdue: verdict.overdue, violations: real.count)
    executorStats.add(verdict.executor, onTime: verdict.onTime, answeredMinutes: verdict.answeredMinutes,
      firstReplyMinutes: verdict.firstReplyMinutes, overdue: verdict.overdue, violations: real.count)
  }

  static func hash(_ s: String) -> UInt64 {
    var s = s
    return s.withUTF8 { ByteInterner.hash(UnsafeRawBufferPointer($0)) }
  }

  static func isBlank(_ b: UnsafeRawBufferPointer) -> Bool { b.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }

  static func trimmed(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var lo = 0, hi = b.count
    while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
    while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0D { hi -= 1 }
    return UnsafeRawBufferPointer(rebasing: b[lo..<hi])
  }
}

extension AuditSession: RowSink {
  public func header(_ names: [String]) throws(AuditError) {
    let lowered = names.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
    for field in LogMap.Field.allCases {
      let name = (canonicalHeader ? field.rawValue : resolver.map.column(for: field)).lowercased()
      col[LogMap.Field.allCases.firstIndex(of: field)!] = lowered.firstIndex(of: name) ?? -1
    }
    let required: [LogMap.Field] = [.case, .step, .time]
    let missing = required.filter { col[LogMap.Field.allCases.firstIndex(of: $0)!] < 0 }
    if !missing.isEmpty {
      let want = missing.map { "`\(canonicalHeader ? $0.rawValue : resolver.map.column(for: $0))`" }.joined(separator: ", ")
      let have = names.map { "«\($0)»" }.joined(separator: ", ")
      throw AuditError(en: "\(currentFile): no column \(want) in the header (it has \(have)); name the columns with --map",
        ru: "\(currentFile): в заголовке нет столбца \(want) (есть \(have)); укажите столбцы в карте --map")
    }
  }

  public func reject(position: Int, reason: AuditText) { reject(position, reason) }

  public func notice(_ text: AuditText) { result.notices.append(text) }

  public func row(_ row: RawRow) {
    rows += 1
    if rows & (Self.sweepEvery - 1) == 0 {
      sweep()
      if rows & ((1 << 20) - 1) == 0 { options.progress?(rows) }
    }
    let caseBytes = Self.trimmed(row.field(col[0]))
    guard !caseBytes.isEmpty else {
      return reject(row.position, AuditText(en: "no case id", ru: "нет номера дела (инцидента)"))
    }
    let statusBytes = Self.trimmed(row.field(col[1]))
    guard !statusBytes.isEmpty else {
      return reject(row.position, AuditText(en: "no step (status)", ru: "нет шага (статуса)"))
    }
    let timeBytes = row.field(col[2])
    guard let at = parser.parse(timeBytes) else {
      let t = String(decoding: timeBytes, as: UTF8.self)
      return reject(row.position, t.trimmingCharacters(in: .whitespaces).isEmpty
        ? AuditText(en: "no time", ru: "нет времени")
        : AuditText(en: "`\(t)` is not a date and time (2026-05-08T17:40[+05:00], 08.05.2026 17:40)",
          ru: "«\(t)» — не дата и время (2026-05-08T17:40[+05:00], 08.05.2026 17:40)"))
    }
    if col[8] >= 0 {
      let lc = Self.trimmed(row.field(col[8]))
      if !lc.isEmpty, !(lc.count == 8 && String(decoding: lc, as: UTF8.self).lowercased() == "complete") {
        let t = String(decoding: lc, as: UTF8.self)
        return reject(row.position, AuditText(
          en: "lifecycle transition `\(t)` is not a completion: only `complete` events are steps done",
          ru: "переход жизненного цикла «\(t)» — не завершение: шагом считаются только события `complete`"))
      }
    }
    let status = statuses.intern(statusBytes)
    if Int(status) == meanings.count { meanings.append(resolver.meaning(of: statuses.strings[Int(status)])) }
    if case .ignored = meanings[Int(status)] { result.ignoredEvents += 1 }
    func optional(_ i: Int, _ interner: inout ByteInterner) -> Int32 {
      guard col[i] >= 0 else { return -1 }
      let b = Self.trimmed(row.field(col[i]))
      return b.isEmpty ? -1 : interner.intern(b)
    }
    let record = CaseRecord(status: status, at: at.seconds, actor: optional(3, &actors), role: optional(4, &roles),
      department: optional(5, &departments), category: optional(6, &categories), kind: optional(7, &kinds),
      position: row.position)
    let id = String(decoding: caseBytes, as: UTF8.self)
    if at.seconds > watermark { watermark = at.seconds }
    if let slot = open[id] {
      slots[slot]!.records.append(record)
      slots[slot]!.lastTouch = serial
      if at.seconds > slots[slot]!.lastTime { slots[slot]!.lastTime = at.seconds }
      serial += 1
      return
    }
    if !closed.isEmpty, closed.contains(Self.hash(id)) {
      return reject(row.position, AuditText(
        en: "case \(id) was already closed and audited: its earlier events lie more than the horizon (--horizon) behind "
          + "this point of the log; sort the log by case or by time",
        ru: "дело \(id) уже закрыто и проверено: его прежние события отстоят от этого места журнала больше чем на "
          + "горизонт (--horizon); отсортируйте журнал по делу или по времени"))
    }
    let c = OpenCase(id: id, serial: serial, records: [record], lastTouch: serial, lastTime: at.seconds)
    serial += 1
    if let s = free.popLast() {
      slots[s] = c
      open[id] = s
    } else {
      slots.append(c)
      open[id] = slots.count - 1
    }
  }
}
