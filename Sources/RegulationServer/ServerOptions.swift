import Foundation

/// What `reglament serve` is given: where to listen, which directories it may read, and the safety limits.
public struct ServerOptions: Sendable {
  /// Loopback by default: the playground is for one person's machine unless they say otherwise.
  public var host: String
  /// 0 lets the system pick a free port (it is logged once the server listens).
  public var port: Int
  /// The only directory whose regulations the API reads. Nothing outside it is ever opened.
  public var regulationsDirectory: String
  /// The playground's static files (HTML, CSS, JavaScript modules), loaded once into memory.
  public var playgroundDirectory: String?
  /// The largest request body accepted by the JSON endpoints, in bytes.
  public var maxBodyBytes: Int
  /// The largest uploaded event log (`/api/audit`), in bytes.
  public var maxLogBytes: Int
  /// The most incidents one simulation may generate (`/api/simulate`).
  public var maxSimulatedIncidents: Int
  /// A request whose computation takes longer gets `503 time-limit`.
  public var timeLimitSeconds: Double
  /// How many computed answers are kept, keyed by their exact input (0: no cache).
  public var cacheEntries: Int
  /// Write one JSON line per request to stderr.
  public var accessLog: Bool

  public init(
    host: String = "127.0.0.1", port: Int = 8080, regulationsDirectory: String = "regulations",
    playgroundDirectory: String? = nil, maxBodyBytes: Int = 512 * 1024, maxLogBytes: Int = 8 * 1024 * 1024,
    maxSimulatedIncidents: Int = 200_000, timeLimitSeconds: Double = 10, cacheEntries: Int = 256, accessLog: Bool = true
  ) {
    self.host = host
    self.port = port
    self.regulationsDirectory = regulationsDirectory
    self.playgroundDirectory = playgroundDirectory
    self.maxBodyBytes = maxBodyBytes
    self.maxLogBytes = maxLogBytes
    self.maxSimulatedIncidents = maxSimulatedIncidents
    self.timeLimitSeconds = timeLimitSeconds
    self.cacheEntries = cacheEntries
    self.accessLog = accessLog
  }

  /// The playground folder: the one given, else `playground/` in the working directory, else beside the source tree
  /// the executable was built from (`.build/<config>/reglament` → `playground/`).
  public static func findPlayground(executable: String = CommandLine.arguments.first ?? "") -> String? {
    let fm = FileManager.default
    var candidates = [fm.currentDirectoryPath + "/playground"]
    var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
      url = url.deletingLastPathComponent()
      candidates.append(url.appendingPathComponent("playground").path)
    }
    return candidates.first { fm.fileExists(atPath: $0 + "/index.html") }
  }
}
