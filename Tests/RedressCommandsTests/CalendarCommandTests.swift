import Testing

@Suite("redress calendar")
struct CalendarCommandTests {
    let library = ["--library", CommandRunner.library]

    @Test(
        "add: the issue's acceptance examples",
        arguments: [
            (["2024-12-20", "10"], "2025-01-08\n"),
            (["2024-12-21", "10", "--region", "england-and-wales"], "2025-01-09\n"),
            (["--region", "england-and-wales", "--", "2024-12-20", "-5"], "2024-12-13\n"),
            (["2024-04-01", "1", "--region", "scotland"], "2024-04-02\n"),
        ])
    func add(_ arguments: [String], _ expected: String) {
        let result = CommandRunner.run(["calendar", "add"] + library + arguments)
        #expect(result.status == 0)
        #expect(result.out == expected)
    }

    @Test(
        "bad dates and regions: a clear message and exit code 2",
        arguments: [
            (["add", "2023-02-29", "1"], "`2023-02-29` is not a real date: February 2023 has 28 days, not 29"),
            (["add", "2024-13-01", "1"], "`2024-13-01` is not a real date: month 13 does not exist"),
            (["add", "next tuesday", "1"], "`next tuesday` is not a date in the form YYYY-MM-DD"),
            (["add", "2041-06-03", "1"], "2041-06-03 is outside the england-and-wales bank holiday data"),
            (["between", "2024-01-01", "2024-02-30"], "`2024-02-30` is not a real date"),
            (["add", "2024-01-01", "1", "--region", "wales"], "no bank holiday calendar for region `wales`"),
            (["holidays", "--year", "2041"], "2041 is outside the england-and-wales data"),
        ])
    func errors(_ arguments: [String], _ message: String) {
        let result = CommandRunner.run(["calendar"] + arguments + library)
        #expect(result.status == 2)
        #expect(result.out.isEmpty)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test("between counts working days after FROM up to TO")
    func between() {
        let result = CommandRunner.run(["calendar", "between", "2024-12-20", "2025-01-08"] + library)
        #expect(result.out == "10\n")
    }

    @Test("holidays lists a year with names")
    func holidays() {
        let result = CommandRunner.run(["calendar", "holidays", "--year", "2022"] + library)
        #expect(result.status == 0)
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 10)
        #expect(lines.contains("2022-09-19  Mon  Bank holiday for the State Funeral of Queen Elizabeth II"))
        #expect(lines.first == "2022-01-03  Mon  New Year's Day (substitute day)")
    }

    @Test("2014 and 2040 both work; a date in a year not yet announced is flagged as projected")
    func projectedYears() {
        let early = CommandRunner.run(["calendar", "add", "2014-06-02", "10", "--library", CommandRunner.library])
        #expect(early.status == 0 && early.out == "2014-06-16\n" && early.error.isEmpty, "\(early)")
        let late = CommandRunner.run(["calendar", "add", "2040-06-01", "10", "--library", CommandRunner.library])
        #expect(late.status == 0 && late.out == "2040-06-15\n")
        #expect(late.error.contains("note: projected"), "\(late.error)")
        // Scotland: Friday 27 November 2026 + 5 working days skips St Andrew's Day (Monday 30 November).
        let scottish = CommandRunner.run(["calendar", "add", "2026-11-27", "5", "--region", "scotland", "--library", CommandRunner.library])
        #expect(scottish.out == "2026-12-07\n")
    }

    @Test("a decision whose dates fall in a projected year carries the flag; one in an announced year does not")
    func projectedFlag() throws {
        let input = try ClassifyCommandTests.write(
            "{\"id\":\"P1\",\"received\":\"2027-12-20\",\"service\":\"waste\"}\n{\"id\":\"P2\",\"received\":\"2027-06-01\",\"service\":\"waste\"}\n",
            suffix: "jsonl")
        let result = CommandRunner.run(
            ["classify", input, "--format", "jsonl", "--policy", CommandRunner.library + "/councils/north-somerset", "--library", CommandRunner.library])
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("\"projected-calendar\"") == true, "\(result.out)")
        #expect(lines.last?.contains("projected-calendar") == false)
    }

    @Test("calendar add --dates answers many dates in one run, each as the single-date command would")
    func batch() throws {
        let file = try ClassifyCommandTests.write("2024-12-20 10\n2040-06-01,10\n\n2025-02-30 3\nfoo\n2014-06-02\t10\n2024-12-20 -5\n", suffix: "txt")
        let result = CommandRunner.run(["calendar", "add", "--dates", file, "--library", CommandRunner.library])
        #expect(result.status == 1)
        #expect(result.out == "2024-12-20 10 2025-01-08\n2040-06-01 10 2040-06-15 projected\n2014-06-02 10 2014-06-16\n2024-12-20 -5 2024-12-13\n")
        #expect(result.error.contains(#"{"line":4,"id":null,"error":"`2025-02-30` is not a real date"#), "\(result.error)")
        #expect(result.error.contains(#"{"line":5,"id":null,"error":"expected `DATE N`, found 1 value"}"#))
        for line in result.out.split(separator: "\n") {
            let parts = line.split(separator: " ")
            let single = CommandRunner.run(["calendar", "add", "--library", CommandRunner.library, "--", String(parts[0]), String(parts[1])])
            #expect(single.out == parts[2] + "\n", "the batch answer for \(line) is the single command's")
        }
        let both = CommandRunner.run(["calendar", "add", "2024-12-20", "10", "--dates", file])
        #expect(both.status != 0)
    }
}
