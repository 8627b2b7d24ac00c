import Hummingbird
import NIOCore

/// The context every request carries through the service: Hummingbird's core, the channel (for
/// a TLS client certificate) and the request's id. The caller's identity is not in it: each
/// protected route establishes it (`AccessControl.admit`) and hands it to its handler.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel
    /// The request's id, returned as `X-Request-Id` and kept in its decision records, and the
    /// `hb.request.id` of the request's log lines (replacing Hummingbird's, which counts requests
    /// and so would tell every caller how many others the service has answered).
    public let requestID: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        requestID = Self.newRequestID()
        logger[metadataKey: "hb.request.id"] = .string(requestID)
    }

    /// 128 random bits from the system's generator, as 32 lowercase hex digits.
    static func newRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        return hexDigits(generator.next(), generator.next())
    }

    /// `high` then `low` as 16 lowercase hex digits each.
    static func hexDigits(_ high: UInt64, _ low: UInt64) -> String {
        let hex: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 32) { digits in
            for index in 0..<32 {
                let word = index < 16 ? high : low
                digits[index] = hex.utf8Start[Int(truncatingIfNeeded: word >> (60 - 4 * UInt64(index % 16))) & 0xF]
            }
            return 32
        }
    }
}
