import RedressCalendar
import RedressPolicy

/// Maps the words routing compares (types, services, channels, makers, categories, phrases) to
/// small integers once per policy, so rules become bit sets. Every lookup is hashed, so a policy
/// of 10,000 phrases interns in time proportional to its size.
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
    private let indexes: [Kind: [String: Int]]

    /// Which words a set is made of.
    enum Kind {
        case types, channels, makers, services, categories, phrases
    }

    init(policy: Policy) {
        types = policy.vocabulary.feedbackTypes
        channels = policy.vocabulary.channels
        makers = policy.vocabulary.makers
        services = policy.services
        var categories = Self.Words(), phrases = Self.Words()
        for rule in policy.routing {
            for category in rule.conditions?.categories ?? [] { categories.add(category.lowercased()) }
            for phrase in rule.conditions?.mentions ?? [] { phrases.add(phrase.lowercased()) }
        }
        self.categories = categories.list
        self.phrases = phrases.list
        serviceIndex = Self.index(services)
        categoryIndex = categories.index
        indexes = [
            .types: Self.index(types), .channels: Self.index(channels), .makers: Self.index(makers), .services: serviceIndex,
            .categories: categories.index, .phrases: phrases.index,
        ]
    }

    /// Words in first-seen order, each once.
    private struct Words {
        var list: [String] = []
        var index: [String: Int] = [:]

        mutating func add(_ word: String) {
            guard index[word] == nil else { return }
            index[word] = list.count
            list.append(word)
        }
    }

    /// Each word's first position.
    private static func index(_ words: [String]) -> [String: Int] {
        Dictionary(words.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func words(_ kind: Kind) -> [String] {
        switch kind {
        case .types: types
        case .channels: channels
        case .makers: makers
        case .services: services
        case .categories: categories
        case .phrases: phrases
        }
    }

    /// The set of `words` (each as written, or lowercased) among the `kind` words; nil for nil.
    func set(_ words: [String]?, of kind: Kind) -> IDSet? {
        guard let words else { return nil }
        let index = indexes[kind] ?? [:]
        var set = IDSet(count: self.words(kind).count)
        for word in words {
            if let position = index[word.lowercased()] ?? index[word] { set.insert(position) }
        }
        return set
    }

    func describe(_ set: IDSet, in vocabulary: [String]) -> String {
        var words: [String] = []
        set.forEachMember { if $0 < vocabulary.count { words.append("`\(vocabulary[$0])`") } }
        return words.count == 1 ? words[0] : "any of " + words.joined(separator: ", ")
    }
}

/// A complaint reduced to what routing compares.
package struct ComplaintFeatures {
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
