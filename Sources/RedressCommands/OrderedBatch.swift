import ArgumentParser
import Dispatch
import Foundation
import RedressEngine
import RedressFormats
import Synchronization

/// What one chunk of records produced: the encoded results in input order (or the results
/// themselves, for a workbook), any side output (an iCalendar file's events), and the records that
/// failed, in order.
struct ChunkResult<Item: Sendable>: Sendable {
    var output: [UInt8] = []
    var items: [Item] = []
    var side = ""
    var failures: [RecordFailure] = []
    var done = 0
}

/// Runs a batch on every core without changing what it writes: records are read in order on one
/// thread, in chunks; the chunks in flight are parsed, decided and encoded concurrently (each by
/// `work`, which sees only its own chunk); results are written strictly in input order. Memory is
/// bounded by the chunks in flight, whatever the input's size. Exactly one output or one error
/// record per input record, as in a sequential run.
struct OrderedBatch {
    /// Records per chunk.
    var chunkSize = 1024
    /// Chunks decided at once: a few per core, so a slow chunk does not idle the others.
    var chunksInFlight = max(1, ProcessInfo.processInfo.activeProcessorCount) * 4
    /// The chunks' output buffers, handed back once written for later chunks to fill again.
    let buffers = ChunkBuffers()

    /// Returns how many records failed. `emit` receives each chunk's result, in order, on the
    /// calling thread.
    func run<Item: Sendable>(
        _ records: inout RecordStream, errors: inout BufferedOutput, describe: (RecordFailure) -> String,
        work: @escaping @Sendable (_ chunk: [PendingRecord]) -> ChunkResult<Item>, emit: (ChunkResult<Item>) -> Void
    ) throws(ExitCode) -> Int {
        var failed = 0
        var progress = ProgressLine()
        defer { progress.finish() }
        // While one batch of chunks is decided on the workers, the next is read and the one
        // before written here.
        var inFlight: BatchInFlight<Item>?
        while true {
            var chunks: [[PendingRecord]] = []
            while chunks.count < chunksInFlight {
                var chunk: [PendingRecord] = []
                chunk.reserveCapacity(chunkSize)
                while chunk.count < chunkSize, let next = records.nextPending() { chunk.append(next) }
                if chunk.isEmpty { break }
                chunks.append(chunk)
                if chunk.count < chunkSize { break }
            }
            // The next batch starts before this one's results are written, so the workers never
            // wait for the output.
            let finished = inFlight?.wait() ?? []
            inFlight = chunks.isEmpty ? nil : BatchInFlight(chunks, work)
            for result in finished {
                emit(result)
                buffers.give(result.output)
                for failure in result.failures { errors.append(describe(failure)) }
                failed += result.failures.count
                progress.advance(by: result.done + result.failures.count)
            }
            if chunks.isEmpty { break }
            // Standard output closed (`| head`) or failed: stop reading; the run ends with exit 2.
            if Console.current.outputFailed { break }
        }
        try Console.current.checkOutput()
        try endOfInput(records, errors: &errors)
        return failed
    }
}

extension ChunkResult {
    /// `decide` on each record of a chunk, in order: it adds the record's results to the chunk's;
    /// a record that cannot be read, or that `decide` rejects, becomes an error record. `direct`
    /// may take a record first, straight from its line (true: done, its results added).
    /// `bytesPerRecord`: the output expected per record, reserved at once; `output`: a buffer to
    /// write it into (`ChunkBuffers`), emptied first.
    static func deciding(
        _ chunk: [PendingRecord], output: consuming [UInt8] = [], bytesPerRecord: Int = 0,
        direct: (PendingRecord, inout ChunkResult<Item>) -> Bool = { _, _ in false },
        _ decide: (InputRecord, inout ChunkResult<Item>) throws(RecordError) -> Void
    ) -> ChunkResult<Item> {
        var result = ChunkResult<Item>()
        result.output = consume output
        result.output.removeAll(keepingCapacity: true)
        result.output.reserveCapacity(chunk.count * bytesPerRecord)
        for pending in chunk {
            if direct(pending, &result) {
                result.done += 1
                continue
            }
            switch pending.parsed() {
            case .failure(let failure): result.failures.append(failure)
            case .success(let record):
                do {
                    try decide(record, &result)
                    result.done += 1
                } catch {
                    result.failures.append(RecordFailure(line: record.line, id: record.id, message: error.message, file: record.file))
                }
            }
        }
        return result
    }
}

/// Output buffers handed back after their chunk is written, for later chunks to fill again: a run
/// that writes 1.3 GB (`--explain` of 1M complaints) would otherwise take fresh pages from the
/// kernel for every chunk. A buffer the writer still holds is not shared: whoever empties it
/// first gets storage of its own (the array is a value), so a buffer comes back only when free.
final class ChunkBuffers: Sendable {
    private let free = Mutex<[[UInt8]]>([])
    /// At most this many are kept.
    let limit = 16

    func take() -> [UInt8] { free.withLock { $0.popLast() } ?? [] }

    func give(_ buffer: [UInt8]) {
        guard buffer.capacity > 0 else { return }
        free.withLock { if $0.count < limit { $0.append(buffer) } }
    }
}

/// A batch of chunks being decided on the workers (`concurrentPerform`, one chunk per iteration),
/// started on a background queue so the caller can read the next batch meanwhile.
private struct BatchInFlight<Item: Sendable> {
    private let group = DispatchGroup()
    private let slots: ResultSlots<Item>

    init(_ chunks: [[PendingRecord]], _ work: @escaping @Sendable ([PendingRecord]) -> ChunkResult<Item>) {
        let slots = ResultSlots<Item>(count: chunks.count)
        self.slots = slots
        DispatchQueue.global().async(group: group) {
            DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
                slots.store(work(chunks[index]), at: index)
            }
        }
    }

    /// The results, in chunk order, once every chunk is done.
    func wait() -> [ChunkResult<Item>] {
        group.wait()
        return slots.results
    }
}

/// One slot per chunk, each written by exactly one worker before `concurrentPerform` returns
/// (which orders those writes before `results` reads them). The slots are raw memory, so
/// concurrent writes to different slots never contend for one Swift access.
private final class ResultSlots<Item: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<ChunkResult<Item>>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: ChunkResult())
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ result: ChunkResult<Item>, at index: Int) { slots[index] = result }

    var results: [ChunkResult<Item>] { Array(slots) }
}
