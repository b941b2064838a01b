import Foundation
import RegulationDiagnostics
import TestSupport
import Testing

@testable import RegulationConformance

/// The audit with the judge on a second thread (batches of closed cases handed over while the next is read) against
/// the audit on one thread: every report (text, JSON, SARIF, JUnit, CSV, HTML; both languages) must be byte-identical,
/// on generated messy logs of every shipped act cut to lengths around the batch size (shorter than one batch, exactly
/// one, one more, several), with small batches so that a short log crosses many of them.
@Suite struct AuditPipelineTests {
  static func reports(_ r: AuditResult) -> [String] {
    Language.allCases.flatMap { lang in
      [AuditTextReport.render(r, language: lang), AuditJSONReport.render(r, language: lang).serialized(pretty: true),
        AuditSARIFReport.render(r, language: lang).serialized(pretty: true), AuditJUnitReport.render(r, language: lang),
        AuditCSVReport.render(r, language: lang), TimelinessHTMLReport.render(r, language: lang)]
    }
  }

  /// Audits `path` on `threads` threads; also says whether the judge thread was started.
  static func run(_ engine: AuditEngine, _ path: String, threads: Int, sweepEvery: Int, explain: String?,
    from: Bool) throws -> (AuditResult, Bool)
  {
    var options = AuditOptions()
    options.threads = threads
    options.sweepEvery = sweepEvery
    options.recentCases = 32
    options.keepCaseList = true
    options.explainCase = explain
    if from { options.from = engine.timeZone.parseDateTime("2026-05-01T00:00") }
    let session = try AuditSession(engine: engine, map: .canonical, options: options)
    try Auditor.read(path, into: session, map: .canonical)
    let started = session.pipeline != nil
    return (session.finish(), started)
  }

  @Test(arguments: OrderedReplayAuditTests.files) func pipelinedAuditEqualsOneThread(_ file: String) throws {
    let e = try engine(file)
    let lines = OrderedReplayAuditTests.generatedLog(e, seed: 17 + UInt64(file.utf8.count), cases: 1500)
      .split(separator: "\n", omittingEmptySubsequences: false)
    let rows = lines.count - 2  // the header and the empty string after the last newline
    #expect(rows > 4 * 1024, "\(file): \(rows) rows")
    let sweep = 512
    var pipelined = 0
    for n in [1, sweep - 1, sweep, sweep + 1, 2 * sweep, 3 * sweep + 7, rows] {
      let path = try temporaryFile("log.csv", lines[0...n].joined(separator: "\n") + "\n")
      for (explain, from) in [("C7", false), ("C3", true)] {
        let (one, oneStarted) = try Self.run(e, path, threads: 1, sweepEvery: sweep, explain: explain, from: from)
        let (two, twoStarted) = try Self.run(e, path, threads: 2, sweepEvery: sweep, explain: explain, from: from)
        #expect(!oneStarted)
        // The judge thread starts at the first batch of stale cases, which a log shorter than one sweep never has.
        if n < sweep { #expect(!twoStarted, "\(file) \(n) rows") }
        if twoStarted { pipelined += 1 }
        #expect(one.events > 0 || n < 8)
        #expect(one.rejectedRows == two.rejectedRows && one.cases == two.cases && one.events == two.events)
        let a = Self.reports(one), b = Self.reports(two)
        for i in a.indices { #expect(a[i] == b[i], "\(file) \(n) rows, report \(i)") }
      }
      // The default batches (65 536 rows): every log here is shorter than one, judged at `finish()`.
      let (d1, _) = try Self.run(e, path, threads: 1, sweepEvery: 1 << 16, explain: nil, from: false)
      let (d2, started) = try Self.run(e, path, threads: 2, sweepEvery: 1 << 16, explain: nil, from: false)
      #expect(!started)
      #expect(Self.reports(d1) == Self.reports(d2))
    }
    #expect(pipelined >= 8, "\(file): the judge thread ran")
  }

  /// The texts handed to the judge with each batch are only those interned since the last one: on a log whose
  /// departments and executors keep appearing batch after batch, the judge's copies end equal to the interners'.
  @Test func judgeReceivesEveryNewText() throws {
    let e = try engine("003-lipetsk.yaml")
    var log = "case,step,time,actor,department\n"
    for c in 0..<3000 {
      let day = 1 + c / 40
      log += "K\(c),detected,2026-03-\(day < 10 ? "0" : "")\(min(day, 28))T09:00,A\(c),D\(c / 7)\n"
      log += "K\(c),route,2026-03-\(day < 10 ? "0" : "")\(min(day, 28))T09:05,A\(c),D\(c / 7)\n"
    }
    let path = try temporaryFile("texts.csv", log)
    var options = AuditOptions()
    options.threads = 2
    options.sweepEvery = 256
    options.recentCases = 8
    options.horizonSeconds = 86_400
    let session = try AuditSession(engine: e, map: .canonical, options: options)
    try Auditor.read(path, into: session, map: .canonical)
    #expect(session.pipeline != nil)
    let r = session.finish()
    let stage = session.stage
    #expect(stage.texts.actors == session.assembly.actors.strings)
    #expect(stage.texts.departments == session.assembly.departments.strings)
    #expect(stage.texts.statuses == session.assembly.statuses.strings)
    #expect(stage.statuses.meanings == session.assembly.statusTable.meanings)
    #expect(r.cases == 3000 && r.rejectedRows == 0)
  }
}
