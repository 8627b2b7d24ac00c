import Foundation
import Logging
import PostgresNIO
import RedressTestSupport
import Testing

@testable import RedressRecords

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL store that cannot do its work says why, promptly: a database that does not exist
/// is named by the server's own words, a server that never answers fails after the URL's
/// timeout, and an append stuck behind another transaction's lock is rolled back in the database
/// (so nothing is stored for a request that was refused) instead of holding the request.
@Suite("PostgreSQL failures")
struct PostgresFailureTests {
    @Test("a URL Redress cannot use is refused before connecting", arguments: [
        ("postgres://redress@127.0.0.1/records?sslmod=disable", "unknown parameter `sslmod`"),
        ("postgres://redress@127.0.0.1/records?connect_timeout=0", "connect_timeout must be a whole number of seconds from 1 to 600"),
        ("postgres://redress@127.0.0.1/records?sslmode=sometimes", "sslmode must be disable, prefer or require"),
        ("postgres://redress@127.0.0.1/records?options=-x", "Redress passes only `-c name=value` settings"),
        ("postgres://redress@127.0.0.1/records?options=-c%20lock_timeout", "is not name=value"),
        ("mysql://redress@127.0.0.1/records", "is not a postgres:// URL"),
    ])
    func refusedURL(url: String, reason: String) async throws {
        let failure = await #expect(throws: StoreFailure.self) { _ = try await PostgresRecordStore(url: url) }
        #expect(failure?.description.contains(reason) == true, "\(failure?.description ?? "")")
    }

    @Test("a database that does not exist is named in the server's words")
    func missingDatabase() async throws {
        guard let admin = Self.server() else { return }
        let url = PostgresServer.setting("connect_timeout", to: "120", in: PostgresServer.replacingDatabase(admin, with: "redress_no_such_database"))
        let failure = await #expect(throws: StoreFailure.self) { _ = try await PostgresRecordStore(url: url) }
        #expect(failure?.description.contains("database \"redress_no_such_database\" does not exist") == true, "\(failure?.description ?? "")")
    }

    @Test("a server that accepts connections and never answers fails the store after the URL's timeout")
    func silentServer() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let failure = await #expect(throws: StoreFailure.self) {
            _ = try await PostgresRecordStore(url: "postgres://redress@127.0.0.1:\(listener.port)/records?sslmode=disable&connect_timeout=1")
        }
        #expect(failure?.description.contains("no answer within 1 s") == true, "\(failure?.description ?? "")")
    }

    @Test("an append stuck behind another transaction's lock is rolled back in the database and refused")
    func lockedChain() async throws {
        guard Self.server() != nil else { return }
        try await PostgresServer.withDatabase { base in
            // The database gives up the lock wait after 2 s (libpq's `options`); Redress would wait
            // two minutes for its answer, so the refusal is the database's own, however long this
            // test process's threads are held by other tests.
            let store = try await PostgresRecordStore(url: PostgresServer.setting("options", to: "-c lock_timeout=2000", in: base))
            try await store.append([RecordStoreTests.record("derby", "D1")])
            // Another session holds the council's chain head, as an administrator's open
            // transaction would.
            let holder = try await PostgresConnection.connect(
                configuration: PostgresLocation(base).connectionConfiguration(), id: 2, logger: Logger(label: "test"))
            try await holder.run("BEGIN", logger: Logger(label: "test"))
            try await holder.run("SELECT * FROM chain_heads WHERE council = 'derby' FOR UPDATE", logger: Logger(label: "test"))
            let failure = await #expect(throws: StoreFailure.self) { try await store.append([RecordStoreTests.record("derby", "D2")]) }
            #expect(failure?.description.contains("lock timeout") == true, "\(failure?.description ?? "")")
            try await holder.run("COMMIT", logger: Logger(label: "test"))
            try await holder.close()
            try await store.append([RecordStoreTests.record("derby", "D3")])
            let stored = try await store.records(council: "derby", from: 1, limit: 10)
            #expect(stored.map(\.sequence) == [1, 2])
            #expect(stored.compactMap(\.record.subject) == ["D1", "D3"])
            #expect(try await RecordAudit.verify(store, signer: nil).isIntact)
            await store.close()
        }
    }

    /// The test server's URL, or nil (recording an issue where PostgreSQL is required).
    static func server() -> String? {
        switch PostgresServer.url() {
        case .success(let url): return url
        case .failure(let reason):
            if Oracle.required { Issue.record("PostgreSQL is required here: \(reason)") }
            return nil
        }
    }
}

/// A loopback socket that takes connections (the kernel completes them) and never says a word.
struct SilentListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard descriptor >= 0, bound == 0, named == 0, listen(descriptor, 8) == 0 else {
            Glibc.close(descriptor)
            throw StoreFailure("cannot listen on loopback: errno \(errno)")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        Glibc.close(descriptor)
    }
}
