import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs a statement that answers no rows and waits until it has run, reading its answer to the
    /// end: `query` can return while the statement is still on its way, so a connection closed
    /// straight after it (as the migration's is) would drop statements the server had not yet run.
    func run(_ statement: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await query(statement, logger: logger) {}
    }
}
