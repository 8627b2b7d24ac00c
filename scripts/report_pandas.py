#!/usr/bin/env python3
"""The baseline for `redress report`'s speed: the same headline figures computed by hand in pandas,
vectorised, from the case histories and `redress schedule`'s output for the report date (so pandas
is given the routing and the working-day deadlines for free; it only reads and aggregates).

    report_pandas.py CASES.jsonl SCHEDULES.jsonl FROM TO
"""
import json
import sys

import pandas

cases_path, schedules_path, start, end = sys.argv[1:5]
cases = pandas.read_json(cases_path, lines=True, dtype={"received": str})[["id", "received", "service", "channel", "made_by"]]
schedules = pandas.read_json(schedules_path, lines=True, dtype=False)
frame = cases.merge(schedules, on="id", how="inner")
frame = frame[(frame.received >= start) & (frame.received <= end)]
handled = frame[~frame.excluded]
runs = handled[["id", "procedure", "stages"]].explode("stages").dropna(subset=["stages"])
runs = pandas.concat([runs[["id", "procedure"]].reset_index(drop=True), pandas.json_normalize(list(runs.stages))], axis=1)
runs["answered"] = runs.responded.notna()
runs["on_time"] = runs.met == True  # noqa: E712 (met is true, false or missing)
runs["late"] = runs.days_late.fillna(0) > 0
by_stage = runs.groupby(["procedure", "stage"]).agg(
    runs=("id", "size"), answered=("answered", "sum"), on_time=("on_time", "sum"), late=("late", "sum"))
days_late = runs[runs.late].groupby(["procedure", "stage"]).days_late.mean().round(1)
outcomes = runs[runs.answered].groupby(["procedure", "stage"]).outcome.value_counts()
figures = {
    "complaints": int(len(frame)),
    "excluded": int(frame.excluded.sum()),
    "open": int(handled.status.isin(["open", "due-soon", "overdue"]).sum()),
    "overdue": int((handled.status == "overdue").sum()),
    "by_month": {k: int(v) for k, v in frame.received.str[:7].value_counts().sort_index().items()},
    "by_service": {k: int(v) for k, v in frame.service.value_counts().items()},
    "by_channel": {k: int(v) for k, v in frame.channel.value_counts().items()},
    "stages": {f"{p}/{s}": {k: int(v) for k, v in row.items()} for (p, s), row in by_stage.iterrows()},
    "days_late": {f"{p}/{s}": float(v) for (p, s), v in days_late.items()},
    "outcomes": {f"{p}/{s}/{o}": int(v) for (p, s, o), v in outcomes.items()},
}
print(json.dumps(figures, sort_keys=True))
