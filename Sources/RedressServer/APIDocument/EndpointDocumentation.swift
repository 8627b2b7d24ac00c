/// What `openapi.yaml` says of each endpoint: summary, parameters, bodies and answers. Kept beside
/// `Endpoint` so the document is generated from the list the router is built from.
extension Endpoint {
    public var summary: String {
        switch self {
        case .health: "Liveness: the process answers"
        case .readiness: "Readiness: every council serves a checked policy and the records store answers"
        case .metrics: "Prometheus metrics"
        case .whoami: "The caller: name, credential, roles, councils, the operations it may call"
        case .listCouncils: "The caller's councils: versions, status, digest of what serves"
        case .policyText: "The text of the version in force, as it serves"
        case .classify: "Route and date complaints"
        case .schedule: "Replay case histories against the policy"
        case .behaviour: "Which unreasonable-behaviour criteria contacts may meet (advice for staff)"
        case .findRecords: "Every decision recorded about a complaint, newest first"
        case .checkPolicy: "Check a policy draft"
        case .draftDiagram: "A draft's process diagram"
        case .draftTests: "The council's tests run against a draft"
        case .draftClassify: "A complaint decided by a draft, with the rules tried"
        case .draftDiff: "A draft compared with the version in force, or with another text (`base`)"
        case .saveDraft: "Save a named draft on the server"
        case .listDrafts: "A council's saved drafts, most recently saved first"
        case .getDraft: "A saved draft with its text and comments"
        case .updateDraft: "Replace a saved draft's text"
        case .commentDraft: "Comment on a line of a saved draft"
        case .adoptDraft: "Adopt a draft that passes check and its council's tests as a new version in the library"
        }
    }

    /// Query parameters: name, required, schema, description.
    var queryParameters: [(name: String, required: Bool, schema: String, description: String)] {
        switch self {
        case .schedule: [("as_of", true, "{ type: string, format: date }", "The date to judge deadlines on.")]
        case .behaviour: [("as_of", false, "{ type: string, format: date }", "The date to judge on (default: each complainant's latest contact).")]
        case .checkPolicy: [("path", false, "{ type: string }", "The file name to report diagnostics against.")]
        case .listDrafts: [("council", true, "{ type: string, pattern: \"^[a-z][a-z0-9-]*$\" }", "The council whose drafts to list.")]
        default: []
        }
    }

    /// The request body's schema by media type.
    var requestSchemas: [(type: String, schema: String)] {
        switch self {
        case .classify: [("application/json", "{ $ref: \"#/components/schemas/ComplaintOrArray\" }")]
        case .schedule: [("application/json", "{ $ref: \"#/components/schemas/CaseHistoryOrArray\" }")]
        case .behaviour: [("application/json", "{ $ref: \"#/components/schemas/ContactOrArray\" }")]
        case .checkPolicy:
            [
                ("application/json", "{ $ref: \"#/components/schemas/PolicyText\" }"), ("application/yaml", "{ type: string }"),
                ("text/plain", "{ type: string }"),
            ]
        case .draftDiagram, .draftTests, .draftDiff: [("application/json", "{ $ref: \"#/components/schemas/Draft\" }")]
        case .draftClassify: [("application/json", "{ $ref: \"#/components/schemas/DraftWithComplaint\" }")]
        case .saveDraft: [("application/json", "{ $ref: \"#/components/schemas/NewDraft\" }")]
        case .updateDraft: [("application/json", "{ $ref: \"#/components/schemas/DraftText\" }")]
        case .commentDraft: [("application/json", "{ $ref: \"#/components/schemas/NewComment\" }")]
        case .adoptDraft: [("application/json", "{ $ref: \"#/components/schemas/Adoption\" }")]
        default: []
        }
    }

    /// The successful answer: status, media type, schema.
    var success: (status: String, type: String, schema: String) {
        switch self {
        case .health: ("200", "application/json", "{ $ref: \"#/components/schemas/Health\" }")
        case .readiness: ("200", "application/json", "{ $ref: \"#/components/schemas/Readiness\" }")
        case .metrics: ("200", "text/plain", "{ type: string }")
        case .whoami: ("200", "application/json", "{ $ref: \"#/components/schemas/Caller\" }")
        case .listCouncils: ("200", "application/json", "{ $ref: \"#/components/schemas/CouncilList\" }")
        case .policyText: ("200", "application/json", "{ $ref: \"#/components/schemas/PolicyInForce\" }")
        case .classify: ("200", "application/json", "{ $ref: \"#/components/schemas/DecisionOrArray\" }")
        case .schedule: ("200", "application/json", "{ $ref: \"#/components/schemas/ScheduleOrArray\" }")
        case .behaviour: ("200", "application/json", "{ type: array, items: { oneOf: [{ $ref: \"#/components/schemas/BehaviourFinding\" }, { $ref: \"#/components/schemas/ErrorRecord\" }] } }")
        case .findRecords: ("200", "application/json", "{ $ref: \"#/components/schemas/RecordList\" }")
        case .checkPolicy: ("200", "application/json", "{ $ref: \"#/components/schemas/CheckResult\" }")
        case .draftDiagram: ("200", "application/json", "{ $ref: \"#/components/schemas/Diagram\" }")
        case .draftTests: ("200", "application/json", "{ $ref: \"#/components/schemas/TestReport\" }")
        case .draftClassify: ("200", "application/json", "{ $ref: \"#/components/schemas/DraftDecision\" }")
        case .draftDiff: ("200", "application/json", "{ $ref: \"#/components/schemas/DraftDiff\" }")
        case .saveDraft: ("201", "application/json", "{ $ref: \"#/components/schemas/SavedDraft\" }")
        case .listDrafts: ("200", "application/json", "{ $ref: \"#/components/schemas/DraftList\" }")
        case .getDraft, .updateDraft: ("200", "application/json", "{ $ref: \"#/components/schemas/SavedDraft\" }")
        case .commentDraft: ("201", "application/json", "{ $ref: \"#/components/schemas/SavedDraft\" }")
        case .adoptDraft: ("201", "application/json", "{ $ref: \"#/components/schemas/Adopted\" }")
        }
    }

    /// Other answers and what they mean here.
    var failures: [(status: String, description: String)] {
        var failures: [(String, String)] = []
        if roles != nil {
            failures += [("401", "No credential, or one the service does not accept."), ("403", "The credential lacks the role, or is not for that council."), ("429", "Too many requests from this credential.")]
        }
        if body != .none {
            failures += [("400", "The body or a parameter is not what the operation takes."), ("413", "The body, or the number of items, is over the limit."), ("415", "The body is not of a documented type.")]
        } else if self == .schedule || self == .behaviour || self == .listDrafts {
            failures.append(("400", "A parameter is not what the operation takes."))
        }
        if path.contains("{council}") || self == .saveDraft { failures.append(("404", "No such council, or it was removed from the library.")) }
        switch self {
        case .classify, .schedule, .behaviour: failures.append(("503", "The records store could not commit (no decision is given without its record), or the council's policy was rejected."))
        case .policyText: failures.append(("503", "The council's policy was rejected and none serves."))
        case .findRecords: failures.append(("503", "The records store cannot be read."))
        case .readiness: failures.append(("503", "Not ready: the problems are listed."))
        case .draftDiagram: failures.append(("503", "Every diagram worker is busy."))
        case .saveDraft, .listDrafts, .getDraft, .updateDraft, .commentDraft, .adoptDraft:
            failures.append(("503", "The records database (where drafts are kept) cannot be used, or none is configured."))
        default: break
        }
        if [.classify, .schedule].contains(self) { failures.append(("422", "The single item could not be decided: its error record.")) }
        if [.draftDiagram, .draftTests, .draftClassify, .draftDiff].contains(self) { failures.append(("422", "The draft has errors: its diagnostics.")) }
        if path.contains("{draft}") { failures.append(("404", "No such draft.")) }
        if self == .adoptDraft {
            failures.append(("409", "A version with that id, or that first day, is already in the library."))
            failures.append(("422", "The draft fails check or its council's tests: the reasons."))
        }
        return failures.sorted { $0.0 < $1.0 }
    }

    /// The schema of a 422 answer.
    var unprocessableSchema: String {
        switch self {
        case .classify, .schedule: "{ $ref: \"#/components/schemas/ErrorRecord\" }"
        case .adoptDraft: "{ $ref: \"#/components/schemas/AdoptionRefused\" }"
        default: "{ $ref: \"#/components/schemas/DraftProblems\" }"
        }
    }
}
