import Foundation
import Hummingbird
import HummingbirdTesting
import RedressCalendar
import RedressDiagnostics
import RedressTestSupport
import Testing

@testable import RedressServer

/// Drafts saved on the server, through the API: saved, replaced and commented on by officers;
/// adoption refused to an officer, refused while the draft changes what the council's tests pin,
/// then done by an admin: the new version file written with its approval, the version it follows
/// given its last day, both served, and never adopted twice.
@Suite("Drafts")
struct DraftTests {
    static func body(_ fields: [String: Any]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: fields)) ?? Data(), as: UTF8.self)
    }

    @Test("save, replace, comment, list; adopt refused, then done; the library's files as adopted")
    func lifecycle() async throws {
        try await TemporaryFolder.with { folder in
            let library = folder.file("policies")
            try FileManager.default.copyItem(atPath: ServiceFixture.library, toPath: library)
            let fixture = try await ServiceFixture(library: library, folder: folder)
            let inForce = try String(contentsOfFile: library + "/councils/north-somerset/2021-01.yaml", encoding: .utf8)
            try await fixture.app.test(.router) { client in
                // An officer saves a draft that shortens Stage 1 to 8 working days.
                let shorter = inForce.replacingOccurrences(of: "within: 10 working days", with: "within: 8 working days")
                let saved = try await client.call("/v1/drafts", as: .drafter, body: Self.body(["council": "north-somerset", "name": "Shorter", "policy": shorter])) { response in
                    #expect(response.status == .created, "\(ServiceFixture.text(response))")
                    return try ServiceFixture.object(response)
                }
                let id = try #require(saved["id"] as? String)
                #expect(saved["author"] as? String == "key:drafter")
                try await client.call("/v1/drafts", as: .drafter, body: Self.body(["council": "nowhere", "name": "x", "policy": "x"])) { #expect($0.status == .notFound) }
                try await client.call("/v1/drafts", as: .reader, body: Self.body(["council": "north-somerset", "name": "x", "policy": "x"])) { #expect($0.status == .forbidden) }
                try await client.call("/v1/drafts/\(id)/comments", as: .drafter, body: Self.body(["line": 9999, "text": "past the end"])) { #expect($0.status == .badRequest) }
                try await client.call("/v1/drafts/\(id)/comments", as: .admin, body: Self.body(["line": 3, "text": "Why 8?"])) { response in
                    #expect(response.status == .created)
                    let comments = try #require(try ServiceFixture.object(response)["comments"] as? [[String: Any]])
                    #expect(comments.count == 1 && comments.first?["text"] as? String == "Why 8?" && comments.first?["author"] as? String == "key:admin")
                }
                try await client.call("/v1/drafts?council=north-somerset", .get, as: .drafter) { response in
                    let drafts = try #require(try ServiceFixture.object(response)["drafts"] as? [[String: Any]])
                    #expect(drafts.map { $0["name"] as? String } == ["Shorter"])
                }
                let adoption = ["version": "2026-06", "effective_from": "2026-06-01", "approved_by": "Cabinet", "approved_on": "2026-05-14", "minute": "Minute 12/26"]
                try await client.call("/v1/drafts/\(id)/adopt", as: .drafter, body: Self.body(adoption)) { #expect($0.status == .forbidden) }
                // The tests pin 10 working days for the version in force: the draft must keep them.
                try await client.call("/v1/drafts/\(id)/adopt", as: .admin, body: Self.body(adoption)) { response in
                    #expect(response.status == .unprocessableContent)
                    let reasons = try #require(try ServiceFixture.object(response)["reasons"] as? [String])
                    #expect(reasons.contains { $0.contains("(decided by the draft) fails: respond_by") }, "\(reasons)")
                }
                #expect(!FileManager.default.fileExists(atPath: library + "/councils/north-somerset/2026-06.yaml"))
                // A draft that keeps every decision is adopted.
                try await client.call("/v1/drafts/\(id)", .put, as: .drafter, body: Self.body(["policy": inForce])) { #expect($0.status == .ok) }
                try await client.call("/v1/drafts/\(id)/adopt", as: .admin, body: Self.body(adoption)) { response in
                    #expect(response.status == .created, "\(ServiceFixture.text(response))")
                    let answer = try ServiceFixture.object(response)
                    #expect(answer["file"] as? String == "councils/north-somerset/2026-06.yaml")
                }
                let adopted = try String(contentsOfFile: library + "/councils/north-somerset/2026-06.yaml", encoding: .utf8)
                #expect(adopted.contains("  id: \"2026-06\"\n  effective_from: 2026-06-01\n  approved:\n    by: \"Cabinet\"\n    on: 2026-05-14\n    minute: \"Minute 12/26\""))
                let previous = try String(contentsOfFile: library + "/councils/north-somerset/2021-01.yaml", encoding: .utf8)
                #expect(previous.contains("effective_from: 2021-01-01\n  effective_to: 2026-05-31\n"))
                #expect(try FileManager.default.contentsOfDirectory(atPath: library + "/councils/north-somerset").sorted() == ["2021-01.yaml", "2026-06.yaml"])
                try await client.call("/v1/councils", .get, as: .admin) { response in
                    let councils = try #require(try ServiceFixture.object(response)["councils"] as? [[String: Any]])
                    #expect(councils.first { $0["id"] as? String == "north-somerset" }?["in_force"] as? String == "2026-06")
                }
                try await client.call("/v1/drafts/\(id)/adopt", as: .admin, body: Self.body(adoption)) { #expect($0.status == .conflict) }
                try await client.call("/v1/drafts/\(id)", .put, as: .drafter, body: Self.body(["policy": inForce])) { #expect($0.status == .conflict) }
            }
        }
    }

    @Test("the version block is rewritten in place, and an open version gets its last day")
    func textEdits() throws {
        let text = "# head\nredress: 1\nversion:\n  id: \"2021-01\"\n  effective_from: 2021-01-01\n  source: \"x\"\n\nsources: {}\n"
        #expect(RedressService.replacingVersion(in: text, with: "version:\n  id: \"new\"") == "# head\nredress: 1\nversion:\n  id: \"new\"\n\nsources: {}\n")
        let end = try LocalDate(iso: "2026-05-31")
        #expect(RedressService.addingEnd(end, to: text)?.contains("  effective_from: 2021-01-01\n  effective_to: 2026-05-31\n  source") == true)
        #expect(RedressService.addingEnd(end, to: "version: { id: a, effective_from: 2021-01-01 }\n") == nil)
        #expect(RedressService.replacingVersion(in: "redress: 1\n", with: "version:") == nil)
    }
}
