import Foundation
import TestSupport
import Testing
@testable import RegulationParser

/// `RegulationParser.expand` lists directories with `readdir` instead of Foundation's enumerator: on trees without
/// symbolic links it must list what the enumerator listed (the former code, kept here as the oracle), and it must
/// follow a directory given as a link, links to directories inside, and stop at link cycles.
@Suite struct RegulationFileListingTests {
  /// The former listing (Foundation's enumerator, filtered and sorted as before).
  static func reference(_ directory: String) -> [String] {
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    return (FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? [])
      .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasSuffix(".test.yaml") }
      .map { base + "/" + $0 }
      .sorted()
  }

  static func scratch(_ name: String) throws -> String {
    let dir = NSTemporaryDirectory() + "reglament-listing-\(name)-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  static func touch(_ path: String) {
    FileManager.default.createFile(atPath: path, contents: Data("id: x\n".utf8))
  }

  /// Generated trees of plain files and directories: hidden names, Cyrillic names, `.yml`, test files, other files,
  /// empty directories, several levels, both with and without a trailing slash on the directory given.
  @Test func generatedTreesMatchTheFormerListing() throws {
    let names = ["a", "b", ".hidden", "акт", "Z", "a b", "1", "x.test", "в-ы"]
    let suffixes = [".yaml", ".yml", ".test.yaml", ".txt", "", ".YAML", ".yaml.bak"]
    var rng = TestSplitMix(state: 12)
    for round in 0..<40 {
      let root = try Self.scratch("gen\(round)")
      defer { try? FileManager.default.removeItem(atPath: root) }
      var directories = [root]
      for _ in 0..<Int(rng.next() % 30) {
        let parent = directories[Int(rng.next() % UInt64(directories.count))]
        let name = names[Int(rng.next() % UInt64(names.count))] + "\(rng.next() % 3)"
        if rng.next() % 4 == 0 {
          let dir = parent + "/" + name
          try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
          directories.append(dir)
        } else {
          Self.touch(parent + "/" + name + suffixes[Int(rng.next() % UInt64(suffixes.count))])
        }
      }
      for given in [root, root + "/"] {
        #expect(RegulationParser.expand(paths: [given]).files == Self.reference(given), "round \(round), \(given)")
      }
    }
  }

  /// `check LINK` and `check LINK/` where LINK is a link to a directory of regulations list the files under LINK.
  @Test func directoryGivenAsALink() throws {
    let root = try Self.scratch("link")
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(atPath: root + "/acts/sub", withIntermediateDirectories: true)
    Self.touch(root + "/acts/a.yaml")
    Self.touch(root + "/acts/a.test.yaml")
    Self.touch(root + "/acts/sub/b.yml")
    try FileManager.default.createSymbolicLink(atPath: root + "/LINK", withDestinationPath: "acts")
    #expect(RegulationParser.expand(paths: [root + "/LINK"]).files == [root + "/LINK/a.yaml", root + "/LINK/sub/b.yml"])
    #expect(RegulationParser.expand(paths: [root + "/LINK/"]).files == [root + "/LINK/a.yaml", root + "/LINK/sub/b.yml"])
    // A link to a link to the directory.
    try FileManager.default.createSymbolicLink(atPath: root + "/LINK2", withDestinationPath: root + "/LINK")
    #expect(RegulationParser.expand(paths: [root + "/LINK2"]).files == [root + "/LINK2/a.yaml", root + "/LINK2/sub/b.yml"])
  }

  /// Links inside are followed: to a directory elsewhere, to a file; a link back to an ancestor (or to itself) is a
  /// cycle and is not entered again; a broken link named like a regulation is listed as before (its reading then
  /// reports it unreadable).
  @Test func linksInsideAndCycles() throws {
    let root = try Self.scratch("cycles")
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/acts/sub", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: true)
    Self.touch(root + "/acts/a.yaml")
    Self.touch(root + "/acts/sub/b.yaml")
    Self.touch(root + "/elsewhere/c.yaml")
    try fm.createSymbolicLink(atPath: root + "/acts/other", withDestinationPath: "../elsewhere")
    try fm.createSymbolicLink(atPath: root + "/acts/sub/up", withDestinationPath: "..")
    try fm.createSymbolicLink(atPath: root + "/acts/sub/self", withDestinationPath: ".")
    try fm.createSymbolicLink(atPath: root + "/acts/d.yaml", withDestinationPath: "sub/b.yaml")
    try fm.createSymbolicLink(atPath: root + "/acts/broken.yaml", withDestinationPath: "nowhere.yaml")
    // elsewhere/back leads to acts, which is being walked when elsewhere is reached through acts/other.
    try fm.createSymbolicLink(atPath: root + "/elsewhere/back", withDestinationPath: "../acts")
    let files = RegulationParser.expand(paths: [root + "/acts"]).files
    #expect(files == ["a.yaml", "broken.yaml", "d.yaml", "other/c.yaml", "sub/b.yaml"].map { root + "/acts/" + $0 })
    // Given from the other side, acts is reached through the link and walked once.
    #expect(RegulationParser.expand(paths: [root + "/elsewhere"]).files
      == ["back/a.yaml", "back/broken.yaml", "back/d.yaml", "back/sub/b.yaml", "c.yaml"].map { root + "/elsewhere/" + $0 })
  }
}
