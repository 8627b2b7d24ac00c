import RedressCalendar
import RedressDiagnostics
import RedressPolicy

/// One policy version compiled for evaluation: immutable and `Sendable`. Its parts live in one
/// immutable storage object, so passing a compiled policy around costs one reference count.
public struct CompiledPolicy: Sendable {
    private final class Storage: Sendable {
        let policy: Policy
        let calendar: WorkingDayCalendar
        let interner: Interner
        let rules: [CompiledRule]
        let ruleIndex: RuleIndex
        let matcher: PhraseMatcher
        let sourceTexts: [String]
        let routesOnService: Bool
        let outcomes: [RuleOutcomePlan]
        let councilID: String
        let versionID: String
        let effectiveFrom: LocalDate
        let effectiveTo: LocalDate?
        let cutoff: TimeOfDay?
        /// The vocabularies by bytes (for complaints read as bytes, and for the usual spellings).
        let words: LineWords
        /// "Did you mean" for unknown words in complaints, remembered.
        let suggestions = SuggestionCache()

        init(policy: Policy, calendar: WorkingDayCalendar, interner: Interner, rules: [CompiledRule], matcher: PhraseMatcher) {
            self.ruleIndex = RuleIndex(rules, serviceCount: interner.services.count)
            self.sourceTexts = rules.map { $0.rule.range.description }
            self.routesOnService = rules.contains { $0.rule.conditions?.services != nil }
            self.outcomes = rules.map { RuleOutcomePlan($0.rule, policy: policy) }
            self.councilID = policy.council.id
            self.versionID = policy.version.id
            self.effectiveFrom = policy.version.effectiveFrom
            self.effectiveTo = policy.version.effectiveTo
            self.cutoff = policy.calendar.cutoff
            self.words = LineWords(interner)
            self.policy = policy
            self.calendar = calendar
            self.interner = interner
            self.rules = rules
            self.matcher = matcher
        }
    }

    private let storage: Storage
    public var policy: Policy { storage.policy }
    /// A procedure of the policy by id, read in place (copying the whole `Policy` to find one costs
    /// a reference count for each of its parts).
    public func procedure(_ id: String) -> Procedure? { storage.policy.procedure(id) }
    /// The policy's retention rules, read in place.
    public var retention: [RetentionRule] { storage.policy.retention }
    public var calendar: WorkingDayCalendar { storage.calendar }
    var interner: Interner { storage.interner }
    var rules: [CompiledRule] { storage.rules }
    var matcher: PhraseMatcher { storage.matcher }
    /// Each rule's `path:line:column`, preformatted.
    var sourceTexts: [String] { storage.sourceTexts }
    var usesPhrases: Bool { !storage.matcher.isEmpty }
    /// True when some rule routes on `service`, so a complaint without one is flagged.
    var routesOnService: Bool { storage.routesOnService }
    /// A rule's outcome, resolved at compile time.
    func outcome(_ index: Int) -> RuleOutcomePlan { storage.outcomes[index] }
    /// Every rule's outcome, in rule order.
    package var outcomes: [RuleOutcomePlan] { storage.outcomes }
    package var councilID: String { storage.councilID }
    var words: LineWords { storage.words }

    /// Whether this version is in force on `date` (without copying the policy).
    public func isInForce(on date: LocalDate) -> Bool {
        date >= storage.effectiveFrom && (storage.effectiveTo.map { date <= $0 } ?? true)
    }
    package var versionID: String { storage.versionID }

    public init(_ loaded: LoadedPolicy) {
        let interner = Interner(policy: loaded.policy)
        let rules = loaded.policy.routing.map { rule in
            let conditions = rule.conditions
            return CompiledRule(
                rule: rule,
                types: interner.set(conditions?.types, of: .types),
                services: interner.set(conditions?.services, of: .services),
                channels: interner.set(conditions?.channels, of: .channels),
                makers: interner.set(conditions?.makers, of: .makers),
                categories: interner.set(conditions?.categories, of: .categories),
                phrases: interner.set(conditions?.mentions, of: .phrases),
                matterOlderThan: conditions?.matterOlderThan)
        }
        storage = Storage(
            policy: loaded.policy, calendar: loaded.calendar, interner: interner, rules: rules,
            matcher: PhraseMatcher(phrases: interner.phrases))
    }

    /// The first working day on which the complaint counts as received.
    func deemedReceipt(_ received: LocalDateTime) throws(CalendarError) -> LocalDate {
        var date = received.date
        if let cutoff = storage.cutoff, let time = received.time, time > cutoff { date = date.adding(days: 1) }
        return try calendar.workingDay(onOrAfter: date)
    }

    func features(_ complaint: Complaint) throws(RecordError) -> ComplaintFeatures {
        let interner = storage.interner
        let words = storage.words
        var service: Int?
        if let name = complaint.service {
            guard let index = Self.bytewise(name, in: words.services) ?? interner.serviceIndex[name] else {
                let hint = storage.suggestions.closest(to: name, in: interner.services, kind: .services).map { "; did you mean `\($0)`?" } ?? ""
                throw RecordError("unknown service `\(name)` for the \(policy.council.id) policy\(hint)")
            }
            service = index
        }
        var categories = IDSet(count: interner.categories.count)
        // An ASCII category is compared with an all-ASCII list by bytes, lowercased as it goes;
        // anything else by `String`, lowercased.
        let asciiCategories = words.categories.asciiOnly && words.categories.searchable
        for category in complaint.categories {
            if asciiCategories, category.utf8.allSatisfy({ $0 < 0x80 }) {
                var category = category
                if let index = category.withUTF8({ words.categories.index(of: 0..<$0.count, in: $0, folding: true) }) { categories.insert(index) }
            } else if let index = interner.categoryIndex[category.lowercased()] {
                categories.insert(index)
            }
        }
        /// A value of the policy's vocabulary, or an error naming the nearest.
        func index(_ value: String?, _ name: String, _ kind: Interner.Kind, _ table: WordTable) throws(RecordError) -> Int? {
            guard let value else { return nil }
            let words = interner.words(kind)
            guard let found = Self.bytewise(value, in: table) ?? words.firstIndex(of: value) else {
                let hint = storage.suggestions.closest(to: value, in: words, kind: kind).map { "did you mean `\($0)`? " } ?? ""
                throw RecordError("unknown \(name) `\(value)` for the \(policy.council.id) policy; \(hint)(expected one of: \(words.joined(separator: ", ")))")
            }
            return found
        }
        return ComplaintFeatures(
            type: try index(complaint.type, "type", .types, words.types) ?? 0, service: service,
            channel: try index(complaint.channel, "channel", .channels, words.channels),
            maker: try index(complaint.madeBy, "made_by", .makers, words.makers), categories: categories,
            phrases: complaint.text.map { storage.matcher.matches(in: $0) } ?? IDSet(count: storage.matcher.phrases.count),
            received: complaint.received.date, awareOn: complaint.awareOn)
    }

    /// A word's index when spelt byte for byte as the vocabulary spells it (no hashing); nil means
    /// "compare as `String`s", not "absent" (see `WordTable`).
    private static func bytewise(_ word: String, in table: WordTable) -> Int? {
        var word = word
        return word.withUTF8 { table.index(of: 0..<$0.count, in: $0) }
    }

    /// The index of the first matching rule (the last rule is a catch-all, so one always matches).
    func route(_ features: ComplaintFeatures) -> Int {
        storage.ruleIndex.firstMatch(features, in: storage.rules, calendar: storage.calendar)
    }

    package func trace(_ features: ComplaintFeatures, upTo index: Int) -> [RuleTrace] {
        var traces: [RuleTrace] = []
        traces.reserveCapacity(index)
        forEachTried(features, upTo: index) { rule, reason in
            let routing = storage.rules[rule].rule
            traces.append(RuleTrace(rule: routing.id, source: routing.range, reason: reason))
        }
        return traces
    }

    /// Each rule before `index` with why it did not match the complaint (`--explain`).
    func forEachTried(_ features: ComplaintFeatures, upTo index: Int, _ body: (Int, String) -> Void) {
        forEachMismatch(features, upTo: index) { rule, mismatch in body(rule, reason(rule, mismatch)) }
    }

    /// Each rule before `index` with the first condition the complaint fails (nil: none fails),
    /// without making the reason's text.
    package func forEachMismatch(_ features: ComplaintFeatures, upTo index: Int, _ body: (Int, RuleMismatch?) -> Void) {
        let calendar = storage.calendar
        storage.rules.withUnsafeBufferPointer { rules in
            for rule in 0..<min(index, rules.count) { body(rule, rules[rule].firstMismatch(features, calendar)) }
        }
    }

    /// How many types, services, channels and makers the policy's vocabulary has: the bounds of
    /// a `RuleMismatch`'s word.
    package var vocabularySizes: (types: Int, services: Int, channels: Int, makers: Int) {
        let interner = storage.interner
        return (interner.types.count, interner.services.count, interner.channels.count, interner.makers.count)
    }

    /// The reason `--explain` gives for rule `rule` and `mismatch`.
    package func reason(_ rule: Int, _ mismatch: RuleMismatch?) -> String {
        mismatch.map { storage.rules[rule].reason($0, storage.interner) } ?? "matches"
    }
}
