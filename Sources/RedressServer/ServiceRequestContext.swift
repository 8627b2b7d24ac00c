import Hummingbird
import NIOCore

/// The context every request carries through the service: Hummingbird's core, the channel (for
/// a TLS client certificate) and the caller's identity once `AccessMiddleware` has established it.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel
    /// Who is calling; nil only on the endpoints that need no credential.
    public var identity: Identity?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The caller, for routes that are only reached after authentication.
    func caller() throws -> Identity {
        guard let identity else { throw Problem.unauthenticated }
        return identity
    }
}
