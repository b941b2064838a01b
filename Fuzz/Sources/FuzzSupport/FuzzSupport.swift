import CFuzzDriver
import Foundation

/// Helpers shared by the fuzz targets.
public enum FuzzInput {
  /// The fuzzer's bytes as an array.
  public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
  }

  /// Aborts (so libFuzzer saves the input as a crash) when one input took longer than `limit` seconds: a hang that
  /// finishes is still a bug. libFuzzer's own `-timeout` catches the ones that never finish.
  public static func timed<T>(limit: Double, _ what: String, _ body: () -> T) -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    if seconds > limit {
      FileHandle.standardError.write(Data("\(what) took \(seconds) s (limit \(limit) s)\n".utf8))
      abort()
    }
    return result
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
