import RedressFormats

/// A single complaint sent in its plain, compact form — one JSON object with no space between
/// its tokens, as a CRM serialises it, perhaps with a line break after it — decided on the byte path (`LineClassifier`), the same path
/// as `redress classify`: the same answer, and the same record, as the full path (`JSONObjectReader`
/// → `Complaint` → `Engine.classify` → `DecisionEncoder`) would give it, without reading it into
/// fields first. Anything else — spaces, an array, a field the byte path declines — takes the full
/// path. `ServiceBytePathTests` holds the two to the same bytes.
enum PlainComplaint {
    static func answer(_ body: [UInt8], classifier: inout LineClassifier) -> AnsweredItem? {
        guard let start = body.firstIndex(where: { !RequestItems.isSpace($0) }), let last = body.lastIndex(where: { !RequestItems.isSpace($0) }) else {
            return nil
        }
        let object = body[start...last]
        guard isCompactObject(object) else { return nil }
        var output: [UInt8] = []
        guard let decided = classifier.decide(object, into: &output) else { return nil }
        if output.last == UInt8(ascii: "\n") { output.removeLast() }
        // The full path records the object re-written from its fields, which for a compact object
        // is the object itself.
        return AnsweredItem(
            input: String(decoding: object, as: UTF8.self), output: String(decoding: output, as: UTF8.self), subject: decided.id,
            policyVersion: decided.versionID, decided: true)
    }

    /// An object with no whitespace outside its strings.
    static func isCompactObject(_ body: ArraySlice<UInt8>) -> Bool {
        guard body.first == UInt8(ascii: "{"), body.last == UInt8(ascii: "}") else { return false }
        var inString = false
        var escaped = false
        for byte in body {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                return false
            }
        }
        return !inString
    }
}
