import Foundation

/// The repository's root directory, found from this file's path.
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// Runs a Python snippet (an independent oracle) and returns its stdout; the calling test fails when Python or a
/// package of requirements-test.txt is missing.
public func runPython(_ script: String, arguments: [String] = []) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", script] + arguments
  let out = Pipe(), err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else { throw PythonFailure(message: String(decoding: errData, as: UTF8.self)) }
  return String(decoding: data, as: UTF8.self)
}

/// Python or one of its packages failed.
public struct PythonFailure: Error, CustomStringConvertible {
  public var message: String
  public var description: String { "python3 failed (pip install -r requirements-test.txt): \(message)" }
}
