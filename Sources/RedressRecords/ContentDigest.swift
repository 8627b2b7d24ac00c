import Crypto

/// SHA-256 digests as Redress writes them: `sha256:` and 64 lowercase hex digits.
public enum ContentDigest {
    public static func sha256(of bytes: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return prefixed(hasher.finalize())
    }

    /// The digest of several named files, in the order given: each name, a zero byte, its length
    /// and its bytes, so no two different sets of files share the input.
    public static func sha256(ofFiles files: [(name: String, bytes: [UInt8])]) -> String {
        var hasher = SHA256()
        for file in files {
            hasher.update(data: Array(file.name.utf8) + [0] + Array(String(file.bytes.count).utf8) + [0])
            hasher.update(data: file.bytes)
        }
        return prefixed(hasher.finalize())
    }

    /// `sha256:` and the digest's hex, written into one string.
    public static func prefixed(_ digest: SHA256.Digest) -> String {
        digest.withUnsafeBytes { raw in raw.withMemoryRebound(to: UInt8.self) { hex($0, prefix: "sha256:") } }
    }

    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        Array(digest).withUnsafeBufferPointer { hex($0, prefix: "") }
    }

    /// `prefix`, then two lowercase hex digits a byte.
    private static func hex(_ bytes: UnsafeBufferPointer<UInt8>, prefix: StaticString) -> String {
        let start = prefix.utf8CodeUnitCount
        return String(unsafeUninitializedCapacity: start + bytes.count * 2) { text in
            prefix.withUTF8Buffer { for (index, byte) in $0.enumerated() { text[index] = byte } }
            for (index, byte) in bytes.enumerated() {
                text[start + 2 * index] = digit(byte >> 4)
                text[start + 2 * index + 1] = digit(byte & 15)
            }
            return start + bytes.count * 2
        }
    }

    private static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
