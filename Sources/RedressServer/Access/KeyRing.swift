import Crypto
import Foundation
import RedressDiagnostics
import RedressRecords
import Synchronization

/// The keys file as the service holds it: looked up by a key's hash or a certificate's subject in
/// constant time, replaced whole when the file changes and parses (a malformed file is refused
/// with its line, and the previous keys stay in force), and when each key was last used.
public final class KeyRing: Sendable {
    /// A credential the file names, as requests meet it: the identity it stands for (made once)
    /// and when it was last used.
    struct Holder: Sendable {
        let identity: Identity
        let use: KeyUse
    }

    struct Index: Sendable {
        var file = KeysFile()
        var byDigest: [KeyDigest: Holder] = [:]
        var bySubject: [String: Holder] = [:]
        var digest: String?
        /// A malformed file already reported, so it is not reported on every look.
        var rejectedDigest: String?

        /// `previous`: the index this one replaces, whose entries' last uses carry over by name.
        init(_ file: KeysFile = KeysFile(), digest: String? = nil, previous: Index? = nil) {
            self.file = file
            self.digest = digest
            var uses: [String: KeyUse] = [:]
            for holder in previous?.holders ?? [] { uses[holder.identity.name] = holder.use }
            for entry in file.entries {
                let holder = Holder(identity: entry.identity, use: uses[entry.name] ?? KeyUse())
                switch entry.secret {
                case .keyHash(let hash): if let key = KeyDigest(hex: hash) { byDigest[key] = holder }
                case .certificateSubject(let subject): bySubject[subject] = holder
                }
            }
        }

        var holders: [Holder] { Array(byDigest.values) + Array(bySubject.values) }
    }

    /// The keys file's path; nil when the service has no keys file (tokens only).
    public let path: String?
    private let index: Mutex<Index>

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
                index = Index(previous: index)
                return changed
            }
        }
        let digest = ContentDigest.sha256(of: [UInt8](data))
        if index.withLock({ $0.digest == digest || $0.rejectedDigest == digest }) { return false }
        do throws(DiagnosticList) {
            let file = try KeysFile.parse([UInt8](data), path: path)
            index.withLock { $0 = Index(file, digest: digest, previous: $0) }
            return true
        } catch {
            index.withLock { $0.rejectedDigest = digest }
            throw error
        }
    }

    public var entries: [KeysFile.Entry] { index.withLock { $0.file.entries } }

    /// The identity of an API key, or nil for a key the file does not hold.
    public func identity(forKey key: Substring) -> Identity? {
        let digest = KeyDigest(key: key)
        guard let holder = index.withLock({ $0.byDigest[digest] }) else { return nil }
        holder.use.note(Date())
        return holder.identity
    }

    /// The identity a client certificate's subject stands for.
    public func identity(forCertificateSubject subject: String) -> Identity? {
        guard let holder = index.withLock({ $0.bySubject[subject] }) else { return nil }
        holder.use.note(Date())
        return holder.identity
    }

    /// When each key or certificate in the file was last used since the service started.
    public var usage: [String: Date] {
        var usage: [String: Date] = [:]
        for holder in index.withLock({ $0.holders }) {
            if let last = holder.use.last { usage[holder.identity.name] = last }
        }
        return usage
    }
}

/// When one credential was last used: written by every request that presents it, so it is one
/// atomic store rather than a shared dictionary's lock and hash.
final class KeyUse: Sendable {
    /// The time's `timeIntervalSinceReferenceDate` bits; zero for never.
    private let bits = Atomic<UInt64>(0)

    func note(_ time: Date) {
        bits.store(time.timeIntervalSinceReferenceDate.bitPattern, ordering: .relaxed)
    }

    var last: Date? {
        let value = bits.load(ordering: .relaxed)
        return value == 0 ? nil : Date(timeIntervalSinceReferenceDate: Double(bitPattern: value))
    }
}

/// The SHA-256 of an API key as four words, which the ring looks keys up by: made from the key a
/// request presents (no hex text in between), or from the hex the keys file stores.
struct KeyDigest: Hashable, Sendable {
    let first, second, third, fourth: UInt64

    init(key: Substring) {
        var hash = SHA256()
        var key = key
        key.withUTF8 { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        (first, second, third, fourth) = hash.finalize().withUnsafeBytes { bytes in
            // Big-endian words, as the hex reads.
            func word(_ index: Int) -> UInt64 { UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
            return (word(0), word(1), word(2), word(3))
        }
    }

    /// Nil unless `hex` is 64 lowercase hex digits (as `KeysFile.hash(ofKey:)` writes them).
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64, digits.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        let words = (0..<4).compactMap { UInt64(String(decoding: digits[$0 * 16..<$0 * 16 + 16], as: UTF8.self), radix: 16) }
        self.init(words: words)
    }

    private init(words: [UInt64]) {
        (first, second, third, fourth) = (words[0], words[1], words[2], words[3])
    }
}
