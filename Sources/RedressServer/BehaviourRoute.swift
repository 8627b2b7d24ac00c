import Hummingbird
import RedressCalendar
import RedressDiagnostics
import RedressEngine

extension RedressAPI {
    /// `POST /v1/councils/{council}/behaviour[?as_of=DATE]`: contact records (one object or an
    /// array) grouped by complainant in order of first appearance; one finding per complainant
    /// (advice for staff, never a decision), then an error record per contact that could not be read.
    func addBehaviour(to router: Router<BasicRequestContext>) {
        router.post("/v1/councils/:council/behaviour") { request, context in
            let council = try await council(context)
            let engine = try council.engine.orThrow()
            var asOf: LocalDate?
            if let text = request.uri.queryParameters["as_of"].map(String.init) {
                guard let date = try? LocalDate(iso: text) else {
                    throw Problem(.badRequest, "`as_of` must be a real date written YYYY-MM-DD, not `\(text)`")
                }
                asOf = date
            }
            let parsed = try await body(request)
            var order: [String] = []
            var contacts: [String: [ContactRecord]] = [:]
            var objects: [String] = []
            var failures: [String] = []
            for item in parsed.items {
                let contact = item.fields.flatMap { fields in
                    Result { () throws(RecordError) in try ContactRecord(record: InputRecord(line: item.index, fields: fields)) }
                }
                switch contact {
                case .success(let contact):
                    if contacts[contact.complainant] == nil { order.append(contact.complainant) }
                    contacts[contact.complainant, default: []].append(contact)
                case .failure(let error):
                    failures.append(RecordFailureEncoder.encode(RecordFailure(line: item.index, id: nil, message: error.message)))
                }
            }
            let encoder = BehaviourEncoder(format: .jsonl)
            for complainant in order {
                let history = contacts[complainant] ?? []
                let day = asOf ?? history.map(\.on).max() ?? LocalDate(dayNumber: 0)
                do throws(RecordError) {
                    objects.append(encoder.encode(try engine.behaviour(complainant: complainant, contacts: history, asOf: day)))
                } catch {
                    failures.append(RecordFailureEncoder.encode(RecordFailure(line: history.first?.line ?? 0, id: complainant, message: error.message)))
                }
            }
            metrics.decisions(objects.count, kind: "behaviour")
            let all = (objects + failures).map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
            return Self.json(JSONText.array(all))
        }
    }
}
