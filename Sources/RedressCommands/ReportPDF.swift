import ArgumentParser
import Foundation
import RedressReport

/// `report --format pdf`: the HTML page printed to A4 by headless Chromium (Debian's `chromium`,
/// an optional dependency), written beside the output and renamed into place, so a failed print
/// leaves an existing file as it was.
enum ReportPDF {
    static let browsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

    static func write(_ document: ReportDocument, to output: String) throws(ExitCode) {
        guard let browser = browsers.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw couldNotRun(
                "a PDF is printed by Chromium, which is not installed", help: "install it (Debian: apt-get install chromium), or write --format html and print the page")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let printed = URL(fileURLWithPath: output).deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).pdf")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(document.html().utf8).write(to: page)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: browser)
            process.arguments = [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(folder.path)/profile",
                "--print-to-pdf=\(printed.path)", page.absoluteString,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: printed.path) else {
                try? FileManager.default.removeItem(at: printed)
                throw couldNotRun("Chromium could not print the report (exit \(process.terminationStatus))", help: "write --format html and print the page")
            }
            guard rename(printed.path, output) == 0 else {
                try? FileManager.default.removeItem(at: printed)
                throw couldNotRun("cannot write \(output): \(String(cString: strerror(errno)))")
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw couldNotRun("cannot print the report: \(error.localizedDescription)")
        }
    }
}
