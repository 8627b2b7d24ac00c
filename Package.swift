// swift-tools-version: 6.0
// Redress: a rules engine for UK council complaints policies.
// Pipeline (one module per stage, data flows one way):
//   CYAML → RedressYAML → RedressCalendar → RedressPolicy → RedressEngine → RedressFormats → RedressCommands → redress
// RedressEngine routes, dates, schedules and judges behaviour; RedressFormats reads records
// (JSON Lines, CSV, CRM field maps) and writes results (JSON Lines, CSV, tables, xlsx, iCalendar).
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
        .library(name: "RedressFormats", targets: ["RedressFormats"]),
        .library(name: "RedressPolicyTools", targets: ["RedressPolicyTools"]),
        .library(name: "RedressReport", targets: ["RedressReport"]),
        .library(name: "RedressCommands", targets: ["RedressCommands"]),
        // The service is its own product, so `swift run redress …` never builds the server stack.
        .executable(name: "redress-server", targets: ["redress-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/apple/swift-crypto", "4.0.0"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.15.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(name: "RedressDiagnostics"),
        .target(name: "RedressYAML", dependencies: ["CYAML", "RedressDiagnostics"]),
        .target(name: "RedressCalendar", dependencies: ["RedressYAML", "RedressDiagnostics"]),
        .target(name: "RedressPolicy", dependencies: ["RedressYAML", "RedressCalendar", "RedressDiagnostics"]),
        .target(name: "RedressEngine", dependencies: ["RedressPolicy", "RedressCalendar", "RedressDiagnostics"]),
        .target(
            name: "RedressPolicyTools",
            dependencies: ["RedressEngine", "RedressFormats", "RedressPolicy", "RedressCalendar", "RedressYAML", "RedressDiagnostics"]
        ),
        .target(name: "RedressReport", dependencies: ["RedressEngine", "RedressPolicy", "RedressFormats", "RedressYAML", "RedressCalendar", "RedressDiagnostics"]),
        .target(name: "RedressFormats", dependencies: ["CZlib", "RedressEngine", "RedressPolicy", "RedressCalendar", "RedressYAML", "RedressDiagnostics"]),
        .target(
            name: "RedressCommands",
            dependencies: [
                "RedressReport", "RedressFormats", "RedressPolicyTools", "RedressEngine", "RedressPolicy", "RedressCalendar", "RedressYAML", "RedressDiagnostics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "redress", dependencies: ["RedressCommands"]),
        .target(
            name: "RedressRecords",
            dependencies: [
                "CSQLite", "RedressCalendar", "RedressDiagnostics",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RedressServer",
            dependencies: [
                "RedressRecords", "RedressPolicyTools", "RedressEngine", "RedressPolicy", "RedressCalendar", "RedressYAML", "RedressFormats",
                "RedressDiagnostics",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Workbench")]
        ),
        .executableTarget(
            name: "redress-server",
            dependencies: [
                "RedressServer", "RedressRecords", "RedressPolicy", "RedressCalendar", "RedressDiagnostics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "RedressBenchmarks",
            dependencies: [
                "RedressCommands", "RedressEngine", "RedressFormats", "RedressPolicy", "RedressCalendar", "RedressYAML", "RedressDiagnostics",
                "CYAML", "RedressServer", "RedressRecords",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "RedressTestSupport", dependencies: ["RedressEngine", "RedressPolicy", "RedressCalendar", "RedressDiagnostics"]),
        .testTarget(name: "RedressDiagnosticsTests", dependencies: ["RedressDiagnostics"]),
        .testTarget(name: "RedressFormatsTests", dependencies: ["RedressFormats", "RedressEngine", "RedressPolicy", "RedressCalendar", "RedressTestSupport"]),
        .testTarget(
            name: "RedressRecordsTests",
            dependencies: ["RedressRecords", "RedressDiagnostics", "RedressTestSupport", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(
            name: "RedressServerTests",
            dependencies: [
                "RedressServer", "RedressRecords", "RedressEngine", "RedressFormats", "RedressCalendar", "RedressYAML", "RedressDiagnostics",
                "RedressTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["Browser", "Load", "OpenAPI"]
        ),
        .testTarget(
            name: "RedressYAMLTests",
            dependencies: ["RedressYAML", "RedressDiagnostics", "RedressTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RedressCalendarTests",
            dependencies: ["RedressCalendar", "RedressDiagnostics", "RedressTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RedressPolicyTests",
            dependencies: ["RedressPolicy", "RedressCalendar", "RedressDiagnostics", "RedressTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RedressEngineTests",
            dependencies: ["RedressEngine", "RedressFormats", "RedressPolicy", "RedressCalendar", "RedressDiagnostics", "RedressTestSupport"]
        ),
        .testTarget(
            name: "RedressPolicyToolsTests",
            dependencies: ["RedressPolicyTools", "RedressEngine", "RedressFormats", "RedressPolicy", "RedressYAML", "RedressDiagnostics", "RedressTestSupport"]
        ),
        .testTarget(
            name: "RedressCommandsTests",
            dependencies: ["RedressCommands", "RedressEngine", "RedressFormats", "RedressPolicy", "RedressDiagnostics", "RedressTestSupport"],
            exclude: ["Fixtures", "Help"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
