import PostgresNIO

extension PostgresRecordStore: DraftStore {
    public func save(_ draft: SavedDraft) async throws(StoreFailure) {
        var binds = PostgresBindings()
        for value in DraftSchema.values(draft) { binds.append(value) }
        let placeholders = (1...12).map { "$\($0)" }.joined(separator: ", ")
        _ = try await rows(
            PostgresQuery(
                unsafeSQL: "INSERT INTO drafts (\(DraftSchema.columns)) VALUES (\(placeholders)) ON CONFLICT (id) DO UPDATE SET \(DraftSchema.updates)",
                binds: binds))
    }

    public func draft(id: String) async throws(StoreFailure) -> SavedDraft? {
        try await rows(PostgresQuery(unsafeSQL: "SELECT \(DraftSchema.columns) FROM drafts WHERE id = $1", binds: Self.binds([id])))
            .compactMap(DraftSchema.draft).first
    }

    public func drafts(council: String) async throws(StoreFailure) -> [SavedDraft] {
        try await rows(PostgresQuery(unsafeSQL: "SELECT \(DraftSchema.columns) FROM drafts WHERE council = $1 ORDER BY updated DESC", binds: Self.binds([council])))
            .compactMap(DraftSchema.draft)
    }

    public func add(_ comment: DraftComment) async throws(StoreFailure) {
        _ = try await rows(
            "INSERT INTO draft_comments (draft, time, author, line, text) VALUES (\(comment.draft), \(comment.time), \(comment.author), \(Int64(comment.line)), \(comment.text))")
    }

    public func comments(draft: String) async throws(StoreFailure) -> [DraftComment] {
        try await rows(
            PostgresQuery(unsafeSQL: "SELECT draft, time, author, line::text, text FROM draft_comments WHERE draft = $1 ORDER BY time", binds: Self.binds([draft]))
        ).compactMap(DraftSchema.comment)
    }
}
