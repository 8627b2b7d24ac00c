import RedressDiagnostics
import RedressCalendar
import RedressPolicy

/// One entry of a complainant's contact history (JSON Lines or CSV, one per line).
public struct ContactRecord: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Any contact (call, email, letter, visit).
        case contact
        /// A new complaint (with `service` and `categories`, for repeat-complaint signals).
        case complaint
        /// A request to review a response (`procedure_exhausted: true` once the procedure has ended).
        case reviewRequest = "review-request"
        /// The same issue raised through another route (`route`) while a complaint (`case`) is open.
        case parallel
        /// A criterion recorded by staff (`criterion`, `officer`): for criteria with no signal.
        case staffFlag = "staff-flag"
        /// A decision to restrict contact (`decided_by`, `criteria`, `restriction`).
        case restriction
    }

    public var line: Int
    public var complainant: String
    public var on: LocalDate
    public var kind: Kind
    public var channel: String?
    public var caseID: String?
    public var service: String?
    public var categories: [String]
    public var route: String?
    public var procedureExhausted: Bool
    public var criterion: String?
    public var criteria: [String]
    public var officer: String?
    public var restriction: String?

    public init(record: InputRecord) throws(RecordError) {
        func text(_ name: String) throws(RecordError) -> String? { try record.text(name, numbers: true) }
        func list(_ name: String) throws(RecordError) -> [String] {
            switch record.field(name)?.value {
            case nil, .null?: return []
            case .string(let value)?: return value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            case .array(let items)?:
                var result: [String] = []
                for item in items {
                    guard case .string(let value) = item else { throw RecordError("`\(name)` must be a list of text") }
                    result.append(value)
                }
                return result
            default: throw RecordError("`\(name)` must be a list of text")
            }
        }
        if let problem = FieldContract.contact.problem(in: record.fields.map(\.name)) { throw RecordError(problem) }
        guard let complainant = try text("complainant") else { throw RecordError("missing `complainant`") }
        guard let onText = try text("on") else { throw RecordError("missing `on`") }
        do {
            on = try LocalDateTime(iso: onText).date
        } catch {
            throw RecordError("\(error)")
        }
        let kindText = try text("kind") ?? "contact"
        guard let kind = Kind(rawValue: kindText) else {
            throw RecordError("unknown kind `\(kindText)` (expected one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        line = record.line
        self.complainant = complainant
        self.kind = kind
        channel = try text("channel")
        caseID = try text("case")
        service = try text("service")
        categories = try list("categories")
        route = try text("route")
        if let route, !Vocabulary.parallelRoutes.contains(route) {
            let hint = SpellingSuggestion.closest(to: route, in: Vocabulary.parallelRoutes).map { "did you mean `\($0)`? " } ?? ""
            throw RecordError("unknown route `\(route)`; \(hint)expected one of: \(Vocabulary.parallelRoutes.joined(separator: ", "))")
        }
        switch record.field("procedure_exhausted")?.value {
        case nil, .null?: procedureExhausted = false
        case .bool(let value)?: procedureExhausted = value
        case .string("true")?: procedureExhausted = true
        case .string("false")?: procedureExhausted = false
        default:
            // "yes", "Y", 1: refused rather than read as false.
            throw RecordError("`procedure_exhausted` must be true or false")
        }
        criterion = try text("criterion")
        criteria = try list("criteria")
        let recordedBy = try text("officer")
        let decidedBy = try text("decided_by")
        officer = recordedBy ?? decidedBy
        restriction = try text("restriction")
        switch kind {
        case .parallel where route == nil: throw RecordError("a `parallel` contact needs `route`")
        case .staffFlag where criterion == nil || officer == nil: throw RecordError("a `staff-flag` needs `criterion` and `officer`")
        case .restriction where criteria.isEmpty || officer == nil || restriction == nil:
            throw RecordError("a `restriction` needs `decided_by`, `criteria` and `restriction`")
        case .complaint where service == nil: throw RecordError("a `complaint` contact needs `service`")
        default: break
        }
    }
}

import Foundation
