import ArgumentParser
import Foundation
import RegulationServer

struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "The web playground and its JSON API (docs/openapi.yaml), on loopback by default.",
    discussion: """
      Open the printed address in a browser. Stop with Ctrl-C (SIGINT) or SIGTERM: requests in flight finish first.
      One JSON line per request goes to stderr.
      Example: reglament serve --regulations regulations/ --port 8080
      """)

  @Option(help: "Address to listen on (loopback by default; another address exposes the API to the network).")
  var host = "127.0.0.1"
  @Option(help: "Port (0: any free port, printed on start).") var port = 8080
  @Option(help: "The directory of regulations the API may open; nothing outside it is read.") var regulations = "regulations"
  @Option(help: "The playground's folder (default: playground/ here or beside the build).") var playground: String?
  @Option(help: "Largest request body in bytes.") var maxBody = 512 * 1024
  @Option(help: "Largest uploaded log in bytes.") var maxLog = 8 * 1024 * 1024
  @Option(help: "Most incidents one simulation may generate.") var maxIncidents = 200_000
  @Option(help: "Time limit per request in seconds.") var timeLimit = 10.0
  @Option(help: "Computed answers kept in memory (0: none).") var cache = 256
  @Flag(help: "No access log on stderr.") var quiet = false
  @OptionGroup var common: CommonOptions

  func run() throws {
    let lang = common.language
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: regulations, isDirectory: &isDir), isDir.boolValue else {
      throw fail("--regulations \(regulations) is not a directory", "--regulations \(regulations) — не каталог", language: lang)
    }
    guard (0...65535).contains(port) else {
      throw fail("--port must be 0…65535", "--port — от 0 до 65535", language: lang)
    }
    guard maxBody > 0, maxLog > 0, maxIncidents > 0, timeLimit > 0, cache >= 0 else {
      throw fail("limits must be positive", "ограничения должны быть положительными", language: lang)
    }
    let folder = playground ?? ServerOptions.findPlayground()
    if folder == nil {
      FileHandle.standardError.write(Data("reglament: \(lang == .ru ? "папка playground/ не найдена; работает только API" : "no playground/ folder found; serving the API only")\n".utf8))
    }
    let options = ServerOptions(host: host, port: port, regulationsDirectory: regulations, playgroundDirectory: folder,
      maxBodyBytes: maxBody, maxLogBytes: maxLog, maxSimulatedIncidents: maxIncidents, timeLimitSeconds: timeLimit,
      cacheEntries: cache, accessLog: !quiet)
    // The CLI's entry point is synchronous; the server runs on the concurrency pool while this thread waits.
    let outcome = ServeOutcome()
    let done = DispatchSemaphore(value: 0)
    Task {
      do { try await RegulationAPI(options: options).run() } catch { outcome.set(error) }
      done.signal()
    }
    done.wait()
    if let error = outcome.error {
      throw fail("cannot serve: \(error)", "не удаётся запустить сервер: \(error)", language: lang)
    }
  }
}

/// The error the server stopped with, handed from its task to the waiting thread.
final class ServeOutcome: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: (any Error)?
  func set(_ error: any Error) { lock.lock(); stored = error; lock.unlock() }
  var error: (any Error)? { lock.lock(); defer { lock.unlock() }; return stored }
}
