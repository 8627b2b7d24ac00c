import Hummingbird
import NIOCore

/// The context every request carries through the service: Hummingbird's core, the channel (for
/// a TLS client certificate) and the request's id. The caller's identity is not in it: each
/// protected route establishes it (`AccessControl.admit`) and hands it to its handler.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel
    /// The request's id, returned as `X-Request-Id` and kept in its decision records: Hummingbird's
    /// (its logger's `hb.request.id`), or one made here when the log handler keeps no metadata.
    public let requestID: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        requestID = source.logger[metadataKey: "hb.request.id"]?.description ?? Self.newRequestID()
    }

    static func newRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: (0..<32).map { _ in digits[Int.random(in: 0..<16, using: &generator)] }, as: UTF8.self)
    }
}
