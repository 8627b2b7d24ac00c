import Crypto
import Foundation

/// The council's data-protection choice for decision records: the input fields named here (a field
/// name, or a dotted path into objects and the objects of lists: `text`, `contact.name`,
/// `events.note`) are replaced, before the record is made, by `masked:sha256:<hex>` — the SHA-256
/// of a secret salt and the value — so a record still shows that two inputs held the same value
/// without holding the value.
public struct RecordMask: Sendable, Equatable {
    public var paths: [[String]]
    public var salt: [UInt8]

    public init(paths: [String], salt: [UInt8]) {
        self.paths = paths.map { $0.split(separator: ".").map(String.init) }
        self.salt = salt
    }

    public var isEmpty: Bool { paths.isEmpty }

    /// The salt in `path`, made (32 random bytes, hex, mode 0600) when the file does not exist.
    public static func salt(orCreateAt path: String) throws(StoreFailure) -> [UInt8] {
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let bytes = CheckpointSigner.bytes(hex: text), bytes.count >= 16 else {
                throw StoreFailure("\(path): not a masking salt (at least 32 hex digits)")
            }
            return bytes
        }
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        guard FileManager.default.createFile(atPath: path, contents: Data((ContentDigest.hex(salt) + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw StoreFailure("cannot create the masking salt \(path)")
        }
        return salt
    }

    /// The JSON object text with the configured fields masked; the text itself when none is present.
    public func apply(toObject json: String) -> String {
        guard !paths.isEmpty, let data = json.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return json }
        var changed = false
        let masked = paths.reduce(object) { value, path in mask(value, path: path[...], changed: &changed) }
        guard changed, let out = try? JSONSerialization.data(withJSONObject: masked, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]) else {
            return json
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func mask(_ value: Any, path: ArraySlice<String>, changed: inout Bool) -> Any {
        if let list = value as? [Any] { return list.map { mask($0, path: path, changed: &changed) } }
        guard var object = value as? [String: Any], let key = path.first, let inner = object[key] else { return value }
        if path.count == 1 {
            object[key] = hashed(inner)
            changed = true
        } else {
            object[key] = mask(inner, path: path.dropFirst(), changed: &changed)
        }
        return object
    }

    func hashed(_ value: Any) -> String {
        let text = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])) ?? Data()
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: text)
        return "masked:sha256:" + ContentDigest.hex(hasher.finalize())
    }
}
