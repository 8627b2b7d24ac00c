import Foundation
import Hummingbird
import NIOCore
import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressFormats
import RedressPolicy
import RedressPolicyTools
import Synchronization

/// `POST /v1/check` and the workbench's draft endpoints: a draft's diagram, its council's tests,
/// a complaint decided with its explanation, and the diff against the version in force.
extension RedressService {
    func addPolicyRoutes(to router: Router<ServiceRequestContext>) {
        add(.checkPolicy, to: router) { request, _, _ in
            let (text, path) = try await Self.policyText(request, limit: limits.maxBodyBytes)
            let loader = PolicyLoader(library: PolicyLibrary(root: registry.library))
            var result = loader.load(bytes: Array(text.utf8), path: path)
            result.diagnostics += PolicyChecker.standard.check(result)
            let renderer = DiagnosticRenderer(sources: result.sources)
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            return Self.json(
                JSONText.object([
                    ("valid", String(errors == 0)), ("errors", String(errors)),
                    ("diagnostics", JSONText.array(result.diagnostics.map(renderer.renderJSON))),
                ]))
        }
        for endpoint in [Endpoint.draftDiagram, .draftTests, .draftClassify, .draftDiff] {
            add(endpoint, to: router) { request, context, caller in
                let limit = endpoint == .draftDiagram ? min(diagramMaxBytes, limits.maxBodyBytes) : limits.maxBodyBytes
                let draft = try DraftRequest(try await RequestBody.object(request, endpoint: endpoint, limit: limit))
                try Self.authorize(caller, endpoint, council: draft.council)
                let folder = registry.library + "/councils/" + draft.council
                let workbench: DraftWorkbench
                do throws(DiagnosticList) {
                    workbench = try DraftWorkbench(text: draft.policy, path: "draft.yaml", library: PolicyLibrary(root: registry.library), councilFolder: folder)
                } catch {
                    let renderer = DiagnosticRenderer(sources: error.sources)
                    return Self.json(
                        JSONText.object([
                            ("valid", "false"), ("detail", JSONText.quoted("the draft has errors; fix them first")),
                            ("diagnostics", JSONText.array(error.diagnostics.map(renderer.renderJSON))),
                        ]), status: .unprocessableContent)
                }
                switch endpoint {
                case .draftDiagram: return Self.json(try await diagram(workbench, channel: context))
                case .draftTests: return Self.json(workbench.testsJSON(council: draft.council))
                case .draftDiff: return Self.json(workbench.diffJSON(inForceOn: CouncilListing.ukDate(Date()), council: draft.council, base: draft.base))
                default:
                    guard let complaint = draft.complaint else { throw Problem(.badRequest, "`complaint` is required") }
                    return Self.json(workbench.classifyJSON(complaint, asOf: draft.asOf ?? CouncilListing.ukDate(Date())))
                }
            }
        }
    }

    /// The draft's diagram, drawn by Graphviz within its limits; the Mermaid text when it cannot be.
    func diagram(_ workbench: DraftWorkbench, channel context: ServiceRequestContext) async throws -> String {
        guard let graphviz else { return workbench.diagramJSON(svg: nil, note: "Graphviz is not installed on the server: the Mermaid text is shown instead") }
        // The client going away closes its connection: the drawing is cancelled then.
        let gone = ClientGone(context.channel)
        do {
            let svg = try await graphviz.svg(workbench.dot) { gone.value }
            return workbench.diagramJSON(svg: svg, note: nil)
        } catch .busy {
            throw Problem(.serviceUnavailable, "every diagram worker is busy", help: "try again in a moment", headers: [.retryAfter: "2"])
        } catch .timedOut {
            return workbench.diagramJSON(svg: nil, note: "the diagram took longer than \(graphviz.timeout) to draw: the Mermaid text is shown instead")
        } catch .cancelled {
            throw Problem(.serviceUnavailable, "the request was cancelled")
        } catch .failed(let reason) {
            return workbench.diagramJSON(svg: nil, note: reason)
        }
    }

    /// A policy sent as JSON `{"text": "<YAML>", "path": "draft.yaml"}`, or as the YAML itself.
    static func policyText(_ request: Request, limit: Int) async throws -> (text: String, path: String) {
        let bytes = try await RequestBody.bytes(request, endpoint: .checkPolicy, limit: limit)
        guard !bytes.isEmpty else { throw Problem(.badRequest, "the request body is empty", help: "send the policy's YAML text") }
        let queryPath = request.uri.queryParameters["path"].map(String.init)
        if RequestBody.mediaType(request) == "application/json" {
            guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], let text = object["text"] as? String else {
                throw Problem(.badRequest, "the body must be a JSON object with `text`", help: "{\"text\": \"<YAML>\", \"path\": \"draft.yaml\"}")
            }
            return (text, object["path"] as? String ?? queryPath ?? "draft.yaml")
        }
        return (String(decoding: bytes, as: UTF8.self), queryPath ?? "draft.yaml")
    }
}

/// `{"council": id, "policy": "<YAML>", "complaint": {…}}`.
struct DraftRequest {
    var council: String
    var policy: String
    var complaint: [RecordField]?
    /// For the diff: another text to compare with (a saved draft) instead of the version in force.
    var base: String?
    /// For a complaint with `events`: the date its schedule is judged on.
    var asOf: LocalDate?

    init(_ object: [String: Any]) throws {
        guard let council = object["council"] as? String, CouncilFolderName.isCouncilID(council) else {
            throw Problem(.badRequest, "`council` must name a council folder")
        }
        guard let policy = object["policy"] as? String else { throw Problem(.badRequest, "`policy` must hold the draft's YAML text") }
        self.council = council
        self.policy = policy
        if let base = object["base"] {
            guard let text = base as? String else { throw Problem(.badRequest, "`base` must hold YAML text") }
            self.base = text
        }
        if let asOf = object["as_of"] {
            guard let text = asOf as? String, let date = try? LocalDate(iso: text) else { throw Problem(.badRequest, "`as_of` must be a date (YYYY-MM-DD)") }
            self.asOf = date
        }
        if let fields = object["complaint"] {
            guard JSONSerialization.isValidJSONObject(fields), let data = try? JSONSerialization.data(withJSONObject: fields) else {
                throw Problem(.badRequest, "`complaint` must be an object")
            }
            do {
                complaint = try JSONObjectReader.read(Array(data))
            } catch {
                throw Problem(.badRequest, "`complaint`: \(error.message)")
            }
        }
    }
}

/// Becomes true when a connection closes.
final class ClientGone: Sendable {
    private let closed = Atomic<Bool>(false)

    init(_ channel: any Channel) {
        channel.closeFuture.whenComplete { [weak self] _ in self?.closed.store(true, ordering: .relaxed) }
    }

    var value: Bool { closed.load(ordering: .relaxed) }
}
