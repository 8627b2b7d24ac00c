#!/usr/bin/env python3
"""Writes N generated North Somerset case histories (JSON Lines) for benchmarks.

    python3 scripts/generate_cases.py 1000000 /tmp/cases-1m.jsonl

Seeded, so the same file every time. About 70% are answered (with an outcome), 15% escalated; the
adult social care cases that escalate (about 1.7%) are invalid on purpose (that procedure has one
stage), so every run also exercises error records.
"""
import datetime
import json
import random
import sys

count, path = int(sys.argv[1]), sys.argv[2]
random.seed(7)
services = ["waste", "highways", "housing", "parking", "planning", "council-tax", "libraries", "adult-social-care", "childrens-social-care"]
channels = ["web", "email", "phone", "letter"]
start = datetime.date(2024, 1, 1)
with open(path, "w") as out:
    for i in range(count):
        received = start + datetime.timedelta(days=random.randrange(0, 365))
        service = random.choice(services)
        events = []
        roll = random.random()
        if roll < 0.7:
            answered = received + datetime.timedelta(days=random.randrange(3, 20))
            events.append({"on": answered.isoformat(), "event": "responded", "outcome": random.choice(["upheld", "partly-upheld", "not-upheld"])})
            if roll < 0.15:
                escalated = answered + datetime.timedelta(days=random.randrange(1, 10))
                events.append({"on": escalated.isoformat(), "event": "escalated"})
                events.append({"on": (escalated + datetime.timedelta(days=random.randrange(5, 30))).isoformat(), "event": "responded"})
            last = datetime.date.fromisoformat(events[-1]["on"])
            events.append({"on": (last + datetime.timedelta(days=2)).isoformat(), "event": "closed"})
        record = {"id": f"C{i}", "received": received.isoformat(), "service": service, "channel": random.choice(channels),
                  "made_by": "customer", "aware_on": (received - datetime.timedelta(days=3)).isoformat(), "events": events}
        out.write(json.dumps(record, separators=(",", ":")) + "\n")
