/// What a caller may do. Each endpoint names the roles that may call it (`Endpoint.access`);
/// `admin` may call everything.
public enum Role: String, CaseIterable, Sendable, Hashable, Comparable {
    /// Read: the council list, metrics, decision records.
    case read
    /// Decide: classify, schedule and behaviour for the caller's councils (a CRM).
    case decide
    /// Draft: check policies, read policy text, work on drafts in the workbench (a policy officer).
    case draft
    /// Admin: everything, including adopting a draft as a new version.
    case admin

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }

    public var summary: String {
        switch self {
        case .read: "list councils, read metrics and decision records"
        case .decide: "classify, schedule and assess behaviour for its councils"
        case .draft: "check policies, read policy text and work on drafts"
        case .admin: "everything, including adopting drafts"
        }
    }
}

/// The councils a credential is good for.
public enum CouncilScope: Sendable, Hashable {
    case all
    case only(Set<String>)

    public func contains(_ council: String) -> Bool {
        switch self {
        case .all: true
        case .only(let councils): councils.contains(council)
        }
    }

    /// `all`, or the council ids in order, for listings.
    public var description: String {
        switch self {
        case .all: "all"
        case .only(let councils): councils.sorted().joined(separator: ", ")
        }
    }
}

/// Who is calling, established once per request by `AccessControl.admit` and handed to the
/// routes and the decision records; never re-derived.
public struct Identity: Sendable, Hashable {
    /// How the caller proved who it is.
    public enum Credential: String, Sendable, Hashable {
        /// An API key from the keys file (a machine: a council's CRM).
        case apiKey = "key"
        /// A bearer token from the council's identity provider (an officer).
        case token
        /// A TLS client certificate named in the keys file.
        case certificate
    }

    /// The key's name, the token's subject, or the certificate's subject.
    public let name: String
    public let credential: Credential
    public var roles: Set<Role>
    public var councils: CouncilScope
    /// How decision records name the caller: `key:crm-north-somerset`, `token:jane@council.gov.uk`
    /// (made once: every request names its caller in its records and its rate limit).
    public let recordName: String

    public init(name: String, credential: Credential, roles: Set<Role>, councils: CouncilScope) {
        self.name = name
        self.credential = credential
        self.roles = roles
        self.councils = councils
        recordName = "\(credential.rawValue):\(name)"
    }

    /// True when the identity holds one of `roles` (admin holds them all) for `council` (when the
    /// endpoint is about one).
    public func may(_ roles: Set<Role>, council: String?) -> Bool {
        guard self.roles.contains(.admin) || !self.roles.isDisjoint(with: roles) else { return false }
        guard let council else { return true }
        return councils.contains(council)
    }
}
