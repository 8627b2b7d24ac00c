import Foundation
import RedressCalendar
import RedressEngine
import RedressPolicy

/// Engines compiled from the bundled policies, for tests.
public enum EngineFixtures {
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    public static let policies = repositoryRoot.appendingPathComponent("policies")
    public static let loader = PolicyLoader(library: PolicyLibrary(root: policies.path))

    public static func engine(_ relativePaths: String...) throws -> Engine {
        try Engine(relativePaths.map { try loader.loadChecked(path: policies.appendingPathComponent($0).path) })
    }

    /// Every version of a council folder, as the CLI and the service load it.
    public static func engine(folder: String) throws -> Engine {
        try Engine.load(path: policies.appendingPathComponent(folder).path, library: PolicyLibrary(root: policies.path))
    }

    public static func engine(text: String) throws -> Engine {
        try Engine([try loader.loadChecked(bytes: Array(text.utf8), path: "inline.yaml")])
    }

    public static let northSomerset: Engine? = try? engine("councils/north-somerset/2021-01.yaml")

    public static func complaint(
        _ id: String = "C-1", received: String, type: String = "complaint", service: String? = nil, categories: [String] = [],
        channel: String? = nil, madeBy: String? = nil, awareOn: String? = nil, text: String? = nil
    ) throws -> Complaint {
        Complaint(
            id: id, received: try LocalDateTime(iso: received), type: type, service: service, categories: categories,
            channel: channel, madeBy: madeBy, awareOn: try awareOn.map { try LocalDate(iso: $0) }, text: text)
    }
}
