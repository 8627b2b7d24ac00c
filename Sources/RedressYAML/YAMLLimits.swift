/// Bounds on what the loader accepts, so hostile or broken input fails fast in bounded memory.
public struct YAMLLimits: Sendable, Hashable {
    /// The largest input, in bytes.
    public var maxBytes: Int
    /// The deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// How many alias uses (`*name`) one input may contain.
    public var maxAliases: Int
    /// How many nodes the tree may hold once aliases are expanded (stops "billion laughs").
    public var maxNodes: Int
    /// How many documents one stream may hold. Policy files hold exactly one.
    public var maxDocuments: Int
    /// The explicit tags accepted; nil accepts any tag. Non-specific tags (`!`) are always accepted.
    public var allowedTags: Set<String>?

    public init(
        maxBytes: Int = 4 << 20, maxDepth: Int = 64, maxAliases: Int = 100, maxNodes: Int = 1_000_000,
        maxDocuments: Int = 1, allowedTags: Set<String>? = YAMLLimits.coreCollectionTags
    ) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliases = maxAliases
        self.maxNodes = maxNodes
        self.maxDocuments = maxDocuments
        self.allowedTags = allowedTags
    }

    /// `!!str`, `!!seq` and `!!map`: the tags that say nothing a schema does not already decide.
    public static let coreCollectionTags: Set<String> = [
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map",
    ]

    /// Defaults for Redress's own files (policies, calendars, tests).
    public static let `default` = YAMLLimits()
}
