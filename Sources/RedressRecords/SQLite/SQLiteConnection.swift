import CSQLite
import Foundation

/// A value bound to or read from a statement.
enum SQLiteValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case null
}

/// One SQLite connection (the system's libsqlite3). Not thread-safe: its owner serialises calls.
final class SQLiteConnection {
    private var handle: OpaquePointer?
    let path: String
    /// Statements prepared once and reused (reset after each run): the same few statements run
    /// for every record.
    private var prepared: [String: OpaquePointer] = [:]

    /// SQLite's `SQLITE_TRANSIENT`: copy bound text at once.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(path: String) throws(StoreFailure) {
        self.path = path
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw StoreFailure("cannot open the records database \(path): \(message)")
        }
        self.handle = handle
        sqlite3_busy_timeout(handle, 10_000)
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        sqlite3_wal_hook(handle, nil, nil)
        for statement in prepared.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Hands checkpoints to `checkpointer` (which must outlive this connection) instead of running
    /// them inside commits.
    func checkpoint(with checkpointer: SQLiteCheckpointer) {
        checkpointer.install(on: handle)
    }

    func execute(_ sql: String) throws(StoreFailure) {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? lastError
            sqlite3_free(error)
            throw StoreFailure("\(path): \(message)")
        }
    }

    /// Runs one statement with `values` bound in order; returns its rows.
    @discardableResult
    func query(_ sql: String, _ values: [SQLiteValue] = []) throws(StoreFailure) -> [[SQLiteValue]] {
        let statement = try statement(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case .text(let text): Self.bind(text, at: position, in: statement)
            case .integer(let number): sqlite3_bind_int64(statement, position, number)
            case .null: sqlite3_bind_null(statement, position)
            }
        }
        return try rows(statement)
    }

    /// Runs a statement that returns no rows, prepared once and found without looking up its text
    /// (the record insert: once per record); `bind` binds its values.
    func run(_ statement: SQLiteStatement, bind: (inout SQLiteStatement.Binder) -> Void) throws(StoreFailure) {
        let handle = statement.handle
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        var binder = SQLiteStatement.Binder(handle: handle)
        bind(&binder)
        guard sqlite3_step(handle) == SQLITE_DONE else { throw StoreFailure("\(path): \(lastError)") }
    }

    /// `sql` prepared (or found prepared) on this connection.
    func prepare(_ sql: String) throws(StoreFailure) -> SQLiteStatement {
        SQLiteStatement(handle: try statement(sql))
    }

    /// Binds `text` with its length (no strlen); an empty text still needs a non-null pointer.
    fileprivate static func bind(_ text: String, at position: Int32, in statement: OpaquePointer) {
        var text = text
        text.withUTF8 { utf8 in
            _ = utf8.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress else { return sqlite3_bind_text(statement, position, "", 0, transient) }
                return sqlite3_bind_text(statement, position, base, Int32(chars.count), transient)
            }
        }
    }

    private func rows(_ statement: OpaquePointer) throws(StoreFailure) -> [[SQLiteValue]] {
        var rows: [[SQLiteValue]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return rows }
            guard status == SQLITE_ROW else { throw StoreFailure("\(path): \(lastError)") }
            rows.append((0..<sqlite3_column_count(statement)).map { column in
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, column))
                case SQLITE_NULL: .null
                default: .text(sqlite3_column_text(statement, column).map { String(cString: $0) } ?? "")
                }
            })
        }
    }

    private func statement(_ sql: String) throws(StoreFailure) -> OpaquePointer {
        if let statement = prepared[sql] { return statement }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw StoreFailure("\(path): \(lastError)")
        }
        prepared[sql] = statement
        return statement
    }

    private var lastError: String { handle.map { String(cString: sqlite3_errmsg($0)) } ?? "no connection" }
}

/// A statement prepared on a connection, which owns it (and finalizes it when it closes).
struct SQLiteStatement {
    let handle: OpaquePointer

    /// Binds values in order, from the first parameter.
    struct Binder {
        private let handle: OpaquePointer
        private var position: Int32 = 0

        init(handle: OpaquePointer) {
            self.handle = handle
        }

        mutating func text(_ text: String?) {
            position += 1
            if let text { SQLiteConnection.bind(text, at: position, in: handle) } else { sqlite3_bind_null(handle, position) }
        }

        mutating func integer(_ number: Int64) {
            position += 1
            sqlite3_bind_int64(handle, position, number)
        }
    }
}

extension SQLiteValue {
    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    var integer: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }

    init(_ text: String?) {
        self = text.map(SQLiteValue.text) ?? .null
    }
}
