import RedressCalendar

/// The routing rules by the service they test, so a complaint is tried only against the rules
/// that could match it: those naming its service and those naming none, in policy order. A
/// policy of 1,000 rules over 50 services then costs a complaint a few dozen tries, not 1,000,
/// and first-match order is kept (a rule left out names other services only, so it could not
/// have matched). Its size is the number of service names in the rules plus the rules.
struct RuleIndex: Sendable {
    /// For each service id, the rules whose `service` names it, ascending.
    private let byService: [[Int32]]
    /// The rules with no `service` condition, ascending.
    private let anyService: [Int32]

    init(_ rules: [CompiledRule], serviceCount: Int) {
        var byService = [[Int32]](repeating: [], count: serviceCount)
        var anyService: [Int32] = []
        for (position, rule) in rules.enumerated() {
            guard let services = rule.services else {
                anyService.append(Int32(position))
                continue
            }
            services.forEachMember { if $0 < serviceCount { byService[$0].append(Int32(position)) } }
        }
        self.byService = byService
        self.anyService = anyService
    }

    /// The first of `rules` that matches, trying only the candidates for the complaint's service;
    /// the last rule (the catch-all a checked policy ends with) when none does.
    func firstMatch(_ features: ComplaintFeatures, in rules: [CompiledRule], calendar: WorkingDayCalendar) -> Int {
        let none: [Int32] = []
        let specific = features.service.map { $0 < byService.count ? byService[$0] : none } ?? none
        // Borrowed, not copied: a rule's sets are not retained and released for each try.
        return rules.withUnsafeBufferPointer { rules in
            specific.withUnsafeBufferPointer { specific in
                anyService.withUnsafeBufferPointer { anyService in
                    var nextSpecific = 0, nextAny = 0
                    while nextSpecific < specific.count || nextAny < anyService.count {
                        let candidate: Int32
                        if nextAny == anyService.count || (nextSpecific < specific.count && specific[nextSpecific] < anyService[nextAny]) {
                            candidate = specific[nextSpecific]
                            nextSpecific += 1
                        } else {
                            candidate = anyService[nextAny]
                            nextAny += 1
                        }
                        if rules[Int(candidate)].matches(features, calendar) { return Int(candidate) }
                    }
                    return rules.count - 1
                }
            }
        }
    }
}
