import Dispatch
import Foundation
import WorkingTime

/// A batch of closed cases handed from the importer to the judge: the cases in the order they are to be judged, the
/// watermark they are judged against, and the interners' strings and status meanings added since the previous batch
/// (the judge keeps its own copies and appends these: nothing is shared between the two sides, so the importer's
/// appends never copy a whole array by copy-on-write, and a batch carries only what is new).
struct JudgeBatch: Sendable {
  var cases: [OpenCase]
  var asOf: LocalTimestamp
  var newTexts: CaseJudge.Texts
  var newMeanings: [StatusMeaning]
}

/// How many strings of each interner and how many status meanings the judge has been sent.
struct SentTexts {
  var statuses = 0, actors = 0, roles = 0, departments = 0, categories = 0, kinds = 0, meanings = 0
}

/// The judging side of a session: the judge and everything closing a case accumulates. It is used by one thread at a
/// time: the session's thread while no pipeline runs, the judge thread between the pipeline's start and its
/// `finish()` (the hand-over is ordered by the pipeline's lock and the thread's exit semaphore). Cases are judged in
/// the order the batches arrive, and each batch's in its order, whichever thread judges them: the outputs do not
/// depend on the number of threads.
final class JudgeStage: @unchecked Sendable {
  let options: AuditOptions
  @exclusivity(unchecked) var judge: CaseJudge
  @exclusivity(unchecked) var texts = CaseJudge.Texts(statuses: [], actors: [], roles: [], departments: [],
    categories: [], kinds: [])
  @exclusivity(unchecked) var statuses = StatusTable()
  @exclusivity(unchecked) var tally = JudgeTally()

  init(judge: CaseJudge, options: AuditOptions) {
    self.judge = judge
    self.options = options
  }

  /// Judges a batch's cases in order; returns their record arrays, emptied, for the importer to reuse (only those
  /// `CaseAssembly.recycle` keeps: `isRecyclable`, at most `poolLimit + widePoolLimit`).
  func run(_ batch: consuming JudgeBatch) -> [[CaseRecord]] {
    let n = batch.newTexts
    texts.statuses += n.statuses
    texts.actors += n.actors
    texts.roles += n.roles
    texts.departments += n.departments
    texts.categories += n.categories
    texts.kinds += n.kinds
    for m in batch.newMeanings { statuses.append(m) }
    // Moved out of the batch, not copied: a copy left the array shared, and emptying the records below then copied the
    // whole array of cases first (a retain of every case's id and records, and an allocation).
    var batch = batch
    var cases: [OpenCase] = []
    swap(&cases, &batch.cases)
    let asOf = batch.asOf
    // Local copies for the loop: passed from the class's properties, the texts' and the table's arrays would be
    // retained and released around every call (ten of each per case).
    let texts = self.texts, statuses = self.statuses
    // By index: each case is lent to `close`, not copied out of the array (a retain and release of its records).
    for i in cases.indices { close(cases[i], asOf: asOf, texts: texts, statuses: statuses) }
    // The judge lets go of the last case's records, so that every record array is unique again and can be reused
    // for a new case (no allocation per case).
    judge.release()
    var back: [[CaseRecord]] = []
    let limit = CaseAssembly.poolLimit + CaseAssembly.widePoolLimit
    back.reserveCapacity(min(cases.count, limit))
    for i in cases.indices where back.count < limit && CaseAssembly.isRecyclable(cases[i].records) {
      cases[i].records.removeAll(keepingCapacity: true)
      back.append(cases[i].records)
      cases[i].records = []
    }
    return back
  }

  /// Replays a closed case.
  func close(_ c: OpenCase, asOf: LocalTimestamp, texts: CaseJudge.Texts, statuses: StatusTable) {
    guard options.replay else {
      tally.cases += 1
      tally.events += c.records.count
      return
    }
    let explain = options.explainCase == c.id
    let verdict = judge.judge(c, statuses: statuses, texts: texts, asOf: asOf, explain: explain)
    if let from = options.from, let det = verdict.detected, det < from {
      tally.outsidePeriod += 1
      return
    }
    if let to = options.to, let det = verdict.detected, det >= to {
      tally.outsidePeriod += 1
      return
    }
    tally.cases += 1
    tally.events += c.records.count
    if explain { tally.explanation = verdict.explanation }
    var real = 0
    verdict.counts.forEach { kind, n in
      if !kind.isNotice { real += n }
      tally.violatingKinds[kind, default: 0] += n
    }
    if real > 0 { tally.violatingCases += 1 }
    tally.violationCount += real
    if options.keepViolations { tally.violations += verdict.violations }
    if options.keepCaseList { tally.caseList.append(CaseSummary(id: c.id, violations: real)) }
    tally.departmentStats.add(id: verdict.department, onTime: verdict.onTime, answeredMinutes: verdict.answeredMinutes,
      firstReplyMinutes: verdict.firstReplyMinutes, overdue: verdict.overdue, violations: real)
    tally.executorStats.add(id: verdict.executor, onTime: verdict.onTime, answeredMinutes: verdict.answeredMinutes,
      firstReplyMinutes: verdict.firstReplyMinutes, overdue: verdict.overdue, violations: real)
  }
}

/// What judging the closed cases adds up to (moved into the `AuditResult` by `finish()`).
struct JudgeTally {
  var cases = 0, events = 0, outsidePeriod = 0, violatingCases = 0, violationCount = 0
  var explanation: [AuditText]?
  var violations: [Violation] = []
  var caseList: [CaseSummary] = []
  var violatingKinds: [ViolationKind: Int] = [:]
  var departmentStats = TimelinessAccumulator()
  var executorStats = TimelinessAccumulator()
}

/// The judge thread and its bounded hand-off: at most one batch waits while another is judged, so the importer fills
/// the next batch while the judge works on the previous one (double buffering), and blocks (on a condition, not
/// spinning) when it runs ahead by more than that. Record arrays come back to the importer for reuse.
///
/// Ownership: `pending`, `closed` and `returned` are guarded by `condition`; `stage` belongs to the judge thread from
/// `init` until the thread has signalled `exited` (which `finish()` waits for before handing it back).
final class JudgePipeline: @unchecked Sendable {
  private let condition = NSCondition()
  private var pending: JudgeBatch?
  private var closed = false
  private var returned: [[CaseRecord]] = []
  private let stage: JudgeStage
  private let exited = DispatchSemaphore(value: 0)

  init(stage: JudgeStage) {
    self.stage = stage
    let thread = Thread { [self] in self.work() }
    thread.name = "reglament-audit-judge"
    // Replays recurse little, but the general evaluator's explanation builds strings: the main thread's stack size,
    // not a secondary thread's default 512 KB.
    thread.stackSize = 8 << 20
    thread.start()
  }

  private func work() {
    while let batch = take() {
      let back = stage.run(batch)
      condition.lock()
      returned += back
      condition.unlock()
    }
    exited.signal()
  }

  private func take() -> JudgeBatch? {
    condition.lock()
    defer { condition.unlock() }
    while pending == nil, !closed { condition.wait() }
    guard let b = pending.take() else { return nil }
    condition.broadcast()
    return b
  }

  /// Hands a batch to the judge; waits while the previous one has not been taken.
  func put(_ batch: consuming JudgeBatch) {
    condition.lock()
    while pending != nil { condition.wait() }
    pending = batch
    condition.broadcast()
    condition.unlock()
  }

  /// The record arrays judged since the last call.
  func takeReturned() -> [[CaseRecord]] {
    condition.lock()
    defer { condition.unlock() }
    let r = returned
    returned = []
    return r
  }

  /// No more batches: the judge finishes the one waiting, if any, and exits; returns the stage (now the caller's).
  func finish() -> JudgeStage {
    close()
    exited.wait()
    return stage
  }

  /// No more batches (a session abandoned after a reading error): the thread judges what it holds and exits.
  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }
}
