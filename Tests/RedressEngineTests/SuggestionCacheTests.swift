import RedressDiagnostics
@testable import RedressEngine
import Testing

/// Remembered "did you mean" answers are the answers: the same as `SpellingSuggestion` the first
/// time, the second time, per vocabulary, and for words past the cache's capacity.
@Suite("Suggestion cache")
struct SuggestionCacheTests {
    static let services = ["highways", "waste", "parking", "planning", "housing", "libraries", "council-tax"]
    static let channels = ["web", "email", "phone", "letter"]

    @Test("each answer equals SpellingSuggestion's, remembered or not, within and past capacity")
    func sameAnswers() {
        let cache = SuggestionCache()
        let words = ["hihgways", "wastee", "parkign", "xyz", "emial", "phone", "", "Highways"]
        for round in 0..<2 {
            for word in words {
                #expect(cache.closest(to: word, in: Self.services, kind: .services) == SpellingSuggestion.closest(to: word, in: Self.services), "\(word), round \(round)")
                #expect(cache.closest(to: word, in: Self.channels, kind: .channels) == SpellingSuggestion.closest(to: word, in: Self.channels), "\(word), round \(round)")
            }
        }
        for index in 0..<(SuggestionCache.capacity + 50) { _ = cache.closest(to: "word-\(index)", in: Self.services, kind: .services) }
        #expect(cache.closest(to: "housign", in: Self.services, kind: .services) == "housing")
        #expect(cache.closest(to: "housign", in: Self.services, kind: .services) == "housing")
    }
}
