import Foundation
import Hummingbird
import HummingbirdTesting
import RedressDiagnostics
import RedressTestSupport
import Testing

@testable import RedressServer

/// The diagnostics reference the workbench links each problem to: every id in the catalogue has a
/// page, with the explanation and both examples escaped as text; an unknown id is a 404 problem.
@Suite("Diagnostics reference pages")
struct DiagnosticPagesTests {
    @Test("/explain lists every id and /explain/{id} explains each, without a credential")
    func pages() async throws {
        try await TemporaryFolder.with { folder in
            let fixture = try await ServiceFixture(folder: folder)
            try await fixture.app.test(.router) { client in
                try await client.call("/explain", .get, as: .nobody) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    let page = String(buffer: response.body)
                    for entry in DiagnosticCatalogue.entries { #expect(page.contains("href=\"/explain/\(entry.id.rawValue)\"")) }
                }
                for entry in DiagnosticCatalogue.entries {
                    try await client.call("/explain/\(entry.id.rawValue)", .get, as: .nobody) { response in
                        #expect(response.status == .ok, "\(entry.id)")
                        let page = String(buffer: response.body)
                        #expect(page.contains(HTMLText.escaped(entry.summary)))
                        if !entry.wrong.isEmpty { #expect(page.contains(HTMLText.escaped(entry.wrong)), "\(entry.id)") }
                        if !entry.right.isEmpty { #expect(page.contains(HTMLText.escaped(entry.right)), "\(entry.id)") }
                        #expect(!page.contains("<script"), "\(entry.id)")
                        #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                    }
                }
                try await client.call("/explain/policy.no-catch-al", .get, as: .nobody) { response in
                    #expect(response.status == .notFound)
                    #expect(String(buffer: response.body).contains("policy.no-catch-all"), "suggests the nearest id")
                }
            }
        }
    }

    @Test("text is escaped")
    func escaping() {
        #expect(HTMLText.escaped("<a href=\"x\">&</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;")
    }
}
