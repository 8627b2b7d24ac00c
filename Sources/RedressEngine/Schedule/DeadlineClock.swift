import RedressPolicy

/// The parts of a timescale a deadline is worked out from — what it runs from, for how long, and
/// any later alternative — without its citation and source ranges: a timescale copied out of its
/// stage costs a reference count for each of those, and the replay reads several a case.
struct DeadlineClock {
    let from: String
    let within: PolicyDuration
    let alternative: (within: PolicyDuration, from: AlternativeWindow.Anchor)?
}

extension Timescale {
    var clock: DeadlineClock { DeadlineClock(from: from, within: within, alternative: orIfLater.map { ($0.within, $0.from) }) }
}
