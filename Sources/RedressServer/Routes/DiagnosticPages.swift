import HTTPTypes
import Hummingbird
import RedressDiagnostics

/// `/explain` and `/explain/{id}`: the diagnostics reference (`redress explain`) as pages, so the
/// workbench can link each problem to what it means and how to put it right. Like the workbench
/// page, they hold no council's data and load without a credential.
extension RedressService {
    static let diagnosticPages = ["/explain", "/explain/{id}"]

    func addDiagnosticPages(to router: Router<ServiceRequestContext>) {
        router.get(RouterPath(Self.diagnosticPages[0])) { _, _ in
            let items = DiagnosticCatalogue.entries.map { entry in
                "<li><a href=\"/explain/\(HTMLText.escaped(entry.id.rawValue))\"><code>\(HTMLText.escaped(entry.id.rawValue))</code></a> (\(entry.severity.rawValue)): \(HTMLText.escaped(entry.summary))</li>"
            }
            return Self.page(title: "Diagnostics reference", body: "<ul class=\"diagnostics-reference\">\(items.joined(separator: "\n"))</ul>")
        }
        router.get(RouterPath(Self.diagnosticPages[1])) { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let entry = DiagnosticCatalogue.entries.first(where: { $0.id.rawValue == id }) else {
                let suggestion = DiagnosticCatalogue.suggestion(for: id).map { " Did you mean `\($0)`?" } ?? ""
                throw Problem(.notFound, "no diagnostic has the id `\(id)`.\(suggestion)", help: "/explain lists them all")
            }
            var body = "<p><strong>\(entry.severity.rawValue)</strong>: \(HTMLText.escaped(entry.summary))</p>"
            body += entry.explanation.split(separator: "\n\n").map { "<p>\(HTMLText.escaped(String($0)))</p>" }.joined()
            if !entry.wrong.isEmpty {
                body += "<h2>Gets it</h2><pre><code>\(HTMLText.escaped(entry.wrong))</code></pre>"
            }
            if !entry.right.isEmpty {
                body += "<h2>Put right</h2><pre><code>\(HTMLText.escaped(entry.right))</code></pre>"
            }
            body += "<p>In a terminal: <code>redress explain \(HTMLText.escaped(entry.id.rawValue))</code>. <a href=\"/explain\">Every diagnostic</a>.</p>"
            return Self.page(title: entry.id.rawValue, body: body)
        }
    }

    static func page(title: String, body: String) -> Response {
        let html = """
            <!doctype html>
            <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escaped(title)) — Redress</title><link rel="stylesheet" href="/workbench.css"><link rel="icon" href="data:,"></head>
            <body><header><h1>\(HTMLText.escaped(title))</h1><p><a href="/">Back to the workbench</a></p></header>
            <main class="statement">\(body)</main></body></html>
            """
        var headers = pageHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
