import Synchronization
import RedressCalendar
import RedressPolicy

/// A routing rule compiled to bit sets over interned ids, so matching is a few word operations.
/// A class: rules are read per complaint from several threads, and taking one costs a reference
/// count rather than a copy of every field.
final class CompiledRule: Sendable {
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

    init(
        rule: RoutingRule, types: IDSet?, services: IDSet?, channels: IDSet?, makers: IDSet?, categories: IDSet?, phrases: IDSet?,
        matterOlderThan: PolicyDuration?
    ) {
        self.rule = rule
        self.types = types
        self.services = services
        self.channels = channels
        self.makers = makers
        self.categories = categories
        self.phrases = phrases
        self.matterOlderThan = matterOlderThan
    }

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
        firstMismatch(features, calendar).map { reason($0, interner) }
    }

    /// The first condition the complaint fails, or nil when it matches (no text made).
    func firstMismatch(_ features: ComplaintFeatures, _ calendar: WorkingDayCalendar) -> RuleMismatch? {
        if let types, !types.contains(features.type) { return .type(features.type) }
        if let services {
            guard let service = features.service, services.contains(service) else { return .service(features.service) }
        }
        if let channels {
            guard let channel = features.channel, channels.contains(channel) else { return .channel(features.channel) }
        }
        if let makers {
            guard let maker = features.maker, makers.contains(maker) else { return .maker(features.maker) }
        }
        if let categories, !categories.intersects(features.categories) { return .category }
        if let phrases, !phrases.intersects(features.phrases) { return .phrase }
        if let matterOlderThan, features.matterAgeLimitPassed(matterOlderThan, calendar) != true {
            return features.awareOn == nil ? .awareOnMissing : .matterNotOlder
        }
        return nil
    }

    /// A mismatch as the reason `--explain` gives.
    func reason(_ mismatch: RuleMismatch, _ interner: Interner) -> String {
        let texts = texts(interner)
        func word(_ index: Int?, in words: [String]) -> String { index.map { "`\(words[$0])`" } ?? "(none)" }
        switch mismatch {
        case .type(let type): return "type `\(interner.types[type])` is not \(texts.types ?? "")"
        case .service(let service): return "service \(word(service, in: interner.services)) is not \(texts.services ?? "")"
        case .channel(let channel): return "channel \(word(channel, in: interner.channels)) is not \(texts.channels ?? "")"
        case .maker(let maker): return "made_by \(word(maker, in: interner.makers)) is not \(texts.makers ?? "")"
        case .category: return "no category in \(texts.categories ?? "")"
        case .phrase: return "text mentions none of \(texts.phrases ?? "")"
        case .awareOnMissing: return "no `aware_on` to age the matter"
        case .matterNotOlder: return "the matter is not older than \(matterOlderThan.map { "\($0)" } ?? "")"
        }
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

/// The first condition of a rule a complaint fails: the word the complaint gave, where it gave
/// one (an index into the policy's vocabulary of that kind), so a reason's text can be made once
/// and reused for every complaint failing the same way.
package enum RuleMismatch: Hashable, Sendable {
    case type(Int)
    case service(Int?)
    case channel(Int?)
    case maker(Int?)
    case category
    case phrase
    case awareOnMissing
    case matterNotOlder
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
