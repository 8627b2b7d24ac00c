import RedressYAML

/// libFuzzer entry point: any bytes must give a tree or diagnostics, never a crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let loader = YAMLLoader(limits: YAMLLimits(maxBytes: 1 << 16, maxDocuments: 4, allowedTags: nil))
    do {
        let (documents, _) = try loader.loadStream(bytes, path: "fuzz.yaml")
        _ = documents.count
    } catch {
        for diagnostic in error.diagnostics where diagnostic.range == nil && diagnostic.id != "yaml.internal" {
            fatalError("diagnostic without a position: \(diagnostic)")
        }
    }
    return 0
}
