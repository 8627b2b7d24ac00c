import Foundation

/// Times a closure over repeated runs and keeps the best, so two runs of the same process compare
/// fairly. Results are per operation.
struct Measurement {
    var name: String
    var nanosecondsPerOperation: Double
    var operations: Int
}

enum Measure {
    /// Runs `body` (which performs `operations` operations and returns a checksum) `repeats` times.
    static func best(_ name: String, operations: Int, repeats: Int = 5, _ body: () -> Int) -> Measurement {
        var best = Double.infinity
        var sink = 0
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            sink &+= body()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
            best = min(best, elapsed / Double(operations))
        }
        if sink == 42 { print("", terminator: "") }  // keep the work observable
        return Measurement(name: name, nanosecondsPerOperation: best, operations: operations)
    }

    /// A subject and its baseline measured in alternation, `rounds` times each, keeping each one's
    /// best: on a shared machine both see the same quiet and busy moments.
    static func paired(
        _ subjectName: String, _ baselineName: String, operations: Int, rounds: Int = 9, subject: () -> Int, baseline: () -> Int
    ) -> (Measurement, Measurement) {
        var best = (Double.infinity, Double.infinity)
        var sink = 0
        for _ in 0..<rounds {
            var start = DispatchTime.now().uptimeNanoseconds
            sink &+= subject()
            best.0 = min(best.0, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(operations))
            start = DispatchTime.now().uptimeNanoseconds
            sink &+= baseline()
            best.1 = min(best.1, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(operations))
        }
        if sink == 42 { print("", terminator: "") }
        return (
            Measurement(name: subjectName, nanosecondsPerOperation: best.0, operations: operations),
            Measurement(name: baselineName, nanosecondsPerOperation: best.1, operations: operations)
        )
    }

    /// Prints a subject measured against its baseline in the same run, with the ratio.
    static func report(_ title: String, subject: Measurement, baseline: Measurement) {
        let ratio = subject.nanosecondsPerOperation / baseline.nanosecondsPerOperation
        print("## \(title)")
        print(String(format: "  %-44@ %12.1f ns/op", subject.name as NSString, subject.nanosecondsPerOperation))
        print(String(format: "  %-44@ %12.1f ns/op", baseline.name as NSString, baseline.nanosecondsPerOperation))
        print(String(format: "  ratio subject/baseline: %.3f  (%@)", ratio, ratio <= 1 ? "faster or equal" : "slower"))
        print("")
    }
}
