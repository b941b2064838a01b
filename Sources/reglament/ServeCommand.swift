import ArgumentParser
import Foundation
import RegulationServer

struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: localized(
      "The web playground and its JSON API (docs/openapi.yaml), on loopback by default.",
      "Веб-страница и её JSON API (docs/openapi.yaml), по умолчанию только на локальном адресе."),
    discussion: localized("""
      Open the printed address in a browser. Stop with Ctrl-C (SIGINT) or SIGTERM: requests in flight finish first.
      One JSON line per request goes to stderr.
      Example: reglament serve --regulations regulations/ --port 8080
      """, """
      Откройте выведенный адрес в браузере. Остановка — Ctrl-C (SIGINT) или SIGTERM: начатые запросы завершаются.
      По строке JSON на каждый запрос пишется в stderr.
      Пример: reglament serve --regulations regulations/ --port 8080
      """))

  @Option(help: help(
    "Address to listen on (loopback by default; another address exposes the API to the network).",
    "Адрес для приёма соединений (по умолчанию только локальный; другой адрес открывает API сети)."))
  var host = "127.0.0.1"
  @Option(help: help(
    "Port (0: any free port, printed on start).",
    "Порт (0 — любой свободный, будет выведен при запуске)."))
  var port = 8080
  @Option(help: help(
    "The directory of regulations the API may open; nothing outside it is read.",
    "Папка регламентов, доступная API; вне её ничего не читается."))
  var regulations = "regulations"
  @Option(help: help(
    "Shipped simulation scenarios, NAME.scenario.yaml for NAME.yaml (default: scenarios/ when it exists).",
    "Поставляемые сценарии имитации, ИМЯ.scenario.yaml для ИМЯ.yaml (по умолчанию — scenarios/, если есть)."))
  var scenarios: String?
  @Option(help: help(
    "The playground's folder (default: playground/ here or beside the build).",
    "Папка веб-страницы (по умолчанию — playground/ здесь или рядом со сборкой)."))
  var playground: String?
  @Option(help: help(
    "Largest request body in bytes.",
    "Наибольший размер тела запроса в байтах."))
  var maxBody = 512 * 1024
  @Option(help: help(
    "Largest uploaded log in bytes.",
    "Наибольший размер загружаемого журнала в байтах."))
  var maxLog = 8 * 1024 * 1024
  @Option(help: help(
    "Most incidents one simulation may generate (all runs and variants).",
    "Наибольшее число инцидентов одной имитации (все прогоны и варианты)."))
  var maxIncidents = 100_000
  @Option(help: help(
    "Most replications one simulation may run.",
    "Наибольшее число прогонов одной имитации."))
  var maxRuns = 50
  @Option(help: help(
    "Time limit per request in seconds.",
    "Ограничение времени на запрос, в секундах."))
  var timeLimit = 10.0
  @Option(help: help(
    "Computed answers kept in memory (0: none).",
    "Сколько вычисленных ответов хранить в памяти (0 — ни одного)."))
  var cache = 256
  @Flag(help: help("No access log on stderr.", "Не писать журнал запросов в stderr.")) var quiet = false
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
    guard maxBody > 0, maxLog > 0, maxIncidents > 0, maxRuns > 0, timeLimit > 0, cache >= 0 else {
      throw fail("limits must be positive", "ограничения должны быть положительными", language: lang)
    }
    if let scenarios {
      guard FileManager.default.fileExists(atPath: scenarios, isDirectory: &isDir), isDir.boolValue else {
        throw fail("--scenarios \(scenarios) is not a directory", "--scenarios \(scenarios) — не каталог", language: lang)
      }
    }
    let scenarioFolder = scenarios ?? (FileManager.default.fileExists(atPath: "scenarios", isDirectory: &isDir)
      && isDir.boolValue ? "scenarios" : nil)
    let folder = playground ?? ServerOptions.findPlayground()
    if folder == nil {
      FileHandle.standardError.write(Data("reglament: \(lang == .ru ? "папка playground/ не найдена; работает только API" : "no playground/ folder found; serving the API only")\n".utf8))
    }
    let options = ServerOptions(host: host, port: port, regulationsDirectory: regulations, playgroundDirectory: folder,
      maxBodyBytes: maxBody, maxLogBytes: maxLog, maxSimulatedIncidents: maxIncidents, maxSimulationRuns: maxRuns,
      scenariosDirectory: scenarioFolder, timeLimitSeconds: timeLimit,
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
