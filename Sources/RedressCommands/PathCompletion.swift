import ArgumentParser
import Foundation

/// Shell completion of policy paths: folders (a council's folder is a policy) and `.yaml` files
/// under what has been typed — `--policy policies/councils/n<Tab>` offers `north-somerset/`.
enum PathCompletion {
    static let policies: CompletionKind = .custom { _, _, prefix in candidates(for: prefix) }

    static func candidates(for prefix: String) -> [String] {
        let manager = FileManager.default
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        var found: [String] = []
        for name in (try? manager.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? [] where !name.hasPrefix(".") {
            let path = folder + name
            guard path.hasPrefix(prefix) else { continue }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                found.append(path + "/")
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                found.append(path)
            }
        }
        return found.sorted()
    }
}
