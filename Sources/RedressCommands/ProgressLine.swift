import Foundation

/// A progress line on standard error for long batches ("250000 records…", every 50,000), only
/// when standard error is a terminal; cleared when the batch ends.
struct ProgressLine {
    private let enabled = Console.current.isErrorTerminal
    private var shown = false
    private var count = 0
    static let every = 50_000

    /// Counts `records` more, showing the count each time it passes a multiple of 50,000.
    mutating func advance(by records: Int = 1) {
        let before = count
        count += records
        guard enabled, count / Self.every > before / Self.every else { return }
        Console.error("\r\(count / Self.every * Self.every) records…")
        shown = true
    }

    mutating func finish() {
        if shown { Console.error("\r\u{1B}[K") }
    }
}
