import Foundation
import Hummingbird
import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressPolicy
import RedressPolicyTools

/// The workbench's routes: a council's policy text, and a draft's diagram, tests, a complaint
/// decided with its explanation, and the diff against the version in force. Drafts are never stored.
extension RedressAPI {
    struct DraftRequest {
        var council: String
        var policy: String
        var complaint: [RecordField]?
    }

    func addDraftRoutes(to router: Router<BasicRequestContext>) {
        router.get("/v1/councils/:council/policy") { _, context in
            let council = try await council(context)
            guard let version = council.engine?.version(on: CouncilListing.ukDate(Date())) ?? council.engine?.versions.last else {
                throw Problem(.notFound, "the council has no policy serving")
            }
            let path = version.policy.path
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return Self.json(
                JSONText.object([
                    ("council", JSONText.quoted(council.id)), ("version", JSONText.quoted(version.policy.version.id)),
                    ("file", JSONText.quoted((path as NSString).lastPathComponent)), ("text", JSONText.quoted(text)),
                    ("services", JSONText.array(version.policy.services.map(JSONText.quoted))),
                ]))
        }
        router.post("/v1/draft/:action") { request, context in
            let action = try context.parameters.require("action")
            guard ["diagram", "test", "classify", "diff"].contains(action) else {
                throw Problem(.notFound, "no draft action `\(action)`", help: "one of: diagram, test, classify, diff")
            }
            let draft = try await draftRequest(request)
            let folder = registry.library + "/councils/" + draft.council
            let workbench: DraftWorkbench
            do throws(DiagnosticList) {
                workbench = try DraftWorkbench(
                    text: draft.policy, path: "draft.yaml", library: PolicyLibrary(root: registry.library), councilFolder: folder)
            } catch {
                let renderer = DiagnosticRenderer(sources: error.sources)
                return Self.json(
                    JSONText.object([
                        ("valid", "false"), ("detail", JSONText.quoted("the draft has errors; fix them first")),
                        ("diagnostics", JSONText.array(error.diagnostics.map(renderer.renderJSON))),
                    ]), status: .unprocessableContent)
            }
            switch action {
            case "diagram": return Self.json(workbench.diagramJSON(graphviz: Self.graphviz))
            case "test": return Self.json(workbench.testsJSON(council: draft.council))
            case "diff": return Self.json(workbench.diffJSON(inForceOn: CouncilListing.ukDate(Date()), council: draft.council))
            default:
                guard let complaint = draft.complaint else { throw Problem(.badRequest, "`complaint` is required") }
                return Self.json(workbench.classifyJSON(complaint))
            }
        }
    }

    /// `{"council": id, "policy": "<YAML>", "complaint": {…}}`.
    func draftRequest(_ request: Request) async throws -> DraftRequest {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limits.maxBodyBytes)
        } catch {
            throw Problem(.contentTooLarge, "the request body is larger than \(limits.maxBodyBytes) bytes")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else {
            throw Problem(.badRequest, "the body must be a JSON object", help: "{\"council\": \"north-somerset\", \"policy\": \"<YAML text>\"}")
        }
        guard let council = object["council"] as? String, DecodeIdentifier.isValid(council) else {
            throw Problem(.badRequest, "`council` must name a council folder")
        }
        guard let policy = object["policy"] as? String else { throw Problem(.badRequest, "`policy` must hold the draft's YAML text") }
        var complaint: [RecordField]?
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
        return DraftRequest(council: council, policy: policy, complaint: complaint)
    }

    /// Graphviz's `dot`, when installed.
    static let graphviz: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        .map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Council ids are folder names: letters, digits and hyphens only (never a path).
enum DecodeIdentifier {
    static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ($0.properties.isLowercase && $0.isASCII) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
