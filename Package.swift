// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Reglament",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "reglament", targets: ["reglament"]),
    .library(name: "RegulationEngine", targets: ["RegulationEngine"]),
    .library(name: "RegulationAnalysis", targets: ["RegulationAnalysis"]),
    .library(name: "WorkingTime", targets: ["WorkingTime"]),
    // Fuzzing (issue 14): the log importers' fuzz target in Fuzz/ links the audit library.
    .library(name: "RegulationConformance", targets: ["RegulationConformance"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    // Audit (issue 10): the XLSX container.
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    // HTTP API and playground (reglament serve).
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
  ],
  targets: [
    // libyaml from the system (Debian: libyaml-dev), read event by event in RegulationParser.
    .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
    .target(name: "RegulationDiagnostics"),
    .target(name: "WorkingTime"),
    .target(name: "RegulationModel", dependencies: ["RegulationDiagnostics", "WorkingTime"]),
    .target(
      name: "RegulationParser",
      dependencies: ["RegulationDiagnostics", "RegulationModel", "WorkingTime", "CLibYAML"]),
    .target(name: "RegulationEngine", dependencies: ["RegulationDiagnostics", "RegulationModel", "WorkingTime"]),
    .target(
      name: "RegulationAnalysis",
      dependencies: ["RegulationDiagnostics", "RegulationModel", "RegulationParser", "RegulationEngine", "WorkingTime"]),
    // Incident simulation (issue 9): discrete-event engine, statistics, reports.
    .target(
      name: "RegulationSimulation",
      dependencies: ["RegulationDiagnostics", "RegulationModel", "RegulationParser", "RegulationEngine", "WorkingTime"]),
    .testTarget(
      name: "RegulationSimulationTests",
      dependencies: ["RegulationSimulation", "RegulationParser", "RegulationModel", "RegulationEngine", "WorkingTime", "TestSupport",
        "RegulationConformance"]),  // simulation: a simulated trace audited by the audit
    // Audit (issue 10): streaming log importers, replay through the engine, conformance reports.
    .target(
      name: "RegulationConformance",
      dependencies: [
        "RegulationDiagnostics", "RegulationModel", "RegulationParser", "RegulationEngine", "WorkingTime",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    .testTarget(
      name: "RegulationConformanceTests",
      dependencies: [
        "RegulationConformance", "RegulationParser", "RegulationEngine", "RegulationModel", "RegulationAnalysis", "TestSupport",
      ]),
    // HTTP API and playground (reglament serve): JSON over the libraries, router testable without a socket.
    .target(
      name: "RegulationServer",
      dependencies: [
        "RegulationDiagnostics", "RegulationModel", "RegulationParser", "RegulationEngine", "RegulationAnalysis",
        "RegulationSimulation", "RegulationConformance", "WorkingTime", .product(name: "Hummingbird", package: "hummingbird"),
      ]),
    .testTarget(
      name: "RegulationServerTests",
      dependencies: [
        "RegulationServer", "RegulationParser", "RegulationSimulation", "RegulationDiagnostics", "TestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
    .executableTarget(
      name: "reglament",
      dependencies: [
        "RegulationDiagnostics", "RegulationModel", "RegulationParser", "RegulationEngine", "RegulationAnalysis",
        "RegulationSimulation", "RegulationConformance", "RegulationServer", "WorkingTime",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // check start-up (issue 12): the release binary links the Swift runtime and Foundation statically, so that a run
      // does not load and relocate ten shared libraries first (`--version`: 9 -> 5.5 ms of CPU). The static archives
      // of Foundation name their own dependencies only as autolink entries, hence the group. Release only: debug
      // builds, and so `swift test` (swift-testing loads the shared runtime), keep the shared libraries.
      linkerSettings: [
        .unsafeFlags([
          "-static-stdlib", "-Xlinker", "--start-group", "-lFoundation", "-lFoundationEssentials",
          "-lFoundationInternationalization", "-lCoreFoundation", "-l_FoundationCShims", "-l_FoundationICU",
          "-l_FoundationCollections", "-lswiftDispatch", "-ldispatch", "-lBlocksRuntime", "-lswiftSynchronization",
          "-lswift_StringProcessing", "-lswift_RegexParser", "-lswift_Concurrency", "-lswiftCore", "-Xlinker", "--end-group",
        ], .when(platforms: [.linux], configuration: .release)),
      ]),
    // Shared by the test targets: the repository root and the Python oracles.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(
      name: "WorkingTimeTests",
      dependencies: ["WorkingTime", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
    .testTarget(name: "RegulationDiagnosticsTests", dependencies: ["RegulationDiagnostics"]),
    .testTarget(
      name: "RegulationParserTests",
      dependencies: ["RegulationParser", "RegulationModel", "RegulationDiagnostics", "RegulationAnalysis", "TestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "RegulationEngineTests",
      dependencies: ["RegulationEngine", "RegulationParser", "RegulationModel", "WorkingTime", "TestSupport"]),
    .testTarget(name: "ReglamentCLITests", dependencies: ["reglament", "TestSupport"]),
    .testTarget(
      name: "RegulationAnalysisTests",
      dependencies: ["RegulationAnalysis", "RegulationParser", "RegulationModel", "RegulationDiagnostics", "TestSupport"],
      // diff: OLD/NEW regulation pairs read by DiffTests.
      exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
