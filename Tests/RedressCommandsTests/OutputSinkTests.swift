import ArgumentParser
import Foundation
import RedressTestSupport
import Testing

@testable import RedressCommands

/// An output file written on its own thread: the bytes arrive in the order given, the old file
/// stays until the run commits, and a failed write still ends the run with exit 2.
@Suite("Output files")
struct OutputSinkTests {
    @Test("pieces of any size are written in order, past the write-back interval; the old file stays until commit")
    func inOrder() throws {
        try TemporaryFolder.with { folder in
            let path = try folder.write("old\n", to: "out.jsonl")
            var generator = SeededRandom(seed: 7)
            var expected: [UInt8] = []
            let sink = try OutputSink(path: path)
            // About 40 MB in 400 pieces, some empty, some of a few bytes, some of 200 KB.
            for index in 0..<400 {
                let size = index % 7 == 0 ? Int(generator.next() % 8) : Int(generator.next() % 200_000)
                let piece = [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: size)
                expected += piece
                sink.write(piece)
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
            try sink.commit()
            #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == expected)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.jsonl"])
        }
    }

    @Test("a run that ends without committing leaves the old file as it was, and nothing beside it")
    func abandoned() throws {
        try TemporaryFolder.with { folder in
            let path = try folder.write("old\n", to: "out.jsonl")
            do {
                let sink = try OutputSink(path: path)
                for _ in 0..<50 { sink.write([UInt8](repeating: 0x41, count: 100_000)) }
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.jsonl"])
        }
    }

    @Test("a write that fails (a full disk) ends the run with exit 2 at commit; later pieces do not wait on it")
    func failure() throws {
        let sink = try OutputSink(path: "/dev/full")
        for _ in 0..<100 { sink.write([UInt8](repeating: 0x41, count: 10_000)) }
        #expect(throws: ExitCode.self) { try sink.commit() }
    }
}
