import ArgumentParser
import Foundation
import RegulationAnalysis
import RegulationConformance
import RegulationDiagnostics
import RegulationEngine
import RegulationParser
import RegulationSimulation
import WorkingTime

/// What `bench --what` measures.
enum BenchWorkload: String, ExpressibleByArgument, CaseIterable {
  case time, parse, analysis, engine, simulation, audit, all
}

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: localized(
      "Measure throughput: working-time additions, parsing, analysis, simulation, audit. Prints one JSON object.",
      "Замер производительности: сложение рабочего времени, разбор, анализ, имитация, аудит. Выводит один объект JSON."),
    discussion: localized("""
      The working-time workload is the peer's (../shared/bench/deadline_bench.py): N instants in 2025–2026 + 8 working
      hours, Mon–Thu 08:00–17:00, Fri 08:00–16:00, lunch 12:00–12:48, on one core.
      Example: reglament bench --what time --n 2000000
      """, """
      Нагрузка по рабочему времени — та же, что у конкурента (../shared/bench/deadline_bench.py): N моментов 2025–2026
      гг. плюс 8 рабочих часов, пн–чт 08:00–17:00, пт 08:00–16:00, обед 12:00–12:48, на одном ядре.
      Пример: reglament bench --what time --n 2000000
      """))

  @Option(help: help(
    "time, parse, analysis, engine, simulation, audit or all (all: not simulation or audit).",
    "time, parse, analysis, engine, simulation, audit или all (all — без simulation и audit)."))
  var what: BenchWorkload = .all
  @Option(help: help(
    "Working-time additions to run.",
    "Сколько сложений рабочего времени выполнить."))
  var n: Int = 1_000_000
  @Option(help: help(
    "Megabytes of generated regulation to parse.",
    "Сколько мегабайт созданного регламента разобрать."))
  var megabytes: Int = 5
  @Option(help: help(
    "Regulation files or directories for the analysis benchmark.",
    "Файлы или папки регламентов для замера анализа."))
  var regulations: [String] = ["regulations"]
  @Option(help: help(
    "Python with the peer's libraries: simpy for --what simulation (../shared/bench/simpy_bench.py), pm4py for --what audit (../shared/bench/pm4py_bench.py).",
    "Python с библиотеками конкурента: simpy для --what simulation (../shared/bench/simpy_bench.py), pm4py для --what audit (../shared/bench/pm4py_bench.py)."))
  var peer: String?
  @Option(help: help(
    "Simulation benchmark: rounds, each running Reglament for its share of 2 CPU seconds, then the peer once; medians are reported.",
    "Замер имитации: раунды, в каждом Reglament работает свою долю 2 секунд процессора, затем один раз конкурент; выводятся медианы."))
  var repetitions: Int = 3
  @Option(help: help(
    "Cases in the PM4Py peer's log (--what audit with --peer; default: --audit-cases).",
    "Случаев в журнале для PM4Py (--what audit с --peer; по умолчанию — --audit-cases)."))
  var peerCases: Int?
  @Option(help: help(
    "Cases in the generated audit log (--what audit; 1 430 000 ≈ 10 M events).",
    "Случаев в создаваемом журнале аудита (--what audit; 1 430 000 ≈ 10 млн событий)."))
  var auditCases: Int = 1_430_000
  @Flag(help: help(
    "Audit benchmark: time import and case assembly only, no replay.",
    "Замер аудита: только чтение и сборка случаев, без проигрывания."))
  var auditImportOnly = false
  @Flag(help: help(
    "Audit benchmark: reuse the log at --audit-log if it exists.",
    "Замер аудита: взять готовый журнал из --audit-log, если он есть."))
  var auditReuseLog = false
  @Option(help: help(
    "Where to write the generated audit log (kept for the peer run).",
    "Куда записать создаваемый журнал аудита (он остаётся для прогона конкурента)."))
  var auditLog: String = "/tmp/reglament-audit-bench.csv"
  @Option(help: help(
    "json (the default: one JSON object, the fields scripts read) or text (the same, labelled for reading).",
    "json (по умолчанию: один объект JSON, поля для скриптов) или text (то же с подписями для чтения)."))
  var format: OutputFormat = .json
  @OptionGroup var common: CommonOptions

  func run() throws {
    let peer = try self.peer.map { try Self.executable($0, language: common.language) }
    var out: [(String, JSONValue)] = []
    if what == .time || what == .all { out.append(("working_time", timeBench())) }
    if what == .parse || what == .all { out.append(("parse", parseBench())) }
    if what == .analysis || what == .all { out.append(("analysis", analysisBench())) }
    if what == .engine || what == .all { out.append(("engine", engineBench())) }
    if what == .simulation { out.append(("simulation", SimulationBenchmark.run(repositoryRoot: FileManager.default.currentDirectoryPath,
      peerPython: peer, regionRegulation: RegulationParser.parse(path: "regulations/004-krasnoufimsk.yaml").regulation,
      repetitions: repetitions))) }
    if what == .audit {
      out.append(("audit", try AuditBenchmark.run(regulation: "regulations/003-lipetsk.yaml", cases: auditCases, log: auditLog,
        replay: !auditImportOnly, reuse: auditReuseLog, peerPython: peer, peerCases: peerCases)))
    }
    switch format {
    case .json: emit(JSONValue.object(out).serialized(pretty: true) + "\n")
    case .text: emit(BenchTextReport.render(.object(out), language: common.language))
    }
  }

  /// `--peer` as a path to run (`executablePath`); a name not found is a usage error. Shared by every benchmark with a
  /// peer.
  static func executable(_ name: String, language: Language) throws -> String {
    if let path = executablePath(name) { return path }
    throw fail("--peer `\(name)` is not in PATH; give its full path", "--peer «\(name)» не найден в PATH; укажите полный путь",
      language: language)
  }

  func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

  /// CPU time of the calling thread: "per core" on a machine shared with other work.
  func threadCPU() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  func timeBench() -> JSONValue {
    let t8 = 8 * 3600, t12 = 12 * 3600, t1248 = 12 * 3600 + 48 * 60, t16 = 16 * 3600, t17 = 17 * 3600
    var days: [Int: [ClockRange]] = [:]
    for d in 1...4 { days[d] = [ClockRange(start: t8, end: t12), ClockRange(start: t1248, end: t17)] }
    days[5] = [ClockRange(start: t8, end: t12), ClockRange(start: t1248, end: t16)]
    let schedule = WorkingSchedule(name: "peer", weekdays: days, preHolidayShortening: 0)
    let setupStart = now()
    let table = WorkingTimeTable(schedule: schedule, calendar: RussianProductionCalendar.calendar)
    let setup = now() - setupStart
    var rng = SplitMix64(seed: 42)
    let base = LocalTimestamp(date: CivilDate(year: 2025, month: 1, day: 1)!).seconds
    let span = LocalTimestamp(date: CivilDate(year: 2026, month: 12, day: 20)!).seconds - base
    let starts = (0..<n).map { _ in LocalTimestamp(seconds: base + Int(rng.next() % UInt64(span / 60)) * 60) }
    var checksum = 0
    let start = now()
    for s in starts { checksum &+= (try? table.adding(8 * 3600, to: s).seconds) ?? 0 }
    let elapsed = now() - start
    // Sanity: the same additions by minute stepping on 1000 of them.
    var disagree = 0
    for s in starts.prefix(1000) {
      var t = s.seconds, remaining = 480
      while remaining > 0 {
        let date = CivilDate(dayNumber: t / 86_400)
        let sod = t % 86_400
        if table.intervals(on: date).contains(where: { $0.start <= sod && sod < $0.end }) { remaining -= 1 }
        t += 60
      }
      if (try? table.adding(8 * 3600, to: s).seconds) != t { disagree += 1 }
    }
    return .object([
      ("additions", .int(n)), ("seconds", .double((elapsed * 1000).rounded() / 1000)),
      ("additions_per_second", .int(Int(Double(n) / elapsed))), ("table_setup_seconds", .double((setup * 10000).rounded() / 10000)),
      ("oracle_disagreements_of_1000", .int(disagree)), ("checksum", .int(checksum)),
    ])
  }

  func parseBench() -> JSONValue {
    let text = SyntheticRegulation.text(approximateBytes: megabytes * 1024 * 1024)
    let mb = Double(text.utf8.count) / 1024 / 1024
    var best = Double.infinity
    var errors = 0
    for _ in 0..<7 {
      let start = now()
      let result = RegulationParser.parse(text: text, path: "synthetic.yaml")
      best = min(best, now() - start)
      errors = result.diagnostics.filter { $0.severity == .error }.count
    }
    var yamlOnly = Double.infinity
    for _ in 0..<7 {
      let start = now()
      _ = RegulationParser.readsAsYAML(text: text)
      yamlOnly = min(yamlOnly, now() - start)
    }
    return .object([
      ("megabytes", .double((mb * 100).rounded() / 100)), ("best_seconds", .double((best * 1000).rounded() / 1000)),
      ("megabytes_per_second", .double((mb / best * 10).rounded() / 10)), ("errors", .int(errors)),
      ("yaml_only_seconds", .double((yamlOnly * 1000).rounded() / 1000)),
      ("yaml_only_megabytes_per_second", .double((mb / yamlOnly * 10).rounded() / 10)),
    ])
  }

  func analysisBench() -> JSONValue {
    let (files, _) = RegulationParser.expand(paths: regulations)
    var start = now()
    _ = RegulationChecker.report(paths: regulations)
    let parallel = now() - start
    AnalysisCounters.reset()
    start = now()
    for f in files { _ = RegulationChecker.check(path: f) }
    let five = now() - start
    let instants = AnalysisCounters.evaluatedInstants, deadlines = AnalysisCounters.evaluatedDeadlines
    let timelines = AnalysisCounters.probedTimelines
    let full = AnalysisCounters.evaluatedTimelines, neighbours = AnalysisCounters.neighbourTimelines
    let walked = AnalysisCounters.daysWalked, reused = AnalysisCounters.daysReused
    let pathsAsked = AnalysisCounters.pathsAsked, pathsSearched = AnalysisCounters.pathsSearched
    let large = SyntheticRegulation.text(steps: 200, categories: 10, reworkRounds: 3)
    start = now()
    let result = RegulationChecker.check(text: large, path: "synthetic-200.yaml")
    let big = now() - start
    return .object([
      ("files", .int(files.count)), ("check_all_files_seconds", .double((parallel * 1000).rounded() / 1000)),
      ("check_all_files_one_core_seconds", .double((five * 1000).rounded() / 1000)),
      ("detection_instants_evaluated", .int(instants)), ("step_deadlines_evaluated", .int(deadlines)),
      // Breakpoints whose path timelines were asked of the evaluator or of an extrapolated stretch; the others of
      // `detection_instants_evaluated` were taken by arithmetic inside a linear stretch.
      ("detection_timelines_asked", .int(timelines)),
      // Of those, the timelines computed by the evaluator, and the ones a minute after another (speeds of a stretch).
      ("detection_timelines_evaluated", .int(full)), ("neighbour_timelines_evaluated", .int(neighbours)),
      // Detection days the searches walked, and days counted from an earlier day with the same calendar window.
      ("detection_days_walked", .int(walked)), ("detection_days_reused", .int(reused)),
      ("paths_searched", .int(pathsSearched)), ("paths_sharing_a_search", .int(pathsAsked - pathsSearched)),
      ("generated_steps", .int(200)), ("generated_categories", .int(10)),
      ("generated_check_seconds", .double((big * 1000).rounded() / 1000)),
      ("generated_findings", .int(result.diagnostics.count)),
    ])
  }
}

extension BenchCommand {
  /// Full incidents per second on one core for each regulation: every step's and limit's deadline from a random
  /// detection instant in 2026 (the hot path, no explanation), and the same with explanations rendered.
  func engineBench() -> JSONValue {
    let (files, _) = RegulationParser.expand(paths: regulations)
    var rows: [JSONValue] = []
    for file in files {
      guard let reg = RegulationParser.parse(path: file).regulation, let compiled = try? CompiledRegulation(reg),
        let profile = try? compiled.profile()
      else { continue }
      let plan = compiled.plan(profile)
      var rng = SplitMix64(seed: 7)
      let base = LocalTimestamp(date: CivilDate(year: 2026, month: 1, day: 1)!).seconds
      let instants = (0..<n).map { _ in LocalTimestamp(seconds: base + Int(rng.next() % (364 * 1440)) * 60) }
      var steps = [LocalTimestamp?](repeating: nil, count: compiled.steps.count)
      var limits = [LocalTimestamp?](repeating: nil, count: compiled.limits.count)
      var run = CaseRun(plan, detected: instants[0])
      var checksum = 0
      let start = now(), startCPU = threadCPU()
      for t in instants {
        run.project(detected: t, steps: &steps, limits: &limits)
        checksum &+= steps.reduce(0) { $0 &+ ($1?.seconds ?? 0) }
      }
      let fast = now() - start, fastCPU = threadCPU() - startCPU
      let explainedCount = max(1, n / 100)
      let renderer = FactRenderer(compiled, language: .ru)
      let start2 = now(), start2CPU = threadCPU()
      for t in instants.prefix(explainedCount) {
        let rowsOut = plan.deadlines(CaseHistory(detected: t), explain: true)
        checksum &+= rowsOut.reduce(0) { $0 &+ renderer.lines($1.facts).count }
      }
      let explained = now() - start2, explainedCPU = threadCPU() - start2CPU
      var load = [Double](repeating: 0, count: 3)
      getloadavg(&load, 3)
      rows.append(.object([
        ("file", .string(file)), ("steps", .int(compiled.steps.count)), ("incidents", .int(n)),
        ("incidents_per_second", .int(Int(Double(n) / fast))),
        ("incidents_per_cpu_second", .int(Int(Double(n) / fastCPU))),
        ("explained_incidents", .int(explainedCount)),
        ("explained_incidents_per_second", .int(Int(Double(explainedCount) / explained))),
        ("explained_incidents_per_cpu_second", .int(Int(Double(explainedCount) / explainedCPU))),
        ("load_average_1m", .double((load[0] * 100).rounded() / 100)),
        ("checksum", .int(checksum)),
      ]))
    }
    return .array(rows)
  }
}
