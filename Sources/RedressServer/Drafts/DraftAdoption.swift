import Foundation
import Hummingbird
import RedressCalendar
import RedressDiagnostics
import RedressEngine
import RedressPolicy
import RedressPolicyTools
import RedressRecords

/// `POST /v1/drafts/{draft}/adopt`: an admin turns a draft into the council's next version. The
/// draft's `version:` is rewritten with the id, the first day and the approval; the result must
/// pass check and the council's tests; it is written into the council's folder atomically (a
/// temporary file renamed into place, never a half-written version) under a name no version has,
/// and the hot reload serves it from its first day. Who adopted it and when stays with the draft.
extension RedressService {
    struct AdoptionRequest {
        var version: String
        var effectiveFrom: LocalDate
        var approvedBy: String
        var approvedOn: LocalDate
        var minute: String?

        init(_ body: [String: Any]) throws {
            guard let version = body["version"] as? String, !version.isEmpty, version.count <= 40,
                version.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "." }), version.first != "."
            else { throw Problem(.badRequest, "`version` must be a version id of letters, digits, `-` and `.`", help: "for example 2026-04") }
            func date(_ key: String) throws -> LocalDate {
                guard let text = body[key] as? String, let date = try? LocalDate(iso: text) else {
                    throw Problem(.badRequest, "`\(key)` must be a date (YYYY-MM-DD)")
                }
                return date
            }
            guard let by = (body["approved_by"] as? String)?.trimmingCharacters(in: .whitespaces), !by.isEmpty, by.count <= 200 else {
                throw Problem(.badRequest, "`approved_by` must say who approved it (e.g. Cabinet)")
            }
            self.version = version
            effectiveFrom = try date("effective_from")
            approvedBy = by
            approvedOn = try date("approved_on")
            minute = (body["minute"] as? String).flatMap { $0.isEmpty ? nil : String($0.prefix(2000)) }
        }

        /// The `version:` block the adopted file carries.
        var block: String {
            var lines = [
                "version:", "  id: \(JSONText.quoted(version))", "  effective_from: \(effectiveFrom)", "  approved:", "    by: \(JSONText.quoted(approvedBy))",
                "    on: \(approvedOn)",
            ]
            if let minute { lines.append("    minute: \(JSONText.quoted(minute))") }
            return lines.joined(separator: "\n")
        }
    }

    /// The text with its top-level `version:` (and everything indented under it) replaced by
    /// `block`; nil when the text has no top-level `version:`.
    static func replacingVersion(in text: String, with block: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("version:") }) else { return nil }
        var end = start + 1
        while end < lines.count, lines[end].isEmpty || lines[end].hasPrefix(" ") || lines[end].hasPrefix("#") {
            if lines[end].hasPrefix("#"), end + 1 < lines.count, !lines[end + 1].hasPrefix(" ") { break }
            end += 1
        }
        // Keep a blank line that separated the block from what follows.
        while end > start + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
        lines.replaceSubrange(start..<end, with: [block])
        return lines.joined(separator: "\n")
    }

    func addAdoption(to router: Router<ServiceRequestContext>) {
        add(.adoptDraft, to: router) { request, context, caller in
            var draft = try await draft(context, caller, .adoptDraft)
            if let adoption = draft.adoption { throw Problem(.conflict, "this draft was adopted as version \(adoption.version) on \(adoption.on)") }
            let adoption = try AdoptionRequest(try await RequestBody.object(request, endpoint: .adoptDraft, limit: 64 << 10))
            guard let text = Self.replacingVersion(in: draft.policy, with: adoption.block) else {
                return Self.refused("the draft has no `version:` to rewrite", reasons: ["add a `version:` block at the top level"])
            }
            let folder = registry.library + "/councils/" + draft.council
            let name = "\(adoption.version).yaml"
            let path = folder + "/" + name
            // Checked as the file it will be, beside the council's other versions.
            let workbench: DraftWorkbench
            do throws(DiagnosticList) {
                workbench = try DraftWorkbench(text: text, path: path, library: PolicyLibrary(root: registry.library), councilFolder: folder)
            } catch {
                let renderer = DiagnosticRenderer(sources: error.sources)
                return Self.refused(
                    "the draft does not pass check", reasons: error.diagnostics.filter { $0.severity == .error }.map { renderer.render([$0]).split(separator: "\n").first.map(String.init) ?? $0.message })
            }
            let failures = workbench.testFailures(council: draft.council)
            guard failures.isEmpty else { return Self.refused("the draft does not pass the council's tests", reasons: failures) }
            if FileManager.default.fileExists(atPath: path) { throw Problem(.conflict, "the library already has \(draft.council)/\(name)") }
            let versions = (try? Engine.policyFiles(at: folder)) ?? []
            let loader = PolicyLoader(library: PolicyLibrary(root: registry.library))
            for file in versions {
                guard let other = loader.load(path: file).policy?.version else { continue }
                if other.id == adoption.version || other.effectiveFrom == adoption.effectiveFrom {
                    throw Problem(.conflict, "\(file) already has version \(other.id) from \(other.effectiveFrom)", help: "choose another version id and first day")
                }
            }
            // The versions the new one follows get their last day, written in their own files.
            var amended: [(path: String, text: String)] = []
            for (file, end) in workbench.supersededFiles() {
                guard let old = try? String(contentsOfFile: file, encoding: .utf8), let ended = Self.addingEnd(end, to: old) else {
                    return Self.refused("\(file) cannot be given its last day", reasons: ["write its `version:` block on several lines, then adopt again"])
                }
                amended.append((file, ended))
            }
            // The new file first: until the old ones end, the folder has two versions in force at
            // once, which the reload refuses (the council keeps serving what it served); once they
            // end, it serves both, each on its own days.
            try Self.writeAtomically(Array(text.utf8), to: path)
            for (file, ended) in amended { try Self.replaceAtomically(Array(ended.utf8), at: file) }
            let adopted = SavedDraft.Adoption(
                version: adoption.version, effectiveFrom: "\(adoption.effectiveFrom)", file: "councils/\(draft.council)/\(name)", by: caller.recordName,
                on: Self.instant())
            draft.adoption = adopted
            draft.updated = adopted.on
            let store = try drafts()
            try await Self.stored { () throws(StoreFailure) in try await store.save(draft) }
            context.logger.notice(
                "draft adopted as a new version",
                metadata: ["council": "\(draft.council)", "version": "\(adoption.version)", "file": "\(path)", "by": "\(caller.recordName)", "draft": "\(draft.id)"])
            _ = await registry.reload(immediately: true)
            return Self.json(Self.adoptionJSON(adopted), status: .created)
        }
    }

    /// The text with `effective_to: end` added under `version:`'s `effective_from:`.
    static func addingEnd(_ end: LocalDate, to text: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("version:") }), lines[start].trimmingCharacters(in: .whitespaces) == "version:" else { return nil }
        var index = start + 1
        while index < lines.count, lines[index].hasPrefix(" ") || lines[index].isEmpty {
            let trimmed = lines[index].drop { $0 == " " }
            if trimmed.hasPrefix("effective_from:") {
                let indent = String(repeating: " ", count: lines[index].count - trimmed.count)
                lines.insert("\(indent)effective_to: \(end)", at: index + 1)
                return lines.joined(separator: "\n")
            }
            index += 1
        }
        return nil
    }

    static func refused(_ detail: String, reasons: [String]) -> Response {
        json(JSONText.object([("detail", JSONText.quoted(detail)), ("reasons", JSONText.array(reasons.map(JSONText.quoted)))]), status: .unprocessableContent)
    }

    /// Replaces an existing file whole or not at all: a temporary file beside it, flushed, renamed over it.
    static func replaceAtomically(_ bytes: [UInt8], at path: String) throws {
        let temporary = path + ".adopting-\(UUID().uuidString)"
        try writeAtomically(bytes, to: temporary)
        defer { unlink(temporary) }
        guard rename(temporary, path) == 0 else { throw Problem(.internalServerError, "cannot update \(path): \(String(cString: strerror(errno)))") }
    }

    /// Writes a new file whole or not at all: a temporary file in the same folder, flushed to disk,
    /// then linked into place (failing if the name was taken meanwhile).
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".adopting-\(UUID().uuidString)"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Problem(.internalServerError, "cannot write in the council's folder: \(String(cString: strerror(errno)))") }
        defer { unlink(temporary) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else {
                close(descriptor)
                throw Problem(.internalServerError, "cannot write the new version: \(String(cString: strerror(errno)))")
            }
            written += result
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0 else { throw Problem(.internalServerError, "cannot write the new version to disk") }
        // link(2) fails when the name exists: a version written meanwhile is never replaced.
        guard link(temporary, path) == 0 else {
            throw Problem(.conflict, "cannot put the new version in place: \(String(cString: strerror(errno)))")
        }
        // The folder's entry for the new name is on disk too.
        let folder = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }
}
