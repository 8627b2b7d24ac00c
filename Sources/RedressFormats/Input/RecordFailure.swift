/// A record that could not be read or judged: reported, never dropped.
public struct RecordFailure: Error, Sendable, Hashable {
    public var line: Int
    public var id: String?
    public var message: String
    /// The input file, when a run reads several.
    public var file: String?

    public init(line: Int, id: String?, message: String, file: String? = nil) {
        self.line = line
        self.id = id
        self.message = message
        self.file = file
    }
}
