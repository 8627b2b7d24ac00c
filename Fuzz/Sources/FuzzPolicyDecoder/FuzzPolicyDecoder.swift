import Foundation
import RedressPolicy

/// The policy library the harness resolves imports and calendars against: the repository's.
let library = PolicyLibrary(
    root: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("policies").path)

/// libFuzzer entry point: any bytes must give a checked policy or positioned diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicyDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var result = PolicyLoader(library: library).load(bytes: bytes, path: "fuzz.yaml")
    result.diagnostics += PolicyChecker.standard.check(result)
    for diagnostic in result.diagnostics where diagnostic.range == nil {
        fatalError("diagnostic without a position: \(diagnostic)")
    }
    return 0
}
