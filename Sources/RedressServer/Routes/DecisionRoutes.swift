import Hummingbird
import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressFormats
import RedressRecords

/// `classify`, `schedule` and `behaviour`: one object or an array in; one result per item out, in
/// order (a decision, or that item's error record); every item recorded before the answer.
extension RedressService {
    func addDecisionRoutes(to router: Router<ServiceRequestContext>) {
        add(.classify, to: router) { request, context, caller in
            let (council, policy) = try council(context, caller: caller)
            let body = try await RequestBody.bytes(request, endpoint: .classify, limit: limits.maxBodyBytes)
            // Plain complaints on the byte path, one by one; any other item read and decided in full.
            var classifier = policy.classifier
            func plain(_ slice: ArraySlice<UInt8>) -> AnsweredItem? { PlainComplaint.answer(slice, classifier: &classifier) }
            if let elements = try RequestItems.arrayElements(body, maxItems: limits.maxItems) {
                let decide = Self.fullClassify(policy.engine)
                let answered = elements.enumerated().map { index, slice in
                    plain(slice) ?? Self.answer(RequestItems.item(slice, index: index + 1), decide)
                }
                return try await respond(answered, isArray: true, kind: .classify, council: council, policy: policy, caller: caller, context: context)
            }
            if let answered = plain(body[...]) {
                return try await respond([answered], isArray: false, kind: .classify, council: council, policy: policy, caller: caller, context: context)
            }
            let parsed = try RequestItems.parse(body, maxItems: limits.maxItems)
            return try await respond(
                Self.answer(parsed, Self.fullClassify(policy.engine)), isArray: parsed.isArray, kind: .classify, council: council, policy: policy, caller: caller,
                context: context)
        }
        add(.schedule, to: router) { request, context, caller in
            let (council, policy) = try council(context, caller: caller)
            let asOf = try Self.asOf(request, required: true) ?? LocalDate(dayNumber: 0)
            let parsed = try RequestItems.parse(try await RequestBody.bytes(request, endpoint: .schedule, limit: limits.maxBodyBytes), maxItems: limits.maxItems)
            let encoder = ScheduleEncoder(format: .jsonl)
            let answered = Self.answer(parsed) { record throws(RecordError) in
                let schedule = try policy.engine.schedule(CaseHistory(record: record), asOf: asOf)
                return (encoder.encode(schedule), schedule.versionID)
            }
            return try await respond(answered, isArray: parsed.isArray, kind: .schedule, council: council, policy: policy, caller: caller, context: context)
        }
        add(.behaviour, to: router) { request, context, caller in
            let (council, policy) = try council(context, caller: caller)
            let asOf = try Self.asOf(request, required: false)
            let parsed = try RequestItems.parse(try await RequestBody.bytes(request, endpoint: .behaviour, limit: limits.maxBodyBytes), maxItems: limits.maxItems)
            let answered = BehaviourAnswer.findings(parsed, engine: policy.engine, asOf: asOf)
            try await recorder.record(
                answered, kind: .behaviour, council: council, policy: policy, caller: caller, requestID: context.requestID, logger: context.logger,
                metrics: metrics)
            metrics.decisions(answered.count { $0.decided }, kind: "behaviour")
            return Self.json(JSONText.array(answered.map(\.output)))
        }
    }

    /// `?as_of=YYYY-MM-DD`.
    static func asOf(_ request: Request, required: Bool) throws -> LocalDate? {
        guard let text = request.uri.queryParameters["as_of"].map(String.init) else {
            if required { throw Problem(.badRequest, "`as_of` is required", help: "add ?as_of=YYYY-MM-DD: the date to judge deadlines on") }
            return nil
        }
        guard let date = try? LocalDate(iso: text) else {
            throw Problem(.badRequest, "`as_of` must be a real date written YYYY-MM-DD, not `\(text)`")
        }
        return date
    }

    /// Records the answers, then gives them: a single object in gives a single object out (422
    /// when it failed); an array always answers 200 with an error record for each item that failed.
    func respond(
        _ answered: [AnsweredItem], isArray: Bool, kind: RecordKind, council: String, policy: ServingPolicy, caller: Identity,
        context: ServiceRequestContext
    ) async throws -> Response {
        try await recorder.record(
            answered, kind: kind, council: council, policy: policy, caller: caller, requestID: context.requestID, logger: context.logger, metrics: metrics)
        metrics.decisions(answered.count { $0.decided }, kind: kind.rawValue)
        let body = isArray ? JSONText.array(answered.map(\.output)) : (answered.first?.output ?? "{}")
        return Self.json(body, status: !isArray && answered.first?.decided == false ? .unprocessableContent : .ok)
    }

    /// The full path's classify of one read record: the decision as JSON (one line, no line break)
    /// and the version that made it.
    static func fullClassify(_ engine: Engine) -> (InputRecord) throws(RecordError) -> (String, String) {
        let encoder = DecisionEncoder(format: .jsonl)
        return { (record: InputRecord) throws(RecordError) -> (String, String) in
            let decision = try engine.classify(Complaint(record: record))
            var bytes: [UInt8] = []
            encoder.encode(decision, into: &bytes)
            if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
            return (String(decoding: bytes, as: UTF8.self), decision.versionID)
        }
    }

    /// One answer per item, in order: its result, or its error record (`line` is the item's
    /// 1-based position in the array).
    static func answer(
        _ parsed: (items: [RequestItems.Item], isArray: Bool), _ decide: (InputRecord) throws(RecordError) -> (String, String)
    ) -> [AnsweredItem] {
        parsed.items.map { answer($0, decide) }
    }

    static func answer(_ item: RequestItems.Item, _ decide: (InputRecord) throws(RecordError) -> (String, String)) -> AnsweredItem {
        switch item.fields {
        case .success(let fields):
            let record = InputRecord(line: item.index, fields: fields)
            let input = JSONText.object(fields.map { ($0.name, $0.rawJSON) })
            do throws(RecordError) {
                let (text, version) = try decide(record)
                return AnsweredItem(input: input, output: trimmed(text), subject: record.id, policyVersion: version, decided: true)
            } catch {
                let failure = RecordFailureEncoder.encode(RecordFailure(line: item.index, id: record.id, message: error.message))
                return AnsweredItem(input: input, output: trimmed(failure), subject: record.id, policyVersion: nil, decided: false)
            }
        case .failure(let error):
            let failure = RecordFailureEncoder.encode(RecordFailure(line: item.index, id: nil, message: error.message))
            return AnsweredItem(input: "null", output: trimmed(failure), subject: nil, policyVersion: nil, decided: false)
        }
    }

    static func trimmed(_ text: String) -> String { text.hasSuffix("\n") ? String(text.dropLast()) : text }
}

/// Behaviour: contacts grouped by complainant in order of first appearance; one finding per
/// complainant (advice for staff, never a decision), then an error record per unreadable contact.
enum BehaviourAnswer {
    static func findings(_ parsed: (items: [RequestItems.Item], isArray: Bool), engine: Engine, asOf: LocalDate?) -> [AnsweredItem] {
        var order: [String] = []
        var contacts: [String: [(ContactRecord, String)]] = [:]
        var failures: [AnsweredItem] = []
        for item in parsed.items {
            let input = (try? item.fields.get()).map { fields in JSONText.object(fields.map { ($0.name, $0.rawJSON) }) } ?? "null"
            let contact = item.fields.flatMap { fields in
                Result { () throws(RecordError) in try ContactRecord(record: InputRecord(line: item.index, fields: fields)) }
            }
            switch contact {
            case .success(let contact):
                if contacts[contact.complainant] == nil { order.append(contact.complainant) }
                contacts[contact.complainant, default: []].append((contact, input))
            case .failure(let error):
                let failure = RecordFailureEncoder.encode(RecordFailure(line: item.index, id: nil, message: error.message))
                failures.append(AnsweredItem(input: input, output: RedressService.trimmed(failure), subject: nil, policyVersion: nil, decided: false))
            }
        }
        let encoder = BehaviourEncoder(format: .jsonl)
        var answered: [AnsweredItem] = []
        for complainant in order {
            let history = contacts[complainant] ?? []
            let day = asOf ?? history.map(\.0.on).max() ?? LocalDate(dayNumber: 0)
            let input = JSONText.array(history.map(\.1))
            do throws(RecordError) {
                let report = try engine.behaviour(complainant: complainant, contacts: history.map(\.0), asOf: day)
                answered.append(
                    AnsweredItem(input: input, output: RedressService.trimmed(encoder.encode(report)), subject: complainant, policyVersion: report.versionID, decided: true))
            } catch {
                let failure = RecordFailureEncoder.encode(RecordFailure(line: history.first?.0.line ?? 0, id: complainant, message: error.message))
                answered.append(AnsweredItem(input: input, output: RedressService.trimmed(failure), subject: complainant, policyVersion: nil, decided: false))
            }
        }
        return answered + failures
    }
}
