import RedressDiagnostics
import Synchronization

/// "Did you mean" answers for words a policy does not know, remembered per policy version: an
/// export where a service was renamed repeats the same unknown word on every record, and each
/// suggestion compares it with every word of the vocabulary. At most `capacity` words are kept
/// (the first seen); past that, suggestions are computed each time, as before.
final class SuggestionCache: Sendable {
    static let capacity = 1_024

    private struct Key: Hashable {
        var word: String
        var kind: Interner.Kind
    }

    private let known = Mutex<[Key: String?]>([:])

    /// The nearest of `candidates` (the policy's `kind` words) to `word`, as
    /// `SpellingSuggestion.closest` finds it.
    func closest(to word: String, in candidates: [String], kind: Interner.Kind) -> String? {
        let key = Key(word: word, kind: kind)
        if let remembered = known.withLock({ $0[key] }) { return remembered }
        let found = SpellingSuggestion.closest(to: word, in: candidates)
        known.withLock { known in
            if known.count < Self.capacity { known[key] = .some(found) }
        }
        return found
    }
}
