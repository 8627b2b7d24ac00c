import Foundation
import RedressCalendar
import RedressPolicy

// Redress benchmarks: each figure is a subject measured against a baseline in the same run, with
// their ratio. Run in release mode from the repository root:
//   swift run -c release RedressBenchmarks [section…]
// Sections: calendar, engine, loading, stream (default: all). `--count N` sets the stream size
// (default 1,000,000). `serve …` and `hello …` run the service's load variants (ServiceBenchmark).

let root = FileManager.default.currentDirectoryPath
// The service's load variants (scripts/service-speed.sh drives them with wrk).
if let mode = CommandLine.arguments.dropFirst().first, mode == "serve" || mode == "hello" {
    let serviceOptions = ServiceBenchmark.Options(Array(CommandLine.arguments.dropFirst(2)))
    do {
        if mode == "serve" { try await ServiceBenchmark.serve(serviceOptions) } else { try await ServiceBenchmark.hello(serviceOptions) }
    } catch {
        FileHandle.standardError.write(Data("\(mode) failed: \(error)\n".utf8))
        exit(2)
    }
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "records" {
    do {
        try await StoreBenchmark.run(Array(CommandLine.arguments.dropFirst(2)))
    } catch {
        FileHandle.standardError.write(Data("records failed: \(error)\n".utf8))
        exit(2)
    }
    exit(0)
}
/// The command line: section names, and `--count N` for the stream size.
struct BenchmarkArguments {
    var streamCount = 1_000_000
    var sections: Set<String> = []

    init(_ arguments: [String]) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--count", let value = remaining.popFirst().flatMap({ Int($0) }) {
                streamCount = value
            } else {
                sections.insert(argument)
            }
        }
    }
}
let options = BenchmarkArguments(Array(CommandLine.arguments.dropFirst()))
let streamCount = options.streamCount
func wants(_ section: String) -> Bool { options.sections.isEmpty || options.sections.contains(section) }

print("# Redress benchmarks (\(ProcessInfo.processInfo.processorCount) cores)\n")
do {
    if wants("calendar") {
        try CalendarBenchmark.run(library: CalendarLibrary(directory: root + "/policies/calendars"))
    }
    if wants("loading") { try LoadingBenchmark.run(library: PolicyLibrary(root: root + "/policies")) }
    if wants("engine") { try EngineBenchmark.run(library: PolicyLibrary(root: root + "/policies")) }
    if wants("stream") { try StreamBenchmark.run(root: root, count: streamCount) }
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
