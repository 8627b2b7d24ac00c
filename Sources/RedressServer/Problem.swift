import Foundation
import HTTPTypes
import Hummingbird
import RedressDiagnostics

/// An error answered as RFC 9457 `application/problem+json`, with the CLI's words and a help line.
public struct Problem: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var detail: String
    public var help: String?
    /// Diagnostics about a policy, when the problem is one.
    public var diagnostics: [Diagnostic] = []

    public init(_ status: HTTPResponse.Status, _ detail: String, help: String? = nil) {
        self.status = status
        self.detail = detail
        self.help = help
    }

    public var json: String {
        JSONText.object([
            ("type", JSONText.quoted("about:blank")), ("title", JSONText.quoted(status.reasonPhrase)), ("status", String(status.code)),
            ("detail", JSONText.quoted(detail)), ("help", help.map(JSONText.quoted)),
        ])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/problem+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}
