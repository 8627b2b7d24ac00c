import Foundation
import RedressEngine
import RedressFormats
import RedressTestSupport
import Testing

/// CRM exports as they are: a Windows-1252 CSV with the CRM's own column names, UK dates and
/// service names in words, read through `--map`; several inputs in one run; input in the other
/// format detected with a hint.
@Suite("CRM exports")
struct CRMExportTests {
    static let fixtures = CommandRunner.repositoryRoot.appendingPathComponent("Tests/RedressCommandsTests/Fixtures")
    static let export = fixtures.appendingPathComponent("crm-export.csv").path
    static let map = fixtures.appendingPathComponent("crm-map.yaml").path
    static let policy = ["--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library]

    static func decisions(_ out: String) throws -> [[String: Any]] {
        try out.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test("a CRM-style CSV classifies correctly through --map and --encoding windows-1252")
    func crmExport() throws {
        let result = CommandRunner.run(["classify", Self.export, "--map", Self.map, "--encoding", "windows-1252", "--format", "jsonl"] + Self.policy)
        #expect(result.status == 1, "two rows have no valid value")
        let decisions = try Self.decisions(result.out)
        let summary = decisions.map { "\($0["id"] as? String ?? "") \($0["procedure"] as? String ?? "excluded") \($0["respond_by"] as? String ?? "-")" }
        #expect(
            summary == [
                "NS-CRM-001 corporate 2025-01-08", "NS-CRM-002 adults-statutory 2025-06-20", "NS-CRM-003 children-statutory 2025-01-09",
                "NS-CRM-004 excluded -", "NS-CRM-005 corporate 2025-01-17",
            ], "\(summary)")
        // The PCN was found across the double space and the en dash (0x96 in Windows-1252).
        #expect(decisions[3]["rule"] as? String == "parking-penalty")
        #expect(decisions.map { $0["deemed_received"] as? String } == ["2024-12-20", "2024-12-20", "2024-12-23", "2025-01-02", "2025-01-03"])
        #expect(result.error.contains(#""line":7,"id":"NS-CRM-006","error":"`Service Area` value `Highways Dept` has no mapping"#), "\(result.error)")
        #expect(result.error.contains("nearest mapped value: `Highways`"))
        #expect(result.error.contains(#""line":8,"id":"NS-CRM-007","error":"`Date Received` value `31/02/2025 09:00` is not a date in the form dd/MM/yyyy HH:mm"#))
    }

    @Test("without --encoding, a Windows-1252 byte is an error record that says which option reads it")
    func encodingHint() {
        let result = CommandRunner.run(["classify", Self.export, "--map", Self.map, "--format", "jsonl"] + Self.policy)
        #expect(result.error.contains(#""line":4,"id":null,"error":"the line is not valid UTF-8 (byte 0x92 at column 37); if the file was saved by Excel, try --encoding windows-1252"#), "\(result.error)")
    }

    @Test("a byte Windows-1252 leaves undefined is an error record, not a guess")
    func undefinedWindows1252() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("redress-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        var bytes = Array("id,received,service,text\nW1,2024-12-20,waste,caf".utf8)
        bytes += [0xE9, 0x20, 0x81, 0x0A]
        bytes += Array("W2,2024-12-20,waste,caf".utf8) + [0xE9, 0x0A]
        try Data(bytes).write(to: file)
        let result = CommandRunner.run(["classify", file.path, "--encoding", "windows-1252", "--format", "jsonl"] + Self.policy)
        #expect(result.error.contains(#""line":2,"id":null,"error":"the line is not valid Windows-1252 (byte 0x81 at column 26 has no character)"#), "\(result.error)")
        let decisions = try Self.decisions(result.out)
        #expect(decisions.map { $0["id"] as? String } == ["W2"])
    }

    @Test("without --map, the CRM header stops the run before any row, pointing at --map")
    func withoutMap() {
        let result = CommandRunner.run(["classify", Self.export, "--encoding", "windows-1252"] + Self.policy)
        #expect(result.status == 2)
        #expect(result.error.contains("unknown field `Date Received`; did you mean `received`?"), "\(result.error)")
        #expect(result.error.contains("describe the export with --map"))
        #expect(result.out.isEmpty)
    }

    @Test("a map column the header lacks stops the run with the nearest column")
    func missingColumn() throws {
        let text = try String(contentsOfFile: Self.map, encoding: .utf8).replacingOccurrences(of: "column: Date Received", with: "column: Date Recieved")
        let map = try ClassifyCommandTests.write(text, suffix: "yaml")
        let result = CommandRunner.run(["classify", Self.export, "--map", map, "--encoding", "windows-1252"] + Self.policy)
        #expect(result.status == 2)
        #expect(result.error.contains("reads column `Date Recieved`, which the CSV header does not have"), "\(result.error)")
        #expect(result.error.contains("did you mean `Date Received`?"))
    }

    @Test("every mistake in a map is reported with its line, and nothing is read")
    func badMap() throws {
        let map = try ClassifyCommandTests.write(
            """
            redress-map: 1
            fields:
              id: Case Ref
              received: { column: Date Received, date: dd/MM/yy }
              servce: Service Area
              channel: { column: Contact Method, values: { Webchat: webchat, Web form: web, WEB  FORM: web } }
            """, suffix: "yaml")
        let result = CommandRunner.run(["classify", Self.export, "--map", map] + Self.policy)
        #expect(result.status == 2)
        #expect(result.error.contains(":4:44: error: cannot read the date form `dd/MM/yy`"), "\(result.error)")
        #expect(result.error.contains(":5:3: error: `servce` is not a field of the input contract"))
        #expect(result.error.contains("did you mean `service`?"))
        #expect(result.error.contains(":6:57: error: `webchat` is not a `channel`"))
        #expect(result.error.contains("`WEB  FORM` and `Web form` are the same CRM value"))
        #expect(result.out.isEmpty)
    }

    @Test(
        "date forms are read strictly",
        arguments: [
            ("dd/MM/yyyy", "20/12/2024", "2024-12-20"), ("d/M/yyyy", "3/1/2025", "2025-01-03"),
            ("dd/MM/yyyy HH:mm", "20/12/2024 16:45", "2024-12-20T16:45:00"), ("yyyy-MM-dd", "2024-12-20", "2024-12-20"),
            ("dd.MM.yyyy HH:mm:ss", "01.02.2025 07:08:09", "2025-02-01T07:08:09"), ("dd/MM/yyyy", "2024-12-20", nil),
            ("dd/MM/yyyy", "31/02/2025", nil), ("dd/MM/yyyy", "20/12/2024 extra", nil), ("dd/MM/yyyy HH:mm", "20/12/2024 24:00", nil),
            ("MM/dd/yyyy", "12/20/2024", "2024-12-20"), ("dd/MM/yyyy", "", nil),
        ] as [(String, String, String?)])
    func datePatterns(_ pattern: String, _ value: String, _ iso: String?) throws {
        let form = try #require(DatePattern(pattern))
        #expect(form.iso(value) == iso)
    }

    @Test("date forms that could move a deadline are refused", arguments: ["dd/MM/yy", "MM/yyyy", "dd/MM/yyyy hh:mm", "dd/MM/yyyy HH"])
    func refusedPatterns(_ pattern: String) {
        #expect(DatePattern(pattern) == nil)
    }

    @Test("several input files in one run: in order, error records name the file and its own line")
    func severalFiles() throws {
        let first = try ClassifyCommandTests.write(
            "{\"id\":\"A1\",\"received\":\"2024-12-20\",\"service\":\"highways\"}\n{\"id\":\"A2\",\"received\":\"2024-13-01\"}\n", suffix: "jsonl")
        let second = try ClassifyCommandTests.write("id,received,service\nB1,2024-12-20,waste\nB2,,waste\n", suffix: "csv")
        let result = CommandRunner.run(["classify", first, second, "--format", "jsonl"] + Self.policy)
        #expect(result.status == 1)
        #expect(try Self.decisions(result.out).map { $0["id"] as? String } == ["A1", "B1"])
        #expect(result.error.contains("{\"file\":\"\(first)\",\"line\":2,\"id\":\"A2\""), "\(result.error)")
        #expect(result.error.contains("{\"file\":\"\(second)\",\"line\":3,\"id\":\"B2\""), "\(result.error)")
    }

    @Test(
        "input in the other format is detected with a hint, before any record",
        arguments: [
            ("id,received,service\nS1,2024-12-20,waste\n", "standard input looks like CSV", "pass --input-format csv"),
            ("[{\"id\":\"S1\",\"received\":\"2024-12-20\"}]\n", "looks like one JSON array, not JSON Lines", "jq -c '.[]'"),
        ])
    func sniffing(_ input: String, _ message: String, _ help: String) throws {
        let file = try ClassifyCommandTests.write(input, suffix: "txt")
        let outcome = try ProcessFailureTests.shell(
            "\(ProcessFailureTests.binary) classify \(ProcessFailureTests.policy) --library \(CommandRunner.library) < \(file)")
        #expect(outcome.status == 2)
        #expect(outcome.error.contains(message), "\(outcome.error)")
        #expect(outcome.error.contains(help))
    }

    @Test("the map's JSON Schema names the contract's fields and the decoder's keys, and accepts the fixture")
    func schema() throws {
        let path = CommandRunner.repositoryRoot.appendingPathComponent("schemas/field-map.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(FieldMapDecoder.topKeys))
        let fields = try #require((properties["fields"] as? [String: Any])?["properties"] as? [String: [String: Any]])
        #expect(Set(fields.keys) == FieldContract.complaint.fields)
        let received = try #require((fields["received"]?["anyOf"] as? [[String: Any]])?.last?["properties"] as? [String: Any])
        #expect(Set(received.keys) == Set(FieldMapDecoder.ruleKeys))
        let validator = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/check-jsonschema" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let validator else {
            #expect(!TestReportTests.required, "CI must install check-jsonschema")
            return
        }
        let outcome = try ChildProcess.run(validator, ["--schemafile", path.path, Self.map])
        #expect(outcome.status == 0, "\(outcome.text)")
    }
}

/// `--ics` files read by an independent iCalendar parser (PyPI `icalendar`): one event per open
/// deadline, a distinct UID for ids that differ only in punctuation, ids with line breaks escaped.
@Suite("iCalendar files")
struct ICalendarFileTests {
    @Test("ids `A.1`, `A-1` and one holding CRLF give distinct UIDs and a file icalendar reads")
    func uids() throws {
        let cases = try ClassifyCommandTests.write(
            """
            {"id":"A.1","received":"2025-01-06","service":"waste","events":[]}
            {"id":"A-1","received":"2025-01-06","service":"waste","events":[]}
            {"id":"B\\r\\nX;1","received":"2025-01-06","service":"waste","events":[]}

            """, suffix: "jsonl")
        let ics = cases + ".ics"
        let result = CommandRunner.run(
            ["schedule", cases, "--as-of", "2025-01-07", "--ics", ics, "--format", "jsonl", "--policy", CommandRunner.library + "/councils/north-somerset",
             "--library", CommandRunner.library])
        #expect(result.status == 0, "\(result.error)")
        let (status, output) = try TestReportTests.python(
            """
            import sys
            try:
                import icalendar
            except ImportError:
                print("missing"); sys.exit(3)
            calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
            events = calendar.walk("VEVENT")
            uids = [str(e["UID"]) for e in events]
            print(len(events), len(set(uids)))
            for e in events: print(str(e["SUMMARY"]).replace("\\n", "<NL>"))
            """, [ics])
        if status == 3 {
            #expect(!TestReportTests.required, "CI must install icalendar (pip install icalendar)")
            return
        }
        #expect(status == 0, "\(output)")
        let lines = output.split(separator: "\n")
        #expect(lines.first == "3 3", "three open deadlines, three distinct UIDs: \(output)")
        #expect(lines.contains("B<NL>X;1: respond stage-1"), "\(output)")
        let text = try String(contentsOfFile: ics, encoding: .utf8)
        #expect(text.contains("UID:north-somerset/A%2E1/respond%20stage-1@redress\r\n"))
        #expect(text.contains("UID:north-somerset/A-1/respond%20stage-1@redress\r\n"))
    }
}

@Suite("CSV decisions")
struct CSVDecisionTests {
    @Test("the CSV of classify has the exclusion reason, and every row has as many cells as the header")
    func exclusionReason() throws {
        let input = try ClassifyCommandTests.write(
            "{\"id\":\"P1\",\"received\":\"2025-01-06\",\"service\":\"parking\",\"text\":\"my PCN\"}\n{\"id\":\"P2\",\"received\":\"2025-01-06\",\"service\":\"waste\"}\n",
            suffix: "jsonl")
        let result = CommandRunner.run(
            ["classify", input, "--format", "csv", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library])
        var parser = CSVRecordParser()
        let rows = try result.out.split(separator: "\r\n").map { line in try #require(try parser.feed(Array(line.utf8)[...])) }
        #expect(rows.first?.contains("exclusion_reason") == true)
        #expect(result.out.contains(",a penalty charge notice is a legal matter with its own appeal,"), "\(result.out)")
        #expect(rows.allSatisfy { $0.count == rows.first?.count }, "\(rows.map(\.count))")
    }
}
