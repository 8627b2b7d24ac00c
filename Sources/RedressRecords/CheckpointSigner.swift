import Crypto
import Foundation
import Glibc

/// Signs checkpoints with the service's Ed25519 key. The key lives in a file outside the database
/// (readable only by the service), so someone who can edit the database but not that file cannot
/// forge a checkpoint, and `records verify` trusts only checkpoints signed by this key.
public struct CheckpointSigner: Sendable {
    private let key: Curve25519.Signing.PrivateKey
    /// Hex of the public key; checkpoints carry it.
    public let keyID: String

    public init(key: Curve25519.Signing.PrivateKey) {
        self.key = key
        keyID = ContentDigest.hex(key.publicKey.rawRepresentation)
    }

    /// The key in `path` (64 hex digits), made with mode 0600 when the file does not exist.
    public static func load(orCreateAt path: String) throws(StoreFailure) -> CheckpointSigner {
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let bytes = Self.bytes(hex: text), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes) else {
                throw StoreFailure("\(path): not a records signing key (64 hex digits)")
            }
            return CheckpointSigner(key: key)
        }
        let key = Curve25519.Signing.PrivateKey()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreFailure("cannot create the records signing key \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let text = Array((ContentDigest.hex(key.rawRepresentation) + "\n").utf8)
        guard text.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == text.count, fsync(descriptor) == 0 else {
            unlink(path)
            throw StoreFailure("cannot write the records signing key \(path): \(String(cString: strerror(errno)))")
        }
        return CheckpointSigner(key: key)
    }

    public func checkpoint(council: String, sequence: Int64, hash: String, reason: Checkpoint.Reason, at time: Date = Date()) -> Checkpoint {
        var checkpoint = Checkpoint(
            council: council, sequence: sequence, hash: hash, time: NewRecord.timestamp(time), reason: reason, keyID: keyID, signature: "")
        checkpoint.signature = (try? key.signature(for: checkpoint.message)).map(ContentDigest.hex) ?? ""
        return checkpoint
    }

    /// True when `checkpoint` was signed by this signer's key.
    public func isValid(_ checkpoint: Checkpoint) -> Bool {
        guard checkpoint.keyID == keyID, let signature = Self.bytes(hex: checkpoint.signature) else { return false }
        return key.publicKey.isValidSignature(signature, for: checkpoint.message)
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
