import RedressEngine

extension ScheduleEncoder {
    /// `,"remedy_type":…,"remedy_amount":…` when recorded (the amount a JSON number with two decimals).
    static func remedy(type: CaseEvent.RemedyType?, amount: Money?, _ w: inout ByteWriter) {
        if let type {
            w.raw(",\"remedy_type\":")
            w.quoted(type.rawValue)
        }
        if let amount {
            w.raw(",\"remedy_amount\":")
            w.raw(amount.description)
        }
    }

    /// A schedule's `joint`, `time_limit_waived`, `refusal`, `alternative_resolution` and
    /// `ombudsman_decision`, each only when the events recorded one.
    static func outcomes(_ outcomes: CaseOutcomes, _ w: inout ByteWriter) {
        if let joint = outcomes.joint {
            w.raw(",\"joint\":{\"on\":")
            w.date(joint.on)
            w.raw(",\"partner\":")
            w.quoted(joint.partner)
            w.raw(",\"partner_name\":")
            w.quoted(joint.partnerName)
            w.raw(",\"lead\":")
            w.quoted(joint.lead.rawValue)
            w.raw(",\"partner_respond_by\":")
            w.date(joint.partnerRespondBy)
            w.raw("}")
        }
        if let waived = outcomes.timeLimitWaived {
            w.raw(",\"time_limit_waived\":")
            w.date(waived)
        }
        if let refusal = outcomes.refusal {
            w.raw(",\"refusal\":{\"on\":")
            w.date(refusal.on)
            switch refusal.kind {
            case .outOfTime: w.raw(",\"refused\":\"out-of-time\"")
            case .escalation(let stage):
                w.raw(",\"refused\":\"escalation\",\"stage\":")
                w.quoted(stage)
            }
            w.raw(",\"reason\":")
            w.quoted(refusal.reason)
            w.raw("}")
        }
        if !outcomes.alternatives.isEmpty {
            w.raw(",\"alternative_resolution\":[")
            for (index, item) in outcomes.alternatives.enumerated() {
                w.raw(index > 0 ? ",{\"on\":" : "{\"on\":")
                w.date(item.on)
                w.raw(",\"stage\":")
                w.quoted(item.stage)
                w.raw(",\"means\":")
                w.quoted(item.means)
                w.raw(",\"resolved\":")
                w.bool(item.resolved)
                if let remedy = item.remedy {
                    w.raw(",\"remedy\":")
                    w.quoted(remedy)
                }
                w.raw("}")
            }
            w.raw("]")
        }
        if let decision = outcomes.ombudsman {
            w.raw(",\"ombudsman_decision\":{\"on\":")
            w.date(decision.on)
            w.raw(",\"finding\":")
            w.quoted(decision.finding.rawValue)
            if let remedy = decision.remedy {
                w.raw(",\"remedy\":")
                w.quoted(remedy)
            }
            remedy(type: decision.remedyType, amount: decision.remedyAmount, &w)
            w.raw(",\"complied_on\":")
            w.date(decision.compliedOn)
            w.raw("}")
        }
    }
}
