import Dispatch
import HTTPTypes
import Hummingbird

/// What every answer gets, whatever route made it or threw: an error becomes a problem document,
/// the answer carries `X-Request-Id` (the id its decision records hold), and it is counted by the
/// route it matched and its status, with its latency, and logged (request id, route, council,
/// caller, status, duration — never the body). One middleware, not one per concern: each layer
/// is an async frame on every request.
struct AnswerMiddleware: RouterMiddleware {
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
        var response = try await Self.answer(request, context: context, next: next)
        status = response.status
        if response.headers.contains(.requestID) { response.headers[.requestID] = nil }
        response.headers.append(HTTPField(name: .requestID, value: context.requestID))
        return response
    }

    /// The route's response, or the problem document for what it threw.
    static func answer(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            let response = try error.response(from: request, context: context)
            let type = response.headers.value(of: .contentType)
            guard type == nil || response.status.code >= 400 && type != "application/problem+json" else { return response }
            return try Problem(response.status, response.status.reasonPhrase.lowercased()).response(from: request, context: context)
        } catch {
            context.logger.error("a request failed", metadata: ["error": "\(error)"])
            return try Problem(.internalServerError, "the service failed to answer; the failure is logged").response(from: request, context: context)
        }
    }
}
