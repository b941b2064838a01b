// swift-tools-version: 6.1
// Coverage-guided fuzz targets (libFuzzer) for Reglament, kept out of the main package so that `swift build` and
// `swift test` there are unaffected. Build and run with scripts/fuzz.sh (it passes -sanitize=fuzzer). Each target's
// main.swift hands its one-input function to libFuzzer's driver.
import PackageDescription

let package = Package(
  name: "ReglamentFuzz",
  platforms: [.macOS(.v14)],
  dependencies: [.package(name: "Reglament", path: "..")],
  targets: [
    .target(name: "CFuzzDriver"),
    .target(
      name: "FuzzSupport",
      dependencies: ["CFuzzDriver", .product(name: "RegulationAnalysis", package: "Reglament")]),
    // The YAML reader, the spec validator, the model builder and the reference checker.
    .executableTarget(
      name: "FuzzRegulation",
      dependencies: ["FuzzSupport", .product(name: "RegulationAnalysis", package: "Reglament")]),
    // The whole `check` pipeline: parsing, analysis, embedded tests, acknowledgements, reporters.
    .executableTarget(
      name: "FuzzCheck",
      dependencies: ["FuzzSupport", .product(name: "RegulationAnalysis", package: "Reglament")]),
    // The value mini-syntax: amounts, durations, clock times and ranges, dates, date-times, weekdays.
    .executableTarget(
      name: "FuzzValues",
      dependencies: [
        "FuzzSupport", .product(name: "RegulationAnalysis", package: "Reglament"),
        .product(name: "WorkingTime", package: "Reglament"),
      ]),
  ],
  swiftLanguageModes: [.v6]
)
