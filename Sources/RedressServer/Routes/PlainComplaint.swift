import RedressFormats

/// A complaint in the plain form — one JSON object of strings, numbers, booleans and nulls (and
/// `categories` as a list of strings), as a CRM serialises it — decided on the byte path
/// (`LineClassifier`), the same path as `redress classify`: the same answer, and the same record,
/// as the full path (`JSONObjectReader` → `Complaint` → `Engine.classify` → `DecisionEncoder`)
/// would give it, without reading it into fields first. A single complaint or each element of an
/// array may take it; anything the byte path declines takes the full path. `ServiceBytePathTests`
/// holds the two to the same answers and records.
enum PlainComplaint {
    static func answer(_ body: ArraySlice<UInt8>, classifier: inout LineClassifier) -> AnsweredItem? {
        guard let object = compacted(body) else { return nil }
        var output: [UInt8] = []
        guard let decided = classifier.decide(object[...], into: &output) else { return nil }
        if output.last == UInt8(ascii: "\n") { output.removeLast() }
        return AnsweredItem(
            input: String(decoding: object, as: UTF8.self), output: String(decoding: output, as: UTF8.self), subject: decided.id,
            policyVersion: decided.versionID, decided: true)
    }

    /// The object as the full path records it: its fields re-written from their names and values'
    /// source text (`JSONText.object`), which for the plain form is the object without the
    /// whitespace between its own tokens — whitespace inside a value (a list) is the value's and
    /// stays. Nil when the body is not one object.
    static func compacted(_ body: ArraySlice<UInt8>) -> [UInt8]? {
        guard let start = body.firstIndex(where: { !RequestItems.isSpace($0) }), body[start] == UInt8(ascii: "{"),
            let last = body.lastIndex(where: { !RequestItems.isSpace($0) }), body[last] == UInt8(ascii: "}")
        else { return nil }
        // Written into memory of the object's size, which it never outgrows (it only loses spaces).
        return [UInt8](unsafeUninitializedCapacity: last - start + 1) { object, count in
            count = 0
            body[start...last].withUnsafeBufferPointer { bytes in
                var depth = 0
                var inString = false
                var escaped = false
                for byte in bytes {
                    if inString {
                        if escaped {
                            escaped = false
                        } else if byte == UInt8(ascii: "\\") {
                            escaped = true
                        } else if byte == UInt8(ascii: "\"") {
                            inString = false
                        }
                    } else {
                        switch byte {
                        case UInt8(ascii: "\""): inString = true
                        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                        case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                        case _ where depth == 1 && RequestItems.isSpace(byte): continue
                        default: break
                        }
                    }
                    object[count] = byte
                    count += 1
                }
            }
        }
    }
}
