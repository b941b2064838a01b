import CFuzzDriver
import Foundation

/// Helpers shared by the fuzz targets.
public enum FuzzInput {
  /// The fuzzer's bytes as an array.
  public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
  }

  /// Aborts (so libFuzzer saves the input as a crash) when one input took more than `limit` seconds of CPU time: a
  /// hang that finishes is still a bug. CPU time of the process (all threads), not wall time, so that a busy machine
  /// does not turn ordinary inputs into findings; libFuzzer's own `-timeout` catches the ones that never finish.
  public static func timed<T>(limit: Double, _ what: String, _ body: () -> T) -> T {
    let start = cpuSeconds()
    let result = body()
    let seconds = cpuSeconds() - start
    if seconds > limit {
      FileHandle.standardError.write(Data("\(what) took \(seconds) s of CPU time (limit \(limit) s)\n".utf8))
      abort()
    }
    return result
  }

  /// CPU time used by the process so far, in seconds.
  public static func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// A named check that aborts with a message, so a broken invariant is a crash libFuzzer keeps.
  public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
      FileHandle.standardError.write(Data("invariant broken: \(message())\n".utf8))
      abort()
    }
  }
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
