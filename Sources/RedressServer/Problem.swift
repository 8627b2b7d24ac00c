import Foundation
import HTTPTypes
import Hummingbird
import RedressDiagnostics

/// An error answered as RFC 9457 `application/problem+json`, with the CLI's words and a help line.
public struct Problem: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var detail: String
    public var help: String?
    /// Headers the answer carries (`WWW-Authenticate`, `Retry-After`, `Allow`).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ detail: String, help: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.help = help
        self.headers = headers
    }

    public var json: String {
        JSONText.object([
            ("type", JSONText.quoted("about:blank")), ("title", JSONText.quoted(status.reasonPhrase)), ("status", String(status.code)),
            ("detail", JSONText.quoted(detail)), ("help", help.map(JSONText.quoted)),
        ])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: json + "\n")))
    }

    /// 401: the same words whether a key was wrong, unknown or missing.
    static let unauthenticated = Problem(
        .unauthorized, "a valid credential is required", help: "send `Authorization: Bearer <API key or token>`",
        headers: [.wwwAuthenticate: "Bearer realm=\"redress\""])
}
