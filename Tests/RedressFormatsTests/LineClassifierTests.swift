import Foundation
@testable import RedressEngine
@testable import RedressFormats
import RedressPolicy
import RedressTestSupport
import Testing

/// `LineClassifier` against the full path (`PendingRecord.parsed` → `ComplaintReader` →
/// `Engine.classify` → `DecisionEncoder`), the oracle it must equal: every record it takes must be
/// one the full path decides, with the same bytes; every record it leaves, the full path handles.
@Suite struct LineClassifierTests {
    /// Every bundled council (all versions, so records near a version change are judged by the
    /// right one).
    static let councils = [
        "ards-and-north-down", "dacorum", "derby", "fife", "north-somerset", "stockton-on-tees", "swansea", "warwickshire",
    ]

    static func engine(_ council: String) throws -> Engine {
        let folder = EngineFixtures.policies.appendingPathComponent("councils/\(council)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try Engine(files.map { try EngineFixtures.loader.loadChecked(path: folder.appendingPathComponent($0).path) })
    }

    /// The full path's output for one line: its JSON Lines decision, or nil for an error record.
    static func fullPath(_ line: [UInt8], _ engine: Engine, encoder: DecisionEncoder = DecisionEncoder(format: .jsonl), explain: Bool = false) -> [UInt8]? {
        guard case .success(let record) = PendingRecord.json(line[...], line: 1, file: nil, map: nil, validate: true).parsed() else {
            return nil
        }
        var reader = ComplaintReader()
        guard let decision = try? engine.classify(reader.complaint(record), explain: explain) else { return nil }
        var out: [UInt8] = []
        encoder.encode(decision, into: &out)
        return out
    }

    struct Tally {
        var direct = 0
        var fullDecided = 0
        var fullFailed = 0
    }

    /// Checks one line both ways; returns whether the line classifier took it.
    @discardableResult
    static func compare(
        _ text: String, _ engine: Engine, _ classifier: inout LineClassifier, _ tally: inout Tally, format: DecisionEncoder.Format = .jsonl,
        encoder: DecisionEncoder? = nil, explain: Bool = false
    ) -> Bool {
        let line = Array(text.utf8)
        var out: [UInt8] = Array("previous\n".utf8)
        let took = classifier.classify(line[...], into: &out)
        let expected = fullPath(line, engine, encoder: encoder ?? DecisionEncoder(format: format), explain: explain)
        if took {
            tally.direct += 1
            #expect(expected != nil, "the line classifier decided a record the full path rejects: \(text)")
            if let expected {
                #expect(String(decoding: out, as: UTF8.self) == "previous\n" + String(decoding: expected, as: UTF8.self), "\(text)")
            }
        } else {
            #expect(out == Array("previous\n".utf8), "the line classifier wrote output for a record it left: \(text)")
            if expected == nil { tally.fullFailed += 1 } else { tally.fullDecided += 1 }
        }
        return took
    }

    @Test(arguments: councils, DecisionEncoder.Format.allCases)
    func equalsTheFullPathOnGeneratedRecords(council: String, format: DecisionEncoder.Format) throws {
        let engine = try Self.engine(council)
        var generator = RecordGenerator(policies: engine.versions.map(\.policy), seed: UInt64(council.utf8.count) &* 7919)
        var classifier = LineClassifier(engine, format: format)
        var tally = Tally()
        for _ in 0..<4000 { Self.compare(generator.next(), engine, &classifier, &tally, format: format) }
        // Not vacuous: many records go the direct way, and both kinds of leftover occur.
        #expect(tally.direct > 1000, "\(tally)")
        #expect(tally.fullFailed > 100, "\(tally)")
        #expect(tally.fullDecided > 100, "\(tally)")
    }

    /// With `--explain`: every rule tried before the deciding one, with its reason, in each format.
    @Test(arguments: councils, DecisionEncoder.Format.allCases)
    func equalsTheFullPathWithExplain(council: String, format: DecisionEncoder.Format) throws {
        let engine = try Self.engine(council)
        var generator = RecordGenerator(policies: engine.versions.map(\.policy), seed: UInt64(council.utf8.count) &* 104_729)
        var classifier = LineClassifier(engine, encoder: DecisionEncoder(format: format), explain: true)
        var tally = Tally()
        for _ in 0..<1000 { Self.compare(generator.next(), engine, &classifier, &tally, format: format, explain: true) }
        #expect(tally.direct > 250, "\(tally)")
    }

    @Test(arguments: DecisionEncoder.Format.allCases)
    func equalsTheFullPathOnTheExampleComplaints(format: DecisionEncoder.Format) throws {
        let engine = try Self.engine("north-somerset")
        var classifier = LineClassifier(engine, format: format)
        var tally = Tally()
        let examples = try String(contentsOf: EngineFixtures.repositoryRoot.appendingPathComponent("examples/complaints.jsonl"), encoding: .utf8)
        for line in examples.split(separator: "\n") { Self.compare(String(line), engine, &classifier, &tally, format: format) }
        #expect(tally.direct >= 20, "\(tally)")
    }

    /// A table fitted to a narrow terminal, in colour: the byte path lays rows out with the same
    /// layout as the full path.
    @Test func narrowColouredTable() throws {
        let engine = try Self.engine("north-somerset")
        let encoder = DecisionEncoder(format: .table, terminalWidth: 60, colour: true)
        var classifier = LineClassifier(engine, encoder: encoder)
        var tally = Tally()
        let examples = try String(contentsOf: EngineFixtures.repositoryRoot.appendingPathComponent("examples/complaints.jsonl"), encoding: .utf8)
        for line in examples.split(separator: "\n") { Self.compare(String(line), engine, &classifier, &tally, encoder: encoder) }
        #expect(tally.direct >= 20, "\(tally)")
    }

    /// CSV cells that must be quoted or guarded against spreadsheet formulas: ids with commas,
    /// leading `=`, `+`, `-` or `@` (a number stays as it is); an id starting with a non-ASCII
    /// letter is left to the full path, and the comparison still holds.
    @Test(arguments: ["A,1", "=1+2", "+44 1234", "-5", "-x", "@home", "Ünïcode-1", "C 1"])
    func csvCellsMatchTheFullPath(id: String) throws {
        let engine = try Self.engine("north-somerset")
        var classifier = LineClassifier(engine, format: .csv)
        var tally = Tally()
        let line = #"{"id":"\#(id)","received":"2025-01-06T09:00:00","service":"parking","text":"a parking ticket"}"#
        let taken = Self.compare(line, engine, &classifier, &tally, format: .csv)
        #expect(taken == (id.unicodeScalars.first?.isASCII == true))
    }

    /// The fuzzers' seed corpora and saved regressions for record input, line by line (the
    /// `FuzzBatchPath` harness makes the same comparison on everything it generates).
    @Test func equalsTheFullPathOnTheFuzzCorpora() throws {
        let engine = try Self.engine("north-somerset")
        var classifier = LineClassifier(engine)
        var tally = Tally()
        let fuzz = EngineFixtures.repositoryRoot.appendingPathComponent("Fuzz")
        for folder in ["corpus/complaints", "corpus/batch", "regressions/complaints", "regressions/batch"] {
            let base = fuzz.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? [] where !name.hasPrefix(".") {
                let data = try Data(contentsOf: base.appendingPathComponent(name))
                for line in data.split(separator: UInt8(ascii: "\n")) {
                    Self.compare(String(decoding: line, as: UTF8.self), engine, &classifier, &tally)
                }
            }
        }
        #expect(tally.direct + tally.fullDecided + tally.fullFailed > 100, "\(tally)")
    }

    /// Where the line classifier stops: each of these is left to the full path (which decides it,
    /// or says what is wrong), and the plain record is taken — as is a `text` with escapes it
    /// decodes as the full reader does.
    @Test(arguments: [
        (#"{"id":"A-1","received":"2025-01-06","service":"highways"}"#, true),
        (#" {"id" : "A-1", "received" : "2025-01-06T09:00:00", "crm_ref": 12.5e3, "urgent": true, "note": null } "#, true),
        (#"{"id":"A-1","received":"2025-01-06","categories":"Staff-Conduct","rule":"ignored","policy":1}"#, true),
        (#"{"id":"A\u002D1","received":"2025-01-06"}"#, false),
        (#"{"id":"A-1","received":"2025-01-06","text":"a \"PCN\""}"#, true),
        (#"{"id":"A-1","received":"2025-01-06","text":"Caf\u00e9 p\u0063n \ud83d\ude00"}"#, true),
        (#"{"id":"A-1","received":"2025-01-06","text":"lone \ud83d high"}"#, false),
        (#"{"id":"A-1","received":"2025-01-06","text":"\u+123"}"#, false),
        (#"{"id":"A-1","received":"2025-01-06","text":"a \x"}"#, false),
        (#"{"id":"A-1","received":"2025-01-06T09:00:00Z"}"#, false),
        (#"{"id":"A-1","received":"2025-01-06T09:00:00.5"}"#, false),
        (#"{"id":"A-1","received":"2025-02-30"}"#, false),
        (#"{"id":"A-1","received":"2025-01-06","crm":{"ref":1}}"#, false),
        (#"{"id":"A-1","received":"2025-01-06","tags":["a"]}"#, false),
        (#"{"id":"A-1","received":"2025-01-06","servce":"highways"}"#, false),
        (#"{"id":"A-1","received":"2025-01-06","id":"A-2"}"#, false),
        (#"{"id":"A-1","received":"2025-01-06","x":1,"x":2}"#, false),
        (#"{"id":"A-1","received":"2025-01-06","\#u{212A}":1}"#, false),
        (#"{"id":"A-1","received":"2025-01-06","service":"Highways"}"#, false),
        (#"{"id":"A-1","received":"2025-01-06","categories":["caf\#u{E9}"]}"#, false),
        (#"{"id":" A-1","received":"2025-01-06"}"#, false),
        (#"{"id":17,"received":"2025-01-06"}"#, false),
        (#"{"id":"A-1","received":"2025-01-06","aware_on":"2025-01-07"}"#, false),
        (#"{"id":"A-1","received":"2025-01-06"} x"#, false),
        (#"{"id":"A-1","received":"2025-01-06","n":01}"#, false),
    ])
    func takesOnlyThePlainForm(line: String, taken: Bool) throws {
        let engine = try Self.engine("north-somerset")
        var classifier = LineClassifier(engine)
        var tally = Tally()
        #expect(Self.compare(line, engine, &classifier, &tally) == taken)
    }

    /// The contract's field names are recognised by integer constants: each name is found, as a
    /// field of its own, and no near spelling is.
    @Test func recognisesExactlyTheContractNames() {
        func field(_ name: String) -> ComplaintLine.Field? {
            Array(name.utf8).withUnsafeBufferPointer { ComplaintLine.Field($0, 0..<$0.count) }
        }
        let found = Complaint.knownFields.compactMap(field)
        #expect(found.count == Complaint.knownFields.count)
        #expect(Set(found.map(\.rawValue)).count == found.count)
        for name in Complaint.knownFields {
            var variants = [name + "s", String(name.dropLast()), "_" + name, name.uppercased()]
            for index in name.utf8.indices {
                var bytes = Array(name.utf8)
                bytes[name.utf8.distance(from: name.utf8.startIndex, to: index)] ^= 0x01
                variants.append(String(decoding: bytes, as: UTF8.self))
            }
            for variant in variants where !Complaint.knownFields.contains(variant) {
                #expect(field(variant) == nil, "\(variant)")
            }
        }
    }

    /// Up to 64 fields beyond the contract's are taken; more go to the full path, which reads any
    /// number in linear time (a line of 100,000 fields is left at once, not searched pairwise).
    @Test func leavesRecordsWithManyOtherFieldsToTheFullPath() throws {
        let engine = try Self.engine("north-somerset")
        var classifier = LineClassifier(engine)
        var tally = Tally()
        func line(extraFields: Int) -> String {
            #"{"id":"A-1","received":"2025-01-06""# + (0..<extraFields).map { #","f\#($0)":\#($0)"# }.joined() + "}"
        }
        #expect(Self.compare(line(extraFields: 64), engine, &classifier, &tally))
        #expect(!Self.compare(line(extraFields: 65), engine, &classifier, &tally))
        var out: [UInt8] = []
        #expect(!classifier.classify(Array(line(extraFields: 100_000).utf8)[...], into: &out))
    }

    @Test func leavesInvalidUTF8ToTheFullPath() throws {
        let engine = try Self.engine("north-somerset")
        var classifier = LineClassifier(engine)
        var out: [UInt8] = []
        let line = Array(#"{"id":"A-1","received":"2025-01-06","text":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(!classifier.classify(line[...], into: &out))
        #expect(out.isEmpty)
    }
}
