import Foundation
import RedressRecords
import RedressTestSupport
import Testing

/// Saved drafts in both engines (a SQLite file, a PostgreSQL database): saved, replaced, listed by
/// council newest first, adopted, and commented on by many colleagues at once with none lost.
@Suite("Draft stores")
struct DraftStoreTests {
    @Test("drafts round-trip, list newest first per council, keep their adoption; concurrent comments all land in order", arguments: RecordStoreTests.Engine.allCases)
    func drafts(engine: RecordStoreTests.Engine) async throws {
        try await RecordStoreTests.withStore(engine) { records, _ in
            let store = try #require(records as? any DraftStore)
            let first = SavedDraft(
                id: "d1", council: "north-somerset", name: "Stage 1 in 8 days", author: "key:officer", created: "2026-12-01T10:00:00.000Z",
                updated: "2026-12-01T10:00:00.000Z", policy: "redress: 1\n# ’quotes’ and ‘unicode’\n")
            var second = first
            second.id = "d2"
            second.name = "Other"
            second.updated = "2026-12-02T10:00:00.000Z"
            var elsewhere = first
            elsewhere.id = "d3"
            elsewhere.council = "derby"
            for draft in [first, second, elsewhere] { try await store.save(draft) }
            #expect(try await store.draft(id: "d1") == first)
            #expect(try await store.draft(id: "nope") == nil)
            #expect(try await store.drafts(council: "north-somerset").map(\.id) == ["d2", "d1"])
            var adopted = first
            adopted.policy += "changed: true\n"
            adopted.updated = "2026-12-03T10:00:00.000Z"
            adopted.adoption = SavedDraft.Adoption(version: "2026-06", effectiveFrom: "2026-06-01", file: "councils/north-somerset/2026-06.yaml", by: "key:admin", on: "2026-12-03T10:00:00.000Z")
            try await store.save(adopted)
            #expect(try await store.draft(id: "d1") == adopted)
            #expect(try await store.drafts(council: "north-somerset").map(\.id) == ["d1", "d2"])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let time = String(format: "2026-12-04T10:00:%02d.000Z", index)
                        try await store.add(DraftComment(draft: "d1", line: index + 1, author: "key:colleague-\(index % 3)", text: "comment \(index)", time: time))
                    }
                }
                try await group.waitForAll()
            }
            let comments = try await store.comments(draft: "d1")
            #expect(comments.map(\.text) == (0..<20).map { "comment \($0)" })
            #expect(comments.first?.line == 1 && comments.last?.line == 20)
            #expect(try await store.comments(draft: "d2").isEmpty)
        }
    }
}
