import Testing

@testable import RedressEngine
@testable import RedressFormats

/// The batch reader's own UTF-8 check (no String made per line) agrees with the standard library's
/// on every input: edge cases of RFC 3629 and 20,000 random byte strings biased towards the
/// multi-byte ranges.
@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    static func standard(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

    @Test(
        "RFC 3629 edge cases",
        arguments: [
            [], Array("plain ASCII, longer than eight bytes".utf8), Array("Café — ‘quoted’ 苦情 😀".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xE2, 0x80], Array("12345678".utf8) + [0xE2, 0x80],
            Array("abcdefgh".utf8) + [0xC3, 0xA9] + Array("ijklmnop".utf8), [0x41, 0x42, 0xF0, 0x9F, 0x98],
        ] as [[UInt8]])
    func edges(_ bytes: [UInt8]) {
        #expect(InputEncoding.isValidUTF8(bytes[...]) == Self.standard(bytes), "\(bytes.map { String($0, radix: 16) })")
    }

    @Test("random byte strings agree with String(validating:)")
    func random() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        var disagreements: [[UInt8]] = []
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &generator) ? interesting.randomElement(using: &generator) ?? 0 : UInt8.random(in: 0...255, using: &generator)
            }
            if InputEncoding.isValidUTF8(bytes[...]) != Self.standard(bytes) { disagreements.append(bytes) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
    }

    @Test("long, mostly ASCII strings (the 32- and 8-byte steps) agree with String(validating:)")
    func longMostlyASCII() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x80, 0xBF, 0xC2, 0xC3, 0xA9, 0xDF, 0xE0, 0xE2, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]
        var disagreements: [[UInt8]] = []
        for _ in 0..<20_000 {
            var bytes = (0..<Int.random(in: 0...120, using: &generator)).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }
            // A few bytes that are not ASCII, anywhere, or none; sometimes a whole valid character.
            for _ in 0..<Int.random(in: 0...2, using: &generator) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                if Bool.random(using: &generator) {
                    bytes[at] = interesting.randomElement(using: &generator) ?? 0x80
                } else {
                    bytes.insert(contentsOf: Array("é—😀".utf8), at: at)
                }
            }
            if InputEncoding.isValidUTF8(bytes[...]) != Self.standard(bytes) { disagreements.append(bytes) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
    }
}
