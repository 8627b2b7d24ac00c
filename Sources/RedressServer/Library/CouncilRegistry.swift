import Foundation
import Logging
import RedressDiagnostics
import RedressEngine
import RedressFormats
import RedressPolicy
import RedressRecords
import Synchronization

/// One council as the service sees it: the engine serving it, the digest of the bytes that engine
/// was compiled from, and a status that always describes what is serving now.
public struct CouncilState: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        /// Serving the policy on disk.
        case serving
        /// The files on disk have errors: the previous good policy (if any) keeps serving.
        case rejected
        /// The folder is gone, empty or unreadable: the last good policy serves until the grace ends.
        case missing
        /// Removed from the library for longer than the grace period: not served.
        case removed
    }

    public var id: String
    /// The policy serving (nil when none passed its checks), with the digest of its files.
    public var serving: ServingPolicy?
    public var engine: Engine? { serving?.engine }
    /// SHA-256 of the files the serving engine was compiled from.
    public var digest: String? { serving?.digest }
    /// The serving policy's files' text, by file name (what `/policy` shows).
    public var texts: [String: String] { serving?.texts ?? [:] }
    public var status: Status
    /// Why the status is not plain `serving`.
    public var detail: String?
    public var diagnostics: [Diagnostic] = []
    public var sources = SourceFiles()
    /// When the status last changed.
    public var since: Date
    /// When the serving engine was compiled.
    public var loadedAt: Date?

    /// Ready: serving the policy on disk.
    public var isReady: Bool { status == .serving && engine != nil }
}

/// What a request needs of a council's serving policy: its engine, the digest and text of the
/// files it was compiled from (which the records and `/policy` name) and its byte path, made
/// together when the policy is compiled and never changed, so they always agree. A request holds
/// one reference to it, not a copy of the council's state with all its fields.
public final class ServingPolicy: Sendable {
    public let engine: Engine
    public let digest: String
    /// The files' text, by file name.
    public let texts: [String: String]
    /// The engine's byte path for complaints in their plain form, made with it (it pre-encodes
    /// every rule's outcome); each request works on its own copy, which shares those bytes.
    let classifier: LineClassifier

    public init(engine: Engine, digest: String, texts: [String: String]) {
        self.engine = engine
        self.digest = digest
        self.texts = texts
        classifier = LineClassifier(engine)
    }
}

/// The councils of a policy library, reloaded off to the side. A council is a folder of
/// `councils/` whose name is a council id and whose policies name it; a changed folder is read
/// once, and compiled from those bytes only after it has stayed the same for `quietPeriod`; the
/// engine is swapped in only if every version passes its checks. Requests take a snapshot, so one
/// in flight finishes on the engine it started with.
public actor CouncilRegistry {
    public nonisolated let library: String
    public nonisolated let quietPeriod: TimeInterval
    public nonisolated let removalGrace: TimeInterval
    private let logger: Logger
    /// Written only by this actor; every change is published for `snapshot`.
    public private(set) var councils: [String: CouncilState] = [:] {
        didSet { published.withLock { $0 = councils } }
    }
    /// The councils as last published: read by requests under a lock instead of a hop to this
    /// actor's executor and back (the hop was two thread switches per request under load).
    private nonisolated let published = Mutex<[String: CouncilState]>([:])

    /// Per council: the last folder signature read, a change waiting out its quiet period, a
    /// rejected digest (not recompiled), when the folder went missing.
    private struct Tracking {
        var signature: String?
        var pending: (digest: String, since: Date)?
        var rejectedDigest: String?
        var missingSince: Date?
    }

    private var tracking: [String: Tracking] = [:]
    private var ignored: Set<String> = []
    private var sharedSignature: String?
    private var sharedDigest = ""

    public init(library: String, quietPeriod: TimeInterval = 2, removalGrace: TimeInterval = 60, logger: Logger = Logger(label: "redress.reload")) {
        self.library = library
        self.quietPeriod = quietPeriod
        self.removalGrace = removalGrace
        self.logger = logger
    }

    /// The councils as they are now (a value: later reloads do not change it).
    public nonisolated var snapshot: [String: CouncilState] { published.withLock { $0 } }

    /// The serving policy of one council, as last published: the request path's look-up, which
    /// takes one reference rather than copying the council's state (nil when it has none).
    public nonisolated func serving(_ id: String) -> ServingPolicy? { published.withLock { $0[id]?.serving } }

    /// True when every council folder in the library serves the policy on disk.
    public var notReady: [String] { councils.values.filter { !$0.isReady && $0.status != .removed }.map(\.id).sorted() }

    /// Looks at every council folder and reloads those whose files changed and have been quiet.
    /// `immediately` skips the quiet period (start-up). Returns the councils whose state changed.
    @discardableResult
    public func reload(now: Date = Date(), immediately: Bool = false) -> [String] {
        let root = library + "/councils"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        var folders: [String] = []
        for name in names.sorted() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            if CouncilFolderName.isCouncilID(name) {
                folders.append(name)
            } else if ignored.insert(name).inserted {
                logger.notice("ignored a folder in councils/", metadata: ["folder": "\(name)", "reason": "\(CouncilFolderName.whyIgnored(name))"])
            }
        }
        refreshShared()
        var changed: [String] = []
        for id in Set(folders).union(councils.keys).sorted() {
            let before = councils[id].map { ($0.status, $0.digest, $0.detail) }
            if folders.contains(id) {
                look(at: id, folder: root + "/" + id, now: now, immediately: immediately)
            } else {
                gone(id, now: now, reason: "the folder was removed or renamed")
            }
            if let after = councils[id], before.map({ $0 != (after.status, after.digest, after.detail) }) ?? true {
                changed.append(id)
            }
        }
        return changed
    }

    /// The shared parts every council compiles with (statutory procedures, calendars, vocabulary):
    /// their digest is part of each council's, so a change to them recompiles every council.
    private func refreshShared() {
        let parts = ["statutory", "calendars"].map { library + "/" + $0 }
        let signature = parts.compactMap(FolderSnapshot.signature).joined(separator: "#") + "#" + (FolderSnapshot.signature(library).map { $0 } ?? "")
        guard signature != sharedSignature else { return }
        sharedSignature = signature
        var files: [(name: String, bytes: [UInt8])] = []
        for part in parts {
            if case .success(let snapshot) = FolderSnapshot.read(part) { files += snapshot.files.map { ("\(part)/\($0.name)", $0.bytes) } }
        }
        if let vocabulary = FileManager.default.contents(atPath: library + "/vocabulary.yaml") { files.append(("vocabulary.yaml", [UInt8](vocabulary))) }
        sharedDigest = ContentDigest.sha256(ofFiles: files)
    }

    private func look(at id: String, folder: String, now: Date, immediately: Bool) {
        var track = tracking[id] ?? Tracking()
        var state = councils[id] ?? CouncilState(id: id, status: .rejected, since: now)
        defer {
            tracking[id] = track
            councils[id] = state
        }
        track.missingSince = nil
        let signature = FolderSnapshot.signature(folder).map { $0 + "#" + sharedDigest }
        if let signature, signature == track.signature, track.pending == nil { return }
        let snapshot: FolderSnapshot
        switch FolderSnapshot.read(folder) {
        case .failure(let problem):
            track.signature = nil
            set(&state, state.engine == nil ? .rejected : .missing, now: now, detail: problem.description + (state.engine == nil ? "" : "; the last good policy keeps serving"))
            return
        case .success(let read):
            snapshot = FolderSnapshot(files: read.files, digest: ContentDigest.sha256(ofFiles: read.files + [("library", Array(sharedDigest.utf8))]))
        }
        if snapshot.digest == state.digest {
            track.signature = signature
            track.pending = nil
            set(&state, .serving, now: now, detail: nil)
            return
        }
        if snapshot.digest == track.rejectedDigest {
            track.signature = signature
            track.pending = nil
            return
        }
        if !immediately {
            guard let pending = track.pending, pending.digest == snapshot.digest, now.timeIntervalSince(pending.since) >= quietPeriod else {
                if track.pending?.digest != snapshot.digest { track.pending = (snapshot.digest, now) }
                return
            }
        }
        track.pending = nil
        track.signature = signature
        do {
            let engine = try snapshot.compile(council: id, folder: folder, library: PolicyLibrary(root: library))
            state.serving = ServingPolicy(
                engine: engine, digest: snapshot.digest,
                texts: Dictionary(uniqueKeysWithValues: snapshot.files.map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) }))
            state.loadedAt = now
            track.rejectedDigest = nil
            state.diagnostics = []
            state.sources = SourceFiles()
            set(&state, .serving, now: now, detail: nil, force: true)
            logger.info("serving a policy", metadata: ["council": "\(id)", "digest": "\(snapshot.digest)"])
        } catch {
            track.rejectedDigest = snapshot.digest
            state.diagnostics = error.diagnostics
            state.sources = error.sources
            set(&state, .rejected, now: now, detail: state.engine == nil ? "the policy has errors and is not served" : "the files on disk have errors; the last good policy keeps serving")
            logger.error(
                "rejected a policy", metadata: ["council": "\(id)", "digest": "\(snapshot.digest)", "diagnostics": "\(error.diagnostics.map(\.description))"])
        }
    }

    private func gone(_ id: String, now: Date, reason: String) {
        guard var state = councils[id] else { return }
        var track = tracking[id] ?? Tracking()
        defer {
            tracking[id] = track
            councils[id] = state
        }
        track.signature = nil
        track.pending = nil
        let since = track.missingSince ?? now
        track.missingSince = since
        if state.engine != nil, now.timeIntervalSince(since) < removalGrace {
            set(&state, .missing, now: now, detail: "\(reason); the last good policy serves until \(Int(removalGrace)) s have passed")
        } else {
            state.serving = nil
            set(&state, .removed, now: now, detail: "\(reason); no longer served")
        }
    }

    private func set(_ state: inout CouncilState, _ status: CouncilState.Status, now: Date, detail: String?, force: Bool = false) {
        if state.status != status || force { state.since = now }
        state.status = status
        state.detail = detail
        if status == .serving {
            state.diagnostics = []
            state.sources = SourceFiles()
        }
    }
}
