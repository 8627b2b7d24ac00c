#!/usr/bin/env python3
"""Generates the independent oracle fixtures for RedressCalendar's tests.

Bank holidays come from the PyPI package `holidays` (UnitedKingdom, subdivisions ENG, SCT, NIR) and
working-day arithmetic from numpy's busday_offset / busday_count: neither shares code or data with
Redress. Requires: pip install holidays numpy. Run: python3 scripts/make_calendar_oracle.py

Writes, under Tests/RedressCalendarTests/Fixtures/:
  working-days-oracle.csv  kind,region,date,n,expected
      add:   expected = busday_offset(date, n, roll='forward')   (n >= 0; Redress's rule: the date is day 0)
      sub:   expected = busday_offset(date, n, roll='backward')  (n < 0)
      count: expected = working days in (date, n_date], negated when n_date < date:
             busday_count(date + 1, n_date + 1), or -busday_count(n_date + 1, date + 1)
             (numpy counts a reversed range with the other end open, so it is not used reversed)
             (for count rows the n column holds the second date)
  holidays-oracle.csv      region,date,name  (weekday holidays only: a weekend date never changes a count)
"""
import csv
import datetime as dt
import pathlib
import random

import holidays
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "RedressCalendarTests" / "Fixtures"
REGIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}
YEARS = range(2000, 2041)
SEED = 20261122
ROWS_PER_KIND_AND_REGION = {"add": 800, "sub": 200, "count": 200}


# Where the oracle and the statute disagree, the statute wins and the difference is named here.
# `holidays` lists St Andrew's Day 2006 for Scotland, but the St Andrew's Day Bank Holiday (Scotland)
# Act 2007 received Royal Assent on 15 January 2007: the first such bank holiday was 30 November 2007.
ORACLE_CORRECTIONS = {"SCT": {dt.date(2006, 11, 30)}}


def weekday_holidays(subdivision):
    table = holidays.UnitedKingdom(subdiv=subdivision, years=YEARS)
    removed = ORACLE_CORRECTIONS.get(subdivision, set())
    return sorted((d, name) for d, name in table.items() if d.weekday() < 5 and d not in removed)


def random_date(rng):
    start, end = dt.date(2001, 1, 1), dt.date(2038, 12, 31)
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def main():
    rng = random.Random(SEED)
    FIXTURES.mkdir(parents=True, exist_ok=True)
    holiday_rows, rows = [], []
    for region, subdivision in REGIONS.items():
        days = weekday_holidays(subdivision)
        holiday_rows += [(region, d.isoformat(), name) for d, name in days]
        calendar = np.busdaycalendar(holidays=[np.datetime64(d) for d, _ in days])
        for _ in range(ROWS_PER_KIND_AND_REGION["add"]):
            date, n = random_date(rng), rng.choice([0, 1, 2, 3, 5, 10, 15, 17, 20, 25, 30, 65, rng.randrange(0, 300)])
            expected = np.busday_offset(np.datetime64(date), n, roll="forward", busdaycal=calendar)
            rows.append(("add", region, date.isoformat(), n, str(expected)))
        for _ in range(ROWS_PER_KIND_AND_REGION["sub"]):
            date, n = random_date(rng), -rng.randrange(1, 120)
            expected = np.busday_offset(np.datetime64(date), n, roll="backward", busdaycal=calendar)
            rows.append(("sub", region, date.isoformat(), n, str(expected)))
        for _ in range(ROWS_PER_KIND_AND_REGION["count"]):
            a = random_date(rng)
            b = a + dt.timedelta(days=rng.randrange(-200, 400))
            one = dt.timedelta(days=1)
            lo, hi = min(a, b), max(a, b)
            count = np.busday_count(np.datetime64(lo + one), np.datetime64(hi + one), busdaycal=calendar)
            count = count if b >= a else -count
            rows.append(("count", region, a.isoformat(), b.isoformat(), str(int(count))))
    with open(FIXTURES / "working-days-oracle.csv", "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["kind", "region", "date", "n", "expected"])
        writer.writerows(rows)
    with open(FIXTURES / "holidays-oracle.csv", "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["region", "date", "name"])
        writer.writerows(holiday_rows)
    print(f"{len(rows)} arithmetic rows, {len(holiday_rows)} holidays (holidays {holidays.__version__}, numpy {np.__version__})")


if __name__ == "__main__":
    main()
