import RedressDiagnostics

/// One test file's outcome, for the machine-readable reports of `redress test`.
public struct TestFileReport: Sendable {
    public var path: String
    public var results: [PolicyTestResult]
    /// Why the file or its policy could not be used (its cases are then counted as errors).
    public var error: String?
    public var coverage: PolicyTestRunner.Coverage?

    public init(path: String, results: [PolicyTestResult], error: String? = nil, coverage: PolicyTestRunner.Coverage? = nil) {
        self.path = path
        self.results = results
        self.error = error
        self.coverage = coverage
    }
}

/// Writes `redress test` results as JUnit XML (what CI systems read) or JSON.
public enum TestReportEncoder {
    public static func junit(_ files: [TestFileReport]) -> String {
        let tests = files.reduce(0) { $0 + $1.results.count + ($1.error == nil ? 0 : 1) }
        let failures = files.reduce(0) { $0 + $1.results.filter { !$0.passed }.count }
        let errors = files.filter { $0.error != nil }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"redress test\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for file in files {
            let fileFailures = file.results.filter { !$0.passed }.count
            xml += "  <testsuite name=\"\(escape(file.path))\" tests=\"\(file.results.count + (file.error == nil ? 0 : 1))\""
            xml += " failures=\"\(fileFailures)\" errors=\"\(file.error == nil ? 0 : 1)\">\n"
            if let error = file.error {
                xml += "    <testcase classname=\"\(escape(file.path))\" name=\"load\">\n"
                xml += "      <error message=\"\(escape(error))\" type=\"load\"/>\n"
                xml += "    </testcase>\n"
            }
            for result in file.results {
                xml += "    <testcase classname=\"\(escape(file.path))\" name=\"\(escape(result.testCase.name))\""
                xml += " file=\"\(escape(result.testCase.range.file))\" line=\"\(result.testCase.range.start.line)\""
                guard !result.passed else {
                    xml += "/>\n"
                    continue
                }
                xml += ">\n"
                let summary = result.failures.map { "\($0.key): expected \($0.expected), actual \($0.actual)" }
                xml += "      <failure message=\"\(escape(summary.first ?? "failed"))\" type=\"expectation\">"
                var details = summary
                if let rule = result.rule, let source = result.ruleSource { details.append("decided by rule `\(rule)` at \(source)") }
                xml += escape(details.joined(separator: "\n"))
                xml += "</failure>\n    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    public static func json(_ files: [TestFileReport]) -> String {
        var out = "{\"files\":["
        for (index, file) in files.enumerated() {
            if index > 0 { out += "," }
            out += "{\"path\":\(quote(file.path)),\"error\":\(file.error.map(quote) ?? "null"),\"cases\":["
            for (caseIndex, result) in file.results.enumerated() {
                if caseIndex > 0 { out += "," }
                out += "{\"name\":\(quote(result.testCase.name)),\"line\":\(result.testCase.range.start.line),\"passed\":\(result.passed)"
                out += ",\"rule\":\(result.rule.map(quote) ?? "null"),\"rule_source\":\(result.ruleSource.map { quote($0.description) } ?? "null")"
                out += ",\"failures\":["
                out += result.failures.map { "{\"key\":\(quote($0.key)),\"expected\":\(quote($0.expected)),\"actual\":\(quote($0.actual))}" }
                    .joined(separator: ",")
                out += "]}"
            }
            out += "]"
            if let coverage = file.coverage {
                out += ",\"coverage\":{\"percent\":\(Int(coverage.percent.rounded(.down))),\"covered\":\(coverage.covered),\"total\":\(coverage.total)"
                out += ",\"missing\":[" + coverage.missing.map(quote).joined(separator: ",") + "]}"
            }
            out += "}"
        }
        let passed = files.reduce(0) { $0 + $1.results.filter(\.passed).count }
        let failed = files.reduce(0) { $0 + $1.results.filter { !$0.passed }.count }
        return out + "],\"passed\":\(passed),\"failed\":\(failed)}\n"
    }

    /// XML text and attribute escaping; characters XML 1.0 cannot hold become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t", "\r": out += "&#\(scalar.value);"
            default:
                out.unicodeScalars.append(scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    static func quote(_ text: String) -> String { JSONText.quoted(text) }
}
