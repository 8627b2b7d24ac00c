import CSQLite
import Dispatch
import Synchronization

/// Moves committed pages from the write-ahead log into the database file on its own connection and
/// thread, so that a commit waits only for its own log flush, never for a checkpoint's writes and
/// flushes (SQLite's automatic checkpoint runs inside whichever commit crosses the threshold, and
/// stalls every request waiting on that commit for tens of milliseconds).
///
/// The writer's connection calls `committed(pages:)` after each commit (SQLite's WAL hook). Once
/// the log holds `threshold` pages, and again each time it has grown by `threshold` pages since
/// the last checkpoint began, a passive checkpoint is started here unless one is running; a
/// passive checkpoint never blocks the writer. (Under a steady load the log is never empty when a
/// transaction begins, so SQLite cannot start it again from the top: checkpointing after every
/// commit past the threshold would copy a few pages and flush the database file each time, some
/// sixty flushes a second competing with the commits' own.) When the log reaches `limit` pages,
/// the writer checkpoints itself, as SQLite would, and the log starts again from the top; in the
/// last `threshold` pages before it, a checkpoint is due after every commit, so that the writer
/// finds almost nothing left to copy and its commit's callers barely wait.
final class SQLiteCheckpointer: Sendable {
    static let threshold: Int32 = 1_000
    static let limit: Int32 = 16_384

    private let connection: Mutex<SQLiteConnection>
    private let running = Atomic<Bool>(false)
    /// How many pages the log held when the last checkpoint began (read and written only on the
    /// writer's thread, in `committed(pages:)`).
    private let lastStart = Atomic<Int32>(0)
    private let queue = DispatchQueue(label: "redress.records.sqlite.checkpoint")

    init(path: String) throws(StoreFailure) {
        connection = Mutex(try SQLiteConnection(path: path))
    }

    /// Called by the writer's connection after each commit, on the writer's thread. Returns
    /// whether the writer should checkpoint now itself.
    func committed(pages: Int32) -> Bool {
        if pages >= Self.limit { return true }
        guard Self.isDue(pages: pages, lastStart: lastStart.load(ordering: .relaxed)),
            running.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else {
            return false
        }
        lastStart.store(pages, ordering: .relaxed)
        queue.async { [self] in
            connection.withLock { connection in
                // A failed passive checkpoint is tried again when it is next due; the log keeps every
                // committed page meanwhile, so nothing is at risk.
                try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
            }
            running.store(false, ordering: .releasing)
        }
        return false
    }

    /// Whether a log of `pages` pages is due a checkpoint when the last began at `lastStart` pages
    /// (fewer pages than then: the log has started again from the top).
    static func isDue(pages: Int32, lastStart: Int32) -> Bool {
        pages >= threshold && (pages < lastStart || pages - lastStart >= threshold || pages >= limit - threshold)
    }

    /// Installs the hook on the writer's connection `handle`; `self` must outlive it.
    func install(on handle: OpaquePointer?) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(handle, { context, database, name, pages in
            guard let context else { return SQLITE_OK }
            let checkpointer = Unmanaged<SQLiteCheckpointer>.fromOpaque(context).takeUnretainedValue()
            if checkpointer.committed(pages: pages) {
                sqlite3_wal_checkpoint_v2(database, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            }
            return SQLITE_OK
        }, context)
    }
}
