/// Text broken into lines at spaces: the one word-wrapper for help text, explanations, diagram
/// labels and reports.
public enum WordWrap {
    /// Lines of at most `width` characters (a word longer than `width` stands alone on its line);
    /// no lines for text without words.
    public static func lines(_ text: some StringProtocol, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
