import Foundation
import RedressCalendar
@testable import RedressEngine
import RedressPolicy
import RedressTestSupport
import Testing

/// Routing through the service index against trying every rule in order (the definition of
/// first match), on North Somerset with 300 generated rules of every shape mixed in — rules naming
/// one service or several, none, types, channels, categories and phrases — and 20,000 random
/// complaints: the same rule every time.
@Suite("Rule index")
struct RuleIndexTests {
    static let services = ["highways", "waste", "parking", "planning", "housing", "libraries", "council-tax", "benefits"]

    static func policy(seed: UInt64) throws -> CompiledPolicy {
        var random = SeededRandom(seed: seed)
        var rules: [String] = []
        for index in 0..<300 {
            var when: [String] = []
            if random.next() % 4 != 0 {
                let count = Int(random.next() % 3) + 1
                when.append("service: [" + (0..<count).map { _ in services[Int(random.next() % UInt64(services.count))] }.joined(separator: ", ") + "]")
            }
            if random.next() % 5 == 0 { when.append("type: complaint") }
            if random.next() % 5 == 0 { when.append("channel: [phone, email]") }
            if random.next() % 4 == 0 { when.append("categories: [category-\(random.next() % 10)]") }
            if random.next() % 3 == 0 { when.append("mentions: [phrase \(random.next() % 40), phrase \(random.next() % 40)]") }
            let condition = when.isEmpty ? "" : "when: { " + when.joined(separator: ", ") + " }, "
            rules.append("  - { id: generated-\(index), \(condition)exclude: { reason: generated \(index), redirect: elsewhere } }")
        }
        let path = EngineFixtures.policies.appendingPathComponent("councils/north-somerset/2021-01.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "  - id: everything-else\n", with: rules.joined(separator: "\n") + "\n  - id: everything-else\n")
        return CompiledPolicy(try EngineFixtures.loader.loadChecked(bytes: Array(text.utf8), path: path))
    }

    @Test("the indexed route is the first matching rule", arguments: [1, 2, 3] as [UInt64])
    func sameAsLinear(seed: UInt64) throws {
        let compiled = try Self.policy(seed: seed)
        let calendar = compiled.calendar
        var random = SeededRandom(seed: seed &+ 100)
        var differences: [String] = []
        func some(_ count: Int) -> Int? { count == 0 || random.next() % 6 == 0 ? nil : Int(random.next() % UInt64(count)) }
        func set(_ count: Int) -> IDSet {
            var set = IDSet(count: count)
            for _ in 0..<Int(random.next() % 3) where count > 0 { set.insert(Int(random.next() % UInt64(count))) }
            return set
        }
        let interner = compiled.interner
        for _ in 0..<20_000 {
            let features = ComplaintFeatures(
                type: Int(random.next() % UInt64(interner.types.count)), service: some(interner.services.count), channel: some(interner.channels.count),
                maker: some(interner.makers.count), categories: set(interner.categories.count), phrases: set(interner.phrases.count),
                received: try LocalDate(year: 2024, month: 3, day: 4), awareOn: nil)
            let linear = compiled.rules.firstIndex { $0.matches(features, calendar) } ?? compiled.rules.count - 1
            let indexed = compiled.route(features)
            if linear != indexed { differences.append("\(features): linear \(linear), indexed \(indexed)") }
        }
        #expect(differences.isEmpty, "\(differences.count) differences, first: \(differences.prefix(2))")
    }
}
