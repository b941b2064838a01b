import Foundation
import RegulationEngine
import RegulationModel
import WorkingTime

/// One replication of one variant: a discrete-event simulation on the regulation's local clock (seconds).
///
/// People take work only in their own working time (their table: the regulation's schedule for the role, a shift, or
/// round the clock); a task needs a number of *working* seconds, so work in progress stops at the close of business
/// and resumes at the next opening, over nights, weekends and holidays. Deadlines come from the engine through
/// `DeadlineOracle`: each case has a `CaseRun` of the engine (pooled per profile, buffers reused) in which every
/// completed step is recorded once, after asking the deadline of that occurrence. Random numbers: arrivals and absences from streams of (seed, replication); every draw of a case
/// (its profile, durations, branches) from the case's own stream of (seed, replication, case number), a fixed number
/// of draws per visit: so variants see the same incidents and the same draws (common random numbers).
struct Simulator {
  struct Job {
    var slot: Int32
    var step: Int32
    /// Sequential co-executors still to come after this one.
    var coRemaining: Int32
    var enqueued: Int
    var due: Int
    var service: Int
  }

  struct Case {
    var number = 0
    var profile = 0
    /// Index of the case's engine run in `runs`.
    var run: Int32 = 0
    var detected = 0
    var counted = false
    var excluded = false
    var isRepeat = false
    /// A step done after its deadline so far.
    var late = false
    var rng = SplitMix64(seed: 0)
    /// The latest deadline of a recorded event (Int.min: none).
    var maxDue = Int.min
    var firstReply = -1
    var pending = 0
    var reworks = 0
  }

  /// A branch of the flow with its outcome as a code (no string comparisons on the hot path).
  struct Branch {
    enum Outcome: UInt8 { case other, rework, interim, excluded }
    var outcome: Outcome
    var target: Int
    var probability: Double
  }

  struct Server {
    var role: Int
    var local: Int
    var table: Int
    var busy = false
    var job = Job(slot: 0, step: 0, coRemaining: 0, enqueued: 0, due: 0, service: 0)
  }

  struct RoleState {
    /// Index of the role's first person in `servers` (a role's people are consecutive).
    var firstServer = 0
    var serverCount = 0
    /// The table every person of the role keeps (-1: several).
    var singleTable = -1
    /// Offset of the role's words in `idle`.
    var idleBase = 0
    var fifo = RawRing<Job>()
    var edf = MinHeap<Job>()
    var capacity = 0
    var wakeAt = Int.max
    var queueLength = 0
    var lastChange = 0
  }

  enum Kind: UInt8 { case arrival, serverDone, wake, dayStart, delayDone }

  let model: SimulationModel
  let seed: UInt64
  let replication: Int
  var result: ReplicationResult
  var trace: [String]?

  /// Future events but arrivals, by (time, sequence); payload: the kind in the low byte, its argument above.
  var heap = EventQueue()
  /// The current day's arrivals by (time, sequence) from `arrivalNext` on (payload: burst + 1): a sorted list merged
  /// with the heap, not a thousand heap entries a day. Same order as one heap: every key is unique.
  var arrivals: [EventQueue.Entry] = []
  var arrivalNext = 0
  var seq = 0
  var now = 0
  var cases = RawBuffer<Case>()
  var freeSlots = RawBuffer<Int32>()
  var active = 0
  var nextCaseNumber = 0
  var servers = RawBuffer<Server>()
  var roles = RawBuffer<RoleState>()
  /// Bit per person, by role: free (not serving). Dispatch walks the free people in order, not every person.
  var idle = RawBuffer<UInt64>()
  var delays: [Job] = []
  /// Per role × day (`role * days + day`): busy working seconds and the integral of queue length, flat while running
  /// (one array, one check per update), moved into `result` at the end.
  var busy: RawBuffer<Double>
  var queueIntegral: RawBuffer<Double>
  /// `result`'s per-step and per-role counters while running (raw memory, no copy-on-write check per update).
  var stepOccurrences: RawBuffer<Int>
  var stepLateCount: RawBuffer<Int>
  var waitSum: RawBuffer<Double>
  var waitCount: RawBuffer<Int>
  var categoryCases: RawBuffer<Int>
  var categoryLate: RawBuffer<Int>
  var timeToAnswer = RawMinuteHistogram()
  var timeToFirstReply = RawMinuteHistogram()
  var allowed = RawMinuteHistogram()
  /// Completions of zero-length role-less steps nested in the current event.
  var inlineDepth = 0
  var freeDelays: [Int32] = []
  var arrivalRNG: Xoshiro256
  /// `SplitMix64.prefix(seed, replication)`: a case's stream is `derive(prefix:, 2 + case number)`.
  let caseSeedPrefix: UInt64
  var absenceRNG: Xoshiro256
  /// Engine runs of open cases, and the free ones of each profile.
  var runs = RawBuffer<CaseRun>()
  var freeRuns: [[Int32]]
  /// Per profile: the engine run all its cases share when nothing recorded can change a deadline (no step with a
  /// rule, no completion that matters): its deadlines depend on the detection instant alone, so the run is reset at
  /// the case's end and asked there (-1: each case has its own run).
  var sharedRun: [Int32]
  /// Per table: this replication's copy of its working time over the horizon and the year after.
  let axes: [WorkingAxis]
  /// Per table: its round-the-clock span (`WorkingAxis.continuous`; empty for most tables).
  let continuous: [(start: Int, end: Int)]
  /// Per table: working position at the start of each day of the horizon (days + 1 values).
  /// Flat: table t's day d at `t * (days + 1) + d`.
  let dayPositions: [Int]
  let startSecond: Int
  let warmupSecond: Int
  let endSecond: Int
  let edf: Bool
  /// Per burst: the category × kind mix entry of its messages (-1: drawn from the mix).
  let burstMixes: [Int]
  /// Cumulative shares of the category × kind mix entries, and of the channels.
  let mixCumulative: [Double]
  let channelCumulative: [Double]
  let channelCount: Int
  let coCumulative: [(Int, Double)]
  let hourWeights: [Double]
  // The model's arrays this replication reads on every event, held here.
  let stepRole: [Int]
  let stepDuration: [Sampler]
  /// Values of the empirical distributions.
  let empiricalTable: [Double]
  let stepCoExecution: [UInt8]
  /// Every step's branches in one array, step s's at `branchStart[s]..<branchStart[s + 1]` (no inner array to
  /// retain per completion).
  let branches: [Branch]
  let branchStart: [Int]
  /// Per profile × step (`profile * stepCount + step`): whether the engine's plan has a deadline rule for the step. A
  /// step without one has no deadline whatever the history (the engine answers "none" every time), so it is not
  /// asked.
  let stepRuled: [Bool]
  /// Per profile × step: whether the step's completion can change a deadline (the engine's `stepsThatMatter`); the
  /// others are not recorded in the case's engine run.
  let stepMatters: [Bool]
  let stepCount: Int
  /// Per profile × step: whether the step's condition holds.
  let applies: [Bool]
  let categoryChoice: [Int]
  /// Per profile: the overall limits that apply, with the step that meets each.
  /// Flat: profile p's at `profileLimitStart[p]..<profileLimitStart[p + 1]`.
  let profileLimits: [(limit: Int, until: Int)]
  let profileLimitStart: [Int]
  /// The limits each step meets (`until`), flat: step s's at `untilStart[s]..<untilStart[s + 1]`.
  let untilLimits: [Int]
  let untilStart: [Int]
  let limitCount: Int
  /// Per case slot × limit: when the case first completed the limit's `until` step (Int.min: not yet). A limit is
  /// met by that first occurrence (the engine's rule); kept here, so the step need not be recorded in the engine run
  /// when no deadline depends on it.
  var reached = RawBuffer<Int>()
  let maxRework: Int
  /// Per step: whether one of its outcomes is a rework (open while rounds are left) or an interim answer (open until
  /// the first reply); per profile × step: the sum of the probabilities of the outcomes open to the profile when
  /// neither limit bites.
  let staticBranchTotals: Bool
  /// Tests: no shortcut (see `init`).
  let generalPaths: Bool
  let stepHasRework: [Bool]
  let stepHasInterim: [Bool]
  let profileBranchTotal: [Double]
  let excludedShare: Double
  let repeatShare: Double
  let entry: Int

  /// `recordEveryStep`: the general paths, for tests to compare with the shortcuts: record every completion in the
  /// engine runs, also those no deadline depends on (so no profile shares one run), and sum the open outcomes' chances
  /// at every choice instead of taking the sum computed at the start, and put every job in its queue before giving it
  /// out.
  init(model: SimulationModel, seed: UInt64, replication: Int, trace: Bool, recordEveryStep: Bool = false) {
    self.model = model
    self.seed = seed
    self.replication = replication
    self.trace = trace ? [] : nil
    result = ReplicationResult(steps: model.regulation.steps.count, categories: model.categoryNames.count,
      roles: model.roles.count, days: model.days)
    arrivalRNG = Xoshiro256(seed: SplitMix64.derive(seed, UInt64(replication), 1))
    caseSeedPrefix = SplitMix64.prefix(seed, UInt64(replication))
    absenceRNG = Xoshiro256(seed: SplitMix64.derive(seed, UInt64(replication), 2))
    startSecond = model.startDay * 86_400
    warmupSecond = startSecond + model.warmupDays * 86_400
    endSecond = startSecond + model.days * 86_400
    edf = model.scenario.queue == .edf
    busy = RawBuffer(repeating: 0, count: model.roles.count * model.days)
    queueIntegral = RawBuffer(repeating: 0, count: model.roles.count * model.days)
    stepOccurrences = RawBuffer(repeating: 0, count: model.regulation.steps.count)
    stepLateCount = RawBuffer(repeating: 0, count: model.regulation.steps.count)
    waitSum = RawBuffer(repeating: 0, count: model.roles.count)
    waitCount = RawBuffer(repeating: 0, count: model.roles.count)
    categoryCases = RawBuffer(repeating: 0, count: model.categoryNames.count)
    categoryLate = RawBuffer(repeating: 0, count: model.categoryNames.count)
    let axes = model.tables.map { WorkingAxis(table: $0, fromDay: model.startDay, days: model.days + 400) }
    self.axes = axes
    continuous = axes.map(\.continuous)
    dayPositions = axes.flatMap { a in (0...model.days).map { d in a.position((model.startDay + d) * 86_400) ?? 0 } }
    freeRuns = Array(repeating: [], count: model.profiles.count)
    for (ri, r) in model.roles.enumerated() {
      var state = RoleState()
      state.firstServer = servers.count
      state.serverCount = r.servers.count
      state.singleTable = Set(r.servers).count == 1 ? r.servers[0] : -1
      state.idleBase = idle.count
      for (li, table) in r.servers.enumerated() { servers.append(Server(role: ri, local: li, table: table)) }
      var words = [UInt64](repeating: 0, count: (r.servers.count + 63) / 64)
      for li in r.servers.indices { words[li >> 6] |= 1 << UInt64(li & 63) }
      for w in words { idle.append(w) }
      state.capacity = r.servers.count
      roles.append(state)
    }
    let channelCount = model.channelCount
    self.channelCount = channelCount
    burstMixes = model.scenario.arrivals.bursts.map { b in
      b.categories.isEmpty ? -1 : (model.profiles.firstIndex { Set($0.categories) == Set(b.categories) }.map { $0 / channelCount } ?? -1)
    }
    var acc = 0.0
    mixCumulative = stride(from: 0, to: model.profiles.count, by: channelCount).map { acc += model.profiles[$0].share; return acc }
    channelCumulative = model.channelCumulative
    var coAcc = 0.0
    coCumulative = model.scenario.coExecutors.sorted { $0.key < $1.key }.map { coAcc += $0.value; return ($0.key, coAcc) }
    let total = model.scenario.arrivals.byHour.reduce(0, +)
    hourWeights = model.scenario.arrivals.byHour.map { total > 0 ? $0 / total : 1.0 / 24 }
    stepRole = model.stepRole
    var table: [Double] = []
    stepDuration = model.stepDuration.map { Sampler($0, table: &table) }
    empiricalTable = table
    stepCoExecution = model.stepCoExecution
    var flat: [Branch] = [], starts: [Int] = []
    for bs in model.flow.branches {
      starts.append(flat.count)
      for b in bs {
        let o: Branch.Outcome
        switch b.outcome {
        case "rework": o = .rework
        case "interim": o = .interim
        case "excluded": o = .excluded
        default: o = .other
        }
        flat.append(Branch(outcome: o, target: b.target, probability: b.probability))
      }
    }
    starts.append(flat.count)
    branches = flat
    branchStart = starts
    let stepCount = model.regulation.steps.count
    self.stepCount = stepCount
    stepRuled = model.profiles.indices.flatMap { p in (0..<stepCount).map { model.oracle.hasRule(profile: p, step: $0) } }
    stepMatters = model.profiles.indices.flatMap { p in
      recordEveryStep ? Array(repeating: true, count: stepCount) : model.oracle.stepsThatMatter(profile: p)
    }
    applies = model.applies.flatMap { $0 }
    categoryChoice = model.profiles.map(\.categoryChoice)
    let oracle = model.oracle
    let limitsByProfile = model.profiles.indices.map { p in
      oracle.limits.enumerated().filter { oracle.limitApplies(profile: p, limit: $0.offset) }.map { ($0.offset, $0.element.until) }
    }
    profileLimits = limitsByProfile.flatMap { $0 }
    profileLimitStart = limitsByProfile.reduce(into: [0]) { $0.append($0.last! + $1.count) }
    limitCount = oracle.limits.count
    var until: [Int] = [], untilStart: [Int] = []
    for step in 0..<stepCount {
      untilStart.append(until.count)
      until += oracle.limits.indices.filter { oracle.limits[$0].until == step }
    }
    untilStart.append(until.count)
    untilLimits = until
    self.untilStart = untilStart
    maxRework = model.scenario.maxRework
    staticBranchTotals = !recordEveryStep
    generalPaths = recordEveryStep
    stepHasRework = (0..<stepCount).map { s in (starts[s]..<starts[s + 1]).contains { flat[$0].outcome == .rework } }
    stepHasInterim = (0..<stepCount).map { s in (starts[s]..<starts[s + 1]).contains { flat[$0].outcome == .interim } }
    let appliesFlat = model.applies.flatMap { $0 }
    profileBranchTotal = model.profiles.indices.flatMap { p in
      (0..<stepCount).map { s in
        var total = 0.0
        for i in starts[s]..<starts[s + 1]
        where flat[i].probability > 0 && (flat[i].target < 0 || appliesFlat[p * stepCount + flat[i].target]) {
          total += flat[i].probability
        }
        return total
      }
    }
    excludedShare = model.scenario.arrivals.excludedShare
    repeatShare = model.scenario.arrivals.repeatShare
    entry = model.flow.entry
    sharedRun = Array(repeating: -1, count: model.profiles.count)
    for p in model.profiles.indices {
      let row = p * stepCount..<(p + 1) * stepCount
      if !stepRuled[row].contains(true) && !stepMatters[row].contains(true) {
        sharedRun[p] = Int32(runs.count)
        runs.append(model.oracle.run(profile: p))
      }
    }
  }

  // MARK: - Running

  @inline(__always) mutating func schedule(_ time: Int, _ kind: Kind, _ a: Int32 = 0) {
    seq += 1
    heap.push(EventQueue.key(time: time, origin: startSecond, seq: seq),
      UInt64(kind.rawValue) | UInt64(UInt32(bitPattern: a)) << 8)
  }

  mutating func scheduleArrival(_ time: Int, burst: Int) {
    seq += 1
    arrivals.append(EventQueue.Entry(key: EventQueue.key(time: time, origin: startSecond, seq: seq),
      payload: UInt64(Kind.arrival.rawValue) | UInt64(burst + 1) << 8))
  }

  mutating func run() -> ReplicationResult {
    schedule(startSecond, .dayStart, 0)
    while true {
      let e: EventQueue.Entry
      if arrivalNext < arrivals.count && arrivals[arrivalNext].key < heap.firstKey {
        e = arrivals[arrivalNext]
        arrivalNext += 1
      } else if let h = heap.pop() {
        e = h
      } else {
        break
      }
      now = Int(e.key >> 32) + startSecond
      result.events += 1
      let a = Int(Int32(bitPattern: UInt32(truncatingIfNeeded: e.payload >> 8)))
      switch Kind(rawValue: UInt8(truncatingIfNeeded: e.payload))! {
      case .arrival: arrive(burst: a - 1)
      case .serverDone: serverDone(a)
      case .wake:
        roles[a].wakeAt = .max
        dispatch(a)
      case .dayStart: dayStart(a)
      case .delayDone:
        let i = a
        let job = delays[i]
        freeDelays.append(Int32(i))
        complete(job, actor: nil)
      }
    }
    for r in 0..<roles.count { touchQueue(r, at: endSecond) }
    let days = model.days
    for r in 0..<roles.count {
      result.busy[r] = Array(UnsafeBufferPointer(start: busy.base + r * days, count: days))
      result.queueIntegral[r] = Array(UnsafeBufferPointer(start: queueIntegral.base + r * days, count: days))
    }
    result.stepOccurrences = stepOccurrences.array
    result.stepLate = stepLateCount.array
    result.waitSum = waitSum.array
    result.waitCount = waitCount.array
    result.categoryCases = categoryCases.array
    result.categoryLate = categoryLate.array
    result.timeToAnswer = timeToAnswer.histogram
    result.timeToFirstReply = timeToFirstReply.histogram
    result.allowed = allowed.histogram
    freeStorage()
    return result
  }

  /// Frees the raw storage of the run (`run` is called once).
  mutating func freeStorage() {
    for r in 0..<roles.count { roles[r].fifo.free() }
    cases.free(); freeSlots.free(); servers.free(); roles.free(); idle.free(); busy.free(); queueIntegral.free()
    stepOccurrences.free(); stepLateCount.free(); waitSum.free(); waitCount.free(); runs.free(); reached.free()
    categoryCases.free(); categoryLate.free(); timeToAnswer.free(); timeToFirstReply.free(); allowed.free(); heap.free()
  }

  // MARK: - Days: absences, availability, arrivals

  mutating func dayStart(_ d: Int) {
    let dayStartSecond = startSecond + d * 86_400
    for (ri, r) in model.roles.enumerated() {
      var absent = 0
      if r.absentShare > 0 {
        for _ in r.servers where absenceRNG.uniform() < r.absentShare { absent += 1 }
      }
      roles[ri].capacity = r.servers.count - max(0, absent - r.substitutes)
      if d < model.days {
        var avail = 0
        for (li, t) in r.servers.enumerated() where li < roles[ri].capacity {
          avail += dayPositions[t * (model.days + 1) + d + 1] - dayPositions[t * (model.days + 1) + d]
        }
        result.available[ri][d] = Double(avail)
      }
    }
    if d < model.days { generateArrivals(day: d, from: dayStartSecond) }
    for r in 0..<roles.count { dispatch(r) }
    // After the horizon, days go on while cases are open (at most a year: a role with nobody left cannot hang the run).
    if d + 1 < model.days || ((active > 0 || !heap.isEmpty || arrivalNext < arrivals.count) && d < model.days + 366) {
      schedule(dayStartSecond + 86_400, .dayStart, Int32(d + 1))
    }
  }

  mutating func generateArrivals(day d: Int, from dayStartSecond: Int) {
    let a = model.scenario.arrivals
    let date = CivilDate(dayNumber: model.startDay + d)
    let kind = model.tables[model.mainTable].calendar.kind(of: date)
    let offCalendarDay = !kind.isWorking && kind != .weekend
    let factor = offCalendarDay ? a.daysOff : a.byWeekday[date.weekday - 1]
    let perDay = a.perDay * factor
    // The previous day's arrivals are all past (each day's come before the next day starts).
    arrivals.removeFirst(arrivalNext)
    arrivalNext = 0
    if perDay > 0 {
      for h in 0..<24 {
        let rate = perDay * hourWeights[h] / 3600  // per second
        guard rate > 0 else { continue }
        var t = Double(dayStartSecond + h * 3600)
        let end = Double(dayStartSecond + (h + 1) * 3600)
        while true {
          t += -Foundation.log(arrivalRNG.uniform()) / rate
          if t >= end { break }
          scheduleArrival(Int(t), burst: -1)
        }
      }
    }
    for (bi, b) in a.bursts.enumerated() where b.perHour > 0 {
      let bStart = b.start.seconds, bEnd = b.start.seconds + Int(b.hours * 3600)
      let from = max(bStart, dayStartSecond), to = min(bEnd, dayStartSecond + 86_400)
      guard from < to else { continue }
      let rate = b.perHour / 3600
      var t = Double(from)
      while true {
        t += -Foundation.log(arrivalRNG.uniform()) / rate
        if t >= Double(to) { break }
        scheduleArrival(Int(t), burst: bi)
      }
    }
    // Bursts come after the day's hours in the list: put the day in (time, sequence) order.
    if !a.bursts.isEmpty, !arrivals.indices.dropFirst().allSatisfy({ arrivals[$0 - 1].key < arrivals[$0].key }) {
      arrivals.sort { $0.key < $1.key }
    }
  }

  // MARK: - Cases

  mutating func arrive(burst: Int) {
    nextCaseNumber += 1
    var c = Case()
    c.number = nextCaseNumber
    c.rng = SplitMix64(seed: SplitMix64.derive(prefix: caseSeedPrefix, UInt64(2 + nextCaseNumber)))
    let uProfile = c.rng.uniform(), uExcluded = c.rng.uniform(), uRepeat = c.rng.uniform()
    let uChannel = c.rng.uniform()
    let mix: Int
    if burst >= 0, burstMixes[burst] >= 0 {
      mix = burstMixes[burst]
    } else {
      mix = mixCumulative.firstIndex { uProfile * (mixCumulative.last ?? 1) < $0 } ?? 0
    }
    let channel = channelCount == 1 ? 0 : (channelCumulative.firstIndex { uChannel * (channelCumulative.last ?? 1) < $0 } ?? 0)
    c.profile = mix * channelCount + channel
    c.detected = now
    c.counted = now >= warmupSecond && now < endSecond
    c.excluded = uExcluded < excludedShare
    c.isRepeat = uRepeat < repeatShare
    if sharedRun[c.profile] >= 0 {
      c.run = sharedRun[c.profile]
    } else if let r = freeRuns[c.profile].popLast() {
      c.run = r
      runs[Int(r)].reset(detected: LocalTimestamp(seconds: now))
    } else {
      c.run = Int32(runs.count)
      var run = model.oracle.run(profile: c.profile)
      run.reset(detected: LocalTimestamp(seconds: now))
      runs.append(run)
    }
    result.simulated += 1
    let slot: Int32
    if let s = freeSlots.popLast() {
      slot = s
      cases[Int(s)] = c
      for l in 0..<limitCount { reached[Int(s) * limitCount + l] = .min }
    } else {
      slot = Int32(cases.count)
      cases.append(c)
      for _ in 0..<limitCount { reached.append(.min) }
    }
    active += 1
    if trace != nil { traceRow(slot, step: "detected", at: now, actor: "", role: "") }
    visit(slot, step: entry)
  }

  @inline(__always) mutating func visit(_ slot: Int32, step: Int) {
    if stepCoExecution[step] != 0 {
      let u = cases[Int(slot)].rng.uniform()
      let k = coCumulative.first { u * (coCumulative.last?.1 ?? 1) < $0.1 }?.0 ?? 1
      if stepCoExecution[step] == 1 {
        cases[Int(slot)].pending = k
        for _ in 0..<k { enqueue(makeJob(slot, step, coRemaining: 0)) }
      } else {
        enqueue(makeJob(slot, step, coRemaining: k - 1))
      }
    } else {
      enqueue(makeJob(slot, step, coRemaining: 0))
    }
  }

  @inline(__always) mutating func makeJob(_ slot: Int32, _ step: Int, coRemaining: Int) -> Job {
    let u1 = cases[Int(slot)].rng.uniform(), u2 = cases[Int(slot)].rng.uniform()
    let minutes = stepDuration[step].sample(u1, u2, table: empiricalTable)
    var due = Int.max
    if edf, stepRuled[cases[Int(slot)].profile * stepCount + step] {
      due = runs[Int(cases[Int(slot)].run)].due(of: step).instant?.seconds ?? .max
    }
    return Job(slot: slot, step: Int32(step), coRemaining: Int32(coRemaining), enqueued: now, due: due,
      service: Self.wholeSeconds(minutes))
  }

  /// `max(0, Int((minutes * 60).rounded()))` (to the nearest second, halves away from zero) without a call to the C
  /// library's `round`: for a positive x, truncation and one more when the fraction is at least a half (the fraction
  /// `x - floor(x)` is exact in floating point); zero and negatives give 0 either way. The same integers (tested).
  /// The half is added as 0 or 1, not chosen by a branch: which way it goes is a coin toss per job, a branch the
  /// processor mispredicts half the time (`&+`: `i` is at most 2⁶³ − 1 minus a fraction, no overflow).
  @inline(__always) static func wholeSeconds(_ minutes: Double) -> Int {
    let x = minutes * 60
    guard x > 0 else { return 0 }
    let i = Int(x)
    return i &+ (x - Double(i) >= 0.5 ? 1 : 0)
  }

  mutating func enqueue(_ job: Job) {
    let role = stepRole[Int(job.step)]
    if role < 0 {
      let finish = adding(model.mainTable, job.service, to: now)
      // A step of nobody that takes no time (the peer model's answer) is done at once: no event of its own. A few
      // levels at most, so a cycle of such steps still goes through the event list.
      if finish == now && inlineDepth < 8 {
        inlineDepth += 1
        complete(job, actor: nil)
        inlineDepth -= 1
        return
      }
      let i: Int32
      if let f = freeDelays.popLast() {
        i = f
        delays[Int(f)] = job
      } else {
        i = Int32(delays.count)
        delays.append(job)
      }
      schedule(finish, .delayDone, i)
      return
    }
    touchQueue(role, at: now)
    // Nobody waiting (first come first served): the job goes straight to the first free person at work, the one
    // `dispatch` would give it to after a push and a pop; otherwise it waits.
    if !edf && roles[role].queueLength == 0 && !generalPaths, let si = firstFreeAtWork(role) {
      start(si, job)
      return
    }
    roles[role].queueLength += 1
    if edf {
      seq += 1
      roles[role].edf.push(job.due, seq, job)
    } else {
      roles[role].fifo.push(job)
    }
    dispatch(role)
  }

  /// The first free person of the role at work now, in the order of the role's people (as `dispatch` walks them).
  @inline(__always) func firstFreeAtWork(_ role: Int) -> Int? {
    let singleTable = roles[role].singleTable
    if singleTable >= 0 && nextWorking(singleTable, now) != now { return nil }
    let capacity = roles[role].capacity, idleBase = roles[role].idleBase, firstServer = roles[role].firstServer
    for w in 0..<(roles[role].serverCount + 63) / 64 {
      var bits = idle[idleBase + w]
      while bits != 0 {
        let li = w << 6 + bits.trailingZeroBitCount
        bits &= bits - 1
        if li >= capacity { return nil }
        let si = firstServer + li
        if singleTable >= 0 || nextWorking(servers[si].table, now) == now { return si }
      }
    }
    return nil
  }

  /// The first instant at or after `t` inside the table's working time.
  @inline(__always) func nextWorking(_ table: Int, _ t: Int) -> Int {
    let c = continuous[table]
    return t >= c.start && t < c.end ? t : axes[table].nextWorking(t)
  }

  /// When a task of `seconds` working seconds started at `t` ends, in the table's working time.
  @inline(__always) func adding(_ table: Int, _ seconds: Int, to t: Int) -> Int {
    if seconds <= 0 { return t }
    let c = continuous[table]
    return t >= c.start && t + seconds < c.end ? t + seconds : axes[table].adding(seconds, to: t)
  }

  /// Working seconds of the table from the start of the copied days to `t`.
  @inline(__always) func position(_ table: Int, _ t: Int) -> Int? {
    let c = continuous[table]
    return t >= c.start && t < c.end ? t - c.start : axes[table].position(t)
  }

  /// Gives waiting work to free people who are at work now (in the order of the role's people); otherwise wakes the
  /// role when the first one comes in.
  @inline(__always) mutating func dispatch(_ role: Int) {
    // Most calls find nobody waiting: answered here, without a call.
    if roles[role].queueLength > 0 { dispatchWaiting(role) }
  }

  @inline(never) mutating func dispatchWaiting(_ role: Int) {
    let singleTable = roles[role].singleTable, firstServer = roles[role].firstServer
    let capacity = roles[role].capacity, idleBase = roles[role].idleBase
    // Everyone on one table, off duty now: nobody to walk, wake at the next opening.
    if singleTable >= 0 {
      let next = nextWorking(singleTable, now)
      if next != now {
        if next < roles[role].wakeAt {
          roles[role].wakeAt = next
          schedule(next, .wake, Int32(role))
        }
        return
      }
    }
    var wake = Int.max
    var lastTable = -1, lastNext = 0
    let words = (roles[role].serverCount + 63) / 64
    walk: for w in 0..<words {
      var bits = idle[idleBase + w]
      while bits != 0 {
        if roles[role].queueLength == 0 { break walk }
        let li = w << 6 + bits.trailingZeroBitCount
        bits &= bits - 1
        if li >= capacity { break walk }
        let si = firstServer + li
        let table = servers[si].table
        if table != lastTable {
          lastTable = table
          lastNext = nextWorking(table, now)
        }
        if lastNext == now {
          start(si, popJob(role))
        } else {
          wake = min(wake, lastNext)
        }
      }
    }
    if roles[role].queueLength > 0, wake != .max, wake < roles[role].wakeAt {
      roles[role].wakeAt = wake
      schedule(wake, .wake, Int32(role))
    }
  }

  @inline(__always) mutating func popJob(_ role: Int) -> Job {
    touchQueue(role, at: now)
    roles[role].queueLength -= 1
    return edf ? roles[role].edf.pop()!.value : roles[role].fifo.pop()!
  }

  @inline(__always) mutating func start(_ si: Int, _ job: Job) {
    let s = servers[si]
    let finish = adding(s.table, job.service, to: now)
    if now >= warmupSecond && now < endSecond {
      waitSum[s.role] += Double(now - job.enqueued)
      waitCount[s.role] += 1
    }
    // Busy working seconds, split over the days they fall on.
    var d = (now - startSecond) / 86_400
    if d >= 0 && d < model.days && job.service > 0 {
      var pos = position(s.table, now) ?? 0
      var remaining = job.service
      let days = model.days
      let positions = s.table * (days + 1) + 1
      while remaining > 0 && d < days {
        let chunk = min(remaining, dayPositions[positions + d] - pos)
        if chunk > 0 {
          busy[s.role * days + d] += Double(chunk)
          remaining -= chunk
          pos += chunk
        }
        d += 1
      }
    }
    servers[si].busy = true
    servers[si].job = job
    let base = roles[s.role].idleBase
    idle[base + s.local >> 6] &= ~(1 << UInt64(s.local & 63))
    schedule(finish, .serverDone, Int32(si))
  }

  @inline(__always) mutating func serverDone(_ si: Int) {
    let job = servers[si].job
    servers[si].busy = false
    let s = servers[si]
    idle[roles[s.role].idleBase + s.local >> 6] |= 1 << UInt64(s.local & 63)
    complete(job, actor: si)
    dispatch(servers[si].role)
  }

  @inline(__always) mutating func touchQueue(_ role: Int, at t: Int) {
    let last = roles[role].lastChange
    let len = roles[role].queueLength
    roles[role].lastChange = t
    guard len > 0, t > last else { return }
    var a = max(last, startSecond)
    let b = min(t, endSecond)
    while a < b {
      let d = (a - startSecond) / 86_400
      let dayEnd = startSecond + (d + 1) * 86_400
      let e = min(b, dayEnd)
      queueIntegral[role * model.days + d] += Double(len * (e - a))
      a = e
    }
  }

  mutating func complete(_ job: Job, actor: Int?) {
    let slot = Int(job.slot), step = Int(job.step)
    let run = Int(cases[slot].run)
    // The deadline of this occurrence given the steps before it, then the step recorded: each case is evaluated
    // once, as it goes.
    if cases[slot].counted && !cases[slot].excluded {
      stepOccurrences[step] += 1
      if stepRuled[cases[slot].profile * stepCount + step], let due = runs[run].due(of: step).instant?.seconds {
        if due > cases[slot].maxDue { cases[slot].maxDue = due }
        if now > due {
          stepLateCount[step] += 1
          cases[slot].late = true
        }
      }
    }
    if stepMatters[cases[slot].profile * stepCount + step] { runs[run].record(step, at: LocalTimestamp(seconds: now)) }
    for i in untilStart[step]..<untilStart[step + 1] where reached[slot * limitCount + untilLimits[i]] == .min {
      reached[slot * limitCount + untilLimits[i]] = now
    }
    if trace != nil {
      let roleName = model.regulation.steps[step].role?.value ?? ""
      let actorName = actor.map { "\(roleName)-\(servers[$0].local + 1)" } ?? ""
      traceRow(job.slot, step: model.regulation.steps[step].id, at: now, actor: actorName, role: roleName)
    }
    if job.coRemaining > 0 {
      enqueue(makeJob(job.slot, step, coRemaining: Int(job.coRemaining) - 1))
      return
    }
    if cases[slot].pending > 1 {
      cases[slot].pending -= 1
      return
    }
    cases[slot].pending = 0
    // Which way the case goes: the scenario's probabilities over the outcomes open to this incident.
    let u = cases[slot].rng.uniform()
    let bs = branchStart[step]..<branchStart[step + 1]
    let profile = cases[slot].profile
    var chosen: Branch?
    if cases[slot].excluded && step == entry {
      chosen = bs.first { branches[$0].outcome == .excluded }.map { branches[$0] }
        ?? Branch(outcome: .excluded, target: -1, probability: 1)
    } else {
      var total = 0.0
      let reworks = cases[slot].reworks, replied = cases[slot].firstReply >= 0
      if staticBranchTotals && (!stepHasRework[step] || reworks < maxRework) && (!stepHasInterim[step] || !replied) {
        // Every outcome's openness depends on the profile alone here: the sum is the one computed at the start, the
        // same additions in the same order.
        total = profileBranchTotal[profile * stepCount + step]
      } else {
        for i in bs where open(branches[i], profile: profile, reworks: reworks, replied: replied) {
          total += branches[i].probability
        }
      }
      if total > 0 {
        var acc = 0.0
        let x = u * total
        for i in bs where open(branches[i], profile: profile, reworks: reworks, replied: replied) {
          acc += branches[i].probability
          chosen = branches[i]
          if x < acc { break }
        }
      }
    }
    let target = chosen?.target ?? -1
    if chosen?.outcome == .rework { cases[slot].reworks += 1 }
    if (chosen?.outcome == .interim || target < 0) && cases[slot].firstReply < 0 { cases[slot].firstReply = now }
    if target < 0 {
      finish(slot)
    } else {
      visit(job.slot, step: target)
    }
  }

  /// Whether an outcome is open to this case: a positive probability, rework rounds left, one interim answer at most,
  /// and a target step whose condition holds for the incident's categories and kind.
  @inline(__always) func open(_ b: Branch, profile: Int, reworks: Int, replied: Bool) -> Bool {
    guard b.probability > 0 else { return false }
    if b.outcome == .rework && reworks >= maxRework { return false }
    if b.outcome == .interim && replied { return false }
    return b.target < 0 || applies[profile * stepCount + b.target]
  }

  mutating func finish(_ slot: Int) {
    let c = cases[slot]
    active -= 1
    freeSlots.append(Int32(slot))
    let shared = sharedRun[c.profile] >= 0
    defer { if !shared { freeRuns[c.profile].append(c.run) } }
    guard c.counted else { return }
    if c.excluded {
      result.excluded += 1
      return
    }
    // The overall limits: each met by the first occurrence of its `until` step.
    var late = c.late
    var allowedDue: Int?
    if shared { runs[Int(c.run)].reset(detected: LocalTimestamp(seconds: c.detected)) }
    for i in profileLimitStart[c.profile]..<profileLimitStart[c.profile + 1] {
      let l = profileLimits[i].limit
      guard let due = runs[Int(c.run)].limitDue(l).instant?.seconds else { continue }
      if allowedDue == nil { allowedDue = due }
      let at = reached[slot * limitCount + l]
      if at != .min && at > due { late = true }
    }
    if allowedDue == nil, c.maxDue != Int.min { allowedDue = c.maxDue }
    if let allowedDue { allowed.add(Double(allowedDue - c.detected) / 60) }
    result.incidents += 1
    if late { result.lateCases += 1 }
    let cat = categoryChoice[c.profile]
    categoryCases[cat] += 1
    if late { categoryLate[cat] += 1 }
    if c.isRepeat {
      result.repeats += 1
      if late { result.repeatsLate += 1 }
    }
    timeToAnswer.add(Double(now - c.detected) / 60)
    if c.firstReply >= 0 { timeToFirstReply.add(Double(c.firstReply - c.detected) / 60) }
  }

  mutating func traceRow(_ slot: Int32, step: String, at t: Int, actor: String, role: String) {
    let c = cases[Int(slot)]
    let p = model.profiles[c.profile]
    let time = model.timeZone.iso(LocalTimestamp(seconds: t))
    let digits = String(c.number)
    let id = "C" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    trace?.append("\(id),\(step),\(time),\(actor),\(role),,\(p.categories.joined(separator: "+")),\(p.kind ?? "")")
  }
}
