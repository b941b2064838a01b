import Foundation
import RegulationModel
import WorkingTime

/// One replication of one variant: a discrete-event simulation on the regulation's local clock (seconds).
///
/// People take work only in their own working time (their table: the regulation's schedule for the role, a shift, or
/// round the clock); a task needs a number of *working* seconds, so work in progress stops at the close of business
/// and resumes at the next opening, over nights, weekends and holidays. Deadlines come from the engine through
/// `DeadlineOracle`. Random numbers: arrivals and absences from streams of (seed, replication); every draw of a case
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
    var detected = 0
    var counted = false
    var excluded = false
    var isRepeat = false
    var rng = SplitMix64(seed: 0)
    var events: [(step: Int, at: Int)] = []
    var firstReply = -1
    var pending = 0
    var reworks = 0
  }

  struct Server {
    var role: Int
    var local: Int
    var table: Int
    var busy = false
    var job = Job(slot: 0, step: 0, coRemaining: 0, enqueued: 0, due: 0, service: 0)
  }

  struct RoleState {
    var servers: [Int] = []
    var fifo = FIFO<Job>()
    var edf = MinHeap<Job>()
    var capacity = 0
    var wakeAt = Int.max
    var queueLength = 0
    var lastChange = 0
  }

  enum Kind: UInt8 { case arrival, serverDone, wake, dayStart, delayDone }
  struct Event {
    var kind: Kind
    var a: Int32
  }

  let model: SimulationModel
  let seed: UInt64
  let replication: Int
  var result: ReplicationResult
  var trace: [String]?

  var heap = MinHeap<Event>()
  var seq = 0
  var now = 0
  var cases: [Case] = []
  var freeSlots: [Int32] = []
  var active = 0
  var nextCaseNumber = 0
  var servers: [Server] = []
  var roles: [RoleState] = []
  var delays: [Job] = []
  var freeDelays: [Int32] = []
  var arrivalRNG: Xoshiro256
  var absenceRNG: Xoshiro256
  /// Per table: working position at the start of each day of the horizon (days + 1 values).
  var dayPositions: [[Int]]
  let startSecond: Int
  let warmupSecond: Int
  let endSecond: Int
  let edf: Bool
  let burstProfiles: [Int]
  let profileCumulative: [Double]
  let coCumulative: [(Int, Double)]
  let hourWeights: [Double]

  init(model: SimulationModel, seed: UInt64, replication: Int, trace: Bool) {
    self.model = model
    self.seed = seed
    self.replication = replication
    self.trace = trace ? [] : nil
    result = ReplicationResult(steps: model.regulation.steps.count, categories: model.categoryNames.count,
      roles: model.roles.count, days: model.days)
    arrivalRNG = Xoshiro256(seed: SplitMix64.derive(seed, UInt64(replication), 1))
    absenceRNG = Xoshiro256(seed: SplitMix64.derive(seed, UInt64(replication), 2))
    startSecond = model.startDay * 86_400
    warmupSecond = startSecond + model.warmupDays * 86_400
    endSecond = startSecond + model.days * 86_400
    edf = model.scenario.queue == .edf
    dayPositions = model.tables.map { t in
      (0...model.days).map { d in (try? t.position(of: LocalTimestamp(seconds: (model.startDay + d) * 86_400))) ?? 0 }
    }
    for (ri, r) in model.roles.enumerated() {
      var state = RoleState()
      for (li, table) in r.servers.enumerated() {
        state.servers.append(servers.count)
        servers.append(Server(role: ri, local: li, table: table))
      }
      state.capacity = r.servers.count
      roles.append(state)
    }
    burstProfiles = model.scenario.arrivals.bursts.map { b in
      b.categories.isEmpty ? -1 : (model.profiles.firstIndex { Set($0.categories) == Set(b.categories) } ?? -1)
    }
    var acc = 0.0
    profileCumulative = model.profiles.map { acc += $0.share; return acc }
    var coAcc = 0.0
    coCumulative = model.scenario.coExecutors.sorted { $0.key < $1.key }.map { coAcc += $0.value; return ($0.key, coAcc) }
    let total = model.scenario.arrivals.byHour.reduce(0, +)
    hourWeights = model.scenario.arrivals.byHour.map { total > 0 ? $0 / total : 1.0 / 24 }
  }

  // MARK: - Running

  mutating func schedule(_ time: Int, _ kind: Kind, _ a: Int32 = 0) {
    seq += 1
    heap.push(time, seq, Event(kind: kind, a: a))
  }

  mutating func run() -> ReplicationResult {
    schedule(startSecond, .dayStart, 0)
    while let e = heap.pop() {
      now = e.key
      result.events += 1
      switch e.value.kind {
      case .arrival: arrive(burst: Int(e.value.a) - 1)
      case .serverDone: serverDone(Int(e.value.a))
      case .wake:
        roles[Int(e.value.a)].wakeAt = .max
        dispatch(Int(e.value.a))
      case .dayStart: dayStart(Int(e.value.a))
      case .delayDone:
        let i = Int(e.value.a)
        let job = delays[i]
        freeDelays.append(Int32(i))
        complete(job, actor: nil)
      }
    }
    for r in roles.indices { touchQueue(r, at: endSecond) }
    return result
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
          avail += dayPositions[t][d + 1] - dayPositions[t][d]
        }
        result.available[ri][d] = Double(avail)
      }
    }
    if d < model.days { generateArrivals(day: d, from: dayStartSecond) }
    for r in roles.indices { dispatch(r) }
    // After the horizon, days go on while cases are open (at most a year: a role with nobody left cannot hang the run).
    if d + 1 < model.days || ((active > 0 || !heap.isEmpty) && d < model.days + 366) { schedule(dayStartSecond + 86_400, .dayStart, Int32(d + 1)) }
  }

  mutating func generateArrivals(day d: Int, from dayStartSecond: Int) {
    let a = model.scenario.arrivals
    let date = CivilDate(dayNumber: model.startDay + d)
    let kind = model.tables[model.mainTable].calendar.kind(of: date)
    let offCalendarDay = !kind.isWorking && kind != .weekend
    let factor = offCalendarDay ? a.daysOff : a.byWeekday[date.weekday - 1]
    let perDay = a.perDay * factor
    if perDay > 0 {
      for h in 0..<24 {
        let rate = perDay * hourWeights[h] / 3600  // per second
        guard rate > 0 else { continue }
        var t = Double(dayStartSecond + h * 3600)
        let end = Double(dayStartSecond + (h + 1) * 3600)
        while true {
          t += -Foundation.log(arrivalRNG.uniform()) / rate
          if t >= end { break }
          schedule(Int(t), .arrival, 0)
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
        schedule(Int(t), .arrival, Int32(bi + 1))
      }
    }
  }

  // MARK: - Cases

  mutating func arrive(burst: Int) {
    nextCaseNumber += 1
    var c = Case()
    c.number = nextCaseNumber
    c.rng = SplitMix64(seed: SplitMix64.derive(seed, UInt64(replication), UInt64(2 + nextCaseNumber)))
    let uProfile = c.rng.uniform(), uExcluded = c.rng.uniform(), uRepeat = c.rng.uniform()
    _ = c.rng.uniform()  // channel: drawn to keep streams aligned; engine v1 has no channel conditions
    if burst >= 0, burstProfiles[burst] >= 0 {
      c.profile = burstProfiles[burst]
    } else {
      c.profile = profileCumulative.firstIndex { uProfile * (profileCumulative.last ?? 1) < $0 } ?? 0
    }
    c.detected = now
    c.counted = now >= warmupSecond && now < endSecond
    c.excluded = uExcluded < model.scenario.arrivals.excludedShare
    c.isRepeat = uRepeat < model.scenario.arrivals.repeatShare
    result.simulated += 1
    let slot: Int32
    if let s = freeSlots.popLast() {
      slot = s
      cases[Int(s)] = c
    } else {
      slot = Int32(cases.count)
      cases.append(c)
    }
    active += 1
    if trace != nil { traceRow(slot, step: "detected", at: now, actor: "", role: "") }
    visit(slot, step: model.flow.entry)
  }

  mutating func visit(_ slot: Int32, step: Int) {
    if model.stepCoExecution[step] != 0 {
      let u = cases[Int(slot)].rng.uniform()
      let k = coCumulative.first { u * (coCumulative.last?.1 ?? 1) < $0.1 }?.0 ?? 1
      if model.stepCoExecution[step] == 1 {
        cases[Int(slot)].pending = k
        for _ in 0..<k { enqueue(makeJob(slot, step, coRemaining: 0)) }
      } else {
        enqueue(makeJob(slot, step, coRemaining: k - 1))
      }
    } else {
      enqueue(makeJob(slot, step, coRemaining: 0))
    }
  }

  mutating func makeJob(_ slot: Int32, _ step: Int, coRemaining: Int) -> Job {
    let u1 = cases[Int(slot)].rng.uniform(), u2 = cases[Int(slot)].rng.uniform()
    let minutes = model.stepDuration[step].sample(u1, u2)
    var due = Int.max
    if edf {
      let c = cases[Int(slot)]
      due = model.oracle.due(of: step, profile: c.profile, detected: c.detected, events: c.events[...])?.seconds ?? .max
    }
    return Job(slot: slot, step: Int32(step), coRemaining: Int32(coRemaining), enqueued: now, due: due,
      service: max(0, Int((minutes * 60).rounded())))
  }

  mutating func enqueue(_ job: Job) {
    let role = model.stepRole[Int(job.step)]
    if role < 0 {
      let finish = (try? model.tables[model.mainTable].adding(job.service, to: LocalTimestamp(seconds: now)).seconds) ?? now + job.service
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
    roles[role].queueLength += 1
    if edf {
      seq += 1
      roles[role].edf.push(job.due, seq, job)
    } else {
      roles[role].fifo.push(job)
    }
    dispatch(role)
  }

  /// The first instant at or after `t` inside the table's working time.
  @inline(__always) func nextWorking(_ table: Int, _ t: Int) -> Int {
    ((try? model.tables[table].adding(1, to: LocalTimestamp(seconds: t)).seconds) ?? (t + 1)) - 1
  }

  /// Gives waiting work to free people who are at work now; otherwise wakes the role when the first one comes in.
  mutating func dispatch(_ role: Int) {
    guard roles[role].queueLength > 0 else { return }
    var wake = Int.max
    var lastTable = -1, lastNext = 0
    for si in roles[role].servers {
      if roles[role].queueLength == 0 { break }
      let s = servers[si]
      guard !s.busy, s.local < roles[role].capacity else { continue }
      if s.table != lastTable {
        lastTable = s.table
        lastNext = nextWorking(s.table, now)
      }
      if lastNext == now {
        start(si, popJob(role))
      } else {
        wake = min(wake, lastNext)
      }
    }
    if roles[role].queueLength > 0, wake != .max, wake < roles[role].wakeAt {
      roles[role].wakeAt = wake
      schedule(wake, .wake, Int32(role))
    }
  }

  mutating func popJob(_ role: Int) -> Job {
    touchQueue(role, at: now)
    roles[role].queueLength -= 1
    return edf ? roles[role].edf.pop()!.value : roles[role].fifo.pop()!
  }

  mutating func start(_ si: Int, _ job: Job) {
    let s = servers[si]
    let table = model.tables[s.table]
    let t = LocalTimestamp(seconds: now)
    let finish = (try? table.adding(job.service, to: t).seconds) ?? now + job.service
    if now >= warmupSecond && now < endSecond {
      result.waitSum[s.role] += Double(now - job.enqueued)
      result.waitCount[s.role] += 1
    }
    // Busy working seconds, split over the days they fall on.
    var d = (now - startSecond) / 86_400
    if d >= 0 && d < model.days && job.service > 0 {
      var pos = (try? table.position(of: t)) ?? 0
      var remaining = job.service
      let positions = dayPositions[s.table]
      while remaining > 0 && d < model.days {
        let chunk = min(remaining, positions[d + 1] - pos)
        if chunk > 0 {
          result.busy[s.role][d] += Double(chunk)
          remaining -= chunk
          pos += chunk
        }
        d += 1
      }
    }
    servers[si].busy = true
    servers[si].job = job
    schedule(finish, .serverDone, Int32(si))
  }

  mutating func serverDone(_ si: Int) {
    let job = servers[si].job
    servers[si].busy = false
    complete(job, actor: si)
    dispatch(servers[si].role)
  }

  mutating func touchQueue(_ role: Int, at t: Int) {
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
      result.queueIntegral[role][d] += Double(len * (e - a))
      a = e
    }
  }

  mutating func complete(_ job: Job, actor: Int?) {
    let slot = Int(job.slot), step = Int(job.step)
    cases[slot].events.append((step, now))
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
    let branches = model.flow.branches[step]
    let profile = cases[slot].profile
    var chosen: ScenarioFlow.Branch?
    if cases[slot].excluded && step == model.flow.entry {
      chosen = branches.first { $0.outcome == "excluded" } ?? ScenarioFlow.Branch(outcome: "excluded", target: -1, probability: 1)
    } else {
      var total = 0.0
      let reworks = cases[slot].reworks, replied = cases[slot].firstReply >= 0
      for b in branches where open(b, profile: profile, reworks: reworks, replied: replied) { total += b.probability }
      if total > 0 {
        var acc = 0.0
        let x = u * total
        for b in branches where open(b, profile: profile, reworks: reworks, replied: replied) {
          acc += b.probability
          chosen = b
          if x < acc { break }
        }
      }
    }
    let target = chosen?.target ?? -1
    if chosen?.outcome == "rework" { cases[slot].reworks += 1 }
    if (chosen?.outcome == "interim" || target < 0) && cases[slot].firstReply < 0 { cases[slot].firstReply = now }
    if target < 0 {
      finish(slot)
    } else {
      visit(job.slot, step: target)
    }
  }

  /// Whether an outcome is open to this case: a positive probability, rework rounds left, one interim answer at most,
  /// and a target step whose condition holds for the incident's categories and kind.
  @inline(__always) func open(_ b: ScenarioFlow.Branch, profile: Int, reworks: Int, replied: Bool) -> Bool {
    guard b.probability > 0 else { return false }
    if b.outcome == "rework" && reworks >= model.scenario.maxRework { return false }
    if b.outcome == "interim" && replied { return false }
    return b.target < 0 || model.applies[profile][b.target]
  }

  mutating func finish(_ slot: Int) {
    let c = cases[slot]
    active -= 1
    freeSlots.append(Int32(slot))
    cases[slot].events = []
    guard c.counted else { return }
    if c.excluded {
      result.excluded += 1
      return
    }
    let ev = model.oracle.evaluate(profile: c.profile, detected: c.detected, events: c.events)
    var late = false
    for (i, e) in c.events.enumerated() {
      result.stepOccurrences[e.step] += 1
      if let due = ev.eventDues[i], e.at > due.seconds {
        result.stepLate[e.step] += 1
        late = true
      }
    }
    for l in ev.limits {
      if let reached = l.reachedAt, reached > l.due { late = true }
    }
    let allowedDue = ev.limits.first?.due ?? ev.eventDues.compactMap { $0 }.max()
    if let allowedDue { result.allowed.add(Double(allowedDue.seconds - c.detected) / 60) }
    result.incidents += 1
    if late { result.lateCases += 1 }
    let cat = model.profiles[c.profile].categoryChoice
    result.categoryCases[cat] += 1
    if late { result.categoryLate[cat] += 1 }
    if c.isRepeat {
      result.repeats += 1
      if late { result.repeatsLate += 1 }
    }
    let end = c.events.last?.at ?? c.detected
    result.timeToAnswer.add(Double(end - c.detected) / 60)
    if c.firstReply >= 0 { result.timeToFirstReply.add(Double(c.firstReply - c.detected) / 60) }
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
