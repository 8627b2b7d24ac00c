import Foundation
import RedressEngine
import RedressFormats
import RedressTestSupport
import Testing

@Suite("Input readers")
struct InputTests {
    @Test(
        "JSON records: valid objects read, with raw text kept for pass-through",
        arguments: [
            (#"{"id":"a","n":1.5e3,"ok":true,"x":null,"l":["p","q"],"o":{"k":[1,{"z":2}]}}"#, 6),
            (#"  { "id" : "\u00e9\ud83d\ude00\n" }  "#, 1),
            ("{}", 0),
        ])
    func validJSON(_ text: String, _ count: Int) throws {
        let fields = try JSONObjectReader.read(Array(text.utf8))
        #expect(fields.count == count)
    }

    @Test("JSON pass-through keeps nested values verbatim and decodes escapes")
    func passThrough() throws {
        let fields = try JSONObjectReader.read(Array(#"{"id":"\u00e9\ud83d\ude00","o":{"k":[1, 2]}}"#.utf8))
        #expect(fields[0].value == .string("é😀"))
        #expect(fields[1].rawJSON == #"{"k":[1, 2]}"#)
    }

    @Test(
        "malformed JSON records are refused with a reason",
        arguments: [
            #"{"id":"a""#, #"{"id":"a",}"#, #"["a"]"#, #"{"id":'a'}"#, #"{"id":"a"} x"#, #"{"id":"a","id":"b"}"#,
            #"{"n":01x}"#, "{\"s\":\"tab\there\"}", String(repeating: "{\"a\":", count: 40) + "1" + String(repeating: "}", count: 40),
            "", #"{"id":tru}"#,
        ])
    func malformedJSON(_ text: String) {
        #expect(throws: RecordError.self) { try JSONObjectReader.read(Array(text.utf8)) }
    }

    @Test("CSV: quoted commas, doubled quotes and line breaks inside quotes")
    func csv() throws {
        var parser = CSVRecordParser()
        #expect(try parser.feed(ArraySlice(#"a,"b, c","say ""hi""""#.utf8)) == ["a", "b, c", #"say "hi""#])
        #expect(try parser.feed(ArraySlice(#"x,"first line"#.utf8)) == nil)
        #expect(try parser.feed(ArraySlice(#"second line",z"#.utf8)) == ["x", "first line\nsecond line", "z"])
        var fresh = CSVRecordParser()
        #expect(throws: RecordError.self) { try fresh.feed(ArraySlice(#"a,b"c"#.utf8)) }
        #expect(CSVRecordParser.quote("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVRecordParser.quote("a,b") == "\"a,b\"")
    }

    @Test("a CSV record spanning lines is numbered by the line it starts on")
    func csvLineNumbers() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redress-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "id,text\nA,\"one\ntwo\nthree\"\nB,x\n".write(toFile: path, atomically: true, encoding: .utf8)
        let handle = try #require(FileHandle(forReadingAtPath: path))
        var stream = RecordStream(reader: LineReader(handle: handle), format: .csv)
        var lines: [Int] = []
        while let next = stream.next() {
            if case .success(let record) = next { lines.append(record.line) }
        }
        #expect(lines == [2, 5])
    }

    @Test(
        "type, channel and made_by are checked against the policy's vocabulary, with did you mean",
        arguments: [
            (#"{"id":"a","received":"2024-01-01","type":"moan"}"#, "unknown type `moan` for the north-somerset policy"),
            (#"{"id":"a","received":"2024-01-01","channel":"fax"}"#, "unknown channel `fax` for the north-somerset policy"),
            (#"{"id":"a","received":"2024-01-01","channel":"emial"}"#, "did you mean `email`?"),
            (#"{"id":"a","received":"2024-01-01","made_by":"advocate"}"#, "unknown made_by `advocate`"),
        ])
    func vocabularyValidation(_ text: String, _ message: String) throws {
        let engine = try #require(EngineFixtures.northSomerset)
        let complaint = try Complaint(record: InputRecord(line: 1, fields: try JSONObjectReader.read(Array(text.utf8))))
        #expect {
            try engine.classify(complaint)
        } throws: { error in
            (error as? RecordError)?.message.contains(message) == true
        }
    }

    @Test(
        "complaint records are validated where they enter",
        arguments: [
            (#"{"received":"2024-01-01"}"#, "missing `id`"),
            (#"{"id":"a"}"#, "missing `received`"),
            (#"{"id":"a","received":"2023-02-29"}"#, "February 2023 has 28 days"),
            (#"{"id":"a","received":"2024-01-01","categories":"x","service":7}"#, "`service` must be text"),
            (#"{"id":"a","received":"2024-01-01","aware_on":"2024-02-01"}"#, "is after `received`"),
        ])
    func complaintValidation(_ text: String, _ message: String) throws {
        let record = InputRecord(line: 1, fields: try JSONObjectReader.read(Array(text.utf8)))
        #expect {
            try Complaint(record: record)
        } throws: { error in
            (error as? RecordError)?.message.contains(message) == true
        }
    }

    @Test("the phrase matcher agrees with a naive word-boundary search on random texts")
    func phraseMatcherOracle() {
        let phrases = ["penalty charge notice", "pcn", "parking ticket", "charge", "notice of", "ice", "a", "ticket machine"]
        let matcher = PhraseMatcher(phrases: phrases)
        let words = ["penalty", "charge", "notice", "of", "PCN", "pcn.", "parking", "ticket", "machine", "ice", "nice", "a", "A,", "upcn", "the"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in words[Int.random(in: 0..<words.count, using: &generator)] }.joined(separator: " ")
            let found = matcher.matches(in: text)
            for (id, phrase) in phrases.enumerated() {
                #expect(found.contains(id) == Self.naiveContains(text, phrase), "\(phrase) in \(text)")
            }
        }
    }

    static func naiveContains(_ text: String, _ phrase: String) -> Bool {
        let haystack = Array(text.lowercased().utf8)
        let needle = Array(phrase.utf8)
        guard needle.count <= haystack.count else { return false }
        func word(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 97 && b <= 122) || b >= 0x80 || (b >= 65 && b <= 90) }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            let before = start == 0 || !word(haystack[start - 1])
            let after = start + needle.count == haystack.count || !word(haystack[start + needle.count])
            if before && after { return true }
        }
        return false
    }
}
