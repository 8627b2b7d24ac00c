import CYAML
import Foundation
import RedressPolicy
import RedressYAML

/// Policy loading: the YAML tree against a bare libyaml event loop over the same bytes (the tree's
/// overhead), and load + decode + check of a whole policy against the bare YAML parse.
enum LoadingBenchmark {
    static func run(library: PolicyLibrary) throws {
        let path = library.root + "/councils/north-somerset/2021-01.yaml"
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let operations = 400
        let bare = Measure.best("bare libyaml event loop", operations: operations) {
            var events = 0
            for _ in 0..<operations { events &+= bareEventCount(bytes) }
            return events
        }
        let tree = Measure.best("YAMLLoader (tree with positions, limits)", operations: operations) {
            var nodes = 0
            for _ in 0..<operations {
                if let document = try? YAMLLoader().load(bytes, path: path) { nodes &+= document.root == nil ? 0 : 1 }
            }
            return nodes
        }
        Measure.report("YAML: load North Somerset 2021-01 (\(bytes.count) bytes)", subject: tree, baseline: bare)
        let loader = PolicyLoader(library: library)
        let checked = Measure.best("load + decode + imports + calendar + check", operations: 100) {
            var count = 0
            for _ in 0..<100 {
                if let policy = try? loader.loadChecked(path: path) { count &+= policy.policy.routing.count }
            }
            return count
        }
        Measure.report("Policy: load and check North Somerset 2021-01", subject: checked, baseline: bare)
        print(String(format: "  load + check: %.2f ms per policy\n", checked.nanosecondsPerOperation / 1e6))
    }

    /// Parses with libyaml and counts events, building nothing.
    static func bareEventCount(_ bytes: [UInt8]) -> Int {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return 0 }
        defer { yaml_parser_delete(&parser) }
        var count = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { break }
            }
        }
        return count
    }
}
