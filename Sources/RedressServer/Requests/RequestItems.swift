import RedressEngine
import RedressFormats

/// A request body: one JSON object, or an array of them. Each item is read by the same strict
/// reader as the CLI's JSON Lines; an item that cannot be read becomes that item's error record,
/// while a body that is not JSON at all is a 400 with the byte where it went wrong.
enum RequestItems {
    struct Item {
        var index: Int
        var fields: Result<[RecordField], RecordError>
    }

    /// Reads the body; an array of more than `maxItems` is refused as soon as the scan passes
    /// that many elements, before anything is made of them.
    static func parse(_ bytes: [UInt8], maxItems: Int) throws(Problem) -> (items: [Item], isArray: Bool) {
        guard let start = bytes.firstIndex(where: { !isSpace($0) }) else {
            throw Problem(.badRequest, "the request body is empty", help: "send one JSON object, or an array of them")
        }
        if bytes[start] == UInt8(ascii: "{") {
            do {
                return ([Item(index: 1, fields: .success(try JSONObjectReader.read(bytes)))], false)
            } catch {
                throw Problem(.badRequest, "the request body is not valid JSON: \(error.message)")
            }
        }
        guard bytes[start] == UInt8(ascii: "[") else {
            throw Problem(.badRequest, "the request body must be a JSON object or an array of objects (byte \(start + 1))")
        }
        return (try elements(bytes, from: start, maxItems: maxItems).enumerated().map { item($1, index: $0 + 1) }, true)
    }

    /// The array's elements as they are in the body, none read yet (nil when the body is not an
    /// array: `parse` says what it is).
    static func arrayElements(_ bytes: [UInt8], maxItems: Int) throws(Problem) -> [ArraySlice<UInt8>]? {
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), bytes[start] == UInt8(ascii: "[") else { return nil }
        return try elements(bytes, from: start, maxItems: maxItems)
    }

    /// The array element `slice`, read: its fields, or why it is not an object.
    static func item(_ slice: ArraySlice<UInt8>, index: Int) -> Item {
        let item = Array(slice)
        if item.first(where: { !isSpace($0) }) != UInt8(ascii: "{") {
            return Item(index: index, fields: .failure(RecordError("item \(index) of the array is not a JSON object")))
        }
        return Item(index: index, fields: Result { () throws(RecordError) in try JSONObjectReader.read(item) })
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// The top-level elements of the array starting at `start`, found by one linear scan that
    /// follows strings and nesting; the elements themselves are validated by the object reader.
    static func elements(_ bytes: [UInt8], from start: Int, maxItems: Int) throws(Problem) -> [ArraySlice<UInt8>] {
        var elements: [ArraySlice<UInt8>] = []
        func tooMany() -> Problem {
            Problem(.contentTooLarge, "the array holds more than \(maxItems) items", help: "send at most \(maxItems) per request")
        }
        var depth = 0
        var inString = false
        var escaped = false
        var elementStart = start + 1
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        let last = bytes[elementStart..<index]
                        if !last.allSatisfy(isSpace) || !elements.isEmpty {
                            guard elements.count < maxItems else { throw tooMany() }
                            elements.append(last)
                        }
                        guard bytes[(index + 1)...].allSatisfy(isSpace) else {
                            throw Problem(.badRequest, "unexpected bytes after the array (byte \(index + 2))")
                        }
                        return elements
                    }
                case UInt8(ascii: ",") where depth == 1:
                    guard elements.count < maxItems else { throw tooMany() }
                    elements.append(bytes[elementStart..<index])
                    elementStart = index + 1
                default: break
                }
            }
            index += 1
        }
        throw Problem(.badRequest, "the JSON array is not closed (the body ends at byte \(bytes.count))", help: "end the array with `]`")
    }
}
