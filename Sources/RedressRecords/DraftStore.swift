/// A policy draft saved on the server by an officer: named, shared by its id with colleagues who
/// have the draft role for its council, commented on by line, and adopted by an admin as a new
/// version. Kept in the same database as the decision records.
public struct SavedDraft: Sendable, Equatable {
    public var id: String
    public var council: String
    public var name: String
    public var author: String
    /// ISO 8601 instants.
    public var created: String
    public var updated: String
    public var policy: String
    /// When adopted: the version id, its first day, who adopted it and when (ISO 8601).
    public var adoption: Adoption?

    public struct Adoption: Sendable, Equatable {
        public var version: String
        public var effectiveFrom: String
        public var file: String
        public var by: String
        public var on: String

        public init(version: String, effectiveFrom: String, file: String, by: String, on: String) {
            self.version = version
            self.effectiveFrom = effectiveFrom
            self.file = file
            self.by = by
            self.on = on
        }
    }

    public init(id: String, council: String, name: String, author: String, created: String, updated: String, policy: String, adoption: Adoption? = nil) {
        self.id = id
        self.council = council
        self.name = name
        self.author = author
        self.created = created
        self.updated = updated
        self.policy = policy
        self.adoption = adoption
    }
}

/// A colleague's comment on one line of a draft.
public struct DraftComment: Sendable, Equatable {
    public var draft: String
    public var line: Int
    public var author: String
    public var text: String
    public var time: String

    public init(draft: String, line: Int, author: String, text: String, time: String) {
        self.draft = draft
        self.line = line
        self.author = author
        self.text = text
        self.time = time
    }
}

/// Saved drafts and their comments: the second thing the records database keeps.
public protocol DraftStore: Sendable {
    /// Creates the draft, or replaces its name, text, update time and adoption.
    func save(_ draft: SavedDraft) async throws(StoreFailure)
    func draft(id: String) async throws(StoreFailure) -> SavedDraft?
    /// A council's drafts, most recently updated first.
    func drafts(council: String) async throws(StoreFailure) -> [SavedDraft]
    /// Appends a comment (never a read-modify-write, so two colleagues commenting at once both land).
    func add(_ comment: DraftComment) async throws(StoreFailure)
    func comments(draft: String) async throws(StoreFailure) -> [DraftComment]
}

enum DraftSchema {
    static let tables = [
        """
        CREATE TABLE drafts (
            id TEXT PRIMARY KEY, council TEXT NOT NULL, name TEXT NOT NULL, author TEXT NOT NULL, created TEXT NOT NULL,
            updated TEXT NOT NULL, policy TEXT NOT NULL, adopted_version TEXT, adopted_from TEXT, adopted_file TEXT,
            adopted_by TEXT, adopted_on TEXT)
        """,
        "CREATE INDEX drafts_by_council ON drafts (council, updated)",
        "CREATE TABLE draft_comments (draft TEXT NOT NULL, time TEXT NOT NULL, author TEXT NOT NULL, line BIGINT NOT NULL, text TEXT NOT NULL)",
        "CREATE INDEX draft_comments_by_draft ON draft_comments (draft, time)",
    ]
    static let columns = "id, council, name, author, created, updated, policy, adopted_version, adopted_from, adopted_file, adopted_by, adopted_on"
    static let updates = "name = excluded.name, updated = excluded.updated, policy = excluded.policy, adopted_version = excluded.adopted_version, "
        + "adopted_from = excluded.adopted_from, adopted_file = excluded.adopted_file, adopted_by = excluded.adopted_by, adopted_on = excluded.adopted_on"

    static func values(_ draft: SavedDraft) -> [String?] {
        [
            draft.id, draft.council, draft.name, draft.author, draft.created, draft.updated, draft.policy, draft.adoption?.version,
            draft.adoption?.effectiveFrom, draft.adoption?.file, draft.adoption?.by, draft.adoption?.on,
        ]
    }

    static func draft(_ row: [String?]) -> SavedDraft? {
        guard row.count == 12, let id = row[0], let council = row[1], let name = row[2], let author = row[3], let created = row[4],
            let updated = row[5], let policy = row[6]
        else { return nil }
        var draft = SavedDraft(id: id, council: council, name: name, author: author, created: created, updated: updated, policy: policy)
        if let version = row[7], let from = row[8], let file = row[9], let by = row[10], let on = row[11] {
            draft.adoption = SavedDraft.Adoption(version: version, effectiveFrom: from, file: file, by: by, on: on)
        }
        return draft
    }

    static func comment(_ row: [String?]) -> DraftComment? {
        guard row.count == 5, let draft = row[0], let time = row[1], let author = row[2], let line = row[3].flatMap({ Int($0) }), let text = row[4] else { return nil }
        return DraftComment(draft: draft, line: line, author: author, text: text, time: time)
    }
}
