import Foundation

/// The path of an executable named on the command line: a name with a slash is taken as it is; a bare name
/// (`python3`) is looked up in `PATH` as a shell would (`Process` does not search `PATH`). `nil`: not found.
func executablePath(_ name: String) -> String? {
  if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
  for dir in path.split(separator: ":", omittingEmptySubsequences: false) {
    let candidate = (dir.isEmpty ? "." : String(dir)) + "/" + name
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
      FileManager.default.isExecutableFile(atPath: candidate)
    {
      return candidate
    }
  }
  return nil
}
