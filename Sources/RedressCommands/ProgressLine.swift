import Foundation

/// A progress line on standard error for long batches ("250000 records…", every 50,000), only
/// when standard error is a terminal; cleared when the batch ends.
struct ProgressLine {
    private let enabled = Console.current.isErrorTerminal
    private var shown = false

    mutating func tick(_ count: Int) {
        guard enabled, count % 50_000 == 0 else { return }
        Console.error("\r\(count) records…")
        shown = true
    }

    mutating func finish() {
        if shown { Console.error("\r\u{1B}[K") }
    }
}
