import Foundation
import RedressTestSupport
import Testing

@testable import RedressServer

/// Real TLS: certificates made by `openssl` here, the real server binary, `curl` as the client —
/// with and without the CA, with a client certificate, with an old protocol — and a renewed
/// certificate picked up without a restart.
@Suite("TLS with the real server", .serialized)
struct TLSTests {
    /// Makes a CA, a server certificate for 127.0.0.1 (serial `serial`) and a client certificate.
    static func certificates(in folder: TemporaryFolder, serial: Int = 1, authority: String = "ca", client: String = "client") throws {
        let script = """
            set -e
            cd \(folder.path)
            if [ ! -f \(authority).key ]; then
              openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout \(authority).key -out \(authority).pem -days 2 -subj "/CN=Test CA \(authority)" 2>/dev/null
            fi
            if [ \(authority) = ca ]; then
              openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.new.key -out server.csr -subj "/CN=127.0.0.1" 2>/dev/null
              printf 'subjectAltName=IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\n' > server.ext
              openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial \(serial) -days 2 -extfile server.ext -out server.new.pem 2>/dev/null
              mv server.new.key server.key
              mv server.new.pem server.pem
            fi
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout \(client).key -out \(client).csr -subj "/O=Test Council/CN=crm.test" 2>/dev/null
            printf 'basicConstraints=CA:FALSE\\nextendedKeyUsage=clientAuth\\n' > client.ext
            openssl x509 -req -in \(client).csr -CA \(authority).pem -CAkey \(authority).key -set_serial 100 -days 2 -extfile client.ext -out \(client).pem 2>/dev/null
            """
        let outcome = try ChildProcess.run("/bin/sh", ["-c", script])
        try #require(outcome.status == 0, "\(outcome.text)")
    }

    /// curl over TLS: status and body, or the curl exit code when the connection failed.
    static func curl(_ server: RunningServer, _ path: String, _ arguments: [String]) throws -> (exit: Int32, status: Int, body: String) {
        let outcome = try ChildProcess.run(
            "/usr/bin/curl", ["-s", "-o", "-", "-w", "\n%{http_code}", "--max-time", "10"] + arguments + ["https://127.0.0.1:\(server.port)" + path],
            capture: .output)
        let lines = outcome.text.split(separator: "\n", omittingEmptySubsequences: false)
        return (outcome.status, Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    /// The serial number of the certificate the server presents now.
    static func servedSerial(_ server: RunningServer) throws -> String {
        let outcome = try ChildProcess.run(
            "/bin/sh", ["-c", "openssl s_client -connect 127.0.0.1:\(server.port) </dev/null 2>/dev/null | openssl x509 -noout -serial"], capture: .output)
        return outcome.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("HTTPS only with the CA, TLS 1.2+, a client certificate as a credential, a renewed certificate without restart")
    func tls() throws {
        try TemporaryFolder.with { folder in
            try Self.certificates(in: folder)
            try folder.write(
                """
                redress-keys: 1
                keys:
                  - { name: admin, sha256: \(KeysFile.hash(ofKey: RunningServer.adminKey)), roles: [admin], councils: all }
                  - { name: crm-test, certificate_subject: "CN=crm.test,O=Test Council", roles: [decide], councils: [derby] }
                """, to: "tls-keys.yaml")
            let server = try RunningServer(
                library: ServiceFixture.library, folder: folder,
                arguments: [
                    "--tls-cert-file", folder.file("server.pem"), "--tls-private-key-file", folder.file("server.key"),
                    "--tls-ca-cert-file", folder.file("ca.pem"), "--keys-file", folder.file("tls-keys.yaml"),
                ])
            defer { server.stop() }
            let ca = ["--cacert", folder.file("ca.pem")]
            // Without the CA the client refuses the server; with it, health needs nothing and the API needs a credential.
            #expect(try Self.curl(server, "/healthz", []).exit == 60)
            #expect(try Self.curl(server, "/healthz", ca).status == 200)
            #expect(try Self.curl(server, "/v1/whoami", ca).status == 401)
            #expect(try Self.curl(server, "/v1/whoami", ca + ["-H", "Authorization: Bearer \(RunningServer.adminKey)"]).status == 200)
            // A client certificate from the CA stands for the key that names its subject.
            let mutual = try Self.curl(server, "/v1/whoami", ca + ["--cert", folder.file("client.pem"), "--key", folder.file("client.key")])
            #expect(mutual.status == 200, "\(mutual)")
            #expect(mutual.body.contains("\"name\":\"crm-test\"") && mutual.body.contains("\"credential\":\"certificate\""), "\(mutual.body)")
            // Plain HTTP to the TLS port, and TLS 1.1, get nowhere.
            #expect(try ChildProcess.run("/usr/bin/curl", ["-s", "--max-time", "5", "http://127.0.0.1:\(server.port)/healthz"], capture: .output).status != 0)
            #expect(try Self.curl(server, "/healthz", ca + ["--tlsv1.1", "--tls-max", "1.1"]).exit != 0)
            // A renewed certificate (new serial), written over the files, serves without a restart.
            #expect(try Self.servedSerial(server) == "serial=01")
            try Self.certificates(in: folder, serial: 2)
            var serial = ""
            for _ in 0..<50 where serial != "serial=02" {
                usleep(200_000)
                serial = try Self.servedSerial(server)
            }
            #expect(serial == "serial=02")
            #expect(try Self.curl(server, "/healthz", ca).status == 200)
            // A certificate from another CA is refused at the handshake.
            try Self.certificates(in: folder, authority: "other", client: "stranger")
            let stranger = try Self.curl(server, "/v1/whoami", ca + ["--cert", folder.file("stranger.pem"), "--key", folder.file("stranger.key")])
            #expect(stranger.status != 200, "\(stranger)")
        }
    }

    @Test("TLS needs both files; listening beyond loopback without TLS warns")
    func configuration() throws {
        try TemporaryFolder.with { folder in
            try Self.certificates(in: folder)
            let half = try ChildProcess.run(RunningServer.binary, ["--library", ServiceFixture.library, "--port", "0", "--tls-cert-file", folder.file("server.pem")], capture: .errors)
            #expect(half.status == 2)
            #expect(half.text.contains("both a certificate and a private key"), "\(half.text)")
            let server = try RunningServer(library: ServiceFixture.library, folder: folder, arguments: ["--host", "0.0.0.0"])
            server.stop()
            #expect(server.logText.contains("warning: listening on 0.0.0.0 without TLS"), "\(server.logText)")
        }
    }
}
