import Foundation
import RedressDiagnostics
import RedressEngine
import RedressPolicy

/// What the last look at a council's files found.
public struct ReloadOutcome: Sendable {
    public enum Result: String, Sendable {
        /// The files changed, passed every check and now serve.
        case loaded
        /// The files changed but have errors: the previous policy keeps serving.
        case rejected
        /// The folder is gone or empty: the last good policy keeps serving, with a warning.
        case missing
    }

    public var result: Result
    public var at: Date
    public var diagnostics: [Diagnostic]
    public var sources: SourceFiles
}

/// One council as the service sees it: the engine in use (the last good one), the digest of the
/// files it was built from, and what the last reload found.
public struct CouncilState: Sendable {
    public var id: String
    public var engine: Engine?
    public var digest: String?
    public var lastReload: ReloadOutcome?
}

/// The councils of a policy library, reloaded off to the side: a changed folder is loaded,
/// checked and compiled without touching the engine in use, and swapped in only if it passes.
/// Requests take a snapshot, so one in flight finishes on the engine it started with.
public actor CouncilRegistry {
    public nonisolated let library: String
    public private(set) var councils: [String: CouncilState] = [:]

    public init(library: String) {
        self.library = library
    }

    /// The councils as they are now (a value: later reloads do not change it).
    public var snapshot: [String: CouncilState] { councils }

    /// Looks at every council folder; loads those whose files changed. Returns the councils whose
    /// state changed, for the log.
    @discardableResult
    public func reload(now: Date = Date()) -> [String] {
        let root = library + "/councils"
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        var changed: [String] = []
        for id in Set(folders).union(councils.keys).sorted() {
            let path = root + "/" + id
            var state = councils[id] ?? CouncilState(id: id)
            guard let digest = Self.digest(folder: path) else {
                if state.lastReload?.result != .missing, state.engine != nil {
                    state.lastReload = ReloadOutcome(
                        result: .missing, at: now,
                        diagnostics: [.warning("server.policy-missing", "the folder has no policy files now; the last good policy keeps serving", at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1)))],
                        sources: SourceFiles())
                    councils[id] = state
                    changed.append(id)
                }
                continue
            }
            guard digest != state.digest else { continue }
            do {
                state.engine = try Engine.load(path: path, library: PolicyLibrary(root: library))
                state.digest = digest
                state.lastReload = ReloadOutcome(result: .loaded, at: now, diagnostics: [], sources: SourceFiles())
            } catch {
                // Keep the engine in use; remember the digest so the same broken files are not
                // reloaded every poll, and show why.
                state.digest = digest
                state.lastReload = ReloadOutcome(result: .rejected, at: now, diagnostics: error.diagnostics, sources: error.sources)
            }
            councils[id] = state
            changed.append(id)
        }
        return changed
    }

    /// FNV-1a (64-bit) over the names and bytes of a folder's `.yaml` files, in name order; nil
    /// when the folder holds none. Identifies the files a policy was built from (not a security
    /// checksum).
    static func digest(folder: String) -> String? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        guard !names.isEmpty else { return nil }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        for name in names {
            mix(name.utf8)
            mix([0])
            mix(FileManager.default.contents(atPath: folder + "/" + name) ?? Data())
            mix([0])
        }
        return "fnv1a64:" + String(hash, radix: 16)
    }
}
