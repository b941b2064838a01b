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
  @exclusivity(unchecked) var result: AuditResult

  @exclusivity(unchecked) var assembly: CaseAssembly
  var currentFile = ""
  /// The reader hands canonical column names (XES): the map's column names do not apply.
  var canonicalHeader = false
  /// The judge and what it accumulates. Touched by this session's thread only while `pipeline` is nil; once the
  /// pipeline has started, the judge thread owns it until `finish()` joins that thread.
  let stage: JudgeStage
  /// The judge thread (`options.threads` > 1), started at the first batch of closed cases: a log shorter than one
  /// sweep is judged on the calling thread, at `finish()`.
  var pipeline: JudgePipeline?
  /// What of the interners' strings and the status meanings the judge has already been sent.
  var sent = SentTexts()
  /// Rows between sweeps for stale cases (a power of two) minus one; see `AuditOptions.sweepEvery`.
  let sweepMask: Int

  public init(engine: AuditEngine, map: LogMap, options: AuditOptions) throws(AuditError) {
    self.engine = engine
    self.resolver = LogMapResolver(map: map, engine: engine)
    self.options = options
    precondition(options.sweepEvery > 0 && options.sweepEvery & (options.sweepEvery - 1) == 0)
    self.sweepMask = options.sweepEvery - 1
    var judge = CaseJudge(engine: engine, map: resolver)
    judge.keepsText = options.keepViolations
    self.stage = JudgeStage(judge: judge, options: options)
    let zone = map.timeZone.flatMap { RegulationTimeZone(identifier: $0.value) } ?? engine.timeZone
    self.assembly = CaseAssembly(resolver: resolver,
      parser: LogTimeParser(zone: zone, target: engine.timeZone, dayFirst: map.dayFirst))
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
    let p = assembly.parser
    assembly.parser = LogTimeParser(zone: p.zone, target: p.target, dayFirst: p.dayFirst, acceptsSerial: spreadsheet)
  }

  deinit {
    // A session abandoned before `finish()` (a reading error): let the judge thread run out.
    pipeline?.close()
  }

  /// Closes every open case and returns the result.
  public func finish() -> AuditResult {
    let batch = makeBatch(assembly.takeAll())
    let stage: JudgeStage
    if let p = pipeline {
      p.put(batch)
      stage = p.finish()
      pipeline = nil
    } else {
      stage = self.stage
      _ = stage.run(batch)
    }
    // Moved out of the stage, not copied: the sorts and merges below then work on unique arrays (a shared one would be
    // copied whole on its first mutation: the violations, and the ratings' minutes per case).
    var t = JudgeTally()
    swap(&t, &stage.tally)
    result.cases = t.cases
    result.events = t.events
    result.outsidePeriod = t.outsidePeriod
    result.violatingCases = t.violatingCases
    result.violationCount = t.violationCount
    result.explanation = t.explanation
    swap(&result.violations, &t.violations)
    swap(&result.caseList, &t.caseList)
    result.ignoredEvents = assembly.ignoredEvents
    result.violations.sort { ($0.caseSerial, $0.order) < ($1.caseSerial, $1.order) }
    result.caseList.sort { $0.id < $1.id }
    t.departmentStats.merge(names: assembly.departments.strings)
    t.executorStats.merge(names: assembly.actors.strings)
    result.byDepartment = t.departmentStats.result()
    result.byExecutor = t.executorStats.result()
    result.countsByKind = t.violatingKinds
    if assembly.watermark > Int.min { result.logEnd = LocalTimestamp(seconds: assembly.watermark) }
    return result
  }

  /// Closed cases with the watermark and what the judge has not yet been sent of the texts.
  func makeBatch(_ cases: consuming [OpenCase]) -> JudgeBatch {
    func new(_ all: [String], _ k: inout Int) -> [String] {
      defer { k = all.count }
      return k == all.count ? [] : Array(all[k...])
    }
    let a = assembly
    let texts = CaseJudge.Texts(statuses: new(a.statuses.strings, &sent.statuses),
      actors: new(a.actors.strings, &sent.actors), roles: new(a.roles.strings, &sent.roles),
      departments: new(a.departments.strings, &sent.departments),
      categories: new(a.categories.strings, &sent.categories), kinds: new(a.kinds.strings, &sent.kinds))
    let meanings = a.statusTable.meanings
    let newMeanings = sent.meanings == meanings.count ? [] : Array(meanings[sent.meanings...])
    sent.meanings = meanings.count
    return JudgeBatch(cases: consume cases, asOf: LocalTimestamp(seconds: a.watermark), newTexts: texts, newMeanings: newMeanings)
  }

  /// Judges a sweep's closed cases: on the judge thread when there is one (started here at the first batch), else
  /// here; the record arrays judged so far come back for new cases.
  func judge(_ cases: consuming [OpenCase]) {
    // The cases are moved along (`consume`), never copied, down to `JudgeStage.run`, which empties their records in
    // place: a second reference would make it copy the whole array of cases first.
    let batch = makeBatch(consume cases)
    var back: [[CaseRecord]]
    if options.threads > 1 {
      if pipeline == nil { pipeline = JudgePipeline(stage: stage) }
      pipeline!.put(batch)
      back = pipeline!.takeReturned()
    } else {
      back = stage.run(batch)
    }
    for i in back.indices { assembly.recycle(&back[i]) }
  }

  func reject(_ position: Int, _ reason: AuditText) {
    result.rejectedRows += 1
    if result.rejected.count < AuditResult.maxRejectedKept {
      result.rejected.append(RejectedRow(file: currentFile, position: position, reason: reason))
    }
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
    if assembly.rows & sweepMask == 0 {
      let stale = assembly.takeStale(horizon: options.horizonSeconds, recent: options.recentCases)
      if !stale.isEmpty { judge(consume stale) }
      if assembly.rows & ((1 << 20) - 1) == 0 { options.progress?(assembly.rows) }
    }
  }
}
