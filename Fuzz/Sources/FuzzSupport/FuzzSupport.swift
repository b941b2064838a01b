import CFuzzDriver
import Foundation

/// Helpers shared by the fuzz targets.
public enum FuzzInput {
  /// The fuzzer's bytes as an array; kept as the current input, so that a failure can name it (`fail`).
  public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    lock.withLock { current = input }
    return input
  }

  /// Aborts (so libFuzzer saves the input as a crash) when one input takes more than `limit` seconds of CPU time: a
  /// hang that finishes is still a bug. CPU time of the process (all threads), not wall time, so that a busy machine
  /// does not turn ordinary inputs into findings. An input still running past the limit is stopped by a watchdog
  /// thread (it looks every quarter of a second), so an endless loop is caught in CPU time too and libFuzzer's
  /// `-timeout`, which counts wall time, can be generous on a loaded machine without hiding hangs.
  public static func timed<T>(limit: Double, _ what: String, _ body: () -> T) -> T {
    let start = cpuSeconds()
    lock.withLock { watched = (start, limit, what) }
    startWatchdog
    let result = body()
    lock.withLock { watched = nil }
    let seconds = cpuSeconds() - start
    if seconds > limit { fail("slow input: \(what) took \(seconds) s of CPU time (limit \(limit) s)") }
    return result
  }

  /// The watchdog of `timed`, started with the first input.
  private static let startWatchdog: Void = {
    Thread.detachNewThread {
      while true {
        usleep(250_000)
        guard let (start, limit, what) = lock.withLock({ watched }) else { continue }
        let seconds = cpuSeconds() - start
        if seconds > limit {
          fail("hang: \(what) still running after \(seconds) s of CPU time (limit \(limit) s), stopped by the watchdog")
        }
      }
    }
  }()

  /// The input `timed` is running: when it started (CPU seconds), its limit, what it is.
  nonisolated(unsafe) private static var watched: (start: Double, limit: Double, what: String)?
  private static let lock = NSLock()

  /// The CPU time one input of a parser-level target may take: `FUZZ_INPUT_SECONDS`, by default 5 s in a release
  /// build (issue 14: no hang over 5 s) and 30 s in a debug one (coverage instrumentation, no optimisation).
  public static let inputSeconds: Double = {
    if let s = getenv("FUZZ_INPUT_SECONDS"), let v = Double(String(cString: s)) { return v }
    #if DEBUG
      return 30
    #else
      return 5
    #endif
  }()

  /// CPU time used by the process so far, in seconds.
  public static func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// A named check that aborts with a message, so a broken invariant is a crash libFuzzer keeps.
  public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail("invariant broken: \(message())") }
  }

  /// Reports why the target gives up on the current input and aborts; libFuzzer saves the input as
  /// `ARTIFACT_PREFIXcrash-SHA1`. The reason is also written beside it, as `ARTIFACT_PREFIXcrash-SHA1.txt` (when
  /// `-artifact_prefix=` was given): libFuzzer discards the output of the processes of its seed merge (`-fork`,
  /// `-merge`), so without this file an input found there says nothing about what happened to it.
  public static func fail(_ reason: String) -> Never {
    FileHandle.standardError.write(Data("\(reason)\n".utf8))
    if let prefix = artifactPrefix {
      let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
        .joined(separator: " ") ?? "?"
      let merge = CommandLine.arguments.contains { $0.hasPrefix("-merge_inner=") }
      let input = lock.withLock { current }
      let note = """
        \(reason)
        process \(getpid())\(merge ? ", one of libFuzzer's merge processes (their output is discarded)" : ""), \
        load averages \(load), input of \(input.count) bytes

        """
      _ = FileManager.default.createFile(atPath: "\(prefix)crash-\(sha1(input)).txt", contents: Data(note.utf8))
    }
    abort()
  }

  /// libFuzzer's `-artifact_prefix=`, when given.
  static let artifactPrefix: String? = CommandLine.arguments.last { $0.hasPrefix("-artifact_prefix=") }
    .map { String($0.dropFirst("-artifact_prefix=".count)) }

  /// The input being run (see `bytes`).
  nonisolated(unsafe) static var current: [UInt8] = []
}

extension FuzzInput {
  /// Runs libFuzzer's loop (or its replay of given files) over `body` with the process's arguments; never returns.
  public static func run(_ body: @escaping (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    target = body
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in FuzzInput.target?(data, size) ?? 0 })
  }

  nonisolated(unsafe) static var target: ((UnsafePointer<UInt8>?, Int) -> CInt)?
}
