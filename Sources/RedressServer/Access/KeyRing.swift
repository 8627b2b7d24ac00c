import Foundation
import RedressDiagnostics
import RedressRecords
import Synchronization

/// The keys file as the service holds it: looked up by a key's hash or a certificate's subject in
/// constant time, replaced whole when the file changes and parses (a malformed file is refused
/// with its line, and the previous keys stay in force), and when each key was last used.
public final class KeyRing: Sendable {
    struct Index: Sendable {
        var file = KeysFile()
        var byHash: [String: KeysFile.Entry] = [:]
        var bySubject: [String: KeysFile.Entry] = [:]
        var digest: String?
        /// A malformed file already reported, so it is not reported on every look.
        var rejectedDigest: String?

        init(_ file: KeysFile = KeysFile(), digest: String? = nil) {
            self.file = file
            self.digest = digest
            for entry in file.entries {
                switch entry.secret {
                case .keyHash(let hash): byHash[hash] = entry
                case .certificateSubject(let subject): bySubject[subject] = entry
                }
            }
        }
    }

    /// The keys file's path; nil when the service has no keys file (tokens only).
    public let path: String?
    private let index: Mutex<Index>
    private let lastUsed = Mutex<[String: Date]>([:])

    /// Reads the keys file; throws its diagnostics when it is malformed. A file that does not
    /// exist yet is an empty ring (the first `keys add` makes it).
    public init(path: String?) throws(DiagnosticList) {
        self.path = path
        index = Mutex(Index())
        _ = try reload()
    }

    /// A ring over the given entries, for tests and for services without a file.
    public init(file: KeysFile) {
        path = nil
        index = Mutex(Index(file))
    }

    /// Re-reads the file when its bytes changed. Returns true when the keys changed; throws the
    /// diagnostics of a malformed file (the keys in force stay as they were).
    @discardableResult
    public func reload() throws(DiagnosticList) -> Bool {
        guard let path else { return false }
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw DiagnosticList(.error(.keysUnreadable, "cannot read the keys file", at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1))))
            }
            return index.withLock { index in
                let changed = index.digest != nil
                index = Index()
                return changed
            }
        }
        let digest = ContentDigest.sha256(of: [UInt8](data))
        if index.withLock({ $0.digest == digest || $0.rejectedDigest == digest }) { return false }
        do throws(DiagnosticList) {
            let file = try KeysFile.parse([UInt8](data), path: path)
            index.withLock { $0 = Index(file, digest: digest) }
            return true
        } catch {
            index.withLock { $0.rejectedDigest = digest }
            throw error
        }
    }

    public var entries: [KeysFile.Entry] { index.withLock { $0.file.entries } }

    /// The identity of an API key, or nil for a key the file does not hold.
    public func identity(forKey key: String) -> Identity? {
        let hash = KeysFile.hash(ofKey: key)
        guard let entry = index.withLock({ $0.byHash[hash] }) else { return nil }
        lastUsed.withLock { $0[entry.name] = Date() }
        return entry.identity
    }

    /// The identity a client certificate's subject stands for.
    public func identity(forCertificateSubject subject: String) -> Identity? {
        guard let entry = index.withLock({ $0.bySubject[subject] }) else { return nil }
        lastUsed.withLock { $0[entry.name] = Date() }
        return entry.identity
    }

    /// When each key or certificate was last used since the service started.
    public var usage: [String: Date] { lastUsed.withLock { $0 } }
}
