import RedressCalendar
import RedressEngine

/// Writes case schedules as JSON Lines, CSV or a readable table.
public struct ScheduleEncoder: Sendable {
    public let format: DecisionEncoder.Format
    public let table: TextTable

    public init(format: DecisionEncoder.Format, terminalWidth: Int? = nil, colour: Bool = false) {
        self.format = format
        self.table = TextTable(Self.tableColumns, totalWidth: terminalWidth, colour: colour)
    }

    static let tableColumns: [TextTable.Column] = [
        .init("ID", preferred: 16, minimum: 8, priority: 6), .init("STATUS", preferred: 10, minimum: 10, priority: 7),
        .init("STAGE", preferred: 16, minimum: 7, priority: 2), .init("DEEMED", preferred: 10, minimum: 0, priority: 1),
        .init("NEXT DUE", preferred: 10, minimum: 10, priority: 8), .init("DELETE AFTER", preferred: 12, minimum: 0, priority: 3),
        .init("WHAT / FLAGS", preferred: 30, minimum: 10, priority: 0),
    ]

    /// The columns of CSV and spreadsheet output, declared once.
    public static let sheet = SheetLayout<CaseSchedule>(
        title: "Cases",
        columns: [
            .init("id", width: 16) { .text($0.id) }, .init("council", width: 16) { .text($0.councilID) },
            .init("version") { .text($0.versionID) }, .init("procedure", width: 18) { .text($0.procedure) },
            .init("status") { .text($0.status.rawValue) }, .init("stage", width: 14) { .text($0.stages.last?.stage) },
            .init("deemed_received") { .date($0.deemedReceived) }, .init("respond_by") { .date($0.stages.last?.respondBy) },
            .init("next_due") { .date($0.nextDue?.due) }, .init("next_due_what", width: 24) { .text($0.nextDue?.what) },
            .init("closed_on") { .date($0.closedOn) }, .init("closed_at", width: 14) { .text($0.closedAt) },
            .init("delete_after") { .date($0.deleteAfter) }, .init("refused_on") { .date($0.outcomes.refusal?.on) },
            .init("ombudsman_finding", width: 16) { .text($0.outcomes.ombudsman?.finding.rawValue) },
            .init("ombudsman_complied_on") { .date($0.outcomes.ombudsman?.compliedOn) },
            .init("remedies_paid") { schedule in
                let pence = schedule.stages.compactMap(\.remedyAmount?.pence).reduce(0, +)
                return schedule.stages.contains { $0.remedyAmount != nil } ? .money(pence: pence) : .empty
            },
            .init("flags", width: 20) { .text($0.flags.map(\.description).joined(separator: ";")) },
        ])

    public var header: String {
        switch format {
        case .jsonl: ""
        case .csv: Self.sheet.csvHeader
        case .table: table.header
        }
    }

    /// Appends the encoded schedule to a byte buffer (the streaming path).
    public func encode(_ schedule: CaseSchedule, into out: inout [UInt8]) {
        switch format {
        case .jsonl:
            var writer = ByteWriter(bytes: out)
            out = []
            json(schedule, &writer)
            writer.raw("\n")
            out = writer.bytes
        case .csv: Self.sheet.csvRow(schedule, into: &out)
        case .table: out.append(contentsOf: encode(schedule).utf8)
        }
    }

    public func encode(_ schedule: CaseSchedule) -> String {
        switch format {
        case .jsonl, .csv:
            var out: [UInt8] = []
            encode(schedule, into: &out)
            return String(decoding: out, as: UTF8.self)
        case .table:
            let what = [schedule.nextDue?.what].compactMap { $0 } + schedule.flags.map(\.description)
            let statusColour: TextTable.Colour? =
                switch schedule.status {
                case .overdue, .deleteDue: .red
                case .dueSoon: .yellow
                case .closed: .dim
                case .open: nil
                }
            return table.row(
                [
                    schedule.id, schedule.status.rawValue, schedule.stages.last.map { "\($0.stage)#\($0.occurrence)" } ?? "—",
                    schedule.deemedReceived?.description ?? "—", schedule.nextDue?.due.description ?? "—",
                    schedule.deleteAfter?.description ?? "—", what.joined(separator: ", "),
                ], colours: statusColour.map { [1: $0] } ?? [:])
        }
    }

    private func json(_ s: CaseSchedule, _ w: inout ByteWriter) {
        w.raw("{\"id\":")
        w.quoted(s.id)
        w.raw(",\"policy\":{\"council\":")
        w.quoted(s.councilID)
        w.raw(",\"version\":")
        w.quoted(s.versionID)
        w.raw("},\"type\":")
        w.quoted(s.type)
        w.raw(",\"procedure\":")
        w.quoted(s.procedure)
        w.raw(",\"excluded\":")
        w.bool(s.excluded)
        w.raw(",\"status\":")
        w.quoted(s.status.rawValue)
        w.raw(",\"next_due\":")
        if let next = s.nextDue {
            w.raw("{\"what\":")
            w.quoted(next.what)
            w.raw(",\"due\":")
            w.date(next.due)
            w.raw("}")
        } else {
            w.raw("null")
        }
        w.raw(",\"stages\":[")
        for (index, stage) in s.stages.enumerated() {
            if index > 0 { w.raw(",") }
            w.raw("{\"stage\":")
            w.quoted(stage.stage)
            w.raw(",\"occurrence\":")
            w.raw(String(stage.occurrence))
            w.raw(",\"started\":")
            w.date(stage.started)
            w.raw(",\"acknowledge_by\":")
            w.date(stage.acknowledgeBy)
            w.raw(",\"acknowledged\":")
            w.date(stage.acknowledged)
            w.raw(",\"respond_by\":")
            w.date(stage.respondBy)
            w.raw(",\"responded\":")
            w.date(stage.responded)
            w.raw(",\"met\":")
            if let met = stage.met { w.bool(met) } else { w.raw("null") }
            w.raw(",\"days_late\":")
            w.raw(stage.daysLate.map(String.init) ?? "null")
            w.raw(",\"extended_days\":")
            w.raw(String(stage.extendedDays))
            w.raw(",\"paused_days\":")
            w.raw(String(stage.pausedDays))
            w.raw(",\"escalate_by\":")
            w.date(stage.escalateBy)
            if let outcome = stage.outcome {
                w.raw(",\"outcome\":")
                w.quoted(outcome.rawValue)
            }
            if let remedy = stage.remedy {
                w.raw(",\"remedy\":")
                w.quoted(remedy)
            }
            if let learning = stage.learning {
                w.raw(",\"learning\":")
                w.quoted(learning)
            }
            Self.remedy(type: stage.remedyType, amount: stage.remedyAmount, &w)
            if !stage.milestones.isEmpty {
                w.raw(",\"milestones\":[")
                for (m, milestone) in stage.milestones.enumerated() {
                    w.raw(m > 0 ? ",{\"id\":" : "{\"id\":")
                    w.quoted(milestone.id)
                    w.raw(",\"due\":")
                    w.date(milestone.due)
                    w.raw(",\"done\":")
                    w.date(milestone.done)
                    w.raw("}")
                }
                w.raw("]")
            }
            w.raw("}")
        }
        w.raw("],\"ombudsman\":")
        w.quoted(s.ombudsman)
        w.raw(",\"ombudsman_from\":")
        w.date(s.ombudsmanFrom)
        w.raw(",\"closed_on\":")
        w.date(s.closedOn)
        w.raw(",\"closed_at\":")
        w.quoted(s.closedAt)
        w.raw(",\"delete_after\":")
        w.date(s.deleteAfter)
        w.raw(",\"retention_rule\":")
        w.quoted(s.retentionRule)
        Self.outcomes(s.outcomes, &w)
        w.raw(",\"flags\":")
        w.strings(s.flags.map(\.description))
        for field in s.extra where !DecisionEncoder.reservedFields.contains(field.name) && field.name != "status" {
            w.raw(",")
            w.quoted(field.name)
            w.raw(":")
            field.writeRaw(&w)
        }
        w.raw("}")
    }
}

/// Writes due dates as an iCalendar (RFC 5545) file of all-day events, so a team can see them in
/// its calendar.
public struct ICalendarWriter: Sendable {
    public let stamp: LocalDate

    public init(stamp: LocalDate) {
        self.stamp = stamp
    }

    public var header: String { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Redress//schedule//EN\r\nCALSCALE:GREGORIAN\r\n" }
    public var footer: String { "END:VCALENDAR\r\n" }

    public func events(for schedule: CaseSchedule) -> String {
        var items = schedule.openItems
        if let deleteAfter = schedule.deleteAfter { items.append(DueItem(caseID: schedule.id, what: "delete record", due: deleteAfter)) }
        return items.map { item in
            let compact = { (date: LocalDate) in date.description.replacingOccurrences(of: "-", with: "") }
            // Unique per council, case and deadline: the id is percent-encoded, so `A.1` and `A-1`
            // (or an id holding a line break) can never share or break a UID.
            let uid = [schedule.councilID, item.caseID, item.what].map(Self.uidPart).joined(separator: "/")
            return [
                "BEGIN:VEVENT", "UID:\(uid)@redress", "DTSTAMP:\(compact(stamp))T000000Z",
                "DTSTART;VALUE=DATE:\(compact(item.due))", "DTEND;VALUE=DATE:\(compact(item.due.adding(days: 1)))",
                "SUMMARY:\(Self.escape("\(item.caseID): \(item.what)"))", "END:VEVENT",
            ].map(Self.fold).joined()
        }.joined()
    }

    /// Letters, digits and `-` `_` `~` as they are; every other byte as `%XX`.
    static func uidPart(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (byte < 0x80 && (scalar.properties.isAlphabetic || (0x30...0x39).contains(byte))) || "-_~".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// RFC 5545 TEXT: backslash, `;` and `,` escaped, any line break as `\n`, other control
    /// characters (which no content line may hold) as spaces.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r": out += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for character in line {
            let width = character.utf8.count
            if count + width > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(character)
            count += width
        }
        return out + "\r\n"
    }
}

import Foundation
