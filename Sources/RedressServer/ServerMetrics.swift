import Dispatch
import HTTPTypes
import Hummingbird
import Prometheus
import Synchronization

/// The service's Prometheus metrics, kept in its own registry (no process-wide metrics system),
/// named as Prometheus recommends and each with `# HELP`: requests by endpoint and status, request
/// latency, decisions and records, reloads by outcome, and each council's status.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [
        .microseconds(250), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(100), .milliseconds(500), .seconds(2),
    ]

    public init() {}

    /// The per-request series, found once per route and status and then kept: Prometheus's own
    /// lookup (labels sorted and hashed under its lock) is too dear for every request.
    private let requestSeries = Mutex<[RequestSeriesKey: RequestSeries]>([:])

    struct RequestSeriesKey: Hashable {
        var route: String
        var status: Int
    }

    struct RequestSeries {
        var count: Counter
        var duration: DurationHistogram
    }

    func request(route: String, status: HTTPResponse.Status, nanoseconds: UInt64) {
        let key = RequestSeriesKey(route: route, status: status.code)
        let series =
            requestSeries.withLock { $0[key] }
            ?? {
                let made = RequestSeries(
                    count: registry.makeCounter(
                        descriptor: Self.metric("http_requests", "total", "HTTP requests answered, by route and status"),
                        labels: [("route", route), ("status", String(status.code))]),
                    duration: registry.makeDurationHistogram(
                        descriptor: Self.metric("http_request_duration", "seconds", "Time from a request's head to its response, by route"),
                        labels: [("route", route)], buckets: Self.buckets))
                requestSeries.withLock { $0[key] = made }
                return made
            }()
        series.count.increment()
        series.duration.recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// The decisions counter of each kind, found once and kept (as `requestSeries`).
    private let decisionCounters = Mutex<[String: Counter]>([:])

    func decisions(_ count: Int, kind: String) {
        let counter =
            decisionCounters.withLock { $0[kind] }
            ?? {
                let made = registry.makeCounter(descriptor: Self.metric("decisions", "total", "Decisions answered and recorded, by kind"), labels: [("kind", kind)])
                decisionCounters.withLock { $0[kind] = made }
                return made
            }()
        counter.increment(by: Int64(count))
    }

    func recordFailure() {
        registry.makeCounter(descriptor: Self.metric("record_failures", "total", "Requests refused (503) because their records could not be stored"), labels: [])
            .increment()
    }

    func reload(_ status: CouncilState.Status) {
        registry.makeCounter(descriptor: Self.metric("reloads", "total", "Council status changes seen by the reload loop"), labels: [("result", status.rawValue)])
            .increment()
    }

    /// One gauge per council and status: 1 for the council's current status, 0 for the others.
    func councils(_ states: [String: CouncilState]) {
        for (id, state) in states {
            for status in CouncilState.Status.allCases {
                registry.makeGauge(
                    descriptor: Self.metric("council", "status", "1 for each council's current status (serving, rejected, missing, removed)"),
                    labels: [("council", id), ("status", status.rawValue)]
                ).set(Double(state.status == status ? 1 : 0))
            }
        }
    }

    func connections(_ open: Int) {
        registry.makeGauge(descriptor: Self.metric("open", "connections", "Client connections open now"), labels: []).set(Double(open))
    }

    func closedConnections(_ reason: String) {
        registry.makeCounter(descriptor: Self.metric("connections_closed", "total", "Connections the service closed, by reason"), labels: [("reason", reason)])
            .increment()
    }

    /// `redress_<name>_<unit>`, with its `# HELP` text.
    static func metric(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "redress", metricName: name, unitName: unit, helpText: help)
    }

    /// The Prometheus text exposition.
    public var text: String { registry.emitToString() }
}
