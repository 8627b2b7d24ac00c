#!/usr/bin/env python3
"""Writes N generated North Somerset complaints (JSON Lines) for the speed benchmarks.

    python3 scripts/generate_complaints.py 1000000 /tmp/complaints-1m.jsonl

Seeded, so the same file every time. Realistic variety: every type, service, channel and made_by
of the policy, categories, texts that do and do not mention the parking phrases (in any case, with
punctuation and accents), `aware_on` (some out of time), received times after the cut-off and on
weekends and bank holidays, a CRM field passed through, and one record in 500 invalid on purpose
(missing received, unknown service, bad date) so error records are exercised.
"""
import datetime
import json
import random
import sys

count, path = int(sys.argv[1]), sys.argv[2]
random.seed(19)
types = ["complaint"] * 12 + ["compliment", "comment", "suggestion"]
services = ["waste", "highways", "housing", "parking", "planning", "council-tax", "libraries", "adult-social-care",
            "childrens-social-care", "schools", "councillor-conduct", "benefits"]
channels = ["web", "email", "phone", "letter", "in-person", "social-media"]
makers = ["customer", "customer", "customer", "representative", "councillor", "mp"]
categories = [[], [], [], ["repairs"], ["council-decision"], ["statutory-appeal"], ["staff-conduct", "delay"]]
texts = [
    "The pothole outside 14 Mill Lane has been reported three times and still not repaired.",
    "I received a Penalty Charge Notice while loading outside my own house; I want it cancelled.",
    "My bin was missed again this week and nobody answered the phone.",
    "Staff at the Town Hall were rude to me — I would like an apology.",
    "The parking ticket machine on Station Road was broken, so I could not pay.",
    "Damp and mould in the flat have not been repaired despite promises.",
    "PCN 123456 was issued wrongly: the bay markings are worn away.",
    "Café opening hours at the library changed without notice.",
    "",
]
start = datetime.date(2024, 1, 1)
with open(path, "w", encoding="utf-8") as out:
    for i in range(count):
        received = start + datetime.timedelta(days=random.randrange(0, 700))
        when = received.isoformat()
        if random.random() < 0.2:
            when += "T%02d:%02d:00" % (random.randrange(7, 23), random.randrange(0, 60))
        record = {"id": "NS-%07d" % i, "received": when, "type": random.choice(types), "service": random.choice(services),
                  "categories": random.choice(categories), "channel": random.choice(channels), "made_by": random.choice(makers),
                  "aware_on": (received - datetime.timedelta(days=random.choice([2, 30, 200, 400]))).isoformat()}
        text = random.choice(texts)
        if text:
            record["text"] = text
        if random.random() < 0.3:
            record["crm_ref"] = "CRM/%d" % random.randrange(10**6)
        if i % 500 == 499:
            problem = random.randrange(3)
            if problem == 0:
                del record["received"]
            elif problem == 1:
                record["service"] = "highway"
            else:
                record["received"] = "2025-02-30"
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
