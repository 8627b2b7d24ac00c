import Foundation
import RedressDiagnostics
import RedressFormats
import RedressRecords

/// `redress-server keys add|list|revoke`: the keys file changed in place of the old one in one
/// rename (a running service re-reads it), only hashes stored, a new key shown once.
public enum KeysAdministration {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public var diagnostics: DiagnosticList?
    }

    static func load(_ path: String) throws(Failure) -> KeysFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw Failure(description: "cannot read \(path)") }
            return KeysFile()
        }
        do {
            return try KeysFile.parse([UInt8](data), path: path)
        } catch {
            throw Failure(description: "the keys file is not valid; nothing was changed", diagnostics: error)
        }
    }

    static func save(_ file: KeysFile, to path: String) throws(Failure) {
        do {
            let output = try ReplacementFile(path: path)
            try output.write(Array(file.text.utf8))
            try output.commit()
            chmod(path, 0o640)
        } catch {
            throw Failure(description: "cannot write the keys file: \(error)")
        }
    }

    /// Adds a key (or a client certificate's subject); returns the new key, shown only now.
    public static func add(
        to path: String, name: String?, roles: Set<Role>, councils: CouncilScope, certificateSubject: String?, knownCouncils: Set<String>
    ) throws(Failure) -> (name: String, key: String?) {
        guard !roles.isEmpty else { throw Failure(description: "give at least one --role (\(Role.allCases.map(\.rawValue).joined(separator: ", ")))") }
        if case .only(let ids) = councils {
            guard !ids.isEmpty else { throw Failure(description: "give --council ID (repeatable) or --all") }
            let unknown = ids.subtracting(knownCouncils).sorted()
            guard unknown.isEmpty else {
                throw Failure(description: "no council \(unknown.map { "`\($0)`" }.joined(separator: ", ")) in the library (councils: \(knownCouncils.sorted().joined(separator: ", ")))")
            }
        }
        var file = try load(path)
        let chosen = name ?? (roles.sorted().map(\.rawValue).joined(separator: "-") + "-" + String(KeysFile.newKey().suffix(6)))
        guard KeysFile.isValidName(chosen) else { throw Failure(description: "`\(chosen)` is not a key name: use letters, digits and . - _ @") }
        guard !file.entries.contains(where: { $0.name == chosen }) else { throw Failure(description: "a key named `\(chosen)` exists; revoke it first or choose another name") }
        let key = certificateSubject == nil ? KeysFile.newKey() : nil
        let secret: KeysFile.Entry.Secret = key.map { .keyHash(KeysFile.hash(ofKey: $0)) } ?? .certificateSubject(certificateSubject ?? "")
        file.entries.append(KeysFile.Entry(name: chosen, secret: secret, roles: roles, councils: councils, created: String(NewRecord.timestamp(Date()).prefix(19)) + "Z"))
        try save(file, to: path)
        return (chosen, key)
    }

    /// Removes a key by name.
    public static func revoke(_ name: String, in path: String) throws(Failure) {
        var file = try load(path)
        guard file.entries.contains(where: { $0.name == name }) else {
            throw Failure(description: "no key named `\(name)` (keys: \(file.entries.map(\.name).joined(separator: ", ")))")
        }
        file.entries.removeAll { $0.name == name }
        try save(file, to: path)
    }

    /// One line per key: name, kind, roles, councils, created, last used (never the key).
    public static func list(_ path: String, usage: [String: String]) throws(Failure) -> String {
        let file = try load(path)
        guard !file.entries.isEmpty else { return "no keys in \(path); add one with `redress-server keys add`\n" }
        let header = ["NAME", "KIND", "ROLES", "COUNCILS", "CREATED", "LAST USED"]
        let rows = file.entries.map { entry in
            [
                entry.name, entry.secret.isKey ? "api-key" : "certificate", entry.roles.sorted().map(\.rawValue).joined(separator: ","),
                entry.councils.description, entry.created ?? "—", usage[entry.name].map { String($0.prefix(19)) + "Z" } ?? "never",
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }
}
