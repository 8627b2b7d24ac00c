import Foundation
import Hummingbird
import HummingbirdTesting
import RedressEngine
import RedressFormats
import RedressTestSupport
import Testing

@testable import RedressServer

/// Hot reload that never lies: what is served is compiled from the bytes digested, only after a
/// quiet period; statuses describe what serves now; only council folders are councils. Time is
/// simulated (each look is given its instant), so these tests neither sleep nor race.
@Suite("Hot reload")
struct ReloadTests {
    static let complaint = "{\"id\":\"R\",\"received\":\"2024-12-20\",\"service\":\"highways\"}"

    /// A copy of the bundled library in `folder`.
    static func library(in folder: TemporaryFolder) throws -> String {
        let library = folder.file("policies")
        try FileManager.default.copyItem(atPath: ServiceFixture.library, toPath: library)
        return library
    }

    static func respondBy(_ registry: CouncilRegistry, _ council: String = "north-somerset") async throws -> String? {
        guard let engine = registry.snapshot[council]?.engine else { return nil }
        let record = InputRecord(line: 1, fields: try JSONObjectReader.read(Array(complaint.utf8)))
        return try engine.classify(Complaint(record: record)).respondBy?.description
    }

    @Test("a change is compiled only once it has been quiet for the interval, from the bytes digested")
    func quietPeriod() async throws {
        try await TemporaryFolder.with { folder in
            let library = try Self.library(in: folder)
            let file = library + "/councils/north-somerset/2021-01.yaml"
            let good = try String(contentsOfFile: file, encoding: .utf8)
            let registry = CouncilRegistry(library: library, quietPeriod: 2, removalGrace: 60, logger: ServiceFixture.quietLogger)
            let start = Date()
            await registry.reload(now: start, immediately: true)
            #expect(try await Self.respondBy(registry) == "2025-01-08")
            try good.replacingOccurrences(of: "within: 10 working days", with: "within: 15 working days").write(toFile: file, atomically: true, encoding: .utf8)
            await registry.reload(now: start.addingTimeInterval(1))
            #expect(try await Self.respondBy(registry) == "2025-01-08", "not yet quiet")
            await registry.reload(now: start.addingTimeInterval(2))
            #expect(try await Self.respondBy(registry) == "2025-01-08", "quiet for 1 s of 2")
            await registry.reload(now: start.addingTimeInterval(3.1))
            #expect(try await Self.respondBy(registry) == "2025-01-15", "quiet for a whole interval")
            let state = try #require(registry.snapshot["north-somerset"])
            #expect(state.texts["2021-01.yaml"]?.contains("within: 15 working days") == true)
            #expect(state.status == .serving)
        }
    }

    @Test("flips between two valid versions and a half-written file: afterwards the file on disk serves, its digest named, in 50 of 50 trials")
    func reloadRace() async throws {
        try await TemporaryFolder.with { folder in
            let library = try Self.library(in: folder)
            let file = library + "/councils/north-somerset/2021-01.yaml"
            let ten = try String(contentsOfFile: file, encoding: .utf8)
            let fifteen = ten.replacingOccurrences(of: "within: 10 working days", with: "within: 15 working days")
            let versions = [ten, fifteen, String(ten.prefix(ten.count / 2))]
            var generator = SeededRandom(seed: 7)
            for trial in 0..<50 {
                let registry = CouncilRegistry(library: library, quietPeriod: 1, removalGrace: 60, logger: ServiceFixture.quietLogger)
                var now = Date(timeIntervalSince1970: 1_000_000)
                try ten.write(toFile: file, atomically: false, encoding: .utf8)
                await registry.reload(now: now, immediately: true)
                // Saves land between looks, and between the steps of a look's read.
                for _ in 0..<Int(generator.next() % 12) + 3 {
                    try versions[Int(generator.next() % 3)].write(toFile: file, atomically: false, encoding: .utf8)
                    now.addTimeInterval(Double(generator.next() % 1000) / 1000)
                    await registry.reload(now: now)
                }
                let final = trial % 2 == 0 ? ten : fifteen
                try final.write(toFile: file, atomically: false, encoding: .utf8)
                for step in 1...4 { await registry.reload(now: now.addingTimeInterval(Double(step) * 0.5)) }
                let state = try #require(registry.snapshot["north-somerset"])
                #expect(state.texts["2021-01.yaml"] == final, "trial \(trial): the text serving is not the file on disk")
                #expect(try await Self.respondBy(registry) == (final == ten ? "2025-01-08" : "2025-01-15"), "trial \(trial)")
                #expect(state.status == .serving, "trial \(trial): \(state.status)")
                #expect(state.digest == (try await Self.digest(library: library, council: "north-somerset", registry: registry)), "trial \(trial)")
            }
        }
    }

    /// The digest the registry gives the files on disk now, read independently.
    static func digest(library: String, council: String, registry: CouncilRegistry) async throws -> String? {
        let probe = CouncilRegistry(library: library, quietPeriod: 0, removalGrace: 0, logger: ServiceFixture.quietLogger)
        await probe.reload(immediately: true)
        return probe.snapshot[council]?.digest
    }

    @Test("every line-prefix of every bundled council file, saved in quick succession: no prefix ever serves; the whole file serves within two intervals")
    func slowSaves() async throws {
        try await TemporaryFolder.with { folder in
            let library = try Self.library(in: folder)
            let registry = CouncilRegistry(library: library, quietPeriod: 1, removalGrace: 60, logger: ServiceFixture.quietLogger)
            var now = Date(timeIntervalSince1970: 2_000_000)
            await registry.reload(now: now, immediately: true)
            let councils = try FileManager.default.contentsOfDirectory(atPath: library + "/councils").sorted()
            for council in councils {
                let folderPath = library + "/councils/" + council
                for name in try FileManager.default.contentsOfDirectory(atPath: folderPath).filter({ $0.hasSuffix(".yaml") }).sorted() {
                    let path = folderPath + "/" + name
                    let whole = try String(contentsOfFile: path, encoding: .utf8)
                    let lines = whole.split(separator: "\n", omittingEmptySubsequences: false)
                    for count in 1..<lines.count {
                        try (lines.prefix(count).joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
                        now.addTimeInterval(0.3)
                        await registry.reload(now: now)
                        let serving = registry.snapshot[council]?.texts[name]
                        #expect(serving == whole, "\(council)/\(name): a prefix of \(count) lines is serving")
                    }
                    try whole.write(toFile: path, atomically: false, encoding: .utf8)
                    for _ in 0..<4 {
                        now.addTimeInterval(0.5)
                        await registry.reload(now: now)
                    }
                    let state = registry.snapshot[council]
                    #expect(state?.texts[name] == whole && state?.status == .serving, "\(council)/\(name) after the save: \(String(describing: state?.status))")
                }
            }
        }
    }

    @Test("only council folders are councils: backups ignored, a mismatched id rejected, a rename is a removal and an addition")
    func declaredCouncils() async throws {
        try await TemporaryFolder.with { folder in
            let library = try Self.library(in: folder)
            let councils = library + "/councils"
            try FileManager.default.copyItem(atPath: councils + "/derby", toPath: councils + "/derby.bak")
            try FileManager.default.copyItem(atPath: councils + "/derby", toPath: councils + "/derby copy")
            try FileManager.default.copyItem(atPath: councils + "/fife", toPath: councils + "/.hidden")
            try FileManager.default.copyItem(atPath: councils + "/fife", toPath: councils + "/fife-old")
            let registry = CouncilRegistry(library: library, quietPeriod: 0, removalGrace: 10, logger: ServiceFixture.quietLogger)
            var now = Date(timeIntervalSince1970: 3_000_000)
            await registry.reload(now: now, immediately: true)
            var states = registry.snapshot
            #expect(states["derby.bak"] == nil && states["derby copy"] == nil)
            let mismatch = try #require(states["fife-old"])
            #expect(mismatch.status == .rejected && mismatch.engine == nil)
            #expect(mismatch.diagnostics.first?.message.contains("the policy is for council `fife` but its folder is `fife-old`") == true)
            #expect(await registry.notReady == ["fife-old"])
            // A rename: the old name stays for its grace period, then is removed; the new name is added.
            try FileManager.default.moveItem(atPath: councils + "/swansea", toPath: councils + "/swansea-2")
            now.addTimeInterval(1)
            await registry.reload(now: now)
            states = registry.snapshot
            #expect(states["swansea"]?.status == .missing && states["swansea"]?.engine != nil)
            #expect(states["swansea-2"]?.status == .rejected, "its files still say `swansea`")
            now.addTimeInterval(11)
            await registry.reload(now: now)
            states = registry.snapshot
            #expect(states["swansea"]?.status == .removed && states["swansea"]?.engine == nil)
            // The service answers the removed council with 404 and the reason, the rejected one with 503.
            let service = try await ServiceFixture(library: library, folder: folder)
            var fixture = service
            fixture.service = RedressService(registry: registry, access: service.service.access, recorder: service.service.recorder)
            try await fixture.app.test(.router) { client in
                try await client.call("/v1/councils/swansea/classify", body: Self.complaint) { response in
                    #expect(response.status == .notFound)
                    #expect(ServiceFixture.text(response).contains("no longer served"))
                }
                try await client.call("/v1/councils/fife-old/classify", body: Self.complaint) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(ServiceFixture.text(response).contains("policy rejected"))
                }
                try await client.call("/readyz", .get, as: .nobody) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(ServiceFixture.text(response).contains("fife-old: rejected"))
                }
            }
        }
    }

    @Test("a status clears when the files are back: unreadable, then readable again")
    func statusesClear() async throws {
        try await TemporaryFolder.with { folder in
            let library = try Self.library(in: folder)
            let file = library + "/councils/derby/2019.yaml"
            let registry = CouncilRegistry(library: library, quietPeriod: 1, removalGrace: 60, logger: ServiceFixture.quietLogger)
            var now = Date(timeIntervalSince1970: 4_000_000)
            await registry.reload(now: now, immediately: true)
            // The file becomes unreadable (a dangling link stands for EMFILE or a lost mount).
            try FileManager.default.moveItem(atPath: file, toPath: file + ".aside")
            try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: folder.file("nowhere"))
            now.addTimeInterval(1)
            await registry.reload(now: now)
            #expect(registry.snapshot["derby"]?.status == .missing)
            #expect(registry.snapshot["derby"]?.engine != nil)
            try FileManager.default.removeItem(atPath: file)
            try FileManager.default.moveItem(atPath: file + ".aside", toPath: file)
            now.addTimeInterval(1)
            await registry.reload(now: now)
            let state = registry.snapshot["derby"]
            #expect(state?.status == .serving, "\(String(describing: state?.status)): \(state?.detail ?? "")")
            #expect(await registry.notReady.isEmpty)
        }
    }
}
