import Foundation
import RedressDiagnostics
import RedressTestSupport
import Testing

@testable import RedressServer

/// What an IT team deploys with: the systemd unit passes `systemd-analyze verify`, the settings
/// table in docs/deploy.md is the service's own list, and a configuration file is checked as the
/// service reads it.
@Suite("Deployment")
struct DeploymentTests {
    @Test("deploy/redress.service passes systemd-analyze verify")
    func systemdUnit() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") else {
            #expect(!Oracle.required, "systemd-analyze is required here")
            return
        }
        try TemporaryFolder.with { folder in
            let unit = try String(contentsOf: ServiceFixture.root.appendingPathComponent("deploy/redress.service"), encoding: .utf8)
            // The unit names the installed binary; verify it against the one just built.
            let local = try folder.write(unit.replacingOccurrences(of: "/usr/local/bin/redress-server", with: RunningServer.binary), to: "redress.service")
            let outcome = try ChildProcess.run("/usr/bin/systemd-analyze", ["verify", local])
            #expect(outcome.status == 0, "\(outcome.text)")
            #expect(unit.contains("ProtectSystem=strict") && unit.contains("DynamicUser=yes") && unit.contains("StateDirectory=redress"))
        }
    }

    @Test("docs/deploy.md lists every setting as the service defines it")
    func settingsTable() throws {
        let page = try String(contentsOf: ServiceFixture.root.appendingPathComponent("docs/deploy.md"), encoding: .utf8)
        #expect(page.contains(ConfigurationKey.markdownTable), "docs/deploy.md's settings table differs from ConfigurationKey:\n\(ConfigurationKey.markdownTable)")
    }

    @Test("a configuration file: every problem at its line; environment variables override it")
    func configurationFile() throws {
        try TemporaryFolder.with { folder in
            let path = try folder.write(
                """
                redress-server: 1
                listen: { host: 0.0.0.0, prot: 9000 }
                limits:
                  max_items: lots
                records: { store: records.sqlite, mask: [text] }
                """, to: "redress.yaml")
            var configuration = ServiceConfiguration()
            do throws(DiagnosticList) {
                try configuration.read(file: path)
                Issue.record("a bad configuration was accepted")
            } catch {
                let text = error.diagnostics.map(\.description).joined(separator: "\n")
                #expect(text.contains("redress.yaml:2:26: error: unknown key `prot` in `listen`"), "\(text)")
                #expect(text.contains("redress.yaml:4:14: error: `limits.max_items`: `lots` is not a whole number"), "\(text)")
            }
            try folder.write("redress-server: 1\nlisten: { port: 9000 }\nrecords: { store: records.sqlite, mask: [text, contact.name] }\n", to: "good.yaml")
            var good = ServiceConfiguration()
            try good.read(file: folder.file("good.yaml"))
            #expect(good.integer(.port) == 9000)
            #expect(good.path(.recordsStore) == folder.path + "/records.sqlite")
            #expect(good.list(.recordsMask) == ["text", "contact.name"])
            #expect(good.read(environment: ["REDRESS_LISTEN_PORT": "9100", "REDRESS_LIMITS_MAX_ITEMS": "-3"]) == ["REDRESS_LIMITS_MAX_ITEMS: `-3` is not a whole number from 1 to 1000000"])
            #expect(good.integer(.port) == 9100)
        }
    }
}
