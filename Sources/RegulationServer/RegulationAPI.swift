import Foundation
import Hummingbird
import RegulationDiagnostics
import RegulationParser

/// The HTTP API over the libraries and the playground's files. `router()` is what `reglament serve` runs and what the
/// tests drive without a socket.
public struct RegulationAPI: Sendable {
  public static let version = "0.1.0"

  public let options: ServerOptions
  public let store: RegulationStore
  /// Shipped simulation scenarios (`--scenarios`), when there is such a directory.
  public let scenarios: RegulationStore?
  public let assets: PlaygroundAssets
  let cache: ResponseCache<ByteBuffer>
  /// Simulations and audits, one at a time.
  let heavy = WorkGate(slots: 1)

  public init(options: ServerOptions, assets: PlaygroundAssets? = nil) {
    self.options = options
    self.store = RegulationStore(directory: options.regulationsDirectory)
    self.scenarios = options.scenariosDirectory.map { RegulationStore(directory: $0, contents: .scenarios) }
    self.assets = assets ?? options.playgroundDirectory.map { PlaygroundAssets(directory: $0) } ?? PlaygroundAssets()
    self.cache = ResponseCache(capacity: options.cacheEntries)
  }

  /// The API's paths (`*` stands for one segment) and their methods: another method on one of them is 405.
  static let routes: [(path: [String], methods: [String])] = [
    (["api", "health"], ["GET"]), (["api", "regulations"], ["GET"]), (["api", "regulations", "*"], ["GET"]),
    (["api", "rules"], ["GET"]), (["api", "check"], ["POST"]), (["api", "deadlines"], ["POST"]),
    (["api", "calendar"], ["POST"]), (["api", "tests"], ["POST"]), (["api", "simulate"], ["POST"]),
    (["api", "audit"], ["POST"]), (["api", "diff"], ["POST"]),
  ]

  /// The methods a path allows (empty: not an API path).
  static func allowedMethods(_ path: String) -> [String] {
    let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    return routes.first { route in
      route.path.count == segments.count && zip(route.path, segments).allSatisfy { $0 == "*" || $0 == $1 }
    }?.methods ?? []
  }

  /// Which optional parts this build serves (the page hides panels for the others).
  static let features: [(String, Bool)] = [("check", true), ("deadlines", true), ("calendar", true), ("tests", true),
    ("simulate", true), ("audit", true), ("diff", true)]

  public func router() -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    if options.accessLog { router.add(middleware: AccessLogMiddleware()) }
    router.add(middleware: JSONErrorMiddleware())
    router.add(middleware: PlaygroundMiddleware(assets: assets))
    let api = router.group("api")

    api.get("health") { _, _ in
      JSONResponse.make(.object([("status", .string("ok")), ("version", .string(Self.version)),
        ("language_version", .int(RegulationLanguage.version)),
        ("features", .object(Self.features.map { ($0.0, .bool($0.1)) })),
        ("limits", .object([("max_body_bytes", .int(options.maxBodyBytes)), ("max_log_bytes", .int(options.maxLogBytes)),
          ("max_simulated_incidents", .int(options.maxSimulatedIncidents)),
          ("max_simulation_runs", .int(options.maxSimulationRuns)),
          ("time_limit_seconds", .double(options.timeLimitSeconds))])),
      ]))
    }

    api.get("regulations") { request, _ in
      let lang = try RequestBody.language(request.uri.queryParameters.get("lang"), request: request)
      _ = lang
      let entries = store.list()
      return try await answer(key: "list\u{0}" + entries.map(\.name).joined(separator: "\u{0}") + "\u{0}" + listStamp(entries)) {
        .object([("directory", .string(store.displayDirectory)), ("regulations", .array(entries.map { e in
          let parsed = RegulationParser.parse(path: e.path)
          return .object([("name", .string(e.name)), ("file", .string(e.path)),
            ("act", parsed.regulation.map { .string($0.act.id) } ?? .null),
            ("title", parsed.regulation.map { .string($0.act.title) } ?? .null)])
        }))])
      }
    }

    api.get("regulations/:name") { request, context in
      let name = context.parameters.get("name") ?? ""
      let entry = try RegulationSource.shipped(name, store: store)
      guard let text = try? String(contentsOfFile: entry.path, encoding: .utf8) else {
        throw APIError(.unprocessableContent, id: "unreadable-file", en: "\(entry.name) cannot be read as UTF-8 text",
          ru: "\(entry.name) не читается как текст UTF-8")
      }
      let tests = try? String(contentsOfFile: RegulationParser.testFilePath(for: entry.path), encoding: .utf8)
      return JSONResponse.make(.object([("name", .string(entry.name)), ("file", .string(entry.path)),
        ("text", .string(text)), ("tests_text", tests.map { .string($0) } ?? .null)]))
    }

    api.get("rules") { request, _ in
      let lang = try RequestBody.language(request.uri.queryParameters.get("lang"), request: request)
      return JSONResponse.make(RulesService.list(language: lang))
    }

    api.post("check") { request, _ in
      let body = try await RequestBody.decode(CheckBody.self, from: request, limit: options.maxBodyBytes)
      let lang = try RequestBody.language(body.lang, request: request)
      return try await localized(lang) {
        let source = try RegulationSource.resolve(body.source, store: store)
        let outline = body.outline ?? false, strict = body.strict ?? false, quick = body.quick ?? false
        let key = "check\u{0}\(lang)\u{0}\(outline)\u{0}\(strict)\u{0}\(quick)\u{0}" + source.cacheKey
        return try await answer(key: key) {
          CheckService.check(source, language: lang, outline: outline, strict: strict, quick: quick)
        }
      }
    }

    api.post("deadlines") { request, _ in
      let body = try await RequestBody.decode(DeadlinesBody.self, from: request, limit: options.maxBodyBytes)
      let lang = try RequestBody.language(body.lang, request: request)
      return try await localized(lang) {
        let source = try RegulationSource.resolve(body.source, store: store)
        return try await answer(key: nil) {
          try DeadlineService.compute(try source.regulation(language: lang), body: body, language: lang)
        }
      }
    }

    api.post("calendar") { request, _ in
      let body = try await RequestBody.decode(CalendarBody.self, from: request, limit: options.maxBodyBytes)
      let lang = try RequestBody.language(body.lang, request: request)
      return try await localized(lang) {
        try RegulationSource.validateName(body.source)
        let source = body.hasSource ? try RegulationSource.resolve(body.source, store: store) : nil
        return try await answer(key: nil) {
          try CalendarService.compute(body, regulation: try source?.regulation(language: lang), language: lang)
        }
      }
    }

    api.post("tests") { request, _ in
      let body = try await RequestBody.decode(TestsBody.self, from: request, limit: options.maxBodyBytes)
      let lang = try RequestBody.language(body.lang, request: request)
      return try await localized(lang) {
        let source = try RegulationSource.resolve(body.source, store: store)
        return try await answer(key: "tests\u{0}\(lang)\u{0}" + source.cacheKey) {
          TestsService.run(source, language: lang)
        }
      }
    }

    api.post("simulate") { request, _ in
      let body = try await RequestBody.decode(SimulateBody.self, from: request, limit: options.maxBodyBytes)
      let lang = try RequestBody.language(body.lang, request: request)
      return try await localized(lang) {
        let source = try RegulationSource.resolve(body.source, store: store)
        let opts = options, gate = heavy, scenarios = scenarios
        return try await answer(key: simulationKey(body, source: source, language: lang)) {
          let reg = try source.regulation(language: lang)
          let plan = try SimulationService.plan(reg, source: source, body: body, options: opts,
            scenarios: scenarios, language: lang)
          return try gate.run { SimulationService.run(plan, regulation: reg, language: lang) }
        }
      }
    }

    api.post("audit") { request, _ in
      // A binary log comes in base64: four bytes for every three.
      let body = try await RequestBody.decode(AuditBody.self, from: request,
        limit: options.maxLogBytes / 3 * 4 + 4 + 2 * options.maxBodyBytes)
      let lang = try RequestBody.language(body.lang, request: request)
      return try await localized(lang) {
        let source = try RegulationSource.resolve(body.source, store: store)
        let upload = try AuditService.validate(body, maxLogBytes: options.maxLogBytes, language: lang)
        let gate = heavy
        return try await answer(key: nil) {
          let reg = try source.regulation(language: lang)
          return try gate.run { try AuditService.run(reg, upload: upload, language: lang) }
        }
      }
    }

    api.post("diff") { request, _ in
      let body = try await RequestBody.decode(DiffBody.self, from: request, limit: options.maxBodyBytes)
      let lang = try RequestBody.language(body.lang, request: request)
      return try await localized(lang) {
        let old = try side(body.old, "old", default: "old.yaml"), new = try side(body.new, "new", default: "new.yaml")
        return try await answer(key: "diff\u{0}\(lang)\u{0}" + old.cacheKey + "\u{0}" + new.cacheKey) {
          try DiffService.compare(old: old, new: new, language: lang)
        }
      }
    }
    return router
  }

  /// One version of a diff: its errors name the side (`old.text`).
  func side(_ s: DiffBody.Side, _ which: String, default name: String) throws -> RegulationSource {
    do {
      return try RegulationSource.resolve(SourceFields(text: s.text, regulation: s.regulation, name: s.name ?? name), store: store)
    } catch var e as APIError where e.id == "invalid-request" {
      e.message = LocalizedText(en: "`\(which)`: " + e.message.en, ru: "«\(which)»: " + e.message.ru)
      throw e
    }
  }

  /// The exact input of a simulation: the regulation, every parameter, and the shipped scenario's stamp.
  func simulationKey(_ b: SimulateBody, source: RegulationSource, language: Language) -> String {
    var parts = ["simulate", "\(language)", b.scenario ?? "", "\(b.runs ?? -1)", "\(b.seed ?? -1)",
      "\(b.perDay ?? -1)", "\(b.days ?? -1)", "\(b.variants ?? false)"]
    parts += (b.set ?? [:]).sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }
    if b.scenario == nil, let dir = options.scenariosDirectory, let name = SimulationService.shippedScenarioName(for: source) {
      parts.append(RegulationSource.stamp(dir + "/" + name))
    }
    return parts.joined(separator: "\u{0}") + "\u{0}" + source.cacheKey
  }

  /// A computed JSON answer: from the cache when this exact input was answered before, else within the time limit.
  /// The cache keeps the encoded bytes: a hit shares them with the response (no copy, no encoding).
  func answer(key: String?, _ work: @escaping @Sendable () throws -> JSONValue) async throws -> Response {
    let limit = options.timeLimitSeconds
    let compute: @Sendable () async throws -> ByteBuffer = {
      try await TimeLimit.run(seconds: limit) { ByteBuffer(string: try work().serialized()) }
    }
    guard let key else { return JSONResponse.make(buffer: try await compute()) }
    return JSONResponse.make(buffer: try await cache.value(for: key, compute: compute))
  }

  /// Errors thrown inside speak the request's language.
  func localized(_ lang: Language, _ body: () async throws -> Response) async throws -> Response {
    do {
      return try await body()
    } catch let e as APIError {
      throw e.localized(lang)
    }
  }

  /// Modification times of the listed files: the list's cache key changes when a file does.
  func listStamp(_ entries: [RegulationStore.Entry]) -> String {
    entries.map { e in
      let date = (try? FileManager.default.attributesOfItem(atPath: e.path)[.modificationDate]) as? Date
      return String(date?.timeIntervalSince1970 ?? 0)
    }.joined(separator: ",")
  }

  /// Runs the server until SIGINT or SIGTERM, then finishes the requests in flight and stops.
  public func run() async throws {
    let app = Application(
      router: router(),
      configuration: .init(address: .hostname(options.host, port: options.port), serverName: "reglament"),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? options.port
        let line = JSONValue.object([("event", .string("listening")), ("url", .string("http://\(options.host):\(port)/")),
          ("regulations", .string(store.displayDirectory)), ("playground_files", .int(assets.files.count))])
        FileHandle.standardError.write(Data((line.serialized() + "\n").utf8))
      })
    try await app.runService()
  }
}
