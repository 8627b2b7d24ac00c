@testable import RedressEngine
@testable import RedressFormats
import Testing

/// `ExplainTable` numbers every way a rule can fail; a number that named the wrong mismatch would
/// write another reason's text. `LineClassifierTests` compares whole `--explain` outputs; this
/// checks the numbering itself, both ways, for every word of every bundled council's vocabulary.
@Suite struct ExplainTableTests {
    @Test("every mismatch has its own number, and the number gives it back", arguments: LineClassifierTests.councils)
    func numbering(_ council: String) throws {
        for compiled in try LineClassifierTests.engine(council).versions {
            let table = ExplainTable(compiled)
            let sizes = table.sizes
            var all: [RuleMismatch?] = [nil, .category, .phrase, .awareOnMissing, .matterNotOlder]
            all += (0..<sizes.types).map { .type($0) }
            all += [RuleMismatch.service(nil)] + (0..<sizes.services).map { .service($0) }
            all += [RuleMismatch.channel(nil)] + (0..<sizes.channels).map { .channel($0) }
            all += [RuleMismatch.maker(nil)] + (0..<sizes.makers).map { .maker($0) }
            let codes = all.map(table.code)
            #expect(Set(codes).count == all.count, "two mismatches share a number")
            #expect(Set(codes) == Set(0..<table.codes), "numbers are not 0..<\(table.codes)")
            for (mismatch, code) in zip(all, codes) {
                #expect(ExplainTable.mismatch(code, sizes) == mismatch)
            }
        }
    }
}
