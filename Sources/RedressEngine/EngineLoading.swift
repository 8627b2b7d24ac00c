import Foundation
import RedressDiagnostics
import RedressPolicy

extension Engine {
    /// The policy files a path names: the file itself, or a council folder's `*.yaml` versions.
    public static func policyFiles(at path: String) throws(DiagnosticList) -> [String] {
        var isDirectory: ObjCBool = false
        let start = SourceRange(file: path, at: SourceLocation(line: 1, column: 1))
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticList(.error(.engineNoPolicy, "no policy file or folder at \(path)", at: start))
        }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let files = names.filter { $0.hasSuffix(".yaml") }.sorted().map { path + "/" + $0 }
        guard !files.isEmpty else {
            throw DiagnosticList(.error(.engineNoPolicy, "the folder holds no .yaml policy files", at: start))
        }
        return files
    }

    /// Loads, checks and compiles every version a path names. Throws the errors of every file.
    public static func load(path: String, library: PolicyLibrary) throws(DiagnosticList) -> Engine {
        let loader = PolicyLoader(library: library, checker: .deciding)
        var loaded: [LoadedPolicy] = []
        var errors: [Diagnostic] = []
        var sources = SourceFiles()
        for file in try policyFiles(at: path) {
            do {
                loaded.append(try loader.loadChecked(path: file))
            } catch {
                errors += error.diagnostics.filter { $0.severity == .error }
                sources.merge(error.sources)
            }
        }
        guard errors.isEmpty else { throw DiagnosticList(errors, sources: sources) }
        return try Engine(loaded)
    }
}
