import Crypto
import Foundation
import RedressDiagnostics
import RedressRecords
import RedressYAML

/// The service's keys file: who may call it without a token. Each entry is an API key (only the
/// SHA-256 of the key is stored; the key itself is printed once, by `keys add`) or a TLS client
/// certificate's subject, with the roles and councils it is good for.
///
/// ```yaml
/// redress-keys: 1
/// keys:
///   - name: crm-north-somerset
///     sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
///     roles: [decide]
///     councils: [north-somerset]
///     created: 2026-12-04T13:40:00Z
///   - name: crm-derby-mtls
///     certificate_subject: CN=crm.derby.gov.uk,O=Derby City Council
///     roles: [decide]
///     councils: [derby]
/// ```
public struct KeysFile: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public enum Secret: Sendable, Equatable {
            /// Lowercase hex SHA-256 of the API key.
            case keyHash(String)
            /// A client certificate's subject, as `CN=…,O=…` (RFC 4514 order as the certificate has it).
            case certificateSubject(String)
        }

        public var name: String
        public var secret: Secret
        public var roles: Set<Role>
        public var councils: CouncilScope
        public var created: String?

        public init(name: String, secret: Secret, roles: Set<Role>, councils: CouncilScope, created: String?) {
            self.name = name
            self.secret = secret
            self.roles = roles
            self.councils = councils
            self.created = created
        }

        public var identity: Identity {
            Identity(name: name, credential: secret.isKey ? .apiKey : .certificate, roles: roles, councils: councils)
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// A new API key: `rdk_` and 256 random bits in hex. Shown once; only its hash is kept.
    public static func newKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return "rdk_" + ContentDigest.hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    public static func hash(ofKey key: String) -> String {
        ContentDigest.hex(SHA256.hash(data: Array(key.utf8)))
    }

    /// Names are what logs and decision records show: letters, digits and `.-_@`, at most 100.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_@".unicodeScalars.contains($0)) }
    }

    /// The file's YAML text (what `keys add` and `keys revoke` write).
    public var text: String {
        var lines = [
            "# Redress API keys and client certificates. Only hashes of keys are stored here.",
            "# Managed with `redress-server keys add|list|revoke`; the service re-reads this file when it changes.",
            "redress-keys: 1", "keys:",
        ]
        if entries.isEmpty { lines[lines.count - 1] = "keys: []" }
        for entry in entries {
            lines.append("  - name: \(Self.quoted(entry.name))")
            switch entry.secret {
            case .keyHash(let hash): lines.append("    sha256: \(hash)")
            case .certificateSubject(let subject): lines.append("    certificate_subject: \(Self.quoted(subject))")
            }
            lines.append("    roles: [\(entry.roles.sorted().map(\.rawValue).joined(separator: ", "))]")
            switch entry.councils {
            case .all: lines.append("    councils: all")
            case .only(let councils): lines.append("    councils: [\(councils.sorted().joined(separator: ", "))]")
            }
            if let created = entry.created { lines.append("    created: \(created)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar: a JSON string literal is one.
    static func quoted(_ text: String) -> String { JSONText.quoted(text) }

    /// Reads a keys file; every problem is reported at its line.
    public static func parse(_ bytes: [UInt8], path: String) throws(DiagnosticList) -> KeysFile {
        let document = try YAMLLoader().load(bytes, path: path)
        var diagnostics: [Diagnostic] = []
        let start = SourceRange(file: path, at: SourceLocation(line: 1, column: 1))
        guard let root = (document.root ?? .scalar(YAMLScalar(text: "", range: start))).expectMapping("the keys file", &diagnostics) else {
            throw DiagnosticList(diagnostics, sources: SourceFiles([document.source]))
        }
        root.checkKeys(known: ["redress-keys", "keys"], required: ["redress-keys", "keys"], in: "the keys file", &diagnostics)
        if let format = root["redress-keys"]?.scalar, format.text != "1" {
            diagnostics.append(.error(.keysFormat, "unknown keys file format `\(format.text)`", at: format.range, help: "this version reads `redress-keys: 1`"))
        }
        var file = KeysFile()
        for item in root["keys"]?.expectItems("`keys`", &diagnostics) ?? [] {
            guard let mapping = item.expectMapping("a key", &diagnostics) else { continue }
            if let entry = decodeEntry(mapping, &diagnostics) {
                if let earlier = file.entries.first(where: { $0.name == entry.name }) {
                    diagnostics.append(
                        .error(.keysDuplicateName, "two keys are named `\(earlier.name)`", at: mapping["name"]?.range ?? mapping.range, help: "names must be unique"))
                }
                file.entries.append(entry)
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics, sources: SourceFiles([document.source])) }
        return file
    }

    private static func decodeEntry(_ mapping: YAMLMapping, _ diagnostics: inout [Diagnostic]) -> Entry? {
        mapping.checkKeys(known: ["name", "sha256", "certificate_subject", "roles", "councils", "created"], required: ["name", "roles", "councils"], in: "a key", &diagnostics)
        let before = diagnostics.count
        let name = mapping["name"]?.expectText("`name`", &diagnostics)
        if let name, !isValidName(name.text) {
            diagnostics.append(.error(.keysName, "`\(name.text)` is not a key name", at: name.range, help: "use letters, digits and . - _ @ (at most 100)"))
        }
        var secret: Entry.Secret?
        switch (mapping["sha256"]?.expectText("`sha256`", &diagnostics), mapping["certificate_subject"]?.expectText("`certificate_subject`", &diagnostics)) {
        case (let hash?, nil):
            if hash.text.count == 64, hash.text.allSatisfy(\.isHexDigit), hash.text == hash.text.lowercased() {
                secret = .keyHash(hash.text)
            } else {
                diagnostics.append(.error(.keysHash, "`sha256` must be 64 lowercase hex digits", at: hash.range, help: "make keys with `redress-server keys add`"))
            }
        case (nil, let subject?): secret = .certificateSubject(subject.text)
        case (nil, nil):
            diagnostics.append(.error(.keysSecret, "a key needs `sha256` (an API key's hash) or `certificate_subject`", at: mapping.range))
        default:
            diagnostics.append(.error(.keysSecret, "a key has `sha256` or `certificate_subject`, not both", at: mapping.range))
        }
        var roles: Set<Role> = []
        for node in mapping["roles"]?.expectItems("`roles`", &diagnostics) ?? [] {
            guard let text = node.expectText("a role", &diagnostics) else { continue }
            if let role = Role(rawValue: text.text) {
                roles.insert(role)
            } else {
                diagnostics.append(
                    .error(.keysRole, "unknown role `\(text.text)`", at: text.range, help: "roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        var councils = CouncilScope.only([])
        if let node = mapping["councils"] {
            if let scalar = node.scalar, scalar.text == "all" {
                councils = .all
            } else {
                councils = .only(Set((node.expectItems("`councils`", &diagnostics) ?? []).compactMap { $0.expectText("a council id", &diagnostics)?.text }))
            }
        }
        let created = mapping["created"]?.expectText("`created`", &diagnostics)?.text
        guard diagnostics.count == before, let name, let secret, !roles.isEmpty else {
            if diagnostics.count == before, mapping["roles"] != nil {
                diagnostics.append(.error(.keysRole, "a key needs at least one role", at: mapping["roles"]?.range ?? mapping.range))
            }
            return nil
        }
        return Entry(name: name.text, secret: secret, roles: roles, councils: councils, created: created)
    }
}

extension KeysFile.Entry.Secret {
    var isKey: Bool {
        if case .keyHash = self { return true }
        return false
    }
}
