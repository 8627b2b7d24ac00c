import Foundation
import HTTPTypes
import Hummingbird
import RedressDiagnostics
import RedressEngine
import RedressRecords

/// The HTTP API, versioned under `/v1` (described in `openapi.yaml`, checked against `Endpoint`):
/// the same engine, decisions and error records as the CLI's JSON Lines, over the councils of a
/// policy library — for callers with a credential, each within its roles and councils, every
/// decision recorded before it is answered.
public struct RedressService: Sendable {
    public let registry: CouncilRegistry
    public var access: AccessControl
    public let recorder: DecisionRecorder
    public let metrics: ServerMetrics
    public var limits = RequestLimits()
    /// Draws draft diagrams; nil when Graphviz is not installed.
    public var graphviz: GraphvizRunner?
    public var diagramMaxBytes = 256 << 10
    /// Where CodeMirror 5 is installed (Debian's libjs-codemirror), for the workbench's editor.
    public var editorFolder = "/usr/share/javascript/codemirror"

    public init(registry: CouncilRegistry, access: AccessControl, recorder: DecisionRecorder, metrics: ServerMetrics = ServerMetrics()) {
        self.registry = registry
        self.access = access
        self.recorder = recorder
        self.metrics = metrics
    }

    public func router() -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self)
        router.add(middleware: AnswerMiddleware(metrics: metrics))
        // Open to all: 405 for wrong methods, the two health checks, the workbench's own files and
        // the diagnostics reference. The 405s go first: they add every path in `routingOrder`.
        addWrongMethods(to: router)
        addOperations(to: router)
        addWorkbenchPage(to: router)
        addDiagnosticPages(to: router)
        // The rest only for a credential: every one is registered through `add`.
        addMetrics(to: router)
        addCouncilRoutes(to: router)
        addDecisionRoutes(to: router)
        addPolicyRoutes(to: router)
        addDraftRoutes(to: router)
        return router
    }

    /// Registers an endpoint behind its access control: the caller must present a credential (401
    /// without one), within its rate limit (429), hold one of the endpoint's roles, and the council
    /// in its path (if any) must be one of the caller's (403).
    func add(
        _ endpoint: Endpoint, to router: Router<ServiceRequestContext>,
        _ handler: @escaping @Sendable (Request, ServiceRequestContext, Identity) async throws -> Response
    ) {
        let roles = endpoint.roles ?? []
        router.on(RouterPath(endpoint.routerPath), method: endpoint.method) { request, context in
            let caller = try await access.admit(request, context: context)
            try Self.authorize(caller, endpoint, roles: roles, council: context.parameters.get("council"))
            return try await handler(request, context, caller)
        }
    }

    static func authorize(_ caller: Identity, _ endpoint: Endpoint, council: String?) throws {
        try authorize(caller, endpoint, roles: endpoint.roles ?? [], council: council)
    }

    /// `roles`: the endpoint's, made once per route (`Endpoint.roles` makes a new set each time).
    static func authorize(_ caller: Identity, _ endpoint: Endpoint, roles: Set<Role>, council: String?) throws {
        guard caller.may(roles, council: council) else {
            let roles = roles.sorted().map(\.rawValue).joined(separator: " or ")
            throw Problem(
                .forbidden, "this credential may not call `\(endpoint.operationID)`" + (council.map { " for `\($0)`" } ?? ""),
                help: "it needs the \(roles) role" + (council == nil ? "" : " for that council") + "; ask the service's administrator")
        }
    }

    /// The endpoints in the order their paths are first added to the router, which tries a
    /// path's siblings in that order: the decisions first (nearly every request is one), then the
    /// rest in the contract's order — never a dictionary's, which changes from run to run.
    static let routingOrder: [Endpoint] = {
        let hot: [Endpoint] = [.classify, .schedule, .behaviour]
        return hot + Endpoint.allCases.filter { !hot.contains($0) }
    }()

    /// 405 with `Allow` on every known path for the methods it does not serve.
    func addWrongMethods(to router: Router<ServiceRequestContext>) {
        var paths: [String] = []
        var endpointsByPath: [String: [Endpoint]] = [:]
        for endpoint in Self.routingOrder {
            if endpointsByPath[endpoint.routerPath] == nil { paths.append(endpoint.routerPath) }
            endpointsByPath[endpoint.routerPath, default: []].append(endpoint)
        }
        for path in paths {
            let allowed = (endpointsByPath[path] ?? []).map(\.method)
            let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch] where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { _, _ -> Response in
                    throw Problem(.methodNotAllowed, "\(method.rawValue) is not served here", help: "use \(allow)", headers: [.allow: allow])
                }
            }
        }
    }

    /// The council named in the path, serving: 404 (with the nearest name the caller may use) for
    /// an unknown council, 404 with the reason for a removed one, 503 for one whose policy was rejected.
    func council(_ context: ServiceRequestContext, caller: Identity) throws -> (id: String, policy: ServingPolicy) {
        let id = try context.parameters.require("council")
        if let policy = registry.serving(id) { return (id, policy) }
        let councils = registry.snapshot
        guard let state = councils[id] else {
            let known = councils.values.filter { $0.engine != nil && caller.councils.contains($0.id) }.map(\.id).sorted()
            throw Problem(
                .notFound, "no council `\(id)` in the library",
                help: SpellingSuggestion.closest(to: id, in: known).map { "did you mean `\($0)`?" } ?? "councils: \(known.joined(separator: ", "))")
        }
        // Published between the two looks.
        if let policy = state.serving { return (id, policy) }
        if state.status == .removed { throw Problem(.notFound, "council `\(id)` is no longer served: \(state.detail ?? "removed")") }
        throw Problem(
            .serviceUnavailable, "policy rejected: council `\(id)` has no policy that passed its checks",
            help: "GET /v1/councils shows the problems; fix the policy files", headers: [.retryAfter: "30"])
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(text.utf8.count + 1)
        buffer.writeString(text)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return Response(status: status, headers: jsonHeaders, body: ResponseBody(byteBuffer: buffer))
    }

    /// Made once: a dictionary literal of fields costs more than the rest of the response.
    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]
}
