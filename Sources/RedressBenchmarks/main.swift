import Foundation
import RedressCalendar

// Redress benchmarks: each figure is a subject measured against a baseline in the same run, with
// their ratio. Run in release mode from the repository root:
//   swift run -c release RedressBenchmarks [section…]
// Sections: calendar (default: all).

let root = FileManager.default.currentDirectoryPath
let sections = Set(CommandLine.arguments.dropFirst())
func wants(_ section: String) -> Bool { sections.isEmpty || sections.contains(section) }

print("# Redress benchmarks (\(ProcessInfo.processInfo.processorCount) cores)\n")
do {
    if wants("calendar") {
        try CalendarBenchmark.run(library: CalendarLibrary(directory: root + "/policies/calendars"))
    }
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
