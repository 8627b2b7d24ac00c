import Foundation
import RedressTestSupport
import Testing

@testable import RedressServer

/// The keys file as requests meet it: keys found by their SHA-256 (as the file stores it, in hex),
/// unknown or altered keys refused, and each key's last use kept across a reload of the file.
@Suite("Key ring")
struct KeyRingTests {
    static func entry(_ name: String, key: String, roles: Set<Role> = [.decide]) -> KeysFile.Entry {
        KeysFile.Entry(name: name, secret: .keyHash(KeysFile.hash(ofKey: key)), roles: roles, councils: .only(["derby"]), created: nil)
    }

    @Test("a key is found by the digest the file stores; a different, shortened or padded key is not")
    func lookup() {
        let ring = KeyRing(file: KeysFile(entries: [Self.entry("crm", key: "rdk_crm_secret"), Self.entry("other", key: "rdk_other", roles: [.read])]))
        #expect(ring.identity(forKey: "rdk_crm_secret") == Identity(name: "crm", credential: .apiKey, roles: [.decide], councils: .only(["derby"])))
        #expect(ring.identity(forKey: "rdk_crm_secret")?.recordName == "key:crm")
        #expect(ring.identity(forKey: "rdk_other")?.roles == [.read])
        for refused in ["rdk_crm_secreT", "rdk_crm_secre", "rdk_crm_secret ", " rdk_crm_secret", "", "rdk_"] {
            #expect(ring.identity(forKey: Substring(refused)) == nil, "\(refused)")
        }
        // A key inside a longer header is looked up by its own bytes only.
        let header = "Bearer rdk_crm_secret"
        #expect(ring.identity(forKey: header.dropFirst(7))?.name == "crm")
    }

    @Test("the digest of a key equals the digest read from its hex; malformed hex is no digest")
    func digests() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let key = "rdk_" + String((0..<Int.random(in: 0...80, using: &generator)).map { _ in "abcXYZ019_-é".randomElement(using: &generator) ?? "a" })
            #expect(KeyDigest(hex: KeysFile.hash(ofKey: key)) == KeyDigest(key: Substring(key)), "\(key)")
        }
        let hex = KeysFile.hash(ofKey: "rdk_x")
        for malformed in [hex.uppercased(), String(hex.dropLast()), hex + "0", String(hex.dropLast()) + "g", ""] {
            #expect(KeyDigest(hex: malformed) == nil, "\(malformed)")
        }
    }

    @Test("each key's last use is kept, and survives the file being re-read; a revoked key's goes with it")
    func usage() throws {
        try TemporaryFolder.with { folder in
            let path = try folder.write(KeysFile(entries: [Self.entry("one", key: "rdk_one"), Self.entry("two", key: "rdk_two")]).text, to: "keys.yaml")
            let ring = try KeyRing(path: path)
            #expect(ring.usage.isEmpty)
            let before = Date()
            #expect(ring.identity(forKey: "rdk_one") != nil)
            #expect(ring.identity(forKey: "rdk_two") != nil)
            let after = Date()
            let used = ring.usage
            #expect(Set(used.keys) == ["one", "two"])
            #expect(used.values.allSatisfy { $0 >= before && $0 <= after })
            try folder.write(KeysFile(entries: [Self.entry("one", key: "rdk_one"), Self.entry("three", key: "rdk_three")]).text, to: "keys.yaml")
            #expect(try ring.reload())
            #expect(ring.usage == ["one": try #require(used["one"])])
            #expect(ring.identity(forKey: "rdk_two") == nil)
            #expect(ring.identity(forKey: "rdk_three")?.name == "three")
            #expect(Set(ring.usage.keys) == ["one", "three"])
        }
    }
}
