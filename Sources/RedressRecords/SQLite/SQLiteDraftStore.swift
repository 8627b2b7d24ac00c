extension SQLiteRecordStore: DraftStore {
    public func save(_ draft: SavedDraft) async throws(StoreFailure) {
        try await value { () throws(StoreFailure) in
            _ = try self.connection.query(
                "INSERT INTO drafts (\(DraftSchema.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET \(DraftSchema.updates)",
                DraftSchema.values(draft).map(SQLiteValue.init))
        }
    }

    public func draft(id: String) async throws(StoreFailure) -> SavedDraft? {
        try await value { () throws(StoreFailure) in
            try self.connection.query("SELECT \(DraftSchema.columns) FROM drafts WHERE id = ?", [.text(id)]).compactMap { row in
                DraftSchema.draft(row.map(\.text))
            }.first
        }
    }

    public func drafts(council: String) async throws(StoreFailure) -> [SavedDraft] {
        try await value { () throws(StoreFailure) in
            try self.connection.query("SELECT \(DraftSchema.columns) FROM drafts WHERE council = ? ORDER BY updated DESC", [.text(council)]).compactMap { row in
                DraftSchema.draft(row.map(\.text))
            }
        }
    }

    public func add(_ comment: DraftComment) async throws(StoreFailure) {
        try await value { () throws(StoreFailure) in
            _ = try self.connection.query(
                "INSERT INTO draft_comments (draft, time, author, line, text) VALUES (?, ?, ?, ?, ?)",
                [.text(comment.draft), .text(comment.time), .text(comment.author), .integer(Int64(comment.line)), .text(comment.text)])
        }
    }

    public func comments(draft: String) async throws(StoreFailure) -> [DraftComment] {
        try await value { () throws(StoreFailure) in
            try self.connection.query("SELECT draft, time, author, line, text FROM draft_comments WHERE draft = ? ORDER BY time, rowid", [.text(draft)]).compactMap { row in
                DraftSchema.comment(row.map { $0.text ?? $0.integer.map(String.init) })
            }
        }
    }
}
