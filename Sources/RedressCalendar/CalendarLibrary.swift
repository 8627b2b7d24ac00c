import Foundation
import RedressDiagnostics
import RedressYAML

/// The folder of region calendars (`policies/calendars/`), loaded by region name.
public struct CalendarLibrary: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The region names for which a file exists, sorted.
    public var regions: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    public func path(for region: String) -> String { directory + "/" + region + ".yaml" }

    /// Loads a region's calendar; an unknown region is an error that lists (and suggests) the known ones.
    public func calendar(for region: String, requestedAt range: SourceRange? = nil) throws(DiagnosticList)
        -> WorkingDayCalendar
    {
        let known = regions
        let isSafeName = !region.isEmpty && region.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == "-" }
        guard isSafeName, known.contains(region), let data = FileManager.default.contents(atPath: path(for: region)) else {
            let suggestion = SpellingSuggestion.closest(to: region, in: known)
            throw DiagnosticList(
                .error(
                    .calendarUnknownRegion, "no bank holiday calendar for region `\(region)`", at: range,
                    help: suggestion.map { "did you mean `\($0)`?" }
                        ?? "known regions: \(known.joined(separator: ", ")) (in \(directory))"))
        }
        let document = try YAMLLoader().load(Array(data), path: path(for: region))
        return try RegionCalendarDecoder.decode(document)
    }
}
