import Foundation
import Glibc
import RedressDiagnostics
import RedressEngine
import RedressPolicy
import RedressRecords

/// One read of a council folder: the name and bytes of every `.yaml` file, in name order, and
/// their SHA-256. The engine is compiled from exactly these bytes, so the digest a decision record
/// names is the digest of what decided.
struct FolderSnapshot: Sendable, Equatable {
    var files: [(name: String, bytes: [UInt8])]
    var digest: String

    static func == (a: FolderSnapshot, b: FolderSnapshot) -> Bool { a.digest == b.digest }

    /// Reads the folder; nil with a reason when it cannot be read or holds no policy.
    static func read(_ folder: String) -> Result<FolderSnapshot, FolderProblem> {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted()
        } catch {
            return .failure(FileManager.default.fileExists(atPath: folder) ? .unreadable("cannot list the folder: \(error.localizedDescription)") : .gone)
        }
        guard !names.isEmpty else { return .failure(.empty) }
        var files: [(name: String, bytes: [UInt8])] = []
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else {
                return .failure(.unreadable("cannot read \(name): \(String(cString: strerror(errno)))"))
            }
            files.append((name, [UInt8](data)))
        }
        return .success(FolderSnapshot(files: files, digest: ContentDigest.sha256(ofFiles: files)))
    }

    /// A cheap fingerprint of the folder (each file's name, size, change time and inode) to tell
    /// whether it needs reading at all.
    static func signature(_ folder: String) -> String? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        var parts: [String] = []
        for name in names.sorted() where name.hasSuffix(".yaml") {
            var status = stat()
            guard stat(folder + "/" + name, &status) == 0 else { return nil }
            parts.append("\(name):\(status.st_size):\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec):\(status.st_ctim.tv_nsec):\(status.st_ino)")
        }
        return parts.joined(separator: "|")
    }

    /// Compiles the snapshot; every version must name the folder's council.
    func compile(council: String, folder: String, library: PolicyLibrary) throws(DiagnosticList) -> Engine {
        let loader = PolicyLoader(library: library, checker: .deciding)
        var loaded: [LoadedPolicy] = []
        var errors: [Diagnostic] = []
        var sources = SourceFiles()
        for file in files {
            let path = folder + "/" + file.name
            do {
                let version = try loader.loadChecked(bytes: file.bytes, path: path)
                if version.policy.council.id != council {
                    errors.append(
                        .error(
                            "server.council-mismatch", "the policy is for council `\(version.policy.council.id)` but its folder is `\(council)`",
                            at: version.document?.mapping?["council"]?.mapping?["id"]?.range ?? SourceRange(file: path, at: SourceLocation(line: 1, column: 1)),
                            help: "a council's folder is named by its `council.id`; move the file or correct the id"))
                    sources.merge(version.sources)
                }
                loaded.append(version)
            } catch {
                errors += error.diagnostics.filter { $0.severity == .error }
                sources.merge(error.sources)
            }
        }
        guard errors.isEmpty else { throw DiagnosticList(errors, sources: sources) }
        return try Engine(loaded)
    }
}

/// Why a council folder gave no snapshot.
enum FolderProblem: Error, Sendable, Equatable {
    case gone
    case empty
    case unreadable(String)

    var description: String {
        switch self {
        case .gone: "the folder is gone"
        case .empty: "the folder holds no .yaml policy files"
        case .unreadable(let reason): reason
        }
    }
}

/// Which folders of `councils/` are councils: a name that is a valid council id (lowercase
/// letters, digits, hyphens). Anything else — `north-somerset.bak`, `derby copy`, `.git`,
/// `fife~` — is ignored, with the reason, so a backup never becomes a council.
enum CouncilFolderName {
    static func isCouncilID(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.count <= 64 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The reason a folder name is not a council, for the log.
    static func whyIgnored(_ name: String) -> String {
        if name.hasPrefix(".") { return "a hidden folder" }
        if name.hasSuffix(".bak") || name.hasSuffix("~") || name.lowercased().contains(" copy") || name.lowercased().hasSuffix(".old") {
            return "looks like a backup copy"
        }
        return "not a council id (lowercase letters, digits and hyphens)"
    }
}
