import ArgumentParser
import RedressCalendar
import RedressDiagnostics

/// `redress calendar`: the working-day calendar behind every deadline.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working days and bank holidays for a UK region.",
        subcommands: [Add.self, Holidays.self, Between.self]
    )

    struct RegionOptions: ParsableArguments {
        @Option(help: "england-and-wales, scotland or northern-ireland.")
        var region = "england-and-wales"

        @OptionGroup var library: LibraryOptions

        func calendar() throws(ExitCode) -> WorkingDayCalendar {
            do {
                return try library.calendars().calendar(for: region)
            } catch let error as DiagnosticList {
                report(error)
                throw ExitCode(ExitStatus.couldNotRun)
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw couldNotRun("\(error)")
            }
        }
    }

    static func date(_ text: String) throws(ExitCode) -> LocalDate {
        do {
            return try LocalDate(iso: text)
        } catch {
            throw couldNotRun("\(error)")
        }
    }

    static func answer<T>(_ body: () throws(CalendarError) -> T) throws(ExitCode) -> T {
        do {
            return try body()
        } catch {
            throw couldNotRun("\(error)")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the date N working days after DATE (DATE is day 0; a non-working DATE counts from the next working day).")

        @Argument(help: "The start date, YYYY-MM-DD.") var date: String
        @Argument(help: "Working days to add; to count back, put `--` before the arguments: `add -- 2024-12-20 -5`.")
        var days: Int
        @OptionGroup var options: RegionOptions

        func run() throws {
            let start = try CalendarCommand.date(date)
            let calendar = try options.calendar()
            let result = try CalendarCommand.answer { () throws(CalendarError) in
                try calendar.adding(workingDays: days, to: start)
            }
            Console.out("\(result)\n")
        }
    }

    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a year's bank holidays with their names.")

        @Option(help: "The year.") var year: Int
        @OptionGroup var options: RegionOptions

        func run() throws {
            let calendar = try options.calendar()
            guard (calendar.covers.lowerBound.year...calendar.covers.upperBound.year).contains(year) else {
                throw couldNotRun(
                    "\(year) is outside the \(calendar.region) data (\(calendar.covers.lowerBound.year) to \(calendar.covers.upperBound.year))")
            }
            for holiday in calendar.daysOff(inYear: year) {
                Console.out("\(holiday.date)  \(holiday.date.weekday.name.prefix(3))  \(holiday.name)\n")
            }
        }
    }

    struct Between: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the number of working days after FROM up to and including TO.")

        @Argument(help: "YYYY-MM-DD") var from: String
        @Argument(help: "YYYY-MM-DD") var to: String
        @OptionGroup var options: RegionOptions

        func run() throws {
            let (start, end) = (try CalendarCommand.date(from), try CalendarCommand.date(to))
            let calendar = try options.calendar()
            let count = try CalendarCommand.answer { () throws(CalendarError) in
                try calendar.workingDays(from: start, to: end)
            }
            Console.out("\(count)\n")
        }
    }
}
