import Foundation
import Hummingbird
import RedressDiagnostics
import RedressPolicy
import RedressPolicyTools
import RedressRecords

/// Drafts saved on the server (`/v1/drafts`): kept in the records database, readable and
/// commentable by anyone with the draft role for the draft's council, adopted by an admin.
extension RedressService {
    func addDraftRoutes(to router: Router<ServiceRequestContext>) {
        add(.saveDraft, to: router) { request, _, caller in
            let body = try await RequestBody.object(request, endpoint: .saveDraft, limit: limits.maxBodyBytes)
            guard let council = body["council"] as? String, CouncilFolderName.isCouncilID(council) else {
                throw Problem(.badRequest, "`council` must name a council folder")
            }
            try Self.authorize(caller, .saveDraft, council: council)
            guard registry.snapshot[council] != nil else { throw Problem(.notFound, "no council `\(council)`") }
            let now = Self.instant()
            let draft = SavedDraft(
                id: UUID().uuidString.lowercased(), council: council, name: try Self.draftName(body["name"]), author: caller.recordName, created: now,
                updated: now, policy: try Self.draftText(body["policy"]))
            let store = try drafts()
            try await Self.stored { () throws(StoreFailure) in try await store.save(draft) }
            return Self.json(try await Self.draftJSON(draft, store: store), status: .created)
        }
        add(.listDrafts, to: router) { request, _, caller in
            guard let council = request.uri.queryParameters["council"].map(String.init), CouncilFolderName.isCouncilID(council) else {
                throw Problem(.badRequest, "`council` must name a council folder", help: "/v1/drafts?council=north-somerset")
            }
            try Self.authorize(caller, .listDrafts, council: council)
            let store = try drafts()
            let list = try await Self.stored { () throws(StoreFailure) in try await store.drafts(council: council) }
            return Self.json(JSONText.object([("drafts", JSONText.array(list.map { Self.draftJSON($0, comments: []) }))]))
        }
        add(.getDraft, to: router) { _, context, caller in
            let draft = try await draft(context, caller, .getDraft)
            return Self.json(try await Self.draftJSON(draft, store: drafts()))
        }
        add(.updateDraft, to: router) { request, context, caller in
            var draft = try await draft(context, caller, .updateDraft)
            guard draft.adoption == nil else { throw Problem(.conflict, "this draft was adopted as version \(draft.adoption?.version ?? ""); save a new draft") }
            let body = try await RequestBody.object(request, endpoint: .updateDraft, limit: limits.maxBodyBytes)
            draft.policy = try Self.draftText(body["policy"])
            if body["name"] != nil { draft.name = try Self.draftName(body["name"]) }
            draft.updated = Self.instant()
            let store = try drafts()
            try await Self.stored { () throws(StoreFailure) in try await store.save(draft) }
            return Self.json(try await Self.draftJSON(draft, store: store))
        }
        add(.commentDraft, to: router) { request, context, caller in
            let draft = try await draft(context, caller, .commentDraft)
            let body = try await RequestBody.object(request, endpoint: .commentDraft, limit: 64 << 10)
            guard let line = body["line"] as? Int, line >= 1, line <= draft.policy.split(separator: "\n", omittingEmptySubsequences: false).count else {
                throw Problem(.badRequest, "`line` must be a line of the draft")
            }
            guard let text = (body["text"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty, text.count <= 4000 else {
                throw Problem(.badRequest, "`text` must hold the comment (at most 4,000 characters)")
            }
            let comment = DraftComment(draft: draft.id, line: line, author: caller.recordName, text: text, time: Self.instant())
            let store = try drafts()
            try await Self.stored { () throws(StoreFailure) in try await store.add(comment) }
            return Self.json(try await Self.draftJSON(draft, store: drafts()), status: .created)
        }
        addAdoption(to: router)
    }

    /// The records database as a draft store; 503 when the service keeps no drafts.
    func drafts() throws -> any DraftStore {
        guard let store = recorder.store as? any DraftStore else {
            throw Problem(.serviceUnavailable, "drafts are kept in the records database, and this service has none", help: "set `records` in the configuration")
        }
        return store
    }

    /// The draft in the path, for a caller with the role for its council.
    func draft(_ context: ServiceRequestContext, _ caller: Identity, _ endpoint: Endpoint) async throws -> SavedDraft {
        let id = context.parameters.get("draft") ?? ""
        let store = try drafts()
        guard let draft = try await Self.stored({ () throws(StoreFailure) in try await store.draft(id: id) }) else {
            throw Problem(.notFound, "no draft `\(id)`")
        }
        // Not found rather than forbidden: another council's draft names are not disclosed.
        guard caller.may(endpoint.roles ?? [], council: draft.council) else { throw Problem(.notFound, "no draft `\(id)`") }
        return draft
    }

    static func stored<T>(_ body: () async throws(StoreFailure) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw Problem(.serviceUnavailable, "the records database could not be used: \(error.description)")
        }
    }

    static func draftName(_ value: Any?) throws -> String {
        guard let name = (value as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty, name.count <= 120 else {
            throw Problem(.badRequest, "`name` must name the draft (at most 120 characters)")
        }
        return name
    }

    static func draftText(_ value: Any?) throws -> String {
        guard let text = value as? String else { throw Problem(.badRequest, "`policy` must hold the draft's YAML text") }
        return text
    }

    /// Now, as the records write instants (ISO 8601, UTC, milliseconds).
    static func instant() -> String { NewRecord.timestamp(Date()) }

    static func draftJSON(_ draft: SavedDraft, store: any DraftStore) async throws -> String {
        draftJSON(draft, comments: try await stored { () throws(StoreFailure) in try await store.comments(draft: draft.id) })
    }

    static func draftJSON(_ draft: SavedDraft, comments: [DraftComment]) -> String {
        JSONText.object([
            ("id", JSONText.quoted(draft.id)), ("council", JSONText.quoted(draft.council)), ("name", JSONText.quoted(draft.name)),
            ("author", JSONText.quoted(draft.author)), ("created", JSONText.quoted(draft.created)), ("updated", JSONText.quoted(draft.updated)),
            ("policy", JSONText.quoted(draft.policy)),
            (
                "comments",
                JSONText.array(
                    comments.map { comment in
                        JSONText.object([
                            ("line", String(comment.line)), ("author", JSONText.quoted(comment.author)), ("text", JSONText.quoted(comment.text)),
                            ("on", JSONText.quoted(comment.time)),
                        ])
                    })
            ),
            ("adopted", draft.adoption.map(adoptionJSON)),
        ])
    }

    static func adoptionJSON(_ adoption: SavedDraft.Adoption) -> String {
        JSONText.object([
            ("version", JSONText.quoted(adoption.version)), ("effective_from", JSONText.quoted(adoption.effectiveFrom)),
            ("file", JSONText.quoted(adoption.file)), ("by", JSONText.quoted(adoption.by)), ("on", JSONText.quoted(adoption.on)),
        ])
    }
}
