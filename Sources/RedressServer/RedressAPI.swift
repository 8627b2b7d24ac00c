import Foundation
import Hummingbird
import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressPolicy

/// Limits on what one request may carry.
public struct RequestLimits: Sendable {
    public var maxBodyBytes = 4 << 20
    public var maxItems = 10_000

    public init() {}
}

/// The HTTP API, versioned under `/v1` (described in `openapi.yaml`): the same engine, decisions and
/// error records as the CLI's JSON Lines, over the councils of a policy library.
public struct RedressAPI: Sendable {
    public let registry: CouncilRegistry
    public let metrics: ServerMetrics
    public var limits = RequestLimits()
    public var decisionLog: DecisionLog?

    public init(registry: CouncilRegistry, metrics: ServerMetrics = ServerMetrics(), decisionLog: DecisionLog? = nil) {
        self.registry = registry
        self.metrics = metrics
        self.decisionLog = decisionLog
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.get("/healthz") { _, _ in Self.json("{\"status\":\"ok\"}") }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.text)))
        }
        router.get("/v1/councils") { _, _ in Self.json(CouncilListing.json(await registry.snapshot)) }
        router.post("/v1/councils/:council/classify") { request, context in
            let council = try await council(context)
            let engine = try council.engine.orThrow()
            let items = try await body(request)
            let encoder = DecisionEncoder(format: .jsonl)
            let outcome = Self.results(items) { record throws(RecordError) in
                encoder.encode(try engine.classify(Complaint(record: record)))
            }
            try await log(outcome.entries, council: council, context: context)
            metrics.decisions(outcome.decided, kind: "classify")
            return outcome.response
        }
        router.post("/v1/councils/:council/schedule") { request, context in
            let council = try await council(context)
            let engine = try council.engine.orThrow()
            guard let text = request.uri.queryParameters["as_of"].map(String.init) else {
                throw Problem(.badRequest, "`as_of` is required", help: "add ?as_of=YYYY-MM-DD: the date to judge deadlines on")
            }
            guard let asOf = try? LocalDate(iso: text) else {
                throw Problem(.badRequest, "`as_of` must be a real date written YYYY-MM-DD, not `\(text)`")
            }
            let items = try await body(request)
            let encoder = ScheduleEncoder(format: .jsonl)
            let outcome = Self.results(items) { record throws(RecordError) in
                encoder.encode(try engine.schedule(CaseHistory(record: record), asOf: asOf))
            }
            try await log(outcome.entries, council: council, context: context)
            metrics.decisions(outcome.decided, kind: "schedule")
            return outcome.response
        }
        router.post("/v1/check") { request, _ in
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: limits.maxBodyBytes)
            } catch {
                throw Problem(.contentTooLarge, "the policy is larger than \(limits.maxBodyBytes) bytes")
            }
            guard buffer.readableBytes > 0 else { throw Problem(.badRequest, "the request body is empty", help: "send the policy's YAML text") }
            let loader = PolicyLoader(library: PolicyLibrary(root: registry.library))
            var result = loader.load(bytes: Array(buffer.readableBytesView), path: request.uri.queryParameters["path"].map(String.init) ?? "draft.yaml")
            result.diagnostics += PolicyChecker.standard.check(result)
            let renderer = DiagnosticRenderer(sources: result.sources)
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            return Self.json(
                JSONText.object([
                    ("valid", String(errors == 0)), ("errors", String(errors)),
                    ("diagnostics", JSONText.array(result.diagnostics.map(renderer.renderJSON))),
                ]))
        }
        addBehaviour(to: router)
        addDraftRoutes(to: router)
        addWorkbenchPage(to: router)
        return router
    }

    /// Writes one decision-log line per result; a log that cannot be written fails the request.
    func log(_ entries: [(input: String, output: String)], council: CouncilState, context: BasicRequestContext) async throws {
        guard let decisionLog, !entries.isEmpty else { return }
        let time = CouncilListing.timestamp(Date())
        let lines = entries.map { entry in
            JSONText.object([
                ("time", JSONText.quoted(time)), ("request_id", JSONText.quoted(context.id)), ("council", JSONText.quoted(council.id)),
                ("digest", council.digest.map(JSONText.quoted) ?? "null"), ("input", entry.input), ("result", entry.output),
            ]) + "\n"
        }.joined()
        do {
            try await decisionLog.append(lines)
        } catch {
            throw Problem(.serviceUnavailable, "the decision was made but could not be recorded: \(error)", help: "no decision is given without its record; try again")
        }
    }

    /// The council named in the path, or a 404 with the nearest council's name.
    func council(_ context: BasicRequestContext) async throws -> CouncilState {
        let id = try context.parameters.require("council")
        let councils = await registry.snapshot
        guard let council = councils[id], council.engine != nil else {
            let known = councils.filter { $0.value.engine != nil }.keys.sorted()
            throw Problem(
                .notFound, "no council `\(id)` in the library",
                help: SpellingSuggestion.closest(to: id, in: known).map { "did you mean `\($0)`?" } ?? "councils: \(known.joined(separator: ", "))")
        }
        return council
    }

    func body(_ request: Request) async throws -> (items: [RequestItems.Item], isArray: Bool) {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limits.maxBodyBytes)
        } catch {
            throw Problem(.contentTooLarge, "the request body is larger than \(limits.maxBodyBytes) bytes", help: "send fewer complaints per request")
        }
        let parsed = try RequestItems.parse(Array(buffer.readableBytesView))
        guard parsed.items.count <= limits.maxItems else {
            throw Problem(.contentTooLarge, "the array holds \(parsed.items.count) items, more than \(limits.maxItems)", help: "send fewer per request")
        }
        return parsed
    }

    /// One result per item, in order: its JSON Lines object, or its error record (`line` is the
    /// item's 1-based position in the array). A single object in gives a single object out.
    static func results(
        _ parsed: (items: [RequestItems.Item], isArray: Bool), _ body: (InputRecord) throws(RecordError) -> String
    ) -> (response: Response, decided: Int, entries: [(input: String, output: String)]) {
        var objects: [String] = []
        var entries: [(input: String, output: String)] = []
        var failed = false
        var decided = 0
        for item in parsed.items {
            let text: String
            switch item.fields {
            case .success(let fields):
                let record = InputRecord(line: item.index, fields: fields)
                do {
                    text = try body(record)
                    decided += 1
                } catch {
                    failed = true
                    text = RecordFailureEncoder.encode(RecordFailure(line: item.index, id: record.id, message: error.message))
                }
            case .failure(let error):
                failed = true
                text = RecordFailureEncoder.encode(RecordFailure(line: item.index, id: nil, message: error.message))
            }
            let object = text.hasSuffix("\n") ? String(text.dropLast()) : text
            objects.append(object)
            let input: String
            if case .success(let fields) = item.fields {
                input = JSONText.object(fields.map { ($0.name, $0.rawJSON) })
            } else {
                input = "null"
            }
            entries.append((input, object))
        }
        let body = parsed.isArray ? JSONText.array(objects) : (objects.first ?? "{}")
        // A single object that fails is a 422 with its error record; an array always answers 200.
        return (json(body, status: !parsed.isArray && failed ? .unprocessableContent : .ok), decided, entries)
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}

extension Optional where Wrapped == Engine {
    /// The engine of a council that `council(_:)` found serving.
    func orThrow() throws -> Engine {
        guard let engine = self else { throw Problem(.notFound, "the council has no policy serving") }
        return engine
    }
}
