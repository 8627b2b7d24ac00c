import Logging

/// Opens the store a location names: `postgres://…` (or `postgresql://…`) is PostgreSQL; anything
/// else is the path of a SQLite file (created with its schema when it does not exist).
public enum RecordStores {
    public static func open(_ location: String, logger: Logger = Logger(label: "redress.records")) async throws(StoreFailure) -> any RecordStore {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try await PostgresRecordStore(url: location, logger: logger)
        }
        return try SQLiteRecordStore(path: location)
    }
}
