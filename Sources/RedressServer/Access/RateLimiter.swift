import Foundation
import Synchronization

/// How many requests one credential may make: a token bucket per identity, refilled at
/// `perSecond` up to `burst`. Zero `perSecond` means no limit.
public struct RateLimit: Sendable, Equatable {
    public var perSecond: Double
    public var burst: Double

    public init(perSecond: Double, burst: Double) {
        self.perSecond = perSecond
        self.burst = burst
    }

    public static let unlimited = RateLimit(perSecond: 0, burst: 0)
}

/// Token buckets per credential. `take` answers nil when the request may go ahead, or the seconds
/// to wait (the 429's `Retry-After`).
public final class RateLimiter: Sendable {
    struct Bucket {
        var tokens: Double
        var updated: UInt64
    }

    public let limit: RateLimit
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(limit: RateLimit) {
        self.limit = limit
    }

    /// One request by `caller` at `now` (monotonic nanoseconds).
    public func take(_ caller: String, now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Int? {
        guard limit.perSecond > 0 else { return nil }
        return buckets.withLock { buckets in
            var bucket = buckets[caller] ?? Bucket(tokens: limit.burst, updated: now)
            let elapsed = Double(now &- bucket.updated) / 1e9
            bucket.tokens = min(limit.burst, bucket.tokens + elapsed * limit.perSecond)
            bucket.updated = now
            defer { buckets[caller] = bucket }
            guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) / limit.perSecond).rounded(.up))) }
            bucket.tokens -= 1
            if buckets.count > 100_000 { buckets = buckets.filter { now &- $0.value.updated < 3_600_000_000_000 } }
            return nil
        }
    }
}
