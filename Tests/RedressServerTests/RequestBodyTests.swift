import Testing

@testable import RedressServer

/// The media type check every decision request passes: `hasMediaType` (no string made) reads a
/// `Content-Type` exactly as `mediaType` does.
@Suite("Request media types")
struct RequestBodyTests {
    static let headers = [
        "application/json", "Application/JSON", "application/json; charset=utf-8", "  application/json\t;x", "\tapplication/json ",
        "application/jsonx", "application/jso", "xapplication/json", "application/ json", "application/json\u{0}", "", " ", ";", "; application/json",
        "text/plain", "TEXT/PLAIN;charset=utf-8", "application/yaml", "application/x-www-form-urlencoded", "applicatİon/json", "application/json;;",
    ]

    @Test("agrees with the media type read as a string", arguments: headers)
    func agrees(header: String) {
        for type in RequestBody.policyTypes {
            #expect(RequestBody.hasMediaType(header, type) == (RequestBody.mediaType(header) == type.description), "\(type)")
        }
    }
}
