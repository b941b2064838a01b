import Foundation
import RegulationParser

/// The shipped regulations of `--regulations DIR`. A name from a request is never joined onto a path: it must be the
/// plain name of a file listed in that directory, so `../`, absolute paths, links out of the folder and hidden files
/// are all refused before anything is opened.
public struct RegulationStore: Sendable {
  /// The directory, resolved (absolute, links followed): what every file must lie inside.
  public let directory: String
  /// The directory as given (`regulations`): what paths in answers start with.
  public let displayDirectory: String

  private let listing = Listing()

  /// The directory's listing, read again at most every two seconds.
  final class Listing: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Entry] = []
    private var readAt: UInt64 = 0

    func get(_ read: () -> [Entry]) -> [Entry] {
      let now = DispatchTime.now().uptimeNanoseconds
      lock.lock()
      defer { lock.unlock() }
      if readAt == 0 || now - readAt > 2_000_000_000 {
        entries = read()
        readAt = now
      }
      return entries
    }
  }

  public init(directory: String) {
    self.directory = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
    var shown = directory
    while shown.count > 1, shown.hasSuffix("/") { shown.removeLast() }
    self.displayDirectory = shown
  }

  /// A shipped regulation: its file name (as requests name it) and its path on disk.
  public struct Entry: Sendable, Hashable {
    public var name: String
    public var path: String
  }

  /// Regulation files directly in the directory (not the `*.test.yaml` beside them), sorted by name.
  public func list() -> [Entry] { listing.get(scan) }

  func scan() -> [Entry] {
    let fm = FileManager.default
    guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return [] }
    return names.sorted().compactMap { name in
      guard Self.isPlainName(name), name.hasSuffix(".yaml") || name.hasSuffix(".yml"),
        !name.hasSuffix(".test.yaml"), !name.hasSuffix(".test.yml") else { return nil }
      let path = directory + "/" + name
      // A link that leads out of the directory is not a shipped regulation.
      let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
      guard real.hasPrefix(directory + "/") else { return nil }
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: real, isDirectory: &isDir), !isDir.boolValue else { return nil }
      return Entry(name: name, path: displayDirectory + "/" + name)
    }
  }

  /// Why a requested name was refused.
  public enum LookupError: Error, Sendable, Equatable {
    /// Not a plain file name (a path, `..`, a hidden file, control characters).
    case invalidName
    /// A plain name that is not one of the shipped regulations.
    case unknown
  }

  public func entry(named name: String) -> Result<Entry, LookupError> {
    guard Self.isPlainName(name) else { return .failure(.invalidName) }
    guard let e = list().first(where: { $0.name == name }) else { return .failure(.unknown) }
    return .success(e)
  }

  /// Letters, digits, `.`, `_`, `-` only; not starting with a dot; at most 200 characters.
  static func isPlainName(_ name: String) -> Bool {
    guard !name.isEmpty, name.count <= 200, !name.hasPrefix(".") else { return false }
    return name.unicodeScalars.allSatisfy { s in
      (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "." || s == "_" || s == "-"
    }
  }
}
