import Hummingbird
import RedressDiagnostics
import RedressRecords

/// `/healthz` (the process answers), `/readyz` (every council serves a policy that passed its
/// checks and the records store answers) and `/metrics`.
extension RedressService {
    func addOperations(to router: Router<ServiceRequestContext>) {
        router.get(RouterPath(Endpoint.health.routerPath)) { _, _ in Self.json("{\"status\":\"ok\"}") }
        router.get(RouterPath(Endpoint.readiness.routerPath)) { _, _ in
            var problems: [String] = []
            let states = registry.snapshot
            if states.isEmpty { problems.append(JSONText.quoted("the library has no councils")) }
            for id in await registry.notReady {
                let state = states[id]
                problems.append(JSONText.quoted("\(id): \(state?.status.rawValue ?? "unknown")\(state?.detail.map { " — \($0)" } ?? "")"))
            }
            do {
                _ = try await recorder.store.councils()
            } catch {
                problems.append(JSONText.quoted("records store: \(error)"))
            }
            guard problems.isEmpty else {
                return Self.json(JSONText.object([("status", JSONText.quoted("not ready")), ("problems", JSONText.array(problems))]), status: .serviceUnavailable)
            }
            return Self.json(JSONText.object([("status", JSONText.quoted("ready")), ("councils", String(states.count))]))
        }
    }

    func addMetrics(to router: Router<ServiceRequestContext>) {
        add(.metrics, to: router) { _, _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.text)))
        }
    }
}
