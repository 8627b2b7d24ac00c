import Foundation

/// A folder of its own under the temporary folder for one test, removed with everything in it
/// when the test's body returns or throws, so tests leave nothing behind.
public struct TemporaryFolder: Sendable {
    public let path: String

    /// Runs `body` with a new empty folder and removes the folder afterwards.
    public static func with<T>(_ body: (TemporaryFolder) throws -> T) throws -> T {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        return try body(folder)
    }

    /// The async form of `with(_:)`.
    public static func with<T>(_ body: (TemporaryFolder) async throws -> T) async throws -> T {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        return try await body(folder)
    }

    private init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("redress-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// A `TMPDIR=…` assignment (for `/usr/bin/env`) naming a folder made inside this one, so that
    /// a child process's temporary files go with the test's: Chromium run by chromedriver leaves
    /// its singleton-socket folder in the temporary directory when it is ended.
    public func childTemporaryDirectory() throws -> String {
        let folder = file("tmp")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return "TMPDIR=\(folder)"
    }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        let file = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Removes the folder. A server a test has just stopped may still be closing its files (SQLite
    /// deletes its `-wal` and `-shm` files as it closes), and a removal that meets a file vanishing
    /// under it stops part-way; so it is tried again, for up to about three seconds, until the
    /// folder is gone.
    func remove() {
        for attempt in 1...10 {
            if (try? FileManager.default.removeItem(atPath: path)) != nil || !FileManager.default.fileExists(atPath: path) { return }
            usleep(UInt32(attempt) * 50_000)
        }
    }
}
