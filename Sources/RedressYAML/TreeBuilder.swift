import RedressDiagnostics

/// Assembles the node tree from parser events, enforcing the limits that libyaml itself does not:
/// depth, alias budget, expanded size, document count, duplicate keys and tags.
struct TreeBuilder {
    private struct Frame {
        var isMapping: Bool
        var start: SourceLocation
        var tag: String?
        var anchor: String?
        /// Sequence items, or mapping keys and values alternating.
        var children: [YAMLNode] = []
        /// Nodes in this subtree, counting expanded aliases.
        var nodeCount = 1
        /// For mappings: each key's identity and where it was first written.
        var keys: [String: SourceRange] = [:]
    }

    let file: String
    let limits: YAMLLimits
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, count: Int)] = [:]
    private var aliasCount = 0
    private var totalNodes = 0
    private(set) var documents: [YAMLNode] = []
    private(set) var documentCount = 0
    /// Problems that do not stop the parse (duplicate keys, tags); fatal ones are thrown.
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    private func range(_ start: SourceLocation, _ end: SourceLocation) -> SourceRange {
        SourceRange(file: file, start: start, end: end)
    }

    mutating func startDocument(at location: SourceLocation) throws(Diagnostic) {
        documentCount += 1
        if documentCount > limits.maxDocuments {
            throw .error(
                .yamlTooManyDocuments,
                limits.maxDocuments == 1
                    ? "a file may hold only one YAML document" : "more than \(limits.maxDocuments) YAML documents",
                at: range(location, location),
                help: "remove the `---` line and what follows, or split it into its own file")
        }
    }

    mutating func scalar(_ scalar: YAMLScalar, anchor: String?) throws(Diagnostic) {
        checkTag(scalar.tag, at: scalar.range)
        try add(.scalar(scalar), count: 1, anchor: anchor)
    }

    mutating func alias(_ name: String, at range: SourceRange) throws(Diagnostic) {
        guard let anchored = anchors[name] else {
            throw .error(.yamlUndefinedAlias, "alias `*\(name)` refers to no anchor defined before it", at: range)
        }
        aliasCount += 1
        if aliasCount > limits.maxAliases {
            throw .error(
                .yamlAliasLimit, "more than \(limits.maxAliases) aliases in one file", at: range,
                help: "write the values out in full, or raise the loader's alias limit")
        }
        try add(anchored.node, count: anchored.count, anchor: nil)
    }

    mutating func startCollection(isMapping: Bool, tag: String?, anchor: String?, at location: SourceLocation)
        throws(Diagnostic)
    {
        if stack.count >= limits.maxDepth {
            throw .error(
                .yamlTooDeep, "nesting deeper than \(limits.maxDepth) levels", at: range(location, location))
        }
        checkTag(tag, at: range(location, location))
        stack.append(Frame(isMapping: isMapping, start: location, tag: tag, anchor: anchor))
    }

    mutating func endCollection(at end: SourceLocation) throws(Diagnostic) {
        guard let frame = stack.popLast() else { return }
        let span = range(frame.start, end)
        let node: YAMLNode
        if frame.isMapping {
            var entries: [YAMLMapping.Entry] = []
            entries.reserveCapacity(frame.children.count / 2)
            var index = 0
            while index + 1 < frame.children.count {
                entries.append(YAMLMapping.Entry(key: frame.children[index], value: frame.children[index + 1]))
                index += 2
            }
            node = .mapping(YAMLMapping(entries: entries, tag: frame.tag, range: span))
        } else {
            node = .sequence(YAMLSequence(items: frame.children, tag: frame.tag, range: span))
        }
        try add(node, count: frame.nodeCount, anchor: frame.anchor, isNew: false)
    }

    /// Adds a finished node to its parent (or as a document root), counting it against the limits.
    private mutating func add(_ node: YAMLNode, count: Int, anchor: String?, isNew: Bool = true) throws(Diagnostic) {
        totalNodes += isNew ? count : 0
        if totalNodes > limits.maxNodes {
            throw .error(
                .yamlTooManyNodes, "the document expands to more than \(limits.maxNodes) nodes",
                at: node.range, help: "an alias that repeats a large structure many times is the usual cause")
        }
        if let anchor { anchors[anchor] = (node, count) }
        guard var parent = stack.popLast() else {
            documents.append(node)
            return
        }
        if parent.isMapping, parent.children.count % 2 == 0 {
            let identity = Self.keyIdentity(node)
            if let first = parent.keys[identity] {
                diagnostics.append(
                    .error(
                        .yamlDuplicateKey, "duplicate key \(Self.keyDescription(node)) in this mapping",
                        at: node.range, help: "each key may appear once; merge the two entries or rename one",
                        related: [RelatedLocation("first written here", at: first)]))
            } else {
                parent.keys[identity] = node.range
            }
        }
        parent.children.append(node)
        parent.nodeCount += count
        stack.append(parent)
    }

    private mutating func checkTag(_ tag: String?, at range: SourceRange) {
        guard let tag, tag != "!", let allowed = limits.allowedTags, !allowed.contains(tag) else { return }
        diagnostics.append(
            .error(
                .yamlUnsupportedTag, "unsupported tag `\(tag)`", at: range,
                help: "Redress reads every value by its place in the schema; remove the tag"))
    }

    /// Two keys are the same when they have the same text (whatever the quoting) or, for complex
    /// keys, the same structure.
    static func keyIdentity(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar): "=" + scalar.text
        case .sequence(let sequence): "[" + sequence.items.map(keyIdentity).joined(separator: ",") + "]"
        case .mapping(let mapping):
            "{" + mapping.entries.map { keyIdentity($0.key) + ":" + keyIdentity($0.value) }.joined(separator: ",") + "}"
        }
    }

    private static func keyDescription(_ node: YAMLNode) -> String {
        if let scalar = node.scalar { return "`\(scalar.text)`" }
        return "(\(node.kindDescription))"
    }
}
