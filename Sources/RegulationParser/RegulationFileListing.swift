import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regulation files under a directory, read with `opendir`/`readdir` (Foundation's enumerator neither follows a
/// directory given as a symbolic link nor the symbolic links to directories inside it, and costs about a millisecond
/// of its own on the five shipped acts).
enum RegulationFileListing {
  /// The paths (`base/relative`) of the `*.yaml`/`*.yml` files under `directory` that are not `*.test.yaml`, sorted
  /// by their relative path. Symbolic links are followed, the one named by `directory` as well as those inside; a
  /// link to a directory that is already being walked (a cycle) is not entered again, so every walk ends. Hidden
  /// entries are listed like any other; a subdirectory that cannot be read contributes nothing.
  static func files(under directory: String) -> [String] {
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    var found: [String] = []
    var walking: [DirectoryIdentity] = []
    walk(path: directory, relative: "", walking: &walking, found: &found)
    return found.sorted().map { base + "/" + $0 }
  }

  /// A directory as the file system knows it, whatever path reached it.
  struct DirectoryIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
  }

  /// What `path` names after following symbolic links: a directory (with its identity), or anything else (a
  /// file, a broken link, a special file).
  static func directoryIdentity(_ path: String) -> DirectoryIdentity? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
    return DirectoryIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
  }

  /// Whether a name is one of a regulation (not of its tests).
  static func isRegulationName(_ name: String) -> Bool {
    (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.hasSuffix(".test.yaml")
  }

  private static func walk(path: String, relative: String, walking: inout [DirectoryIdentity], found: inout [String]) {
    guard let identity = directoryIdentity(path), !walking.contains(identity) else { return }
    guard let stream = opendir(path) else { return }
    var entries: [(name: String, type: UInt8)] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: &entry.pointee.d_name) { bytes in
        String(cString: bytes.baseAddress!.assumingMemoryBound(to: CChar.self))
      }
      if name == "." || name == ".." { continue }
      entries.append((name, UInt8(entry.pointee.d_type)))
    }
    closedir(stream)
    walking.append(identity)
    for (name, type) in entries {
      let child = path.hasSuffix("/") ? path + name : path + "/" + name
      let childRelative = relative.isEmpty ? name : relative + "/" + name
      // `d_type` says a plain file or directory without a `stat`; a link or an unknown type is asked about.
      let isDirectory: Bool
      switch Int32(type) {
      case Int32(DT_REG): isDirectory = false
      case Int32(DT_DIR): isDirectory = true
      default: isDirectory = directoryIdentity(child) != nil
      }
      if isDirectory {
        walk(path: child, relative: childRelative, walking: &walking, found: &found)
      } else if isRegulationName(name) {
        found.append(childRelative)
      }
    }
    walking.removeLast()
  }
}
