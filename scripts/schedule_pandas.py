#!/usr/bin/env python3
"""The baseline for `redress schedule`: the same schedule, in pandas and numpy, as a data team would
write it for one council's cases, without Redress.

    python3 scripts/schedule_pandas.py CASES.jsonl AS_OF OUT.csv

Reads the case histories `scripts/generate_cases.py` writes (North Somerset, England and Wales bank
holidays from python-holidays) and writes what `redress schedule --policy
policies/councils/north-somerset --as-of AS_OF --format csv` writes for them: one row per case with
the same columns, byte for byte, and the cases the policy refuses (an adult social care complaint
escalated past its only stage) counted on standard error instead of scheduled. Compare the two on
100,000 cases before timing them (`scripts/speed.sh` does).

The rules are written out by hand from policies/councils/north-somerset/2021-01.yaml and the
statutory fragments it imports, vectorised with numpy's working-day functions:
- routing: adult and children's social care to their statutory procedures, everything else to the
  corporate one (the generator writes no text or categories, so nothing is excluded);
- the clock starts on the deemed receipt day (the next working day);
- corporate Stage 1: 10 working days; Stage 2: 17 working days from escalation;
- children's Stage 1: 10 working days, then 20 working days to escalate; Stage 2 runs from the agreed
  record, which the generator never records, so it has no respond-by date;
- adults: acknowledge within 3 working days, respond within 6 calendar months of receipt;
- a final answer closes a case that has no `closed` event (`closed-by-time`); retention 2, 6 or 75
  years from closure; status, the next deadline and "due soon" within 5 working days of AS_OF.
It handles exactly the event shapes the generator writes and stops on any other: it is a benchmark
baseline, not a second implementation of the policy format.

Records are read in chunks of 100,000 with orjson, so memory stays bounded as the input grows.
"""
import datetime
import sys

import holidays
import numpy as np
import orjson
import pandas as pd

CHUNK = 100_000
POLICY = ("north-somerset", "2021-01")
COLUMNS = ["id", "council", "version", "procedure", "status", "stage", "deemed_received", "respond_by", "next_due",
           "next_due_what", "closed_on", "closed_at", "delete_after", "refused_on", "ombudsman_finding",
           "ombudsman_complied_on", "remedies_paid", "flags"]
CORPORATE, ADULTS, CHILDREN = 0, 1, 2
PROCEDURES = np.array(["corporate", "adults-statutory", "children-statutory"], dtype=object)
FIRST_STAGE = np.array(["stage-1", "local-resolution", "stage-1"], dtype=object)
KEEP_YEARS = np.array([2, 6, 75])
RETENTION = np.array(["complaint-stages", "adults", "childrens"], dtype=object)
RESPONDED, ESCALATED, CLOSED = 1, 2, 3
KINDS = {"responded": RESPONDED, "escalated": ESCALATED, "closed": CLOSED}
NAT = np.datetime64("NaT", "D")


def working_days(years):
    return np.busdaycalendar(holidays=np.array(sorted(holidays.UK(subdiv="ENG", years=years)), dtype="datetime64[D]"))


def add_months(dates, months):
    """Calendar months later, clamped to the end of a shorter month (29 February a year on is 28 February)."""
    as_months = dates.astype("datetime64[M]")
    target = as_months + np.asarray(months).astype("timedelta64[M]")
    day = dates - as_months.astype("datetime64[D]")
    length = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")
    return target.astype("datetime64[D]") + np.minimum(day, length - np.timedelta64(1, "D"))


def text(dates):
    return np.where(np.isnat(dates), "", np.datetime_as_string(dates, unit="D"))


def schedule(records, as_of, cal):
    n = len(records)
    ids = [r["id"] for r in records]
    received = np.array([r["received"] for r in records], dtype="datetime64[D]")
    services = pd.Series([r.get("service") for r in records])
    procedure = np.select([services.eq("adult-social-care").to_numpy(), services.eq("childrens-social-care").to_numpy()],
                          [ADULTS, CHILDREN], CORPORATE)
    # Events, flattened and placed by position: up to four per case.
    flat = [(i, e["on"], KINDS[e["event"]]) for i, r in enumerate(records) for e in r["events"]]
    on = np.full((n, 4), NAT)
    kind = np.zeros((n, 4), dtype=np.int8)
    if flat:
        case, days, kinds = zip(*flat)
        case = np.array(case)
        position = np.arange(len(case)) - np.searchsorted(case, case)
        on[case, position] = np.array(days, dtype="datetime64[D]")
        kind[case, position] = kinds
    after = on > as_of
    late_events = after.any(axis=1)
    kind[after] = 0
    on[after] = NAT
    shape = kind.astype(np.int32) @ np.array([1000, 100, 10, 1])
    known = np.isin(shape, [0, 1000, 1300, 1200, 1210, 1213])
    if not known.all():
        raise SystemExit(f"case {ids[int(np.argmin(known))]}: an event sequence this baseline does not handle")
    responded1 = np.where(kind[:, 0] == RESPONDED, on[:, 0], NAT)
    escalated = kind[:, 1] == ESCALATED
    responded2 = np.where(kind[:, 2] == RESPONDED, on[:, 2], NAT)
    closed_event = np.where(kind[:, 1] == CLOSED, on[:, 1], np.where(kind[:, 3] == CLOSED, on[:, 3], NAT))
    refused = escalated & (procedure == ADULTS)

    started = np.busday_offset(received, 0, roll="forward", busdaycal=cal)
    respond_by = np.where(procedure == ADULTS, add_months(started, 6), np.busday_offset(started, 10, busdaycal=cal))
    acknowledge_by = np.where(procedure == ADULTS, np.busday_offset(started, 3, busdaycal=cal), NAT)
    started2 = np.busday_offset(np.where(escalated, on[:, 1], started), 0, roll="forward", busdaycal=cal)
    respond_by2 = np.where(procedure == CORPORATE, np.busday_offset(started2, 17, busdaycal=cal), NAT)

    stage = np.where(escalated, "stage-2", FIRST_STAGE[procedure])
    current_respond_by = np.where(escalated, respond_by2, respond_by)
    responded = np.where(escalated, responded2, responded1)
    # The children's procedure gives 20 working days from an answer to ask for the next stage.
    escalate_by = np.where((procedure == CHILDREN) & ~np.isnat(responded),
                           np.busday_offset(np.where(np.isnat(responded), started, responded), 20, roll="forward", busdaycal=cal), NAT)
    # Closure: the `closed` event, else a final answer (corporate Stage 2, or an adults response),
    # else the end of the children's window to escalate.
    final_answer = ~np.isnat(responded) & ((escalated & (procedure == CORPORATE)) | (procedure == ADULTS))
    window_over = ~np.isnat(escalate_by) & (escalate_by < as_of)
    by_time = np.isnat(closed_event) & (final_answer | window_over)
    closed_on = np.where(~np.isnat(closed_event), closed_event,
                         np.where(final_answer, responded, np.where(window_over, escalate_by, NAT)))
    is_closed = ~np.isnat(closed_on)
    delete_after = add_months(closed_on, 12 * KEEP_YEARS[procedure])

    answered_unacknowledged = (procedure == ADULTS) & ~np.isnat(responded1)
    waiting_acknowledgement = (procedure == ADULTS) & np.isnat(responded1)
    next_due = np.where(is_closed | ~np.isnat(responded), NAT, np.where(waiting_acknowledgement, acknowledge_by, current_respond_by))
    what = np.where(waiting_acknowledgement, "acknowledge " + stage.astype(object), "respond " + stage.astype(object))
    remaining = np.busday_count(np.datetime64(as_of) + 1, np.where(np.isnat(next_due), as_of, next_due) + 1, busdaycal=cal)
    overdue = ~np.isnat(next_due) & (next_due < as_of)
    due_soon = ~np.isnat(next_due) & ~overdue & (remaining <= 5)
    status = np.select([is_closed & (delete_after <= as_of), is_closed, overdue, due_soon],
                       ["delete-due", "closed", "overdue", "due-soon"], "open")

    flags = [[] for _ in range(n)]
    for i in np.flatnonzero(late_events):
        flags[i].append("events-after-as-of")
    for i in np.flatnonzero(answered_unacknowledged):
        flags[i].append("acknowledgement-missed:local-resolution")
    for i in np.flatnonzero(by_time):
        flags[i].append("closed-by-time")
    for i in np.flatnonzero(overdue):
        flags[i].append("overdue")
    frame = pd.DataFrame({
        "id": ids, "council": POLICY[0], "version": POLICY[1], "procedure": PROCEDURES[procedure], "status": status,
        "stage": stage, "deemed_received": text(started), "respond_by": text(current_respond_by), "next_due": text(next_due),
        "next_due_what": np.where(np.isnat(next_due), "", what), "closed_on": text(closed_on),
        "closed_at": np.where(is_closed, stage, ""), "delete_after": text(delete_after), "refused_on": "",
        "ombudsman_finding": "", "ombudsman_complied_on": "", "remedies_paid": "", "flags": [";".join(f) for f in flags],
    }, columns=COLUMNS)
    return frame[~refused], int(refused.sum())


def main():
    cases, as_of_text, output = sys.argv[1:4]
    as_of = np.datetime64(datetime.date.fromisoformat(as_of_text), "D")
    cal = working_days(range(2020, 2031))
    refused = 0
    with open(cases, "rb") as source, open(output, "w", encoding="utf-8-sig", newline="") as sink:
        sink.write(",".join(COLUMNS) + "\r\n")
        while True:
            lines = source.readlines(CHUNK * 230)
            if not lines:
                break
            frame, count = schedule([orjson.loads(line) for line in lines], as_of, cal)
            refused += count
            frame.to_csv(sink, header=False, index=False, lineterminator="\r\n")
    print(f"{refused} cases refused", file=sys.stderr)


if __name__ == "__main__":
    main()
