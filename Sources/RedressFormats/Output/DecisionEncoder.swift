import RedressCalendar
import RedressDiagnostics
import RedressEngine

/// Writes decisions as JSON Lines, CSV or a readable table, one record at a time (streaming).
public struct DecisionEncoder: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, csv, table
    }

    public let format: Format
    /// The table's layout (for `.table`): fitted to the terminal's width, coloured when it can be.
    public let table: TextTable

    /// `terminalWidth`: the columns a table must fit (nil: unlimited, as in a file).
    public init(format: Format, terminalWidth: Int? = nil, colour: Bool = false) {
        self.format = format
        self.table = TextTable(Self.tableColumns, totalWidth: terminalWidth, colour: colour)
    }

    /// Received and deemed dates are both shown; on a narrow terminal the acknowledgement date goes
    /// first, then stage, procedure and id shrink, and the rule or redirect last.
    static let tableColumns: [TextTable.Column] = [
        .init("ID", preferred: 24, minimum: 12, priority: 4), .init("PROCEDURE", preferred: 18, minimum: 9, priority: 3),
        .init("STAGE", preferred: 15, minimum: 7, priority: 2), .init("RECEIVED", preferred: 10, minimum: 10, priority: 8),
        .init("DEEMED", preferred: 10, minimum: 10, priority: 8), .init("ACK BY", preferred: 10, minimum: 0, priority: 1),
        .init("RESPOND BY", preferred: 10, minimum: 10, priority: 9), .init("IN TIME", preferred: 7, minimum: 7, priority: 6),
        .init("RULE / REDIRECT", preferred: 30, minimum: 8, priority: 5),
    ]

    /// CSV starts with a UTF-8 byte-order mark so spreadsheets read accented names correctly;
    /// Redress's own readers skip it.
    public static let csvByteOrderMark = "\u{FEFF}"

    /// The columns of CSV and spreadsheet output, declared once.
    public static let sheet = SheetLayout<Decision>(
        title: "Decisions",
        columns: [
            .init("id", width: 16) { .text($0.id) }, .init("council", width: 16) { .text($0.councilID) },
            .init("version") { .text($0.versionID) }, .init("type") { .text($0.type) },
            .init("procedure", width: 18) { .text($0.procedure) }, .init("stage", width: 14) { .text($0.stage) },
            .init("handler", width: 24) { .text($0.handler) },
            .init("excluded") { .boolean($0.excluded) }, .init("redirect", width: 24) { .text($0.redirect) },
            .init("exclusion_reason", width: 30) { .text($0.exclusionReason) },
            .init("received") { .date($0.received) }, .init("deemed_received") { .date($0.deemedReceived) },
            .init("acknowledge_by") { .date($0.acknowledgeBy) }, .init("respond_by") { .date($0.respondBy) },
            .init("in_time") { .boolean($0.inTime) }, .init("rule", width: 18) { .text($0.rule) },
            .init("source", width: 30) { .text($0.sourceText) }, .init("flags", width: 20) { .text($0.flags.map(\.description).joined(separator: ";")) },
        ])

    /// Text written before the first record (the CSV header, the table heading).
    public var header: String {
        switch format {
        case .jsonl: ""
        case .csv: Self.sheet.csvHeader
        case .table: table.header
        }
    }

    public func encode(_ decision: Decision) -> String {
        var out: [UInt8] = []
        encode(decision, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the encoded decision to a byte buffer (the streaming path).
    public func encode(_ decision: Decision, into out: inout [UInt8]) {
        switch format {
        case .jsonl:
            var writer = ByteWriter(bytes: out)
            out = []
            json(decision, &writer)
            writer.raw("\n")
            out = writer.bytes
        case .csv: Self.sheet.csvRow(decision, into: &out)
        case .table: table(decision, into: &out)
        }
    }

    /// Fields of the decision itself; pass-through input fields with these names are dropped.
    static let reservedFields = DecisionField.reservedNames

    private func json(_ d: Decision, _ w: inout ByteWriter) {
        w.raw("{\"id\":")
        w.quoted(d.id)
        Self.policy(councilID: d.councilID, versionID: d.versionID, &w)
        w.quoted(d.type)
        Self.outcome(
            procedure: d.procedure, stage: d.stage, handler: d.handler, excluded: d.excluded, redirect: d.redirect, exclusionReason: d.exclusionReason, &w)
        w.date(d.deemedReceived)
        Self.dates(acknowledgeBy: d.acknowledgeBy, respondBy: d.respondBy, inTime: d.inTime, &w)
        Self.rule(d.rule, sourceText: d.sourceText, &w)
        w.strings(d.flags.map(\.description))
        if let tried = d.tried {
            w.raw(",\"tried\":[")
            for (index, trace) in tried.enumerated() {
                if index > 0 { w.raw(",") }
                Self.triedEntry(trace.rule, source: trace.source.description, &w)
                w.quoted(trace.reason)
                w.raw("}")
            }
            w.raw("]")
        }
        for field in d.extra where !Self.reservedFields.contains(field.name) {
            w.raw(",")
            w.quoted(field.name)
            w.raw(":")
            field.writeRaw(&w)
        }
        w.raw("}")
    }

    // The decision's JSON layout in pieces, shared with `EncodedOutcome`, which encodes a rule's
    // constant pieces once: the two cannot lay a decision out differently.

    /// `,"policy":{"council":…,"version":…},"type":`
    static func policy(councilID: String, versionID: String, _ w: inout ByteWriter) {
        w.raw(",\"policy\":{\"council\":")
        w.quoted(councilID)
        w.raw(",\"version\":")
        w.quoted(versionID)
        w.raw("},\"type\":")
    }

    /// `,"procedure":…,"stage":…,"excluded":…,"redirect":…(,"exclusion_reason":…),"deemed_received":`
    static func outcome(
        procedure: String?, stage: String?, handler: String?, excluded: Bool, redirect: String?, exclusionReason: String?, _ w: inout ByteWriter
    ) {
        w.raw(",\"procedure\":")
        w.quoted(procedure)
        w.raw(",\"stage\":")
        w.quoted(stage)
        w.raw(",\"handler\":")
        w.quoted(handler)
        w.raw(",\"excluded\":")
        w.bool(excluded)
        w.raw(",\"redirect\":")
        w.quoted(redirect)
        if excluded {
            w.raw(",\"exclusion_reason\":")
            w.quoted(exclusionReason)
        }
        w.raw(",\"deemed_received\":")
    }

    /// `,"acknowledge_by":…,"respond_by":…,"in_time":…`
    static func dates(acknowledgeBy: LocalDate?, respondBy: LocalDate?, inTime: Bool, _ w: inout some ByteOutput) {
        w.raw(",\"acknowledge_by\":")
        w.date(acknowledgeBy)
        w.raw(",\"respond_by\":")
        w.date(respondBy)
        w.raw(",\"in_time\":")
        w.bool(inTime)
    }

    /// `{"rule":…,"source":…,"reason":` (an item of `tried`, before its reason).
    static func triedEntry(_ rule: String, source: String, _ w: inout ByteWriter) {
        w.raw("{\"rule\":")
        w.quoted(rule)
        w.raw(",\"source\":")
        w.quoted(source)
        w.raw(",\"reason\":")
    }

    /// `,"rule":…,"source":…,"flags":`
    static func rule(_ rule: String, sourceText: String, _ w: inout ByteWriter) {
        w.raw(",\"rule\":")
        w.quoted(rule)
        w.raw(",\"source\":")
        w.quoted(sourceText)
        w.raw(",\"flags\":")
    }

    private func table(_ d: Decision, into out: inout [UInt8]) {
        tableRow(
            id: d.id, procedure: d.procedure, stage: d.stage, excluded: d.excluded, redirect: d.redirect, exclusionReason: d.exclusionReason,
            received: d.received ?? d.deemedReceived, deemed: d.deemedReceived, acknowledgeBy: d.acknowledgeBy, respondBy: d.respondBy,
            inTime: d.inTime, rule: d.rule, flags: d.flags, tried: d.tried, into: &out)
    }

    /// A decision as a table row and its notes: from a `Decision`, and from `LineClassifier`'s
    /// pieces, so the two cannot lay a row out differently.
    func tableRow(
        id: String, procedure: String?, stage: String?, excluded: Bool, redirect: String?, exclusionReason: String?, received: LocalDate,
        deemed: LocalDate, acknowledgeBy: LocalDate?, respondBy: LocalDate?, inTime: Bool, rule: String, flags: [CaseFlag], tried: [RuleTrace]?,
        into out: inout [UInt8]
    ) {
        // Only a terminal gets colours; a file's rows make no dictionary.
        var colours: [Int: TextTable.Colour] = [:]
        if table.colour {
            colours[7] = inTime ? .green : .red
            if excluded { colours[1] = .yellow }
        }
        table.row(
            [
                id, procedure ?? (excluded ? "excluded" : "—"), stage ?? "—", received.description, deemed.description,
                acknowledgeBy?.description ?? "—", respondBy?.description ?? "—", inTime ? "yes" : "NO",
                excluded ? "→ " + (redirect ?? exclusionReason ?? "") : rule,
            ],
            colours: colours, into: &out)
        if !flags.isEmpty { out.append(contentsOf: table.note("flags: " + flags.map(\.description).joined(separator: ", ")).utf8) }
        for trace in tried ?? [] { out.append(contentsOf: table.note("tried \(trace.rule) (\(trace.source)): \(trace.reason)").utf8) }
    }

    /// Control characters never reach the terminal raw: a tab, escape or carriage return in an id
    /// is shown as `\u{1B}`. (Unicode's controls, category Cc, are exactly U+0000–U+001F and
    /// U+007F–U+009F.)
    public static func escapingControls(_ text: String) -> String {
        guard !DisplayWidth.isPrintableASCII(text), text.unicodeScalars.contains(where: isControl) else { return text }
        return String(
            text.unicodeScalars.map { scalar in
                isControl(scalar) ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
            }.joined())
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

/// Writes failed records as JSON Lines: `{"line":7,"id":"C-7","error":"…"}`.
public enum RecordFailureEncoder {
    public static func encode(_ failure: RecordFailure) -> String {
        "{" + (failure.file.map { "\"file\":\(JSONText.quoted($0))," } ?? "")
            + "\"line\":\(failure.line),\"id\":\(failure.id.map(JSONText.quoted) ?? "null"),\"error\":\(JSONText.quoted(failure.message))}\n"
    }
}
