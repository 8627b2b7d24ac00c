import Foundation
import Hummingbird
import HummingbirdTesting
import RedressEngine
import RedressRecords
import RedressTestSupport
import Testing

@testable import RedressServer

/// Complaints in the plain form take the byte path (`PlainComplaint`, `LineClassifier`). On
/// generated complaints that probe every boundary of that path (escapes, misspelt and extra
/// fields, wrong kinds, non-ASCII, duplicates), each written compact, spaced as Python's `json`
/// writes it, and indented: wherever the byte path answers, its answer and record are exactly the
/// full path's for the same bytes; and through the service, single complaints and arrays are
/// answered and recorded as the full path answers them.
@Suite("The service's byte path")
struct ServiceBytePathTests {
    /// `line` with a space after each `:` and `,` outside strings (as Python's `json.dumps`).
    static func spaced(_ line: String) -> String { respaced(line) { $0 == ":" || $0 == "," ? " " : "" } }

    /// `line` with a line break and indent after each `{`, `,` and `[` outside strings.
    static func indented(_ line: String) -> String { respaced(line) { $0 == "{" || $0 == "," || $0 == "[" ? "\n  " : "" } }

    static func respaced(_ line: String, _ after: (Character) -> String) -> String {
        var result = ""
        var inString = false
        var escaped = false
        for character in line {
            result.append(character)
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else {
                result += after(character)
            }
        }
        return result
    }

    static func lines(_ engine: Engine, council: String) -> [String] {
        var generator = RecordGenerator(policies: engine.versions.map(\.policy), seed: UInt64(council.utf8.count) &* 31)
        return (0..<200).map { _ in generator.next().trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    @Test("wherever the byte path answers, it answers and records as the full path", arguments: ["north-somerset", "fife", "swansea"])
    func sameAnswers(council: String) async throws {
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder)
            let state = try #require(fixture.service.registry.snapshot[council])
            let engine = try #require(state.engine)
            var classifier = try #require(state.serving?.classifier)
            let decide = RedressService.fullClassify(engine)
            for (name, variant) in [("compact", { $0 }), ("spaced", Self.spaced), ("indented", Self.indented)] as [(String, (String) -> String)] {
                var taken = 0
                for line in Self.lines(engine, council: council) {
                    let body = Array((variant(line) + "\n").utf8)
                    guard let plain = PlainComplaint.answer(body[...], classifier: &classifier) else { continue }
                    taken += 1
                    let full = try #require(try? RequestItems.parse(body, maxItems: 10).items.first, "the full path refuses what the byte path answered: \(line)")
                    let expected = RedressService.answer(full, decide)
                    #expect(plain.output == expected.output, "\(name): \(line)")
                    #expect(plain.input == expected.input, "\(name): \(line)")
                    #expect(plain.subject == expected.subject && plain.policyVersion == expected.policyVersion && plain.decided == expected.decided)
                }
                #expect(taken >= 40, "\(name): only \(taken) of 200 took the byte path")
            }
        }
    }

    @Test("through the service, single complaints and arrays are answered and recorded as the full path would", arguments: ["north-somerset", "fife"])
    func throughTheService(council: String) async throws {
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder)
            let engine = try #require(fixture.service.registry.snapshot[council]?.engine)
            let decide = RedressService.fullClassify(engine)
            let objects = Self.lines(engine, council: council).filter { (try? RequestItems.parse(Array($0.utf8), maxItems: 10)) != nil }
            #expect(objects.count >= 100)
            let expected = try objects.map { RedressService.answer(try RequestItems.parse(Array(Self.spaced($0).utf8), maxItems: 10).items[0], decide) }
            try await fixture.app.test(.router) { client in
                for (line, full) in zip(objects, expected) {
                    try await client.call("/v1/councils/\(council)/classify", as: .decider, body: Self.spaced(line)) { response in
                        #expect(ServiceFixture.text(response) == full.output + "\n", "\(line)")
                        #expect(response.status == (full.decided ? .ok : .unprocessableContent))
                    }
                }
                let body = "[" + objects.map(Self.spaced).joined(separator: ", ") + "]"
                try await client.call("/v1/councils/\(council)/classify", as: .decider, body: body) { response in
                    #expect(response.status == .ok)
                    let items = expected.enumerated().map { index, item in
                        // An error record names the item's place in the array.
                        item.decided ? item.output : item.output.replacingOccurrences(of: "{\"line\":1,", with: "{\"line\":\(index + 1),")
                    }
                    #expect(ServiceFixture.text(response) == "[" + items.joined(separator: ",") + "]\n")
                }
            }
            let records = try await fixture.store.records(council: council, from: 1, limit: 1_000)
            #expect(records.count == 2 * objects.count)
            for (index, record) in records.enumerated() {
                let full = expected[index % objects.count]
                #expect(record.record.input == full.input && record.record.subject == full.subject)
                #expect(record.record.policyVersion == full.policyVersion)
                if full.decided { #expect(record.record.result == full.output) }
            }
        }
    }
}
