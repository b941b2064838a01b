import Foundation
import Hummingbird
import RegulationDiagnostics

/// One JSON line per request on stderr: time, method, path (without the query), status, duration.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response {
    let start = DispatchTime.now().uptimeNanoseconds
    let path = String(request.uri.path.prefix(300))
    do {
      let response = try await next(request, context)
      log(request, path: path, status: Int(response.status.code), start: start)
      return response
    } catch {
      let status = (error as? any HTTPResponseError)?.status.code ?? 500
      log(request, path: path, status: Int(status), start: start)
      throw error
    }
  }

  func log(_ request: Request, path: String, status: Int, start: UInt64) {
    let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    let line = JSONValue.object([
      ("time", .string(AccessLogMiddleware.timestamp())), ("method", .string(request.method.rawValue)),
      ("path", .string(path)), ("status", .int(status)), ("ms", .double((ms * 1000).rounded() / 1000)),
    ]).serialized() + "\n"
    FileHandle.standardError.write(Data(line.utf8))
  }

  static func timestamp() -> String {
    var t = timespec()
    clock_gettime(CLOCK_REALTIME, &t)
    var tmValue = tm()
    var seconds = t.tv_sec
    gmtime_r(&seconds, &tmValue)
    return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(tmValue.tm_year) + 1900, Int(tmValue.tm_mon) + 1,
      Int(tmValue.tm_mday), Int(tmValue.tm_hour), Int(tmValue.tm_min), Int(tmValue.tm_sec), Int(t.tv_nsec / 1_000_000))
  }
}

/// Every error leaves as JSON: `APIError`s as they are, Hummingbird's own (no route, bad method, body too large) and
/// anything unexpected mapped onto stable ids. Messages follow `?lang=` or Accept-Language.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response {
    do {
      return try await next(request, context)
    } catch let e as APIError {
      return JSONResponse.make(e.json, status: e.status)
    } catch let e as any HTTPResponseError {
      let lang = language(request)
      let api: APIError
      let allowed = RegulationAPI.allowedMethods(request.uri.path)
      if e.status == .notFound || e.status == .methodNotAllowed, !allowed.isEmpty {
        let api = APIError(.methodNotAllowed, id: "method-not-allowed",
          en: "method \(request.method) is not allowed here; allowed: \(allowed.joined(separator: ", "))",
          ru: "метод \(request.method) здесь не разрешён; можно: \(allowed.joined(separator: ", "))", language: lang)
        var response = JSONResponse.make(api.json, status: api.status)
        response.headers[.allow] = allowed.joined(separator: ", ")
        return response
      }
      switch e.status {
      case .notFound:
        api = APIError(.notFound, id: "not-found", en: "no such endpoint or file: \(request.uri.path)",
          ru: "нет такого адреса или файла: \(request.uri.path)", language: lang)
      case .methodNotAllowed:
        api = APIError(.methodNotAllowed, id: "method-not-allowed", en: "method \(request.method) is not allowed here",
          ru: "метод \(request.method) здесь не разрешён", language: lang)
      case .contentTooLarge:
        api = APIError(.contentTooLarge, id: "body-too-large", en: "the request body is too large",
          ru: "тело запроса слишком велико", language: lang)
      default:
        api = APIError(e.status, id: "bad-request", en: "the request cannot be served (\(e.status.code))",
          ru: "запрос не может быть выполнен (\(e.status.code))", language: lang)
      }
      return JSONResponse.make(api.json, status: api.status)
    } catch {
      let api = APIError(.internalServerError, id: "internal-error", en: "internal error; please report it",
        ru: "внутренняя ошибка; сообщите о ней", language: language(request))
      return JSONResponse.make(api.json, status: api.status)
    }
  }

  func language(_ request: Request) -> Language {
    (try? RequestBody.language(request.uri.queryParameters.get("lang"), request: request)) ?? .en
  }
}

/// Serves the playground's files for GET requests outside `/api/`; only files loaded at start are ever answered.
struct PlaygroundMiddleware<Context: RequestContext>: RouterMiddleware {
  let assets: PlaygroundAssets

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response {
    guard request.method == .get || request.method == .head, !request.uri.path.hasPrefix("/api/"),
      let asset = assets.asset(for: request.uri.path) else { return try await next(request, context) }
    return Response(status: .ok, headers: [
      .contentType: asset.contentType, .cacheControl: "no-cache",
      .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
    ], body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
  }
}
