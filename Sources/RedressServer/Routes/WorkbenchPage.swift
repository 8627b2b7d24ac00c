import Foundation
import HTTPTypes
import Hummingbird

/// The policy officers' workbench at `/`: files shipped with the service, and the code editor
/// (CodeMirror 5, Debian's `libjs-codemirror`) from the folder the system installed it in — never
/// from the network. The page loads without a credential; everything it asks of the API needs one.
extension RedressService {
    static let pages: [String: (file: String, type: String)] = [
        "/": ("index.html", "text/html; charset=utf-8"), "/accessibility": ("accessibility.html", "text/html; charset=utf-8"),
        "/workbench.js": ("workbench.js", "text/javascript; charset=utf-8"), "/workbench-editor.js": ("workbench-editor.js", "text/javascript; charset=utf-8"),
        "/workbench-drafts.js": ("workbench-drafts.js", "text/javascript; charset=utf-8"), "/policy-keys.js": ("policy-keys.js", "text/javascript; charset=utf-8"),
        "/workbench-case.js": ("workbench-case.js", "text/javascript; charset=utf-8"),
        "/workbench.css": ("workbench.css", "text/css; charset=utf-8"),
    ]

    /// The editor's files the page uses, relative to CodeMirror's folder: only these are served.
    static let editorFiles = [
        "lib/codemirror.js", "lib/codemirror.css", "mode/yaml/yaml.js", "addon/lint/lint.js", "addon/lint/lint.css", "addon/hint/show-hint.js",
        "addon/hint/show-hint.css", "addon/dialog/dialog.js", "addon/dialog/dialog.css", "addon/search/searchcursor.js", "addon/search/search.js",
        "addon/fold/foldcode.js", "addon/fold/foldgutter.js", "addon/fold/foldgutter.css", "addon/fold/indent-fold.js",
    ]

    static let pageHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'self'; img-src 'self' data: blob:; style-src 'self'", .xContentTypeOptions: "nosniff",
        .frameOptions: "DENY", .referrerPolicy: "no-referrer",
    ]

    func addWorkbenchPage(to router: Router<ServiceRequestContext>) {
        for (path, page) in Self.pages {
            router.get(RouterPath(path)) { _, _ in
                guard let url = Bundle.module.url(forResource: "Workbench/" + page.file, withExtension: nil),
                    let data = FileManager.default.contents(atPath: url.path)
                else { throw Problem(.notFound, "the workbench file \(page.file) is missing from this build") }
                var headers = Self.pageHeaders
                headers[.contentType] = page.type
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
        for file in Self.editorFiles {
            router.get(RouterPath("/vendor/codemirror/" + file)) { _, _ in
                // Missing (the package is not installed): 404, and the page falls back to a text box.
                guard let data = FileManager.default.contents(atPath: editorFolder + "/" + file) else {
                    throw Problem(.notFound, "the code editor is not installed on this server", help: "install Debian's libjs-codemirror")
                }
                var headers = Self.pageHeaders
                headers[.contentType] = file.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
                headers[.cacheControl] = "public, max-age=3600"
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
    }
}
