// swift-tools-version: 6.0
// Redress: a rules engine for UK council complaints policies.
// Pipeline (one module per stage, data flows one way):
//   CYAML → RedressYAML → RedressCalendar → RedressPolicy → RedressEngine → RedressCommands → redress
// RedressDiagnostics is shared by every stage for source locations and error reporting.
import PackageDescription

let package = Package(
    name: "Redress",
    products: [
        .executable(name: "redress", targets: ["redress"]),
        .library(name: "RedressDiagnostics", targets: ["RedressDiagnostics"]),
        .library(name: "RedressYAML", targets: ["RedressYAML"]),
        .library(name: "RedressCalendar", targets: ["RedressCalendar"]),
        .library(name: "RedressPolicy", targets: ["RedressPolicy"]),
        .library(name: "RedressEngine", targets: ["RedressEngine"]),
        .library(name: "RedressPolicyTools", targets: ["RedressPolicyTools"]),
        .library(name: "RedressCommands", targets: ["RedressCommands"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "RedressDiagnostics"),
        .target(name: "RedressYAML", dependencies: ["CYAML", "RedressDiagnostics"]),
        .target(name: "RedressCalendar", dependencies: ["RedressYAML", "RedressDiagnostics"]),
        .target(name: "RedressPolicy", dependencies: ["RedressYAML", "RedressCalendar", "RedressDiagnostics"]),
        .target(name: "RedressEngine", dependencies: ["RedressPolicy", "RedressCalendar", "RedressYAML", "RedressDiagnostics"]),
        .target(
            name: "RedressPolicyTools",
            dependencies: ["RedressEngine", "RedressPolicy", "RedressCalendar", "RedressYAML", "RedressDiagnostics"]
        ),
        .target(
            name: "RedressCommands",
            dependencies: [
                "RedressPolicyTools", "RedressEngine", "RedressPolicy", "RedressCalendar", "RedressYAML", "RedressDiagnostics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "redress", dependencies: ["RedressCommands"]),
        .executableTarget(
            name: "RedressBenchmarks",
            dependencies: [
                "RedressCommands", "RedressEngine", "RedressPolicy", "RedressCalendar", "RedressYAML", "RedressDiagnostics",
                "CYAML",
            ]
        ),
        .target(name: "RedressTestSupport", dependencies: ["RedressDiagnostics"]),
        .testTarget(name: "RedressDiagnosticsTests", dependencies: ["RedressDiagnostics"]),
        .testTarget(
            name: "RedressYAMLTests",
            dependencies: ["RedressYAML", "RedressDiagnostics", "RedressTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RedressCalendarTests",
            dependencies: ["RedressCalendar", "RedressDiagnostics"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RedressPolicyTests",
            dependencies: ["RedressPolicy", "RedressCalendar", "RedressDiagnostics", "RedressTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RedressEngineTests",
            dependencies: ["RedressEngine", "RedressPolicy", "RedressCalendar", "RedressDiagnostics"]
        ),
        .testTarget(
            name: "RedressPolicyToolsTests",
            dependencies: ["RedressPolicyTools", "RedressEngine", "RedressPolicy", "RedressYAML", "RedressDiagnostics"]
        ),
        .testTarget(
            name: "RedressCommandsTests",
            dependencies: ["RedressCommands", "RedressEngine", "RedressDiagnostics"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
