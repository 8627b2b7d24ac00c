import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Limits on what one request may carry.
public struct RequestLimits: Sendable {
    public var maxBodyBytes = 4 << 20
    public var maxItems = 10_000

    public init() {}
}

/// Reading a request's body: only the media types the endpoint documents (else 415, so a web page
/// cannot post a form to the service), never more than the limit (a `Content-Length` over it is
/// refused before a byte is read).
enum RequestBody {
    static func mediaType(_ request: Request) -> String? {
        request.headers.value(of: .contentType).map(mediaType)
    }

    /// `Content-Type`'s media type: before any `;`, without spaces or tabs around it, in lower case.
    static func mediaType(_ header: String) -> String {
        String(decoding: mediaTypeBytes(header).map(lowercased), as: UTF8.self)
    }

    /// True when `header`'s media type is `type` (lower case), read as `mediaType(_:)` reads it
    /// but without making a string: every decision request's body is checked.
    static func hasMediaType(_ header: String, _ type: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: type.utf8Start, count: type.utf8CodeUnitCount)
        return mediaTypeBytes(header).elementsEqual(expected) { lowercased($0) == $1 }
    }

    /// The media type's bytes as written: before any `;`, without spaces or tabs around it.
    private static func mediaTypeBytes(_ header: String) -> Substring.UTF8View {
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let type = header.utf8.prefix { $0 != UInt8(ascii: ";") }
        guard let first = type.firstIndex(where: { !blank($0) }), let last = type.lastIndex(where: { !blank($0) }) else { return type[type.startIndex..<type.startIndex] }
        return type[first...last]
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    static let jsonTypes: [StaticString] = ["application/json"]
    static let policyTypes: [StaticString] = ["application/json", "application/yaml", "text/plain"]

    static func accepted(_ body: Endpoint.Body) -> [StaticString] {
        switch body {
        case .none: []
        case .json: jsonTypes
        case .policy: policyTypes
        }
    }

    /// The body's bytes, after checking its type and size.
    static func bytes(_ request: Request, endpoint: Endpoint, limit: Int) async throws -> [UInt8] {
        let types = accepted(endpoint.body)
        guard let header = request.headers.value(of: .contentType), types.contains(where: { hasMediaType(header, $0) }) else {
            throw Problem(
                .unsupportedMediaType, "the body must be \(types.map(\.description).joined(separator: " or "))",
                help: "send `Content-Type: \(types.first?.description ?? "application/json")`")
        }
        if let length = request.headers.value(of: .contentLength).flatMap({ Int($0) }), length > limit {
            throw Problem(.contentTooLarge, "the request body is \(length) bytes, more than \(limit)", help: "send fewer complaints per request")
        }
        do {
            return [UInt8](try await request.body.collect(upTo: limit).readableBytesView)
        } catch {
            throw Problem(.contentTooLarge, "the request body is larger than \(limit) bytes", help: "send fewer complaints per request")
        }
    }

    /// A JSON object body, read with Foundation (small bodies: drafts, comments).
    static func object(_ request: Request, endpoint: Endpoint, limit: Int) async throws -> [String: Any] {
        let bytes = try await bytes(request, endpoint: endpoint, limit: limit)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw Problem(.badRequest, "the body must be a JSON object")
        }
        return object
    }
}

extension HTTPField.Name {
    static let requestID = literal("X-Request-Id")
    static let frameOptions = literal("X-Frame-Options")
    static let referrerPolicy = literal("Referrer-Policy")

    /// A header the service writes, named by a literal in this file (`RequestIDTests` reads each
    /// back): a name that is not a valid token is a programming error, not a request's.
    static func literal(_ name: StaticString) -> HTTPField.Name {
        guard let field = HTTPField.Name("\(name)") else { preconditionFailure("`\(name)` is not a header field name") }
        return field
    }
}

extension HTTPFields {
    /// A field's value as the subscript gives it (several fields' values joined), without the
    /// subscript's joined copy when there is one field, as there is for a request's credential
    /// and its body's type and length.
    func value(of name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            if found != nil { return self[name] }
            found = field.value
        }
        return found
    }
}
