import Dispatch
import HTTPTypes
import Hummingbird
import Prometheus

/// The service's Prometheus metrics, kept in its own registry (no process-wide metrics system),
/// named as Prometheus recommends and each with `# HELP`: requests by endpoint and status, request
/// latency, decisions and records, reloads by outcome, and each council's status.
public struct ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [
        .microseconds(250), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(100), .milliseconds(500), .seconds(2),
    ]

    public init() {}

    func request(route: String, status: HTTPResponse.Status, nanoseconds: UInt64) {
        registry.makeCounter(
            name: "redress_http_requests_total", labels: [("route", route), ("status", String(status.code))],
            help: "HTTP requests answered, by route and status"
        ).increment()
        registry.makeDurationHistogram(
            name: "redress_http_request_duration_seconds", labels: [("route", route)], buckets: Self.buckets,
            help: "Time from a request's head to its response, by route"
        ).recordNanoseconds(Int64(clamping: nanoseconds))
    }

    func decisions(_ count: Int, kind: String) {
        registry.makeCounter(name: "redress_decisions_total", labels: [("kind", kind)], help: "Decisions answered and recorded, by kind")
            .increment(by: Int64(count))
    }

    func recordFailure() {
        registry.makeCounter(name: "redress_record_failures_total", help: "Requests refused (503) because their records could not be stored")
            .increment()
    }

    func reload(_ status: CouncilState.Status) {
        registry.makeCounter(name: "redress_reloads_total", labels: [("result", status.rawValue)], help: "Council status changes seen by the reload loop")
            .increment()
    }

    /// One gauge per council and status: 1 for the council's current status, 0 for the others.
    func councils(_ states: [String: CouncilState]) {
        for (id, state) in states {
            for status in CouncilState.Status.allCases {
                registry.makeGauge(
                    name: "redress_council_status", labels: [("council", id), ("status", status.rawValue)],
                    help: "1 for each council's current status (serving, rejected, missing, removed)"
                ).set(Double(state.status == status ? 1 : 0))
            }
        }
    }

    func connections(_ open: Int) {
        registry.makeGauge(name: "redress_open_connections", help: "Client connections open now").set(Double(open))
    }

    func closedConnections(_ reason: String) {
        registry.makeCounter(name: "redress_connections_closed_total", labels: [("reason", reason)], help: "Connections the service closed, by reason")
            .increment()
    }

    /// The Prometheus text exposition.
    public var text: String { registry.emitToString() }
}

/// Counts every request by the route it matched and the status it got, with its latency, and logs
/// it (request id, route, council, caller, status, duration — never the body).
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        var status = HTTPResponse.Status.internalServerError
        defer {
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            let route = context.endpointPath ?? "unmatched"
            metrics.request(route: route, status: status, nanoseconds: elapsed)
            context.logger.info(
                "answered",
                metadata: [
                    "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(status.code)",
                    "council": "\(context.parameters.get("council") ?? "-")", "duration_ms": "\(Double(elapsed / 1000) / 1000)",
                ])
        }
        do {
            let response = try await next(request, context)
            status = response.status
            return response
        } catch {
            status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            throw error
        }
    }
}
