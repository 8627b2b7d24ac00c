import ArgumentParser
import Foundation
import RedressCalendar

/// Where the shared policy library lives: `calendars/`, `statutory/`, `codes/`.
struct LibraryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The policy library folder (holding calendars/ and statutory/).",
            discussion: "Default: $REDRESS_LIBRARY, else a `policies` folder found above the current directory or the redress executable.",
            valueName: "dir"), completion: .directory)
    var library: String?

    /// The library folder, or nil when none can be found.
    func resolvedLibrary(near path: String? = nil) -> String? {
        if let library { return library }
        if let fromEnvironment = ProcessInfo.processInfo.environment["REDRESS_LIBRARY"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        var starts: [URL] = []
        if let path { starts.append(URL(fileURLWithPath: path).deletingLastPathComponent()) }
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        starts.append(URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent())
        for start in starts {
            if let found = Self.search(upwardsFrom: start.standardizedFileURL) { return found }
        }
        return nil
    }

    /// The nearest folder at or above `start` that is a library or holds `policies/`.
    static func search(upwardsFrom start: URL) -> String? {
        var directory = start
        let manager = FileManager.default
        while true {
            if manager.fileExists(atPath: directory.appendingPathComponent("calendars").path),
                manager.fileExists(atPath: directory.appendingPathComponent("statutory").path)
            {
                return directory.path
            }
            let candidate = directory.appendingPathComponent("policies")
            if manager.fileExists(atPath: candidate.appendingPathComponent("calendars").path) { return candidate.path }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    func calendars() throws(ExitCode) -> CalendarLibrary {
        guard let root = resolvedLibrary() else {
            throw couldNotRun(
                "cannot find the policy library (a folder with calendars/)",
                help: "pass --library DIR or set REDRESS_LIBRARY")
        }
        return CalendarLibrary(directory: root + "/calendars")
    }
}
