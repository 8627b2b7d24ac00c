import RedressEngine
@testable import RedressFormats
import RedressTestSupport
import Testing

/// The fast path's decoder of escaped text against the full reader (`JSONObjectReader`): the
/// decoder declines exactly the strings the reader refuses (an unknown escape, a `\u` without four
/// hex digits, half a surrogate pair), and gives exactly the UTF-8 of the reader's `String` for
/// every other.
@Suite struct JSONStringDecoderTests {
    /// Whether `inside` is the inside of one JSON string as the line classifier finds its end (a
    /// backslash passes over the next byte; an unescaped quote would end the string early).
    static func isOneString(_ inside: String) -> Bool {
        var escaping = false
        for byte in inside.utf8 {
            if escaping {
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else if byte == UInt8(ascii: "\"") {
                return false
            }
        }
        return !escaping
    }

    /// The decoder's answer for a string's inside, and the reader's.
    static func both(_ inside: String) -> (decoded: [UInt8]?, read: [UInt8]??) {
        let line = Array("{\"t\":\"\(inside)\"}".utf8)
        var decoded: [UInt8] = []
        let accepted = line.withUnsafeBufferPointer { JSONStringDecoder.decode($0, 6..<line.count - 2, into: &decoded) }
        let read: [UInt8]?? =
            switch Result(catching: { () throws(RecordError) in try JSONObjectReader.read(line) }) {
            case .success(let fields): if case .string(let text)? = fields.first?.value { .some(Array(text.utf8)) } else { .some(nil) }
            case .failure: nil
            }
        return (accepted ? decoded : nil, read)
    }

    @Test(arguments: [
        ("plain", true), (#"a \"quote\" and \\ and \/"#, true), (#"\n\t\r\b\f"#, true), (#"caf\u00e9 \u00E9"#, true),
        (#"\u2014"#, true), (#"\ud83d\ude00"#, true), (#"p\u0063n"#, true), (#"nul\u0000"#, true),
        (#"lone \ud83d high"#, false), (#"\ude00 low first"#, false), (#"\ud83d\u0041"#, false), (#"\ud83d\ud83d\ude00"#, false),
        (#"\u12G4"#, false), (#"\u+123"#, false), (#"\u002"#, false), (#"a \x"#, false), (#"end\"#, false),
    ])
    func agreesWithTheReader(inside: String, accepted: Bool) {
        let (decoded, read) = Self.both(inside)
        #expect((decoded != nil) == accepted)
        if let decoded { #expect(read == .some(.some(decoded)), "\(inside)") } else { #expect(read == nil, "the reader took \(inside)") }
    }

    @Test("random strings of escapes: declined where the reader refuses, else the reader's text")
    func random() {
        var random = SeededRandom(seed: 29)
        let pieces = [
            "a", "é", "😀", #"\n"#, #"\""#, #"\\"#, #"\/"#, #"\u0041"#, #"\u00e9"#, #"\uD83D"#, #"\uDE00"#, #"\ud83d\ude00"#, #"\u12"#,
            #"\uZZZZ"#, #"\q"#, " ", "\\",
        ]
        var checked = 0
        for _ in 0..<3_000 {
            let inside = (0..<Int(random.next() % 6 + 1)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            guard Self.isOneString(inside) else { continue }
            let (decoded, read) = Self.both(inside)
            guard let decoded else {
                #expect(read == nil, "the reader took \(inside)")
                continue
            }
            #expect(read == .some(.some(decoded)), "\(inside)")
            checked += 1
        }
        #expect(checked > 300)
    }
}
