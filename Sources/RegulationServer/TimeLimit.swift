import Foundation

/// Runs a synchronous computation on a Dispatch queue (never on the Swift concurrency pool, which serves the
/// connections) and answers `503 time-limit` when it takes longer than allowed. The computation itself cannot be
/// interrupted (the libraries are bounded by their input limits); the client gets its answer in time and the
/// result is dropped.
enum TimeLimit {
  private static let work = DispatchQueue(label: "reglament.serve.work", qos: .userInitiated, attributes: .concurrent)
  private static let timers = DispatchQueue(label: "reglament.serve.timers")

  private final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    func claim() -> Bool {
      lock.lock()
      defer { lock.unlock() }
      if done { return false }
      done = true
      return true
    }
  }

  static func run<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    let once = Once()
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
      // Whichever comes first answers; the other finds the answer given and does nothing.
      timers.asyncAfter(deadline: .now() + max(0, seconds)) {
        if once.claim() { continuation.resume(throwing: APIError.timeLimit) }
      }
      work.async {
        let result = Result { try body() }
        if once.claim() { continuation.resume(with: result) }
      }
    }
  }
}
