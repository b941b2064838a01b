import Foundation

/// The playground's static files, read once at start into memory. A request is answered only when its path is
/// exactly one of these files, so no request path ever reaches the file system.
public struct PlaygroundAssets: Sendable {
  public struct Asset: Sendable {
    public var bytes: Data
    public var contentType: String
  }

  public let files: [String: Asset]

  public init(files: [String: Asset] = [:]) { self.files = files }

  /// Every file under `directory` (not hidden, at most 4 levels deep, each at most 2 MiB), keyed by `/relative/path`.
  public init(directory: String) {
    var files: [String: Asset] = [:]
    let root = URL(fileURLWithPath: directory).standardizedFileURL
    let fm = FileManager.default
    if let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey],
      options: [.skipsHiddenFiles]) {
      for case let url as URL in walker {
        let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
        guard values?.isRegularFile == true, (values?.fileSize ?? 0) <= 2 * 1024 * 1024,
          let data = try? Data(contentsOf: url) else { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count))
        guard relative.hasPrefix("/"), relative.split(separator: "/").count <= 4 else { continue }
        files[relative] = Asset(bytes: data, contentType: Self.contentType(of: relative))
      }
    }
    self.files = files
  }

  /// `/` and `/index.html` are the page; anything else must be a listed file.
  public func asset(for path: String) -> Asset? {
    let clean = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
    if clean == "/" || clean.isEmpty { return files["/index.html"] }
    return files[clean]
  }

  static func contentType(of path: String) -> String {
    switch path.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
    case "html": "text/html; charset=utf-8"
    case "css": "text/css; charset=utf-8"
    case "js", "mjs": "text/javascript; charset=utf-8"
    case "json": "application/json; charset=utf-8"
    case "svg": "image/svg+xml"
    case "png": "image/png"
    case "ico": "image/x-icon"
    case "yaml", "yml": "application/yaml; charset=utf-8"
    case "txt", "md": "text/plain; charset=utf-8"
    default: "application/octet-stream"
    }
  }
}
