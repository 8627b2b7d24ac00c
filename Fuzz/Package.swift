// swift-tools-version: 6.0
// libFuzzer harnesses for Redress. Kept in their own package so the main package's ordinary
// `swift build` never links a harness (they have no `main`; libFuzzer supplies it).
// Build and run with Fuzz/run (see its header).
import PackageDescription

let package = Package(
    name: "RedressFuzz",
    dependencies: [.package(name: "Redress", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzYAMLLoader",
            dependencies: [.product(name: "RedressYAML", package: "Redress")]
        ),
        .executableTarget(
            name: "FuzzComplaintReader",
            dependencies: [.product(name: "RedressEngine", package: "Redress"), .product(name: "RedressFormats", package: "Redress")]
        ),
        .executableTarget(
            name: "FuzzBatchPath",
            dependencies: [
                .product(name: "RedressEngine", package: "Redress"), .product(name: "RedressFormats", package: "Redress"),
                .product(name: "RedressPolicy", package: "Redress"),
                .product(name: "RedressCalendar", package: "Redress"),
            ]
        ),
        .executableTarget(
            name: "FuzzPolicyDecoder",
            dependencies: [.product(name: "RedressPolicy", package: "Redress")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
