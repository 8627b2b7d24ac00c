import RedressDiagnostics

/// Source text with position markers, so tests say *where* a diagnostic belongs by marking the
/// spot in the fixture instead of counting lines and columns by hand.
///
///     let marked = MarkedText("key: 1\n1️⃣key: 2\n")
///     marked.text           // "key: 1\nkey: 2\n"
///     marked.locations["1️⃣"] // 2:1
public struct MarkedText: Sendable {
    public static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    public let text: String
    public let locations: [Character: SourceLocation]

    public init(_ marked: String) {
        var text = ""
        var locations: [Character: SourceLocation] = [:]
        var line = 1
        var column = 1
        for character in marked {
            if Self.markers.contains(character) {
                locations[character] = SourceLocation(line: line, column: column)
                continue
            }
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.locations = locations
    }

    public subscript(marker: Character) -> SourceLocation? { locations[marker] }
}
