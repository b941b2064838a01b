#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the time of one run goes, phase by phase (`REGLAMENT_TIMING=1 reglament check …`): each measured phase's
/// CPU time on its thread and its wall-clock span since the process reached `main`, printed to stderr at the end. Off
/// (one branch per phase, nothing recorded, no output changed) unless the variable is set.
public enum PhaseTimer {
  /// Whether phases are recorded: `REGLAMENT_TIMING` is set in the environment.
  public static let enabled: Bool = getenv("REGLAMENT_TIMING") != nil

  /// One measured phase.
  public struct Record: Sendable {
    public var phase: String
    public var file: String
    /// CPU time of the thread that ran the phase, nanoseconds.
    public var cpu: Int
    /// Wall-clock start and end, nanoseconds since `start()`.
    public var from: Int
    public var to: Int
    public var thread: UInt
  }

  nonisolated(unsafe) private static var records: [Record] = []
  nonisolated(unsafe) private static var origin = 0
  nonisolated(unsafe) private static var cpuAtStart = 0
  nonisolated(unsafe) private static var mutex = pthread_mutex_t()
  nonisolated(unsafe) private static var mutexReady = false

  static func now(_ clock: clockid_t) -> Int {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return ts.tv_sec * 1_000_000_000 + ts.tv_nsec
  }

  /// Marks the start of `main`: the process's CPU time so far is what loading and initialisation cost.
  public static func start() {
    guard enabled else { return }
    pthread_mutex_init(&mutex, nil)
    mutexReady = true
    origin = now(CLOCK_MONOTONIC)
    cpuAtStart = now(CLOCK_PROCESS_CPUTIME_ID)
  }

  /// Runs `body`, recording its thread CPU time and wall span as `phase` of `file` when timing is on.
  @inline(__always)
  public static func measure<T>(
    _ phase: @autoclosure () -> String, file: @autoclosure () -> String = "", _ body: () throws -> T
  ) rethrows -> T {
    guard enabled else { return try body() }
    let c0 = now(CLOCK_THREAD_CPUTIME_ID), w0 = now(CLOCK_MONOTONIC)
    let result = try body()
    let c1 = now(CLOCK_THREAD_CPUTIME_ID), w1 = now(CLOCK_MONOTONIC)
    guard mutexReady else { return result }
    pthread_mutex_lock(&mutex)
    let thread = UInt(pthread_self())
    records.append(Record(phase: phase(), file: file(), cpu: c1 - c0, from: w0 - origin, to: w1 - origin, thread: thread))
    pthread_mutex_unlock(&mutex)
    return result
  }

  /// The table of phases (one line each, in order of start) and the process totals; empty when timing is off.
  public static func report() -> String {
    guard enabled, mutexReady else { return "" }
    pthread_mutex_lock(&mutex)
    let all = records.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    pthread_mutex_unlock(&mutex)
    var threads: [UInt] = []
    for r in all where !threads.contains(r.thread) { threads.append(r.thread) }
    func ms(_ ns: Int) -> String {
      let tenths = (ns + 5_000) / 10_000
      let s = String(tenths / 100) + "." + (tenths % 100 < 10 ? "0" : "") + String(tenths % 100)
      return String(repeating: " ", count: max(0, 7 - s.count)) + s
    }
    var out = "phase timing (ms; cpu = thread CPU time; wall from main)\n"
    out += "before main (process CPU: loading, initialisers): \(ms(cpuAtStart))\n"
    out += "    cpu    from      to  thr  phase  file\n"
    for r in all {
      let t = threads.firstIndex(of: r.thread) ?? 0
      out += "\(ms(r.cpu)) \(ms(r.from)) \(ms(r.to))  t\(t)   \(r.phase)  \(r.file)\n"
    }
    var totals: [(String, Int)] = []
    for r in all {
      if let i = totals.firstIndex(where: { $0.0 == r.phase }) { totals[i].1 += r.cpu } else { totals.append((r.phase, r.cpu)) }
    }
    out += "totals by phase (cpu):\n"
    for (p, c) in totals { out += "\(ms(c))  \(p)\n" }
    out += "process CPU at report: \(ms(now(CLOCK_PROCESS_CPUTIME_ID))); wall since main: \(ms(now(CLOCK_MONOTONIC) - origin))\n"
    return out
  }
}
