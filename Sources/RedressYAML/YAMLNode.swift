import RedressDiagnostics

/// How a scalar was written. Kept so a decoder can tell `"10"` (deliberately text) from `10`.
public enum ScalarStyle: String, Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded

    /// True for plain scalars, the only style whose meaning a schema may interpret (`null`, `~`).
    public var isPlain: Bool { self == .plain }
}

/// A scalar exactly as written: its text (after YAML's quoting and folding rules), never guessed
/// into a number, boolean or date. `no`, `010` and `1:30` stay text.
public struct YAMLScalar: Sendable, Hashable {
    public var text: String
    public var style: ScalarStyle
    /// The resolved tag when one was written explicitly (`!!str` → `tag:yaml.org,2002:str`).
    public var tag: String?
    public var range: SourceRange

    public init(text: String, style: ScalarStyle = .plain, tag: String? = nil, range: SourceRange) {
        self.text = text
        self.style = style
        self.tag = tag
        self.range = range
    }

    /// A plain empty scalar, `~` or `null`: YAML's ways of writing "no value".
    public var isNull: Bool {
        style.isPlain && tag == nil && ["", "~", "null", "Null", "NULL"].contains(text)
    }
}

/// A sequence (`- a` or `[a, b]`).
public struct YAMLSequence: Sendable, Hashable {
    public var items: [YAMLNode]
    public var tag: String?
    public var range: SourceRange

    public init(items: [YAMLNode], tag: String? = nil, range: SourceRange) {
        self.items = items
        self.tag = tag
        self.range = range
    }
}

/// A mapping with its entries in the order written. Keys are unique (the loader refuses
/// duplicates).
public struct YAMLMapping: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var key: YAMLNode
        public var value: YAMLNode

        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public var entries: [Entry]
    public var tag: String?
    public var range: SourceRange

    public init(entries: [Entry], tag: String? = nil, range: SourceRange) {
        self.entries = entries
        self.tag = tag
        self.range = range
    }

    /// The value of the entry whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        entries.first { $0.key.scalar?.text == key }?.value
    }

    /// The entry whose key is the scalar `key`, with the key's own node (for its position).
    public func entry(_ key: String) -> Entry? {
        entries.first { $0.key.scalar?.text == key }
    }
}

/// One node of the immutable YAML tree. Every node knows the span of source it came from.
public enum YAMLNode: Sendable, Hashable {
    case scalar(YAMLScalar)
    case sequence(YAMLSequence)
    case mapping(YAMLMapping)

    public var range: SourceRange {
        switch self {
        case .scalar(let scalar): scalar.range
        case .sequence(let sequence): sequence.range
        case .mapping(let mapping): mapping.range
        }
    }

    public var tag: String? {
        switch self {
        case .scalar(let scalar): scalar.tag
        case .sequence(let sequence): sequence.tag
        case .mapping(let mapping): mapping.tag
        }
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    public var sequence: YAMLSequence? {
        if case .sequence(let sequence) = self { return sequence }
        return nil
    }

    public var mapping: YAMLMapping? {
        if case .mapping(let mapping) = self { return mapping }
        return nil
    }

    /// How the node is described in messages: "a text value", "a list", "a mapping".
    public var kindDescription: String {
        switch self {
        case .scalar(let scalar): scalar.isNull ? "an empty value" : "a text value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}
