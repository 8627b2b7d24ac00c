import Foundation
import Hummingbird

/// The policy officers' workbench at `/`: files shipped with the service (no CDN, no network).
/// The page loads without a credential; everything it asks of the API needs one.
extension RedressService {
    static let pages: [String: (file: String, type: String)] = [
        "/": ("index.html", "text/html; charset=utf-8"), "/workbench.js": ("workbench.js", "text/javascript; charset=utf-8"),
        "/workbench.css": ("workbench.css", "text/css; charset=utf-8"),
    ]

    func addWorkbenchPage(to router: Router<ServiceRequestContext>) {
        for (path, page) in Self.pages {
            router.get(RouterPath(path)) { _, _ in
                guard let url = Bundle.module.url(forResource: "Workbench/" + page.file, withExtension: nil),
                    let data = FileManager.default.contents(atPath: url.path)
                else { throw Problem(.notFound, "the workbench file \(page.file) is missing from this build") }
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: page.type, .contentSecurityPolicy: "default-src 'self'; img-src 'self' data: blob:; style-src 'self'",
                        .xContentTypeOptions: "nosniff", .init("X-Frame-Options")!: "DENY", .init("Referrer-Policy")!: "no-referrer",
                    ],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
    }
}
