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
  // The state touched per row and per case is exempt from the runtime's exclusivity checks (each checked access to a
  // class's property cost two thread-local lookups, about 3 % of an audit): the session is used from one thread and
  // none of these accesses overlap (one property is never mutated while another access to it is in progress).
  @exclusivity(unchecked) var judge: CaseJudge
  @exclusivity(unchecked) var result: AuditResult

  @exclusivity(unchecked) var assembly: CaseAssembly
  var currentFile = ""
  /// The reader hands canonical column names (XES): the map's column names do not apply.
  var canonicalHeader = false
  @exclusivity(unchecked) var violatingKinds: [ViolationKind: Int] = [:]
  @exclusivity(unchecked) var departmentStats = TimelinessAccumulator()
  @exclusivity(unchecked) var executorStats = TimelinessAccumulator()
  static let sweepEvery = 1 << 16
  static let recentCases = 4096

  public init(engine: AuditEngine, map: LogMap, options: AuditOptions) throws(AuditError) {
    self.engine = engine
    self.resolver = LogMapResolver(map: map, engine: engine)
    self.options = options
    self.judge = CaseJudge(engine: engine, map: resolver)
    let zone = map.timeZone.flatMap { RegulationTimeZone(identifier: $0.value) } ?? engine.timeZone
    self.assembly = CaseAssembly(resolver: resolver,
      parser: LogTimeParser(zone: zone, target: engine.timeZone, dayFirst: map.dayFirst))
    self.result = AuditResult(regulationFile: engine.regulation.file, actTitle: engine.regulation.act.title,
      timeZone: engine.timeZone, logs: [])
    judge.keepsText = options.keepViolations
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
    let p = assembly.parser
    assembly.parser = LogTimeParser(zone: p.zone, target: p.target, dayFirst: p.dayFirst, acceptsSerial: spreadsheet)
  }

  /// Closes every open case and returns the result.
  public func finish() -> AuditResult {
    let all = assembly.takeAll()
    let texts = assembly.texts
    for c in all { close(c, texts: texts) }
    judge.release()
    result.ignoredEvents = assembly.ignoredEvents
    result.violations.sort { ($0.caseSerial, $0.order) < ($1.caseSerial, $1.order) }
    result.caseList.sort { $0.id < $1.id }
    departmentStats.merge(names: assembly.departments.strings)
    executorStats.merge(names: assembly.actors.strings)
    result.byDepartment = departmentStats.result()
    result.byExecutor = executorStats.result()
    result.countsByKind = violatingKinds
    if assembly.watermark > Int.min { result.logEnd = LocalTimestamp(seconds: assembly.watermark) }
    return result
  }

  func reject(_ position: Int, _ reason: AuditText) {
    result.rejectedRows += 1
    if result.rejected.count < AuditResult.maxRejectedKept {
      result.rejected.append(RejectedRow(file: currentFile, position: position, reason: reason))
    }
  }

  /// Replays a closed case; `texts`: the interners' strings (taken once per batch of closed cases).
  func close(_ c: OpenCase, texts: CaseJudge.Texts) {
    guard options.replay else {
      result.cases += 1
      result.events += c.records.count
      return
    }
    let explain = options.explainCase == c.id
    let verdict = judge.judge(c, statuses: assembly.statusTable, texts: texts, asOf: LocalTimestamp(seconds: assembly.watermark),
      explain: explain)
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
    var real = 0
    verdict.counts.forEach { kind, n in
      if !kind.isNotice { real += n }
      violatingKinds[kind, default: 0] += n
    }
    if real > 0 { result.violatingCases += 1 }
    result.violationCount += real
    if options.keepViolations { result.violations += verdict.violations }
    if options.keepCaseList { result.caseList.append(CaseSummary(id: c.id, violations: real)) }
    departmentStats.add(id: verdict.department, onTime: verdict.onTime, answeredMinutes: verdict.answeredMinutes,
      firstReplyMinutes: verdict.firstReplyMinutes, overdue: verdict.overdue, violations: real)
    executorStats.add(id: verdict.executor, onTime: verdict.onTime, answeredMinutes: verdict.answeredMinutes,
      firstReplyMinutes: verdict.firstReplyMinutes, overdue: verdict.overdue, violations: real)
  }
}

extension AuditSession: RowSink {
  public func header(_ names: [String]) throws(AuditError) {
    let lowered = names.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
    for field in LogMap.Field.allCases {
      let name = (canonicalHeader ? field.rawValue : resolver.map.column(for: field)).lowercased()
      assembly.col[LogMap.Field.allCases.firstIndex(of: field)!] = lowered.firstIndex(of: name) ?? -1
    }
    let required: [LogMap.Field] = [.case, .step, .time]
    let missing = required.filter { assembly.col[LogMap.Field.allCases.firstIndex(of: $0)!] < 0 }
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
    if let reason = assembly.add(row) { reject(row.position, reason) }
    if assembly.rows & (Self.sweepEvery - 1) == 0 {
      var stale = assembly.takeStale(horizon: options.horizonSeconds, recent: Self.recentCases)
      if !stale.isEmpty {
        let texts = assembly.texts
        for c in stale { close(c, texts: texts) }
        // The judge lets go of the last case's records, so that every record array is unique again and can be
        // reused for a new case (no allocation per case).
        judge.release()
        for i in stale.indices { assembly.recycle(&stale[i].records) }
      }
      if assembly.rows & ((1 << 20) - 1) == 0 { options.progress?(assembly.rows) }
    }
  }
}
