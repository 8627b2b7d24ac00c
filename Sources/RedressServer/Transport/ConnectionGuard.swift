import Foundation
import Logging
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Time limits on what a client must send, so no connection is held by a client that sends
/// slowly or not at all.
public struct ConnectionLimits: Sendable {
    /// Open connections before the oldest idle ones are closed to admit new ones.
    public var maxConnections = 4096
    /// From the connection (or the previous response) to a request's complete headers.
    public var headerTimeout: TimeAmount = .seconds(10)
    /// From the headers to the end of the body.
    public var bodyTimeout: TimeAmount = .seconds(30)
    /// An idle keep-alive connection between requests.
    public var idleTimeout: TimeAmount = .seconds(60)

    public init() {}
}

/// Every open connection, in the order they last became idle. When the cap is reached a new
/// connection closes the longest-idle one (one waiting for a request, never one with a request in
/// hand); only when every connection is busy is the new one refused. A flood of idle connections
/// therefore cannot lock out a health check or a CRM: they displace each other.
public final class ConnectionTracker: Sendable {
    struct Entry {
        var channel: any Channel
        var busy: Bool
        var order: UInt64
    }

    struct State {
        var open: [ObjectIdentifier: Entry] = [:]
        /// Idle connections by `order`; stale pairs (whose order has moved on) are skipped.
        var idleQueue: [(id: ObjectIdentifier, order: UInt64)] = []
        var queueStart = 0
        var counter: UInt64 = 0
        var lastWarning: UInt64 = 0
    }

    public let limits: ConnectionLimits
    private let state = Mutex(State())
    private let logger: Logger
    private let metrics: ServerMetrics?

    public init(limits: ConnectionLimits, logger: Logger, metrics: ServerMetrics? = nil) {
        self.limits = limits
        self.logger = logger
        self.metrics = metrics
    }

    public var openCount: Int { state.withLock { $0.open.count } }

    /// A new connection: admitted (perhaps closing an idle one) or refused.
    func opened(_ channel: any Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        let (admitted, evicted, warn, open): (Bool, (any Channel)?, Bool, Int) = state.withLock { state in
            var evicted: (any Channel)?
            if state.open.count >= limits.maxConnections {
                while state.queueStart < state.idleQueue.count {
                    let candidate = state.idleQueue[state.queueStart]
                    state.queueStart += 1
                    if let entry = state.open[candidate.id], !entry.busy, entry.order == candidate.order {
                        evicted = entry.channel
                        state.open[candidate.id] = nil
                        break
                    }
                }
                compact(&state)
                let now = DispatchTime.now().uptimeNanoseconds
                let warn = now &- state.lastWarning > 10_000_000_000
                if warn { state.lastWarning = now }
                guard evicted != nil else { return (false, nil, warn, state.open.count) }
                admit(id, channel, &state)
                return (true, evicted, warn, state.open.count)
            }
            admit(id, channel, &state)
            return (true, nil, false, state.open.count)
        }
        if warn {
            logger.warning(
                "the connection limit is reached: closing the longest-idle connections to admit new ones",
                metadata: ["limit": "\(limits.maxConnections)", "refused_new": "\(!admitted)"])
        }
        if let evicted {
            evicted.close(promise: nil)
            metrics?.closedConnections("limit-idle")
        }
        if !admitted { metrics?.closedConnections("limit-busy") }
        metrics?.connections(open)
        return admitted
    }

    private func admit(_ id: ObjectIdentifier, _ channel: any Channel, _ state: inout State) {
        state.counter += 1
        state.open[id] = Entry(channel: channel, busy: false, order: state.counter)
        state.idleQueue.append((id, state.counter))
    }

    private func compact(_ state: inout State) {
        if state.queueStart > 4096, state.queueStart * 2 > state.idleQueue.count {
            state.idleQueue.removeFirst(state.queueStart)
            state.queueStart = 0
        }
    }

    func busy(_ channel: any Channel) {
        state.withLock { $0.open[ObjectIdentifier(channel)]?.busy = true }
    }

    func idle(_ channel: any Channel) {
        state.withLock { state in
            let id = ObjectIdentifier(channel)
            guard state.open[id] != nil else { return }
            state.counter += 1
            state.open[id]?.busy = false
            state.open[id]?.order = state.counter
            state.idleQueue.append((id, state.counter))
            compact(&state)
        }
    }

    func closed(_ channel: any Channel) {
        let open = state.withLock { state in
            state.open[ObjectIdentifier(channel)] = nil
            if state.open.isEmpty {
                state.idleQueue = []
                state.queueStart = 0
            }
            return state.open.count
        }
        metrics?.connections(open)
    }
}

/// In each connection's pipeline (after HTTP decoding): admits it through the tracker, and closes
/// it when the client is too slow — headers not complete within `headerTimeout`, a body not
/// finished within `bodyTimeout`, or idle past `idleTimeout` between requests.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let tracker: ConnectionTracker
    private var timer: Scheduled<Void>?
    private var admitted = false
    /// Between a request's head and its end: the body is still arriving.
    private var reading = false
    /// The answer to the current request has been written in full.
    private var answered = false

    init(tracker: ConnectionTracker) {
        self.tracker = tracker
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        admit(context)
    }

    func channelActive(context: ChannelHandlerContext) {
        if !admitted { admit(context) }
        context.fireChannelActive()
    }

    private func admit(_ context: ChannelHandlerContext) {
        admitted = true
        guard tracker.opened(context.channel) else {
            context.close(promise: nil)
            return
        }
        arm(context, tracker.limits.headerTimeout, reason: "header-timeout")
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        tracker.closed(context.channel)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            reading = true
            answered = false
            tracker.busy(context.channel)
            arm(context, tracker.limits.bodyTimeout, reason: "body-timeout")
        case .end:
            reading = false
            if answered {
                becomeIdle(context)
            } else {
                // The request is in hand: no client deadline while the service works on it.
                timer?.cancel()
                timer = nil
            }
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            answered = true
            // An early answer (401, 413) while the body still trickles in keeps the body deadline.
            if !reading { becomeIdle(context) }
        }
        context.write(data, promise: promise)
    }

    private func becomeIdle(_ context: ChannelHandlerContext) {
        tracker.idle(context.channel)
        arm(context, tracker.limits.idleTimeout, reason: "idle-timeout")
    }

    private func arm(_ context: ChannelHandlerContext, _ delay: TimeAmount, reason: String) {
        timer?.cancel()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let tracker = tracker
        timer = context.eventLoop.scheduleTask(in: delay) {
            tracker.closedForTime(reason)
            loopBound.value.close(promise: nil)
        }
    }
}

extension ConnectionTracker {
    func closedForTime(_ reason: String) {
        metrics?.closedConnections(reason)
    }
}
