import RedressCalendar
import RedressPolicy

/// Maps the words routing compares (types, services, channels, makers, categories, phrases) to
/// small integers once per policy, so rules become bit sets.
final class Interner: Sendable {
    /// From the policy's vocabulary (the library's words and the council's own).
    let types: [String]
    let channels: [String]
    let makers: [String]
    let services: [String]
    let serviceIndex: [String: Int]
    let categories: [String]
    let categoryIndex: [String: Int]
    let phrases: [String]

    init(policy: Policy) {
        types = policy.vocabulary.feedbackTypes
        channels = policy.vocabulary.channels
        makers = policy.vocabulary.makers
        services = policy.services
        serviceIndex = Dictionary(services.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var categories: [String] = []
        var phrases: [String] = []
        for rule in policy.routing {
            for category in rule.conditions?.categories ?? [] where !categories.contains(category.lowercased()) {
                categories.append(category.lowercased())
            }
            for phrase in rule.conditions?.mentions ?? [] where !phrases.contains(phrase.lowercased()) {
                phrases.append(phrase.lowercased())
            }
        }
        self.categories = categories
        categoryIndex = Dictionary(categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        self.phrases = phrases
    }

    func set(_ words: [String]?, in vocabulary: [String]) -> IDSet? {
        guard let words else { return nil }
        var set = IDSet(count: vocabulary.count)
        for word in words {
            if let index = vocabulary.firstIndex(of: word.lowercased()) ?? vocabulary.firstIndex(of: word) { set.insert(index) }
        }
        return set
    }

    func describe(_ set: IDSet, in vocabulary: [String]) -> String {
        let words = vocabulary.indices.filter { set.contains($0) }.map { "`\(vocabulary[$0])`" }
        return words.count == 1 ? words[0] : "any of " + words.joined(separator: ", ")
    }
}

/// A complaint reduced to what routing compares.
struct ComplaintFeatures {
    var type: Int
    var service: Int?
    var channel: Int?
    var maker: Int?
    var categories: IDSet
    var phrases: IDSet
    var received: LocalDate
    var awareOn: LocalDate?

    /// True when the matter (from `aware_on`) is older than `duration` at receipt; nil without
    /// `aware_on` or when the calendar cannot say.
    func matterAgeLimitPassed(_ duration: PolicyDuration, _ calendar: WorkingDayCalendar) -> Bool? {
        guard let awareOn, let limit = try? duration.date(after: awareOn, calendar: calendar) else { return nil }
        return received > limit
    }
}
