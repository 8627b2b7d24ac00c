import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RedressTestSupport
import Synchronization
import Testing

@testable import RedressServer

/// The request id: 128 random bits in hex, a new one for every request, the same in the answer's
/// `X-Request-Id` and in every log line the request writes.
@Suite("Request ids")
struct RequestIDTests {
    /// Keeps what is logged, with the logger's metadata at the time.
    final class LogLines: Sendable {
        let lines = Mutex<[(message: String, metadata: Logger.Metadata)]>([])
    }

    struct CapturingHandler: LogHandler {
        let lines: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            lines.lines.withLock { $0.append((event.message.description, merged)) }
        }
    }

    @Test("new ids are 32 lowercase hex digits and do not repeat")
    func shape() {
        let ids = (0..<1_000).map { _ in ServiceRequestContext.newRequestID() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(50) {
            #expect(id.utf8.count == 32 && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }, "\(id)")
        }
    }

    @Test(
        "hex digits as String(radix: 16) writes them, padded to 16 a word",
        arguments: [(UInt64(0), UInt64(0)), (1, 0xF), (.max, 0x0123_4567_89AB_CDEF), (0xDEAD_BEEF, 1 << 63)])
    func hexDigits(high: UInt64, low: UInt64) {
        func padded(_ word: UInt64) -> String {
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        #expect(ServiceRequestContext.hexDigits(high, low) == padded(high) + padded(low))
    }

    @Test("the header names the service writes are the ones it means")
    func headerNames() {
        #expect(HTTPField.Name.requestID.canonicalName == "x-request-id")
        #expect(HTTPField.Name.frameOptions.canonicalName == "x-frame-options")
        #expect(HTTPField.Name.referrerPolicy.canonicalName == "referrer-policy")
    }

    @Test("the answer's X-Request-Id is the id its log line names")
    func sameInTheLog() async throws {
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder)
            let lines = LogLines()
            let app = Application(router: fixture.service.router(), logger: Logger(label: "test") { _ in CapturingHandler(lines: lines) })
            let body = "{\"id\":\"R1\",\"received\":\"2024-12-20\",\"service\":\"highways\",\"text\":\"pothole\"}"
            let answered: [String] = try await app.test(.router) { client in
                var ids: [String] = []
                for _ in 0..<3 {
                    ids.append(
                        try await client.call("/v1/councils/north-somerset/classify", as: .decider, body: body) { response in
                            #expect(response.status == .ok)
                            return try #require(response.headers[.requestID])
                        })
                }
                return ids
            }
            let logged = lines.lines.withLock { $0 }.filter { $0.message == "answered" }.compactMap { $0.metadata["hb.request.id"]?.description }
            #expect(logged == answered)
            #expect(Set(answered).count == 3)
        }
    }
}
