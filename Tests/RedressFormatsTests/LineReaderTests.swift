import Foundation
import RedressFormats
import RedressTestSupport
import Testing

/// The line reader against splitting the whole text at once: lines of every length (across the
/// reads' boundaries, longer than the limit), LF and CRLF, with and without a last line break,
/// and lines kept by the caller while later ones are read.
/// (Lines between the limit and the limit plus one read are not tested: see `reference`.)
@Suite("Line reader")
struct LineReaderTests {
    enum Expected: Equatable {
        case text([UInt8])
        case tooLong(Int)
    }

    static func summary(_ line: Expected?) -> String {
        switch line {
        case .text(let bytes)?: "text of \(bytes.count) bytes"
        case .tooLong(let count)?: "too long (\(count))"
        case nil: "nothing"
        }
    }

    /// The text split at each LF, one CR before it dropped; a line over `limit` is `tooLong`. (The
    /// reader sees a line is too long when more than `limit` bytes of it wait for a read; one a
    /// little longer that arrives whole is returned, so the test's lines avoid that band.)
    static func reference(_ text: [UInt8], limit: Int) -> [Expected] {
        var lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        if text.last == UInt8(ascii: "\n") || text.isEmpty { lines.removeLast() }
        return lines.map { line in
            let body = line.last == UInt8(ascii: "\r") ? Array(line.dropLast()) : line
            return body.count > limit ? .tooLong(body.count) : .text(body)
        }
    }

    @Test("lines read in pieces are the lines of the whole text", arguments: [1, 2, 3, 4, 5, 6])
    func agrees(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let limit = 100_000
        var text: [UInt8] = []
        for _ in 0..<Int(random.next() % 60) {
            let length: Int
            switch random.next() % 6 {
            case 0: length = 0
            case 1: length = Int(random.next() % 40_000) + 60_000
            // Longer than the limit by more than the reads' size, so that it cannot arrive whole.
            case 2: length = Int(random.next() % 200_000) + 300_000
            default: length = Int(random.next() % 300)
            }
            text += (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            text += random.next() % 3 == 0 ? [0x0D, 0x0A] : [0x0A]
        }
        if random.next() % 2 == 0 { text += Array("last line without a break".utf8) }
        try TemporaryFolder.with { folder in
            let path = folder.file("input.txt")
            try Data(text).write(to: URL(fileURLWithPath: path))
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            var reader = LineReader(handle: handle, maxLineBytes: limit)
            var read: [ArraySlice<UInt8>?] = []
            var lengths: [Int?] = []
            while let line = reader.next() {
                switch line {
                case .text(let bytes):
                    read.append(bytes)
                    lengths.append(nil)
                case .tooLong(let count):
                    read.append(nil)
                    lengths.append(count)
                }
            }
            // Every slice is compared after all were read: a later read must not change an earlier line.
            let got = zip(read, lengths).map { line, length in line.map { Expected.text(Array($0)) } ?? .tooLong(length ?? -1) }
            let expected = Self.reference(text, limit: limit)
            #expect(got.count == expected.count)
            let differing = zip(got, expected).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(differing == nil, "line \((differing?.offset ?? 0) + 1): \(Self.summary(differing?.element.0)) read, \(Self.summary(differing?.element.1)) expected")
            #expect(reader.lineNumber == expected.count)
            #expect(reader.readFailure == nil)
        }
    }

    @Test("a folder is a read failure, not an empty input")
    func folder() throws {
        try TemporaryFolder.with { folder in
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: folder.path))
            defer { try? handle.close() }
            var reader = LineReader(handle: handle)
            #expect(reader.next() == nil)
            #expect(reader.readFailure != nil)
        }
    }
}
