import Testing
@testable import reglament

/// A command that prepares data ahead (`check`: the production calendar) is found from the first argument the way the
/// parser finds subcommands, before the arguments are parsed; any other first argument selects nothing.
@Suite struct PreparesAheadTests {
  @Test func checkIsFoundByItsName() {
    let found = Reglament.commandPreparingAhead(["check", "regulations/", "--format", "json"])
    #expect(found.map { ObjectIdentifier($0) } == ObjectIdentifier(CheckCommand.self))
  }

  @Test(arguments: [[], ["deadlines", "x.yaml"], ["--lang", "ru", "check"], ["help", "check"], ["--version"], ["chec"],
    ["Check"], ["calendar"], ["test", "regulations/"]])
  func othersSelectNothing(_ arguments: [String]) {
    #expect(Reglament.commandPreparingAhead(arguments) == nil)
  }

  /// Every subcommand stays reachable by its own name (the look-up matches names as the parser does).
  @Test func everySubcommandIsMatchedByName() {
    for command in Reglament.configuration.subcommands {
      let found = Reglament.commandPreparingAhead([command._commandName])
      #expect((found != nil) == (command is PreparesAhead.Type), "\(command._commandName)")
    }
  }
}
