#!/usr/bin/env python3
"""What one decision record costs SQLite itself on this machine, with no Redress in the way.

Inserts rows shaped like the service's records (the same table and indexes, a 130-byte input and a
700-byte result) through Python's sqlite3 module (the system libsqlite3, prepared statement,
executemany) into a WAL database with synchronous=FULL, in transactions of 800 rows (what 8
connections sending arrays of 100 give group commit at most), and prints rows/s and CPU
microseconds per row. BENCHMARKS.md uses the CPU figure to bound what any store of one row per
record can reach beside the service on the same cores.

Complaint ids: `repeating` (the default) repeats the 100 ids of the service benchmark's arrays in
every transaction, as that load does; `growing` gives every row a new, larger id, as most case
systems issue them, which moves the index of complaint ids (`records_by_subject`) on at one end.

Layout: `record` (the default) is the store's, one row per record; `request` writes the same bytes
with one row per request of 100 records and no index at all — the least any layout could write to
keep them, so its CPU per record bounds every layout, not only the store's.

    scripts/sqlite-row-cost.py [--rows 200000] [--batch 800] [--ids repeating|growing] [--layout record|request]
"""
import argparse
import os
import resource
import sqlite3
import tempfile
import time

parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, default=200_000)
parser.add_argument("--batch", type=int, default=800)
parser.add_argument("--ids", choices=["repeating", "growing"], default="repeating")
parser.add_argument("--layout", choices=["record", "request"], default="record")
arguments = parser.parse_args()

with tempfile.TemporaryDirectory(prefix="redress-row-cost-") as folder:
    database = sqlite3.connect(os.path.join(folder, "records.sqlite"), isolation_level=None)
    database.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
    database.execute(
        """CREATE TABLE records (council TEXT NOT NULL, sequence BIGINT NOT NULL, time TEXT NOT NULL, request_id TEXT NOT NULL,
        caller TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT, policy_version TEXT, policy_sha256 TEXT,
        input TEXT NOT NULL, result TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (council, sequence))""")
    database.execute("CREATE INDEX records_by_subject ON records (council, subject)")
    database.execute("CREATE TABLE requests (council TEXT NOT NULL, first BIGINT NOT NULL, records TEXT NOT NULL, PRIMARY KEY (council, first)) WITHOUT ROWID")
    complaint = '{"id":"LOAD-1","received":"2024-12-20T10:15:00","service":"highways","channel":"web","text":"Pothole on Elm Road not repaired"}'
    result = '{"x":"' + "r" * 700 + '"}'
    batches, sequence = [], 0
    for _ in range(arguments.rows // arguments.batch):
        batch = []
        for index in range(arguments.batch):
            sequence += 1
            batch.append(("north-somerset", sequence, "2026-12-04T13:40:00.123Z", f"request-{sequence}", "key:benchmark", "classify",
                          f"LOAD-{index % 100}" if arguments.ids == "repeating" else f"CMP-{sequence:09d}", "2024-01", "sha256:" + "0" * 64, complaint, result, "sha256:" + "f" * 64))
        batches.append(batch)
    rows = len(batches) * arguments.batch
    if arguments.layout == "request":
        # The same bytes, a request's 100 records to a row, made before the clock starts.
        batches = [[("north-somerset", batch[first][1], "\n".join("\t".join(map(str, row)) for row in batch[first:first + 100]))
                    for first in range(0, len(batch), 100)] for batch in batches]
    started, before = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF)
    for batch in batches:
        database.execute("BEGIN IMMEDIATE")
        if arguments.layout == "record":
            database.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
        else:
            database.executemany("INSERT INTO requests VALUES (?, ?, ?)", batch)
        database.execute("COMMIT")
    elapsed, after = time.monotonic() - started, resource.getrusage(resource.RUSAGE_SELF)
    database.close()
    user = (after.ru_utime - before.ru_utime) / rows * 1e6
    system = (after.ru_stime - before.ru_stime) / rows * 1e6
    print(f"{rows / elapsed:,.0f} rows/s; CPU per row {user + system:.1f} µs ({user:.1f} user, {system:.1f} system); "
          f"{rows:,} records in transactions of {arguments.batch}, {arguments.ids} complaint ids, a row per {arguments.layout}")
