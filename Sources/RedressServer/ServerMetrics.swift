import Dispatch
import HTTPTypes
import Hummingbird
import Prometheus

/// The service's Prometheus metrics, kept in its own registry (no process-wide metrics system):
/// requests by route and status, request latency, decisions made, reloads and rejected reloads.
public struct ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [
        .microseconds(250), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(100), .milliseconds(500), .seconds(2),
    ]

    public init() {}

    func request(route: String, status: HTTPResponse.Status, nanoseconds: UInt64) {
        registry.makeCounter(name: "redress_http_requests_total", labels: [("route", route), ("status", String(status.code))]).increment()
        registry.makeDurationHistogram(name: "redress_http_request_duration_seconds", labels: [("route", route)], buckets: Self.buckets)
            .recordNanoseconds(Int64(clamping: nanoseconds))
    }

    func decisions(_ count: Int, kind: String) {
        registry.makeCounter(name: "redress_decisions_total", labels: [("kind", kind)]).increment(by: Int64(count))
    }

    func reload(_ result: ReloadOutcome.Result) {
        registry.makeCounter(name: "redress_reloads_total", labels: [("result", result.rawValue)]).increment()
    }

    /// The Prometheus text exposition.
    public var text: String { registry.emitToString() }
}

/// Counts every request by the route it matched and the status it got, with its latency.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let response = try await next(request, context)
            metrics.request(route: context.endpointPath ?? "unmatched", status: response.status, nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            metrics.request(route: context.endpointPath ?? "unmatched", status: status, nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
            throw error
        }
    }
}
