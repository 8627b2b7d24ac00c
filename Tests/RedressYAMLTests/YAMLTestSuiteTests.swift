import Foundation
import RedressDiagnostics
import Testing

@testable import RedressYAML

/// One case of the public YAML test suite: a folder with `in.yaml` and either `error` (must be
/// rejected) or, usually, `in.json` (the expected data).
struct SuiteCase: CustomTestStringConvertible, Sendable {
    let id: String
    let folder: URL
    var testDescription: String { id }

    static let all: [SuiteCase] = {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(at: FixturePaths.suite, includingPropertiesForKeys: nil) else {
            return []
        }
        var cases: [SuiteCase] = []
        for case let url as URL in enumerator where url.lastPathComponent == "in.yaml" {
            let folder = url.deletingLastPathComponent()
            let id = folder.path.replacingOccurrences(of: FixturePaths.suite.path + "/", with: "")
            cases.append(SuiteCase(id: id, folder: folder))
        }
        return cases.sorted { $0.id < $1.id }
    }()

    var isError: Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent("error").path) }
    var yaml: [UInt8] { (try? Array(Data(contentsOf: folder.appendingPathComponent("in.yaml")))) ?? [] }
    var json: String? { try? String(contentsOf: folder.appendingPathComponent("in.json"), encoding: .utf8) }
}

/// Cases where libyaml 0.2.5 itself disagrees with the suite. Each is still run: the test checks
/// that the loader does not crash or hang, and that libyaml still disagrees (so a fixed libyaml
/// makes the entry fail and be removed).
/// Most are in libyaml's own test-suite blacklists (`blacklist/libyaml-parser`,
/// `blacklist/libyaml-parser-error` in the libyaml repository); the rest are newer suite cases of the
/// same kinds. The reason is the case title and, for rejections, libyaml's own message.
let knownLibyamlDeviations: [String: String] = [
    "2JQS": "libyaml rejects valid YAML (Block Mapping with Missing Keys): did not find expected key",
    "2LFX": "libyaml rejects valid YAML (Spec Example 6.13. Reserved Directives [1.3]): found unknown directive name",
    "2SXE": "libyaml rejects valid YAML (Anchors With Colon in Name): mapping values are not allowed in this context",
    "4ABK": "libyaml rejects valid YAML (Flow Mapping Separate Values): found unexpected ':'",
    "4MUZ/00": "libyaml rejects valid YAML (Flow mapping colon on line after key): did not find expected ',' or '}'",
    "4MUZ/01": "libyaml rejects valid YAML (Flow mapping colon on line after key): did not find expected ',' or '}'",
    "4MUZ/02": "libyaml rejects valid YAML (Flow mapping colon on line after key): did not find expected ',' or '}'",
    "58MP": "libyaml rejects valid YAML (Flow mapping edge cases): did not find expected node content",
    "5MUD": "libyaml rejects valid YAML (Colon and adjacent value on next line): did not find expected ',' or '}'",
    "5T43": "libyaml rejects valid YAML (Colon at the beginning of adjacent flow scalar): did not find expected node content",
    "652Z": "libyaml reads it differently (Question mark at start of flow key)",
    "6BCT": "libyaml rejects valid YAML (Spec Example 6.3. Separation Spaces): found character that cannot start any token",
    "6CA3": "libyaml rejects valid YAML (Tab indented top flow): found character that cannot start any token",
    "6LVF": "libyaml rejects valid YAML (Spec Example 6.13. Reserved Directives): found unknown directive name",
    "6M2F": "libyaml rejects valid YAML (Aliases in Explicit Block Mapping): did not find expected key",
    "7Z25": "libyaml rejects valid YAML (Bare document after document end marker): did not find expected <document start>",
    "8XYN": "libyaml rejects valid YAML (Anchor with unicode character): did not find expected alphabetic or numeric character",
    "96NN/00": "libyaml rejects valid YAML (Leading tab content in literals): found a tab character where an indentation space is expected",
    "96NN/01": "libyaml rejects valid YAML (Leading tab content in literals): found a tab character where an indentation space is expected",
    "9C9N": "libyaml accepts invalid YAML (Wrong indented flow sequence)",
    "9HCY": "libyaml accepts invalid YAML (Need document footer before directives)",
    "9JBA": "libyaml accepts invalid YAML (Invalid comment after end of flow sequence)",
    "9SA2": "libyaml rejects valid YAML (Multiline double quoted flow mapping key): did not find expected ',' or '}'",
    "A2M4": "libyaml rejects valid YAML (Spec Example 6.2. Indentation Indicators): found character that cannot start any token",
    "BEC7": "libyaml rejects valid YAML (Spec Example 6.14. “YAML” directive): found incompatible YAML document",
    "CFD4": "libyaml rejects valid YAML (Empty implicit key in single pair flow sequences): did not find expected node content",
    "CVW2": "libyaml accepts invalid YAML (Invalid comment after comma)",
    "DBG4": "libyaml rejects valid YAML (Spec Example 7.10. Plain Characters): did not find expected node content",
    "DK3J": "libyaml rejects valid YAML (Zero indented block scalar with line that looks like a comment): did not find expected <document start>",
    "DK95/00": "libyaml rejects valid YAML (Tabs that look like indentation): found character that cannot start any token",
    "DK95/01": "libyaml accepts invalid YAML (Tabs that look like indentation)",
    "DK95/03": "libyaml rejects valid YAML (Tabs that look like indentation): found character that cannot start any token",
    "DK95/04": "libyaml rejects valid YAML (Tabs that look like indentation): found a tab character that violates indentation",
    "EB22": "libyaml accepts invalid YAML (Missing document-end marker before directive)",
    "FP8R": "libyaml rejects valid YAML (Zero indented block scalar): did not find expected <document start>",
    "FRK4": "libyaml rejects valid YAML (Spec Example 7.3. Completely Empty Flow Nodes): found unexpected ':'",
    "G5U8": "libyaml accepts invalid YAML (Plain dashes in flow sequence)",
    "HM87/00": "libyaml rejects valid YAML (Scalars in flow start with syntax char): did not find expected node content",
    "HM87/01": "libyaml reads it differently (Scalars in flow start with syntax char)",
    "HWV9": "libyaml rejects valid YAML (Document-end marker): did not find expected node content",
    "JEF9/02": "libyaml reads it differently (Trailing whitespace in streams)",
    "K3WX": "libyaml rejects valid YAML (Colon and adjacent value after comment on next line): did not find expected ',' or '}'",
    "L24T/01": "libyaml reads it differently (Trailing line of spaces)",
    "M2N8/00": "libyaml rejects valid YAML (Question mark edge cases): did not find expected key",
    "M7A3": "libyaml rejects valid YAML (Spec Example 9.3. Bare Documents): did not find expected <document start>",
    "MUS6/00": "libyaml accepts invalid YAML (Directive variants)",
    "MUS6/01": "libyaml accepts invalid YAML (Directive variants)",
    "MUS6/05": "libyaml rejects valid YAML (Directive variants): found unknown directive name",
    "MUS6/06": "libyaml rejects valid YAML (Directive variants): found unknown directive name",
    "NHX8": "libyaml rejects valid YAML (Empty Lines at End of Document): did not find expected key",
    "NJ66": "libyaml rejects valid YAML (Multiline plain flow mapping key): did not find expected ',' or '}'",
    "NKF9": "libyaml rejects valid YAML (Empty keys in block and flow mapping): did not find expected key",
    "Q5MG": "libyaml rejects valid YAML (Tab at beginning of line followed by a flow mapping): found character that cannot start any token",
    "QB6E": "libyaml accepts invalid YAML (Wrong indented multiline quoted scalar)",
    "QT73": "libyaml rejects valid YAML (Comment and document-end marker): did not find expected node content",
    "R4YG": "libyaml rejects valid YAML (Spec Example 8.2. Block Indentation Indicator): found a tab character where an indentation space is expected",
    "RHX7": "libyaml accepts invalid YAML (YAML directive without document end marker)",
    "S3PD": "libyaml rejects valid YAML (Spec Example 8.18. Implicit Block Mapping Entries): did not find expected key",
    "S98Z": "libyaml accepts invalid YAML (Block scalar with more spaces than first content line)",
    "SM9W/01": "libyaml rejects valid YAML (Single character streams): did not find expected key",
    "SU5Z": "libyaml accepts invalid YAML (Comment without whitespace after doublequoted scalar)",
    "UKK6/00": "libyaml rejects valid YAML (Syntax character edge cases): did not find expected key",
    "UT92": "libyaml rejects valid YAML (Spec Example 9.4. Explicit Documents): did not find expected ',' or '}'",
    "VJP3/01": "libyaml rejects valid YAML (Flow collections over many lines): did not find expected ',' or '}'",
    "W4TN": "libyaml rejects valid YAML (Spec Example 9.5. Directives Documents): could not find expected directive name",
    "W5VH": "libyaml rejects valid YAML (Allowed characters in alias): did not find expected alphabetic or numeric character",
    "X4QW": "libyaml accepts invalid YAML (Comment without whitespace after block scalar indicator)",
    "Y2GN": "libyaml reads it differently (Anchor with colon in the middle)",
    "Y79Y/001": "libyaml rejects valid YAML (Tabs in various contexts): found a tab character where an indentation space is expected",
    "Y79Y/003": "libyaml accepts invalid YAML (Tabs in various contexts)",
    "Y79Y/010": "libyaml rejects valid YAML (Tabs in various contexts): found character that cannot start any token",
    "YJV2": "libyaml accepts invalid YAML (Dash in flow sequence)",
]

/// Cases Redress rejects on purpose although the suite calls them valid YAML.
let stricterByDesign: [String: String] = [
    "X38W": "duplicate keys are refused, and the second key here is an alias of the first (the same node)",
]

enum SuiteOutcome: Equatable {
    case matched, rejectedAsExpected, knownDeviation
}

/// The loader as the suite needs it: any tag, any number of documents.
let suiteLoader = YAMLLoader(limits: YAMLLimits(maxDocuments: 1000, allowedTags: nil))

func run(_ suiteCase: SuiteCase) -> (SuiteOutcome?, String) {
    let loaded = Result { () throws(DiagnosticList) in try suiteLoader.loadStream(suiteCase.yaml, path: "in.yaml") }
    let deviation = knownLibyamlDeviations[suiteCase.id] ?? stricterByDesign[suiteCase.id]
    let outcome: (SuiteOutcome?, String)
    switch loaded {
    case .failure(let error):
        let positioned = error.diagnostics.allSatisfy { $0.range != nil }
        if suiteCase.isError {
            outcome = positioned ? (.rejectedAsExpected, "") : (nil, "rejected without a position: \(error)")
        } else {
            outcome = (nil, "valid YAML rejected: \(error)")
        }
    case .success(let (documents, _)):
        if suiteCase.isError {
            outcome = (nil, "invalid YAML accepted")
        } else if let json = suiteCase.json {
            do {
                let expected = try OrderedJSON.parseStream(json)
                let actual = documents
                if expected.count == actual.count, zip(expected, actual).allSatisfy({ TreeComparison.matches($1, $0) }) {
                    outcome = (.matched, "")
                } else {
                    outcome = (nil, "tree differs from in.json: \(actual) vs \(expected)")
                }
            } catch {
                outcome = (nil, "in.json unreadable: \(error)")
            }
        } else {
            // No in.json: the data is not representable as JSON (complex keys, say); loading it
            // without error is what the suite asks.
            outcome = (.matched, "")
        }
    }
    if let deviation {
        return outcome.0 == nil ? (.knownDeviation, "") : (nil, "listed as a libyaml deviation (\(deviation)) but now passes")
    }
    return outcome
}

@Suite("YAML test suite")
struct YAMLTestSuiteTests {
    @Test("every case behaves as the suite expects", arguments: SuiteCase.all)
    func suiteCase(_ suiteCase: SuiteCase) {
        let (outcome, problem) = run(suiteCase)
        #expect(outcome != nil, "\(suiteCase.id): \(problem)")
    }

    @Test("all 402 cases are present and the counts add up")
    func counts() {
        let outcomes = SuiteCase.all.map { run($0).0 }
        let matched = outcomes.filter { $0 == .matched }.count
        let rejected = outcomes.filter { $0 == .rejectedAsExpected }.count
        let deviations = outcomes.filter { $0 == .knownDeviation }.count
        let errorCases = SuiteCase.all.filter(\.isError).count
        let failed = outcomes.filter { $0 == nil }.count
        print(
            "yaml-test-suite: \(outcomes.count) cases: \(matched) matched in.json or loaded, "
                + "\(rejected) rejected as expected (of \(errorCases) error cases), \(deviations) known deviations "
                + "(\(knownLibyamlDeviations.count) libyaml, \(stricterByDesign.count) stricter by design), \(failed) failed")
        #expect(outcomes.count == 402)
        #expect(failed == 0)
        #expect(deviations == knownLibyamlDeviations.count + stricterByDesign.count)
    }
}
