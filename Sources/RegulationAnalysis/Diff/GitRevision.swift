import Foundation
import RegulationDiagnostics

/// Reads a file as it was at a git revision, for `reglament diff FILE --from REV --to REV`.
public enum GitRevision {
  /// The text of `file` at `revision`, read with `git show REV:./NAME` run in the file's directory, so the path
  /// resolves inside whichever repository holds the file. Throws a message for the user (git's own reason included).
  public static func text(of file: String, at revision: String) throws(GitRevisionError) -> String {
    let url = URL(fileURLWithPath: file)
    let dir = url.deletingLastPathComponent()
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
      throw GitRevisionError(.init(en: "no directory \(dir.path)", ru: "нет каталога \(dir.path)"))
    }
    guard !revision.isEmpty, !revision.hasPrefix("-") else {
      throw GitRevisionError(.init(en: "`\(revision)` is not a revision", ru: "«\(revision)» — не ревизия"))
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "show", "\(revision):./\(url.lastPathComponent)"]
    process.currentDirectoryURL = dir
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch {
      throw GitRevisionError(.init(en: "cannot run git: \(error)", ru: "не удаётся запустить git: \(error)"))
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let why = String(decoding: errData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      throw GitRevisionError(.init(en: "cannot read \(file) at revision \(revision): \(why)",
        ru: "не удаётся прочитать \(file) в ревизии \(revision): \(why)"))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw GitRevisionError(.init(en: "\(file) at revision \(revision) is not UTF-8 text",
        ru: "\(file) в ревизии \(revision) — не текст UTF-8"))
    }
    return text
  }
}

/// Why a revision of a file could not be read.
public struct GitRevisionError: Error, Sendable {
  public var message: LocalizedText
  public init(_ message: LocalizedText) { self.message = message }
}
