import Foundation
import RedressDiagnostics

/// The field names a kind of record may carry, and the near misses that must not pass through
/// silently: a misspelt or renamed field (`servce`, `Service`, `service_area`) would otherwise be
/// kept as an unknown field and the complaint routed as if it had none — a statutory complaint sent
/// to the catch-all. Names far from every contract field still pass through untouched.
public struct FieldContract: Sendable {
    public let fields: Set<String>
    /// Each field by its folded spelling, and the fields long enough to suggest by edit distance.
    private let byFolded: [String: String]
    private let candidates: [(field: String, bytes: [UInt8], letters: [Int])]

    public init(_ fields: Set<String>) {
        self.fields = fields
        byFolded = Dictionary(fields.map { (Self.fold($0), $0) }, uniquingKeysWith: { first, _ in first })
        candidates = fields.filter { $0.count >= 4 }.sorted().map { ($0, Array($0.utf8), Self.letters(Array($0.utf8))) }
    }

    public static let complaint = FieldContract(Complaint.knownFields)
    public static let contact = FieldContract([
        "complainant", "on", "kind", "channel", "case", "service", "categories", "route", "procedure_exhausted", "criterion",
        "criteria", "officer", "decided_by", "restriction", "text", "id",
    ])

    /// The contract field `name` was most likely meant to be, when it is a near miss of one: the
    /// same after case and `-`/space/`_` folding, within a small edit distance, or a longer name
    /// built on it (`service_area`, `date_received`). Cheap for names far from every field, so a
    /// record with many unknown fields is still read in linear time.
    public func nearMiss(_ name: String) -> String? {
        guard !fields.contains(name) else { return nil }
        let folded = Self.fold(name)
        if let exact = byFolded[folded] { return exact }
        let bytes = Array(folded.utf8)
        if bytes.count >= 4 {
            let budget = min(3, max(1, bytes.count / 3))
            var best: (field: String, distance: Int)?
            let letters = Self.letters(bytes)
            for candidate in candidates where abs(candidate.bytes.count - bytes.count) <= budget {
                // Each edit changes at most two letter counts by one: a cheap bound before the
                // full distance.
                guard Self.difference(letters, candidate.letters) <= 2 * budget else { continue }
                let distance = SpellingSuggestion.editDistance(folded, candidate.field, limit: budget)
                if distance <= budget, distance < (best?.distance ?? .max) { best = (candidate.field, distance) }
            }
            if let best { return best.field }
        }
        guard bytes.contains(UInt8(ascii: "_")) else { return nil }
        let parts = Set(folded.split(separator: "_").map(String.init))
        return candidates.first { $0.field != "text" && parts.contains($0.field) }?.field
    }

    /// How many of each letter (by its low five bits) a name holds.
    static func letters(_ bytes: [UInt8]) -> [Int] {
        var counts = [Int](repeating: 0, count: 32)
        for byte in bytes { counts[Int(byte & 31)] += 1 }
        return counts
    }

    /// The L1 distance between two letter counts: at most twice the names' edit distance.
    static func difference(_ a: [Int], _ b: [Int]) -> Int {
        var total = 0
        var index = 0
        while index < 32 {
            let d = a[index] - b[index]
            total += d < 0 ? -d : d
            index += 1
        }
        return total
    }

    /// The first near-miss among `names`, as an error message with its suggestion.
    public func problem(in names: some Sequence<String>) -> String? {
        for name in names {
            if let meant = nearMiss(name) { return "unknown field `\(name)`; did you mean `\(meant)`?" }
        }
        return nil
    }

    /// Lowercase ASCII, `-` and spaces as `_`, surrounding spaces dropped (a byte loop: this runs
    /// once per unknown field of every record).
    static func fold(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            case UInt8(ascii: "-"), UInt8(ascii: " "): bytes.append(UInt8(ascii: "_"))
            default: bytes.append(byte)
            }
        }
        while bytes.first == UInt8(ascii: "_") { bytes.removeFirst() }
        while bytes.last == UInt8(ascii: "_") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
