import Foundation
import RedressTestSupport
import Testing

@testable import RedressFormats

/// An output file changes only when its run succeeds: until `commit()` the old bytes stay, a link
/// stays a link, permissions are kept, and a FIFO is written directly.
@Suite("Output files replaced only on success")
struct ReplacementFileTests {
    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test("the old file stays until commit, then is replaced with its permissions kept")
    func replaceOnCommit() throws {
        try TemporaryFolder.with { folder in
            let path = try folder.write("old", to: "out.csv")
            chmod(path, 0o600)
            let file = try ReplacementFile(path: path)
            try file.write(Array("new".utf8))
            #expect(try Self.read(path) == "old")
            try file.commit()
            #expect(try Self.read(path) == "new")
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
        }
    }

    @Test("an abandoned file leaves no trace, whether or not a file was there")
    func abandon() throws {
        try TemporaryFolder.with { folder in
            let existing = try folder.write("old", to: "existing.csv")
            for path in [existing, folder.file("new.csv")] {
                let file = try ReplacementFile(path: path)
                try file.write(Array("partial".utf8))
                file.abandon()
            }
            #expect(try Self.read(existing) == "old")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["existing.csv"])
        }
    }

    @Test("a symbolic link stays a link; its target is replaced")
    func symbolicLink() throws {
        try TemporaryFolder.with { folder in
            let target = try folder.write("old", to: "target.csv")
            let link = folder.file("link.csv")
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.csv")
            let file = try ReplacementFile(path: link)
            try file.write(Array("new".utf8))
            try file.commit()
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.csv")
            #expect(try Self.read(target) == "new")
        }
    }

    @Test("a FIFO is written directly; a folder is refused")
    func specialFiles() throws {
        try TemporaryFolder.with { folder in
            let fifo = folder.file("pipe")
            #expect(mkfifo(fifo, 0o600) == 0)
            // A reader on the FIFO, so opening it for writing does not block.
            let reader = open(fifo, O_RDONLY | O_NONBLOCK)
            defer { close(reader) }
            let file = try ReplacementFile(path: fifo)
            try file.write(Array("through".utf8))
            try file.commit()
            var buffer = [UInt8](repeating: 0, count: 16)
            let count = Glibc.read(reader, &buffer, buffer.count)
            #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self) == "through")
            #expect(throws: FileFailure.self) { try ReplacementFile(path: folder.path) }
        }
    }
}
