import Synchronization
import RedressCalendar
import RedressPolicy

/// A routing rule compiled to bit sets over interned ids, so matching is a few word operations.
struct CompiledRule: Sendable {
    let rule: RoutingRule
    let types: IDSet?
    let services: IDSet?
    let channels: IDSet?
    let makers: IDSet?
    let categories: IDSet?
    let phrases: IDSet?
    let matterOlderThan: PolicyDuration?
    /// How each condition reads in a reason for not matching (`--explain`): made the first time
    /// one is needed, not when the policy is compiled, so loading pays nothing for it.
    let textCache = ConditionTextCache()

    /// Each of a rule's word conditions as `` `waste` `` or `` any of `waste`, `highways` ``.
    struct ConditionTexts: Sendable {
        var types: String?, services: String?, channels: String?, makers: String?, categories: String?, phrases: String?
    }

    func texts(_ interner: Interner) -> ConditionTexts {
        textCache.texts {
            ConditionTexts(
                types: types.map { interner.describe($0, in: interner.types) }, services: services.map { interner.describe($0, in: interner.services) },
                channels: channels.map { interner.describe($0, in: interner.channels) },
                makers: makers.map { interner.describe($0, in: interner.makers) },
                categories: categories.map { interner.describe($0, in: interner.categories) },
                phrases: phrases.map { interner.describe($0, in: interner.phrases) })
        }
    }

    /// Why the rule did not match a complaint, or nil when it matches.
    func mismatch(_ features: ComplaintFeatures, _ interner: Interner, _ calendar: WorkingDayCalendar) -> String? {
        let texts = texts(interner)
        if let types, !types.contains(features.type) {
            return "type `\(interner.types[features.type])` is not \(texts.types ?? "")"
        }
        if let services {
            guard let service = features.service, services.contains(service) else {
                return "service \(features.service.map { "`\(interner.services[$0])`" } ?? "(none)") is not \(texts.services ?? "")"
            }
        }
        if let channels {
            guard let channel = features.channel, channels.contains(channel) else {
                return "channel \(features.channel.map { "`\(interner.channels[$0])`" } ?? "(none)") is not \(texts.channels ?? "")"
            }
        }
        if let makers {
            guard let maker = features.maker, makers.contains(maker) else {
                return "made_by \(features.maker.map { "`\(interner.makers[$0])`" } ?? "(none)") is not \(texts.makers ?? "")"
            }
        }
        if let categories, !categories.intersects(features.categories) {
            return "no category in \(texts.categories ?? "")"
        }
        if let phrases, !phrases.intersects(features.phrases) {
            return "text mentions none of \(texts.phrases ?? "")"
        }
        if let matterOlderThan {
            guard features.matterAgeLimitPassed(matterOlderThan, calendar) == true else {
                return features.awareOn == nil ? "no `aware_on` to age the matter" : "the matter is not older than \(matterOlderThan)"
            }
        }
        return nil
    }

    /// The fast path: true when every condition holds.
    @inline(__always) func matches(_ features: ComplaintFeatures, _ calendar: WorkingDayCalendar) -> Bool {
        if let types, !types.contains(features.type) { return false }
        if let services { guard let s = features.service, services.contains(s) else { return false } }
        if let channels { guard let c = features.channel, channels.contains(c) else { return false } }
        if let makers { guard let m = features.maker, makers.contains(m) else { return false } }
        if let categories, !categories.intersects(features.categories) { return false }
        if let phrases, !phrases.intersects(features.phrases) { return false }
        if let matterOlderThan, features.matterAgeLimitPassed(matterOlderThan, calendar) != true { return false }
        return true
    }
}

/// A rule's condition texts, made once on first use by whichever thread needs them first.
final class ConditionTextCache: Sendable {
    private let made = Mutex<CompiledRule.ConditionTexts?>(nil)

    func texts(_ make: () -> CompiledRule.ConditionTexts) -> CompiledRule.ConditionTexts {
        made.withLock { made in
            if let made { return made }
            let texts = make()
            made = texts
            return texts
        }
    }
}
