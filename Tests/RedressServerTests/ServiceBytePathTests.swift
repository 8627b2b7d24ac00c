import Foundation
import Hummingbird
import HummingbirdTesting
import RedressRecords
import RedressTestSupport
import Testing

@testable import RedressServer

/// A single complaint sent compact takes the byte path (`PlainComplaint`, `LineClassifier`); the
/// same complaint with a space before its closing brace takes the full path. On generated complaints that probe
/// every boundary of the byte path (escapes, misspelt and extra fields, wrong kinds, non-ASCII,
/// duplicates), both give the same status and body, and the same record.
@Suite("The service's byte path")
struct ServiceBytePathTests {
    @Test("compact complaints answer and are recorded exactly as the full path answers and records them", arguments: ["north-somerset", "fife"])
    func samePath(council: String) async throws {
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder)
            let state = try #require(await fixture.service.registry.snapshot[council])
            let engine = try #require(state.engine)
            var classifier = try #require(state.classifier)
            var generator = RecordGenerator(policies: engine.versions.map(\.policy), seed: UInt64(council.utf8.count) &* 31)
            let lines = (0..<200).map { _ in generator.next().trimmingCharacters(in: .whitespacesAndNewlines) }
            let bytePath = lines.filter { PlainComplaint.answer(Array($0.utf8), classifier: &classifier) != nil }.count
            #expect(bytePath >= 40, "only \(bytePath) of 200 took the byte path")
            try await fixture.app.test(.router) { client in
                for line in lines {
                    let compact = try await client.call("/v1/councils/\(council)/classify", as: .decider, body: line + "\n") { ($0.status, ServiceFixture.text($0)) }
                    let spaced = try await client.call("/v1/councils/\(council)/classify", as: .decider, body: line.dropLast() + " }") { ($0.status, ServiceFixture.text($0)) }
                    #expect(compact.0 == spaced.0, "\(line)")
                    // A body that is not JSON is a 400 naming the byte where it went wrong, which the
                    // added space moves; every other answer is the same text.
                    if compact.0 != .badRequest { #expect(compact.1 == spaced.1, "\(line)") }
                }
            }
            // Records alternate: each compact request's, then its spaced twin's.
            let records = try await fixture.store.records(council: council, from: 1, limit: 1_000)
            var pairs = 0
            var index = 0
            while index + 1 < records.count {
                let (compact, spaced) = (records[index].record, records[index + 1].record)
                #expect(compact.input == spaced.input)
                #expect(compact.result == spaced.result)
                #expect(compact.subject == spaced.subject)
                #expect(compact.policyVersion == spaced.policyVersion)
                #expect(compact.policyDigest == spaced.policyDigest)
                pairs += 1
                index += 2
            }
            #expect(pairs * 2 == records.count)
        }
    }
}
