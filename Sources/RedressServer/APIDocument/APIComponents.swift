import RedressEngine

extension APIDocument {
    /// Security schemes, parameters and schemas; the `Decision` schema comes from `DecisionField`.
    static var components: String {
        """
        components:
          securitySchemes:
            bearer:
              type: http
              scheme: bearer
              description: An API key (`rdk_…`, made by `redress-server keys add`) or a JWT from the council's identity provider.
            clientCertificate:
              type: mutualTLS
              description: A TLS client certificate from the configured CA whose subject the keys file names.
          parameters:
            council:
              name: council
              in: path
              required: true
              schema: { type: string, pattern: "^[a-z][a-z0-9-]*$" }
              description: A council of the library, e.g. north-somerset.
            id:
              name: id
              in: path
              required: true
              schema: { type: string }
              description: A complaint's id (a complainant's, for behaviour findings).
            draft:
              name: draft
              in: path
              required: true
              schema: { type: string, pattern: "^[a-z0-9-]+$" }
              description: A saved draft's id (from saveDraft or listDrafts).
          schemas:
            Problem:
              type: object
              description: An RFC 9457 problem document.
              required: [type, title, status, detail]
              properties:
                type: { type: string }
                title: { type: string }
                status: { type: integer }
                detail: { type: string }
                help: { type: string }
            ErrorRecord:
              type: object
              required: [line, id, error]
              properties:
                line: { type: integer, minimum: 1, description: The item's 1-based position in the request. }
                id: { type: [string, "null"] }
                error: { type: string }
            Complaint:
              type: object
              description: A complaint (docs/input-output.md); unknown fields pass through.
              required: [id, received]
              properties:
                id: { type: string }
                received: { type: string, description: "A date (YYYY-MM-DD) or date-time with an offset." }
                type: { type: string, enum: [complaint, compliment, comment, suggestion] }
                service: { type: string }
                categories: { type: array, items: { type: string } }
                channel: { type: string }
                made_by: { type: string }
                aware_on: { type: string, format: date }
                text: { type: string }
            ComplaintOrArray:
              oneOf:
                - $ref: "#/components/schemas/Complaint"
                - { type: array, maxItems: 10000, items: {}, description: "An item that is not a valid complaint becomes its error record." }
            CaseHistory:
              type: object
              description: A complaint and its events (docs/input-output.md, "Case histories").
              required: [id, received]
              properties:
                id: { type: string }
                received: { type: string }
                events:
                  type: array
                  items:
                    type: object
                    required: [on, event]
                    additionalProperties: false
                    properties:
                      \(caseEventProperties)
            CaseHistoryOrArray:
              oneOf:
                - $ref: "#/components/schemas/CaseHistory"
                - { type: array, maxItems: 10000, items: {} }
            Contact:
              type: object
              description: A contact record (docs/behaviour.md).
              required: [complainant, on]
              properties:
                complainant: { type: string }
                on: { type: string, format: date }
            ContactOrArray:
              oneOf:
                - $ref: "#/components/schemas/Contact"
                - { type: array, maxItems: 10000, items: {} }
        \(decisionSchema)
            DecisionOrArray:
              oneOf:
                - $ref: "#/components/schemas/Decision"
                - { type: array, items: { oneOf: [{ $ref: "#/components/schemas/Decision" }, { $ref: "#/components/schemas/ErrorRecord" }] } }
            Schedule:
              type: object
              description: A case's schedule as of a date (docs/input-output.md, "Schedules").
              required: [id, policy, type, procedure, excluded, status, next_due, stages]
              properties:
                id: { type: string }
                policy: { type: object, required: [council, version], properties: { council: { type: string }, version: { type: string } } }
                type: { type: string }
                procedure: { type: [string, "null"] }
                excluded: { type: boolean }
                status: { type: string, enum: [open, due-soon, overdue, closed, delete-due] }
                next_due: { oneOf: [{ type: "null" }, { type: object, required: [what, due], properties: { what: { type: string }, due: { type: string, format: date } } }] }
                stages: { type: array, items: { type: object, required: [stage], properties: { stage: { type: string } } } }
                delete_after: { type: [string, "null"] }
                time_limit_waived: { type: string, format: date }
                refusal: { type: object, required: [on, refused, reason], properties: { on: { type: string, format: date }, refused: { enum: [out-of-time, escalation] }, stage: { type: string }, reason: { type: [string, "null"] } } }
                alternative_resolution: { type: array, items: { type: object, required: [on, stage, means, resolved], properties: { on: { type: string, format: date }, stage: { type: string }, means: { type: string }, resolved: { type: boolean }, remedy: { type: string } } } }
                joint: { type: object, required: [on, partner, partner_name, lead, partner_respond_by], properties: { on: { type: string, format: date }, partner: { type: string }, partner_name: { type: string }, lead: { enum: [\(CaseEvent.JointLead.allCases.map(\.rawValue).joined(separator: ", "))] }, partner_respond_by: { type: [string, "null"] } } }
                ombudsman_decision: { type: object, required: [on, finding, complied_on], properties: { on: { type: string, format: date }, finding: { enum: [\(CaseEvent.OmbudsmanFinding.allCases.map(\.rawValue).joined(separator: ", "))] }, remedy: { type: string }, remedy_type: { enum: [\(CaseEvent.RemedyType.allCases.map(\.rawValue).joined(separator: ", "))] }, remedy_amount: { type: number }, complied_on: { type: [string, "null"] } } }
                flags: { type: array, items: { type: string } }
            ScheduleOrArray:
              oneOf:
                - $ref: "#/components/schemas/Schedule"
                - { type: array, items: { oneOf: [{ $ref: "#/components/schemas/Schedule" }, { $ref: "#/components/schemas/ErrorRecord" }] } }
            BehaviourFinding:
              type: object
              description: "Which criteria a complainant's contacts may meet: advice for staff, never a decision (docs/behaviour.md)."
              required: [complainant, policy, contacts, criteria_met]
              properties:
                complainant: { type: string }
                policy: { type: object, required: [council, version], properties: { council: { type: string }, version: { type: string } } }
                contacts: { type: integer }
                criteria_met: { type: array, items: { type: object } }
            Health:
              type: object
              required: [status]
              properties: { status: { const: ok } }
            Readiness:
              type: object
              required: [status]
              properties:
                status: { enum: [ready, not ready] }
                councils: { type: integer }
                problems: { type: array, items: { type: string } }
            Caller:
              type: object
              required: [name, credential, roles, councils, may]
              properties:
                name: { type: string }
                credential: { enum: [key, token, certificate] }
                roles: { type: array, items: { enum: [read, decide, draft, admin] } }
                councils: { oneOf: [{ const: all }, { type: array, items: { type: string } }] }
                may: { type: array, items: { type: string }, description: The operationIds the caller may call. }
            Diagnostic:
              type: object
              required: [severity, id, message]
              properties:
                severity: { enum: [error, warning, note] }
                id: { type: string }
                message: { type: string }
                help: { type: string }
                file: { type: string }
                line: { type: integer }
                column: { type: integer }
            Council:
              type: object
              required: [id, name, status, serving, detail, since, versions, in_force, digest, loaded_at, diagnostics]
              properties:
                id: { type: string }
                name: { type: [string, "null"] }
                status: { enum: [serving, rejected, missing, removed], description: What is serving now. }
                serving: { type: boolean }
                detail: { type: [string, "null"] }
                since: { type: string, description: When the status last changed (UTC). }
                versions:
                  type: array
                  items:
                    type: object
                    required: [id, effective_from, effective_to]
                    properties:
                      id: { type: string }
                      effective_from: { type: string, format: date }
                      effective_to: { type: [string, "null"] }
                in_force: { type: [string, "null"] }
                digest: { type: [string, "null"], description: SHA-256 of the policy files serving. }
                loaded_at: { type: [string, "null"] }
                diagnostics: { type: array, items: { $ref: "#/components/schemas/Diagnostic" } }
            CouncilList:
              type: object
              required: [councils]
              properties:
                councils: { type: array, items: { $ref: "#/components/schemas/Council" } }
            PolicyInForce:
              type: object
              required: [council, version, file, text, services]
              properties:
                council: { type: string }
                version: { type: string }
                file: { type: string }
                text: { type: string }
                digest: { type: string }
                services: { type: array, items: { type: string } }
            Record:
              type: object
              description: A decision record (docs/records.md).
              required: [sequence, hash, time, request_id, caller, kind, subject, policy_version, policy_sha256, input, result]
              properties:
                sequence: { type: integer, minimum: 1 }
                hash: { type: string }
                time: { type: string }
                request_id: { type: string }
                caller: { type: string }
                kind: { enum: [classify, schedule, behaviour, imported] }
                subject: { type: [string, "null"] }
                policy_version: { type: [string, "null"] }
                policy_sha256: { type: [string, "null"] }
                input: {}
                result: {}
            RecordList:
              type: object
              required: [council, id, records]
              properties:
                council: { type: string }
                id: { type: string }
                records: { type: array, items: { $ref: "#/components/schemas/Record" } }
            PolicyText:
              type: object
              required: [text]
              properties:
                text: { type: string, description: The policy's YAML. }
                path: { type: string, description: The file name to report diagnostics against. }
            CheckResult:
              type: object
              required: [valid, errors, diagnostics]
              properties:
                valid: { type: boolean }
                errors: { type: integer, minimum: 0 }
                diagnostics: { type: array, items: { $ref: "#/components/schemas/Diagnostic" } }
            Draft:
              type: object
              required: [council, policy]
              properties:
                council: { type: string, pattern: "^[a-z][a-z0-9-]*$" }
                policy: { type: string, description: The draft's YAML. }
                base: { type: string, description: "For the diff: the text to compare with instead of the version in force (another draft)." }
            NewDraft:
              type: object
              required: [council, name, policy]
              properties:
                council: { type: string, pattern: "^[a-z][a-z0-9-]*$" }
                name: { type: string, minLength: 1, maxLength: 120 }
                policy: { type: string, description: The draft's YAML. }
            DraftText:
              type: object
              required: [policy]
              properties:
                policy: { type: string }
                name: { type: string, minLength: 1, maxLength: 120 }
            NewComment:
              type: object
              required: [line, text]
              properties:
                line: { type: integer, minimum: 1 }
                text: { type: string, minLength: 1, maxLength: 4000 }
            SavedDraft:
              type: object
              required: [id, council, name, author, created, updated, policy, comments]
              properties:
                id: { type: string }
                council: { type: string }
                name: { type: string }
                author: { type: string }
                created: { type: string, format: date-time }
                updated: { type: string, format: date-time }
                policy: { type: string }
                comments:
                  type: array
                  items:
                    type: object
                    required: [line, author, text, on]
                    properties: { line: { type: integer }, author: { type: string }, text: { type: string }, on: { type: string, format: date-time } }
                adopted: { $ref: "#/components/schemas/Adopted" }
            DraftList:
              type: object
              required: [drafts]
              properties:
                drafts: { type: array, items: { $ref: "#/components/schemas/SavedDraft" } }
            Adoption:
              type: object
              required: [version, effective_from, approved_by, approved_on]
              properties:
                version: { type: string, pattern: "^[A-Za-z0-9][A-Za-z0-9.-]*$" }
                effective_from: { type: string, format: date }
                approved_by: { type: string, minLength: 1 }
                approved_on: { type: string, format: date }
                minute: { type: string }
            Adopted:
              type: object
              required: [version, effective_from, file, by, on]
              properties:
                version: { type: string }
                effective_from: { type: string, format: date }
                file: { type: string, description: The new version file, relative to the library. }
                by: { type: string }
                on: { type: string, format: date-time }
            AdoptionRefused:
              type: object
              required: [detail, reasons]
              properties:
                detail: { type: string }
                reasons: { type: array, items: { type: string } }
            DraftWithComplaint:
              type: object
              required: [council, policy, complaint]
              properties:
                council: { type: string, pattern: "^[a-z][a-z0-9-]*$" }
                policy: { type: string }
                complaint: { $ref: "#/components/schemas/Complaint", description: "A complaint; with `events` (as in CaseHistory) the answer also holds its schedule." }
                as_of: { type: string, format: date, description: "The date a complaint with events is scheduled as of (default today, UK time)." }
            DraftProblems:
              type: object
              required: [valid, detail, diagnostics]
              properties:
                valid: { const: false }
                detail: { type: string }
                diagnostics: { type: array, items: { $ref: "#/components/schemas/Diagnostic" } }
            Diagram:
              type: object
              required: [title, svg, mermaid, text]
              properties:
                title: { type: string }
                svg: { type: [string, "null"] }
                mermaid: { type: string }
                text: { type: string }
                note: { type: string }
            TestReport:
              type: object
              required: [passed, failed, files]
              properties:
                passed: { type: integer }
                failed: { type: integer }
                files: { type: array, items: { type: object } }
            DraftDecision:
              type: object
              properties:
                decision: { $ref: "#/components/schemas/Decision" }
                working_days_to_respond: { type: [integer, "null"] }
                rule_line: { type: integer }
                rule_column: { type: integer }
                error: { type: string }
                schedule: { $ref: "#/components/schemas/Schedule" }
                schedule_error: { type: string, description: "Why the complaint's events make no sense (the decision still stands)." }
            DraftDiff:
              type: object
              properties:
                council: { type: string }
                old: { type: object }
                new: { type: object }
                changes: { type: array, items: { type: object, required: [area, description], properties: { area: { type: string }, description: { type: string } } } }
                classes: { type: object }
                impact: { type: [object, "null"] }
                error: { type: string }

        """
    }
}
