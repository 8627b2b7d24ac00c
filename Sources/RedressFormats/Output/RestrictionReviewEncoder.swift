import RedressCalendar
import RedressDiagnostics
import RedressEngine

/// A restriction on a complainant's contact whose review falls due, for `schedule --restrictions`.
public struct DueRestrictionReview: Sendable {
    public enum Timing: String, Sendable {
        case overdue, due
        case dueSoon = "due-soon"
    }

    public var complainant: String
    public var decidedOn: LocalDate
    public var decidedBy: String
    public var reviewBy: LocalDate
    public var timing: Timing

    public init(complainant: String, review: RestrictionReview, reviewBy: LocalDate, asOf: LocalDate) {
        self.complainant = complainant
        self.decidedOn = review.decidedOn
        self.decidedBy = review.decidedBy
        self.reviewBy = reviewBy
        self.timing = reviewBy < asOf ? .overdue : reviewBy == asOf ? .due : .dueSoon
    }
}

/// Writes restriction reviews as their own table: JSON Lines records of `kind: restriction-review`,
/// CSV with its own header, or a text table with its own heading.
public struct RestrictionReviewEncoder: Sendable {
    public let format: DecisionEncoder.Format
    public let table: TextTable

    public init(format: DecisionEncoder.Format, terminalWidth: Int? = nil, colour: Bool = false) {
        self.format = format
        self.table = TextTable(
            [
                .init("COMPLAINANT", preferred: 20, minimum: 8, priority: 5), .init("DECIDED ON", preferred: 10, minimum: 10, priority: 2),
                .init("DECIDED BY", preferred: 20, minimum: 0, priority: 1), .init("REVIEW BY", preferred: 10, minimum: 10, priority: 6),
                .init("STATUS", preferred: 8, minimum: 8, priority: 7),
            ], totalWidth: terminalWidth, colour: colour)
    }

    /// The columns of CSV and spreadsheet output, declared once.
    public static let sheet = SheetLayout<DueRestrictionReview>(
        title: "Restriction reviews",
        columns: [
            .init("complainant", width: 16) { .text($0.complainant) }, .init("decided_on") { .date($0.decidedOn) },
            .init("decided_by", width: 20) { .text($0.decidedBy) }, .init("review_by") { .date($0.reviewBy) },
            .init("status") { .text($0.timing.rawValue) },
        ])

    /// Text before the first review: a CSV header, or a heading and a table header.
    public var header: String {
        switch format {
        case .jsonl: ""
        case .csv: Self.sheet.csvHeader
        case .table: "\nRestriction reviews due:\n" + table.header
        }
    }

    public func encode(_ review: DueRestrictionReview) -> String {
        switch format {
        case .jsonl:
            var w = ByteWriter(bytes: [])
            w.raw("{\"kind\":\"restriction-review\",\"complainant\":")
            w.quoted(review.complainant)
            w.raw(",\"decided_on\":")
            w.date(review.decidedOn)
            w.raw(",\"decided_by\":")
            w.quoted(review.decidedBy)
            w.raw(",\"review_by\":")
            w.date(review.reviewBy)
            w.raw(",\"status\":")
            w.quoted(review.timing.rawValue)
            w.raw("}\n")
            return String(decoding: w.bytes, as: UTF8.self)
        case .csv: return Self.sheet.csvRow(review)
        case .table:
            return table.row(
                [review.complainant, review.decidedOn.description, review.decidedBy, review.reviewBy.description, review.timing.rawValue],
                colours: review.timing == .overdue ? [4: .red] : [4: .yellow])
        }
    }
}
