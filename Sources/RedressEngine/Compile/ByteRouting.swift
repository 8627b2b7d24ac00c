import RedressCalendar

/// A complaint's routed words as byte ranges of one UTF-8 record, as a reader that scans bytes
/// (RedressFormats' `LineClassifier`) finds them: nil when absent. (Its text is given to `decide`
/// as bytes of its own, since a reader may have to decode it.)
package struct ComplaintRanges {
    package var type, service, channel, madeBy: Range<Int>?
    /// Whether the record has categories at all (they are given one by one to `decide`).
    package var hasCategories: Bool

    package init(type: Range<Int>?, service: Range<Int>?, channel: Range<Int>?, madeBy: Range<Int>?, hasCategories: Bool) {
        self.type = type
        self.service = service
        self.channel = channel
        self.madeBy = madeBy
        self.hasCategories = hasCategories
    }
}

/// A complaint decided from its bytes: the version that judged it (an index into
/// `Engine.versions`), its deemed receipt, and the routed and dated outcome.
package struct ByteDecision {
    package var version: Int
    package var deemed: LocalDate
    package var dated: DatedOutcome
    /// What routing compared, for the rules tried before the deciding one (`--explain`).
    package var features: ComplaintFeatures
}

extension Engine {
    /// Decides a complaint given as byte ranges of `bytes`, with its text (UTF-8, nil for none)
    /// and its dates already read, by the same `decide` as `classify`. Nil where only the full
    /// path can say (a word not spelt as the vocabulary spells it, a category outside ASCII, a
    /// problem the full path reports): the caller then reads the record in full.
    /// `forEachCategory` calls its argument with each category's range and returns false when the
    /// argument did.
    package func decide(
        _ ranges: ComplaintRanges, in bytes: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>?, received: LocalDateTime,
        awareOn: LocalDate?, forEachCategory: (_ body: (Range<Int>) -> Bool) -> Bool
    ) -> ByteDecision? {
        guard let (version, deemed) = try? versionIndex(receiving: received) else { return nil }
        let compiled = versions[version]
        guard
            let features = compiled.features(
                ranges, in: bytes, text: text, received: received.date, awareOn: awareOn, forEachCategory: forEachCategory),
            let dated = try? decide(features, in: compiled, deemed: deemed, received: received.date, hasService: ranges.service != nil)
        else { return nil }
        return ByteDecision(version: version, deemed: deemed, dated: dated, features: features)
    }
}

extension CompiledPolicy {
    /// What routing compares, looked up by bytes; nil where only the full path can say.
    fileprivate func features(
        _ ranges: ComplaintRanges, in bytes: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>?, received: LocalDate,
        awareOn: LocalDate?, forEachCategory: (_ body: (Range<Int>) -> Bool) -> Bool
    ) -> ComplaintFeatures? {
        let words = self.words
        func lookup(_ range: Range<Int>?, in table: WordTable) -> Int?? {
            guard let range else { return .some(nil) }
            return table.index(of: range, in: bytes).map { .some($0) }
        }
        // A complaint with no type is a `complaint`.
        let typeIndex = ranges.type.map { words.types.index(of: $0, in: bytes) } ?? words.types.index(of: "complaint")
        guard let type = typeIndex, let service = lookup(ranges.service, in: words.services),
            let channel = lookup(ranges.channel, in: words.channels), let maker = lookup(ranges.madeBy, in: words.makers)
        else { return nil }
        var categories = IDSet(count: interner.categories.count)
        if ranges.hasCategories {
            // Categories are compared lowercased; by bytes only when every word and category is ASCII.
            guard words.categories.asciiOnly else { return nil }
            let read = forEachCategory { range in
                guard !bytes[range].contains(where: { $0 >= 0x80 }) else { return false }
                if let index = words.categories.index(of: range, in: bytes, folding: true) { categories.insert(index) }
                return true
            }
            guard read else { return nil }
        }
        let phrases = text.map { matcher.matches(in: $0) } ?? IDSet(count: matcher.phrases.count)
        return ComplaintFeatures(
            type: type, service: service, channel: channel, maker: maker, categories: categories, phrases: phrases, received: received,
            awareOn: awareOn)
    }
}
