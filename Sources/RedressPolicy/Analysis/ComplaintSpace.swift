/// One class of complaint that routing tables can tell apart: a value for each condition a rule
/// can test. Values no rule names are one class ("any other"), written as nil.
public struct ComplaintClass: Sendable, Hashable {
    public var type: String
    public var service: String?
    public var channel: String?
    public var maker: String?
    /// One representative category of each category group present.
    public var categories: Set<Int>
    /// One representative phrase of each phrase group present.
    public var mentions: Set<Int>
    /// How many of the space's age thresholds (shortest first) the matter is older than at receipt;
    /// 0 also when `aware_on` is unknown.
    public var ageRank: Int
}

/// The finite set of complaint classes over one or more routing tables. Routing conditions range
/// over finite sets (type, service, channel, made_by, categories, phrases) plus the matter's age,
/// so a complaint's route depends only on which class it is in: two tables that agree on every
/// class agree on every complaint.
///
/// Categories and phrases that appear in exactly the same rules are one group; every combination
/// of groups is a class. Phrases are treated as independent (a text that contains "penalty charge
/// notice" is not assumed to contain "charge notice"), which can only add classes, never lose one.
/// When the groups are too many to combine (`maximumGroups`), each group is taken alone and
/// `isExhaustive` is false: callers must not claim equivalence or unreachability then.
public struct ComplaintSpace: Sendable {
    public static let maximumGroups = 10

    public let types: [String]
    public let services: [String?]
    public let channels: [String?]
    public let makers: [String?]
    /// Groups of category values (case-folded) that no rule tells apart.
    public let categoryGroups: [[String]]
    public let mentionGroups: [[String]]
    /// Distinct `matter_older_than` thresholds, shortest first.
    public let thresholds: [PolicyDuration]
    public let isExhaustive: Bool
    private let categorySubsets: [Set<Int>]
    private let mentionSubsets: [Set<Int>]

    /// `types`: the feedback types complaints may have (the policies' vocabularies).
    public init(tables: [[RoutingRule]], types: [String]) {
        let conditions = tables.flatMap { $0.compactMap(\.conditions) }
        func named(_ values: (RoutingConditions) -> [String]?) -> [String?] {
            var seen: [String] = []
            for condition in conditions { for value in values(condition) ?? [] where !seen.contains(value) { seen.append(value) } }
            return seen + [nil]
        }
        self.types = types
        services = named(\.services)
        channels = named(\.channels)
        makers = named(\.makers)
        let rules = tables.enumerated().flatMap { table, rules in rules.enumerated().map { ("\(table).\($0.offset)", $0.element.conditions) } }
        categoryGroups = Self.groups(rules.map { ($0.0, $0.1?.categories) })
        mentionGroups = Self.groups(rules.map { ($0.0, $0.1?.mentions) })
        var thresholds: [PolicyDuration] = []
        for condition in conditions { if let age = condition.matterOlderThan, !thresholds.contains(age) { thresholds.append(age) } }
        self.thresholds = thresholds.sorted { $0.approximateDays < $1.approximateDays }
        let exhaustive = categoryGroups.count <= Self.maximumGroups && mentionGroups.count <= Self.maximumGroups
        isExhaustive = exhaustive
        categorySubsets = Self.subsets(categoryGroups.count, all: exhaustive)
        mentionSubsets = Self.subsets(mentionGroups.count, all: exhaustive)
    }

    /// Values grouped by the set of rules that name them.
    static func groups(_ lists: [(String, [String]?)]) -> [[String]] {
        var signature: [String: [String]] = [:]
        var order: [String] = []
        for (rule, values) in lists {
            for value in Set((values ?? []).map { $0.lowercased() }) {
                if signature[value] == nil { order.append(value) }
                signature[value, default: []].append(rule)
            }
        }
        var groups: [[String]: [String]] = [:]
        var groupOrder: [[String]] = []
        for value in order {
            let key = signature[value] ?? []
            if groups[key] == nil { groupOrder.append(key) }
            groups[key, default: []].append(value)
        }
        return groupOrder.compactMap { groups[$0] }
    }

    static func subsets(_ count: Int, all: Bool) -> [Set<Int>] {
        guard all else { return [[]] + (0..<count).map { [$0] } }
        return (0..<(1 << count)).map { mask in Set((0..<count).filter { mask & (1 << $0) != 0 }) }
    }

    public var count: Int {
        types.count * services.count * channels.count * makers.count * categorySubsets.count * mentionSubsets.count * (thresholds.count + 1)
    }

    /// Calls `body` with every class.
    public func forEach(_ body: (ComplaintClass) -> Void) {
        for type in types {
            for service in services {
                for channel in channels {
                    for maker in makers {
                        for categories in categorySubsets {
                            for mentions in mentionSubsets {
                                for age in 0...thresholds.count {
                                    body(
                                        ComplaintClass(
                                            type: type, service: service, channel: channel, maker: maker, categories: categories,
                                            mentions: mentions, ageRank: age))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// True when a complaint of this class satisfies the conditions (nil conditions match all).
    public func matches(_ conditions: RoutingConditions?, _ complaint: ComplaintClass) -> Bool {
        guard let conditions else { return true }
        func holds(_ values: [String]?, _ value: String?) -> Bool {
            guard let values else { return true }
            guard let value else { return false }
            return values.contains(value)
        }
        func any(_ values: [String]?, _ present: Set<Int>, _ groups: [[String]]) -> Bool {
            guard let values else { return true }
            let folded = Set(values.map { $0.lowercased() })
            return present.contains { groups[$0].contains(where: folded.contains) }
        }
        if let types = conditions.types, !types.contains(complaint.type) { return false }
        if !holds(conditions.services, complaint.service) || !holds(conditions.channels, complaint.channel) { return false }
        if !holds(conditions.makers, complaint.maker) { return false }
        if !any(conditions.categories, complaint.categories, categoryGroups) { return false }
        if !any(conditions.mentions, complaint.mentions, mentionGroups) { return false }
        if let age = conditions.matterOlderThan {
            guard let rank = thresholds.firstIndex(of: age), complaint.ageRank > rank else { return false }
        }
        return true
    }

    /// The index of the first rule of `table` that decides this class, or nil when none matches.
    public func decidingRule(in table: [RoutingRule], for complaint: ComplaintClass) -> Int? {
        table.firstIndex { matches($0.conditions, complaint) }
    }
}
