/// One figure of the report, typed, so each format shows it as what it is (a spreadsheet gets a
/// number or a percentage, CSV the parts, a committee page the words) and two periods' figures can
/// be compared.
public enum ReportValue: Sendable, Hashable {
    /// A number of complaints, cases or runs.
    case count(Int)
    /// `part` of `whole`, shown with its share: `2 (66.7%)`, or `2 of 3 (66.7%)` when `showWhole`.
    case share(Int, of: Int, showWhole: Bool)
    /// A share alone: `66.7%` (nil when the whole is 0: `—`).
    case rate(Int, of: Int)
    /// Working days (a median, a percentile, an average), to one decimal where not whole; nil: `—`.
    case days(Double?)
    /// Per 1,000 (homes), to one decimal.
    case perThousand(Int, of: Int)
    /// A sum in pence, shown in pounds: `£1,250.00`.
    case money(pence: Int)
    case text(String)

    /// The share as a fraction, when the value has one.
    public var fraction: Double? {
        switch self {
        case .share(let part, let whole, _), .rate(let part, let whole): whole > 0 ? Double(part) / Double(whole) : nil
        default: nil
        }
    }

    /// The value as a number to compare or chart: a count, a percentage (0–100), days or a rate.
    public var number: Double? {
        switch self {
        case .count(let n): Double(n)
        case .share, .rate: fraction.map { $0 * 100 }
        case .days(let days): days
        case .perThousand(let part, let whole): whole > 0 ? Double(part) * 1000 / Double(whole) : nil
        case .money(let pence): Double(pence) / 100
        case .text: nil
        }
    }

    /// How a page or a terminal shows it.
    public var display: String {
        switch self {
        case .count(let n): String(n)
        case .share(let part, let whole, let showWhole):
            showWhole ? "\(part) of \(whole) (\(Self.percent(part, whole)))" : "\(part) (\(Self.percent(part, whole)))"
        case .rate(let part, let whole): Self.percent(part, whole)
        case .days(let days): days.map(Self.oneDecimal) ?? "—"
        case .perThousand: number.map { Self.tenths($0) } ?? "—"
        case .money(let pence): Self.pounds(pence)
        case .text(let text): text
        }
    }

    /// The change from `earlier` to this value, in words a committee reads: `+3`, `−4.0 pts`,
    /// `+1.5 days`; empty when the two cannot be compared.
    public func change(from earlier: ReportValue) -> String {
        guard let now = number, let then = earlier.number else { return "" }
        let difference = now - then
        let sign = difference > 0.0001 ? "+" : difference < -0.0001 ? "−" : "±"
        switch self {
        case .count: return sign + String(Int(abs(difference).rounded()))
        case .share, .rate: return sign + Self.tenths(abs(difference)) + " pts"
        case .days: return sign + Self.oneDecimal(abs(difference))
        case .perThousand: return sign + Self.tenths(abs(difference))
        case .money: return sign + Self.pounds(Int((abs(difference) * 100).rounded()))
        case .text: return ""
        }
    }

    /// `66.7%`, half away from zero; `—` when the whole is 0.
    public static func percent(_ part: Int, _ whole: Int) -> String {
        guard whole > 0 else { return "—" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// `£1,250.00`: pounds with thousands separated, and pence.
    static func pounds(_ pence: Int) -> String {
        var whole = String(pence / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        let fraction = pence % 100
        return "£" + whole + grouped + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// `9` when whole, else `9.5`.
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }

    /// Always one decimal: `3.0`.
    static func tenths(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
