import RedressDiagnostics
import RedressYAML

/// One difference between two policy files' trees: a value changed, added, removed, or a list's
/// items put in another order (order decides in `routing:`, so it is always a change).
public struct ValueChange: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case changed, added, removed
        /// The same items (by id) in another order: the ids before and after.
        case reordered(old: [String], new: [String])
    }

    public var path: PolicyPath
    public var kind: Kind
    public var old: YAMLNode?
    public var new: YAMLNode?
}

/// Compares two YAML trees value by value. The comparison is over meaning, not layout: mapping
/// keys in any order, flow or block style, any quoting and comments are the same; `null`, `~` and
/// an empty plain value are the same. Lists of mappings with an `id:` are matched by id (an item
/// whose id changed at the same place is paired with its successor, so a rename shows the fields
/// that changed); other lists are aligned by their longest common subsequence.
///
/// The guarantee the diff's property test relies on: the result is empty if and only if the two
/// trees are equal under `canonical(_:)`.
public enum PolicyTreeDiff {
    public static func changes(from old: YAMLNode?, to new: YAMLNode?) -> [ValueChange] {
        var found: [ValueChange] = []
        compare(old, new, at: PolicyPath(), into: &found)
        return found
    }

    /// A layout-free text of a node: equal texts mean equal values.
    public static func canonical(_ node: YAMLNode?) -> String {
        guard let node else { return "∅" }
        switch node {
        case .scalar(let scalar):
            return scalar.isNull ? "~" : "\"" + scalar.text.unicodeScalars.map { $0 == "\"" || $0 == "\\" ? "\\\($0)" : "\($0)" }.joined() + "\""
        case .sequence(let sequence):
            return "[" + sequence.items.map { canonical($0) }.joined(separator: ",") + "]"
        case .mapping(let mapping):
            let entries = mapping.entries.map { canonical($0.key) + ":" + canonical($0.value) }.sorted()
            return "{" + entries.joined(separator: ",") + "}"
        }
    }

    static func compare(_ old: YAMLNode?, _ new: YAMLNode?, at path: PolicyPath, into found: inout [ValueChange]) {
        switch (old, new) {
        case (nil, nil):
            return
        case (nil, let new?):
            found.append(ValueChange(path: path, kind: .added, old: nil, new: new))
        case (let old?, nil):
            found.append(ValueChange(path: path, kind: .removed, old: old, new: nil))
        case (.mapping(let a)?, .mapping(let b)?):
            compareMappings(a, b, at: path, into: &found)
        case (.sequence(let a)?, .sequence(let b)?):
            if let oldIDs = ids(a), let newIDs = ids(b) {
                compareIdentified(a, oldIDs, b, newIDs, at: path, into: &found)
            } else {
                compareAligned(a.items, b.items, at: path, into: &found)
            }
        case (let old?, let new?):
            if canonical(old) != canonical(new) {
                found.append(ValueChange(path: path, kind: .changed, old: old, new: new))
            }
        }
    }

    static func keyText(_ key: YAMLNode) -> String { key.scalar?.text ?? canonical(key) }

    static func compareMappings(_ a: YAMLMapping, _ b: YAMLMapping, at path: PolicyPath, into found: inout [ValueChange]) {
        let oldEntries = Dictionary(a.entries.map { (keyText($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(b.entries.map { keyText($0.key) })
        for entry in b.entries {
            let key = keyText(entry.key)
            compare(oldEntries[key], entry.value, at: path.key(key), into: &found)
        }
        for entry in a.entries where !newKeys.contains(keyText(entry.key)) {
            compare(entry.value, nil, at: path.key(keyText(entry.key)), into: &found)
        }
    }

    /// The items' ids when every item is a mapping with a distinct scalar `id:`; else nil.
    static func ids(_ sequence: YAMLSequence) -> [String]? {
        guard !sequence.items.isEmpty else { return nil }
        var seen: Set<String> = []
        var ids: [String] = []
        for item in sequence.items {
            guard let id = item.mapping?["id"]?.scalar?.text, seen.insert(id).inserted else { return nil }
            ids.append(id)
        }
        return ids
    }

    static func compareIdentified(
        _ a: YAMLSequence, _ oldIDs: [String], _ b: YAMLSequence, _ newIDs: [String], at path: PolicyPath, into found: inout [ValueChange]
    ) {
        let oldSet = Set(oldIDs)
        let newSet = Set(newIDs)
        // Unmatched items at the same rank are one item renamed: pair them so its other fields compare.
        let orphansOld = oldIDs.indices.filter { !newSet.contains(oldIDs[$0]) }
        let orphansNew = newIDs.indices.filter { !oldSet.contains(newIDs[$0]) }
        var renamedFrom: [Int: Int] = [:]
        for (o, n) in zip(orphansOld, orphansNew) { renamedFrom[n] = o }
        var pairedOld: Set<Int> = Set(renamedFrom.values)
        for (index, id) in newIDs.enumerated() {
            if let oldIndex = oldIDs.firstIndex(of: id) {
                pairedOld.insert(oldIndex)
                compare(a.items[oldIndex], b.items[index], at: path.item(id), into: &found)
            } else if let oldIndex = renamedFrom[index] {
                compare(a.items[oldIndex], b.items[index], at: path.item(id), into: &found)
            } else {
                compare(nil, b.items[index], at: path.item(id), into: &found)
            }
        }
        for (index, id) in oldIDs.enumerated() where !pairedOld.contains(index) {
            compare(a.items[index], nil, at: path.item(id), into: &found)
        }
        // Order matters (the first matching rule decides): report the kept items' new order.
        let renamedNewID = Dictionary(renamedFrom.map { (oldIDs[$0.value], newIDs[$0.key]) }, uniquingKeysWith: { first, _ in first })
        let keptOld = oldIDs.compactMap { newSet.contains($0) ? $0 : renamedNewID[$0] }
        let keptNew = newIDs.indices.filter { oldSet.contains(newIDs[$0]) || renamedFrom[$0] != nil }.map { newIDs[$0] }
        if keptOld != keptNew {
            found.append(
                ValueChange(path: path, kind: .reordered(old: keptOld, new: keptNew), old: .sequence(a), new: .sequence(b)))
        }
    }

    /// Aligns two lists by their longest common subsequence; between common items, items at the
    /// same place are compared as one changed item, the rest are added or removed.
    static func compareAligned(_ a: [YAMLNode], _ b: [YAMLNode], at path: PolicyPath, into found: inout [ValueChange]) {
        let x = a.map { canonical($0) }
        let y = b.map { canonical($0) }
        var table = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var (i, j) = (0, 0)
        var gapOld: [Int] = []
        var gapNew: [Int] = []
        func flushGap() {
            for (o, n) in zip(gapOld, gapNew) { compare(a[o], b[n], at: path.appending(.position(n + 1)), into: &found) }
            for n in gapNew.dropFirst(gapOld.count) { compare(nil, b[n], at: path.appending(.position(n + 1)), into: &found) }
            for o in gapOld.dropFirst(gapNew.count) { compare(a[o], nil, at: path.appending(.position(o + 1)), into: &found) }
            gapOld.removeAll()
            gapNew.removeAll()
        }
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] {
                flushGap()
                i += 1
                j += 1
            } else if j < y.count, i == x.count || table[i][j + 1] >= table[i + 1][j] {
                gapNew.append(j)
                j += 1
            } else {
                gapOld.append(i)
                i += 1
            }
        }
        flushGap()
    }
}
