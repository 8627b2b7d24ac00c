import Foundation
import Hummingbird
import HummingbirdTesting
import RedressDiagnostics
import RedressTestSupport
import Testing

@testable import RedressServer

/// The workbench's try-a-complaint form with events: the draft schedules the case as of a date,
/// and a history that makes no sense is said in words beside a decision that still stands.
@Suite("Draft schedules")
struct DraftScheduleTests {
    static func body(events: String, asOf: String? = nil) -> String {
        let complaint = #"{"id":"A","received":"2024-12-20","service":"highways","events":\#(events)}"#
        return "{\"council\":\"north-somerset\",\"policy\":" + JSONText.quoted(AccessTests.policy) + ",\"complaint\":" + complaint
            + (asOf.map { ",\"as_of\":\"\($0)\"" } ?? "") + "}"
    }

    @Test("events are scheduled as of the date given; a bad history is schedule_error; a bad date 400")
    func schedules() async throws {
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder)
            try await fixture.app.test(.router) { client in
                let refused = Self.body(
                    events: #"[{"on":"2025-01-06","event":"responded"},{"on":"2025-01-10","event":"escalation-refused","reason":"answered in full"}]"#, asOf: "2025-02-03")
                try await client.call("/v1/draft/classify", .post, as: .drafter, body: refused) { response in
                    #expect(response.status == .ok)
                    let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    let schedule = try #require(json["schedule"] as? [String: Any])
                    #expect(schedule["status"] as? String == "closed")
                    #expect((schedule["refusal"] as? [String: Any])?["stage"] as? String == "stage-2")
                    #expect((json["decision"] as? [String: Any])?["rule"] as? String == "everything-else")
                }
                let impossible = Self.body(events: #"[{"on":"2025-01-06","event":"escalation-refused","reason":"r"}]"#, asOf: "2025-02-03")
                try await client.call("/v1/draft/classify", .post, as: .drafter, body: impossible) { response in
                    let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    #expect(json["schedule"] == nil)
                    #expect((json["schedule_error"] as? String)?.contains("has not been answered yet") == true)
                    #expect(json["decision"] != nil)
                }
                try await client.call("/v1/draft/classify", .post, as: .drafter, body: Self.body(events: "[]", asOf: "2025-02-30")) { response in
                    #expect(response.status == .badRequest)
                }
            }
        }
    }
}
