import HTTPTypes

/// Every operation the service serves: method, path, who may call it, and how `openapi.yaml`
/// names it. The router is built from this list, authorisation reads it, `405 Allow` is computed
/// from it, and a test compares it with `openapi.yaml` operation by operation.
public enum Endpoint: String, CaseIterable, Sendable {
    case health, readiness, metrics, whoami, listCouncils, policyText, classify, schedule, behaviour, findRecords, checkPolicy
    case draftDiagram, draftTests, draftClassify, draftDiff
    case saveDraft, listDrafts, getDraft, updateDraft, commentDraft, adoptDraft

    /// What the body of a request must be.
    public enum Body: Sendable {
        case none
        /// `application/json` only.
        case json
        /// A policy: `application/json` (`{"text": …}`), or the YAML itself as `application/yaml` or `text/plain`.
        case policy
    }

    public var method: HTTPRequest.Method {
        switch self {
        case .health, .readiness, .metrics, .whoami, .listCouncils, .policyText, .findRecords, .listDrafts, .getDraft: .get
        case .updateDraft: .put
        default: .post
        }
    }

    /// The path in OpenAPI's form (`{council}`).
    public var path: String {
        switch self {
        case .health: "/healthz"
        case .readiness: "/readyz"
        case .metrics: "/metrics"
        case .whoami: "/v1/whoami"
        case .listCouncils: "/v1/councils"
        case .policyText: "/v1/councils/{council}/policy"
        case .classify: "/v1/councils/{council}/classify"
        case .schedule: "/v1/councils/{council}/schedule"
        case .behaviour: "/v1/councils/{council}/behaviour"
        case .findRecords: "/v1/councils/{council}/records/{id}"
        case .checkPolicy: "/v1/check"
        case .draftDiagram: "/v1/draft/diagram"
        case .draftTests: "/v1/draft/test"
        case .draftClassify: "/v1/draft/classify"
        case .draftDiff: "/v1/draft/diff"
        case .saveDraft, .listDrafts: "/v1/drafts"
        case .getDraft, .updateDraft: "/v1/drafts/{draft}"
        case .commentDraft: "/v1/drafts/{draft}/comments"
        case .adoptDraft: "/v1/drafts/{draft}/adopt"
        }
    }

    /// The path as Hummingbird's router writes it (`:council`).
    public var routerPath: String {
        path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
    }

    /// The roles that may call it (admin may call everything); nil for the two health checks,
    /// which need no credential.
    public var roles: Set<Role>? {
        switch self {
        case .health, .readiness: nil
        case .whoami: Set(Role.allCases)
        case .listCouncils: [.read, .decide, .draft]
        case .metrics, .findRecords: [.read]
        case .classify, .schedule, .behaviour: [.decide]
        case .policyText, .checkPolicy, .draftDiagram, .draftTests, .draftClassify, .draftDiff: [.draft]
        case .saveDraft, .listDrafts, .getDraft, .updateDraft, .commentDraft: [.draft]
        // Adopting writes the version in force: the service's administrators only.
        case .adoptDraft: [.admin]
        }
    }

    public var body: Body {
        switch self {
        case .checkPolicy: .policy
        case _ where method == .get: .none
        default: .json
        }
    }

    /// The group it is listed under in the API document.
    public var tag: String {
        switch self {
        case .health, .readiness, .metrics: "operations"
        case .whoami, .listCouncils, .policyText: "councils"
        case .classify, .schedule, .behaviour: "decisions"
        case .findRecords: "records"
        case .checkPolicy, .draftDiagram, .draftTests, .draftClassify, .draftDiff: "policies"
        case .saveDraft, .listDrafts, .getDraft, .updateDraft, .commentDraft, .adoptDraft: "drafts"
        }
    }

    /// OpenAPI's `operationId`: the case name, so generated clients get names like `classify`.
    public var operationID: String { rawValue }

    /// The endpoint serving `method` on a router path, if any.
    public static func matching(routerPath: String, method: HTTPRequest.Method) -> Endpoint? {
        allCases.first { $0.routerPath == routerPath && $0.method == method }
    }
}
