import Logging
import Testing

@testable import RedressServer

/// The log handler keeps the request id Hummingbird sets on every request's logger apart from the
/// other metadata: it must still read, replace and remove like any other field, however it is set.
@Suite("JSON log handler")
struct JSONLogHandlerTests {
    @Test("the request id reads back through the subscript and the metadata, however it was set")
    func requestID() {
        var handler = JSONLogHandler(label: "test", level: .info)
        #expect(handler.metadata.isEmpty)
        handler[metadataKey: "hb.request.id"] = "abc"
        handler[metadataKey: "route"] = "/v1/councils"
        #expect(handler[metadataKey: "hb.request.id"] == "abc")
        #expect(handler.metadata == ["hb.request.id": "abc", "route": "/v1/councils"])

        // Through a Logger, as Hummingbird sets it.
        var logger = Logger(label: "test") { _ in handler }
        logger[metadataKey: "hb.request.id"] = "def"
        #expect(logger[metadataKey: "hb.request.id"] == "def")
        #expect(logger[metadataKey: "route"] == "/v1/councils")

        // Replaced whole: the id goes or stays with the new metadata.
        handler.metadata = ["council": "derby"]
        #expect(handler[metadataKey: "hb.request.id"] == nil)
        #expect(handler.metadata == ["council": "derby"])
        handler.metadata = ["hb.request.id": "ghi"]
        #expect(handler[metadataKey: "hb.request.id"] == "ghi")
        #expect(handler[metadataKey: "council"] == nil)
        handler[metadataKey: "hb.request.id"] = nil
        #expect(handler.metadata.isEmpty)
    }
}
