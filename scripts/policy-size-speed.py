#!/usr/bin/env python3
"""Policies of every size: `redress check` time, `classify` start-up, and CPU per record against
North Somerset, for generated policies (scripts/generate_policy.py) of 10 rules × 10,000 phrases,
1,000 rules × 10 phrases and 1,000 rules × 10,000 phrases (BENCHMARKS.md, "Policies of any size").

Complaints: scripts/generate_complaints.py's North Somerset complaints; for a generated policy,
half of them are given one of its generated services and half of those one of its phrases, so the
generated rules are tried and some match. Each figure is the best of `--runs` runs of the release
binary, CPU time (user + system) from the kernel; per-record cost is (CPU on N records − CPU on
one record) / N, so start-up is not counted twice. Needs a release build:
`swift build -c release --product redress`.

    scripts/policy-size-speed.py [--records 1000000] [--runs 3]
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
parser = argparse.ArgumentParser()
parser.add_argument("--records", type=int, default=1_000_000)
parser.add_argument("--runs", type=int, default=3)
arguments = parser.parse_args()
redress = os.path.join(root, ".build", "release", "redress")
if not os.path.exists(redress):
    sys.exit("needs a release build: swift build -c release --product redress")


def measure(command):
    """Best (CPU seconds, wall seconds, peak KB) of the runs; the exit status may be 1 (records failed)."""
    best = None
    for _ in range(arguments.runs):
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            sys.exit(f"failed: {' '.join(command)}")
        figures = (usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss)
        best = figures if best is None or figures[0] < best[0] else best
    return best


def mixed(policy_text, source, target):
    """The complaints with generated services and phrases mixed in."""
    services = re.search(r"^services: \[([^\]]*)\]", policy_text, re.M).group(1).split(", ")
    phrases = [p.strip() for line in re.findall(r"mentions: \[([^\]]*)\]", policy_text) for p in line.split(",")]
    rng = random.Random(2)
    with open(source) as complaints, open(target, "w") as out:
        for line in complaints:
            record = json.loads(line)
            if rng.random() < 0.5:
                record["service"] = rng.choice(services)
                if phrases and rng.random() < 0.5:
                    record["text"] = record.get("text", "") + " about " + rng.choice(phrases)
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")


with tempfile.TemporaryDirectory(prefix="redress-policy-size-") as work:
    complaints = os.path.join(work, "complaints.jsonl")
    subprocess.run([sys.executable, os.path.join(root, "scripts", "generate_complaints.py"), str(arguments.records), complaints],
                   check=True, stdout=subprocess.DEVNULL)
    one = os.path.join(work, "one.jsonl")
    with open(complaints) as source, open(one, "w") as target:
        target.write(source.readline())
    library = os.path.join(root, "policies")
    north_somerset = os.path.join(library, "councils", "north-somerset", "2021-01.yaml")
    base_start = measure([redress, "classify", "--policy", north_somerset, one])
    base_run = measure([redress, "classify", "--policy", north_somerset, complaints])
    base_check = measure([redress, "check", north_somerset])
    base_per_record = (base_run[0] - base_start[0]) / arguments.records
    print(f"## Policies of any size ({arguments.records:,} complaints, best of {arguments.runs} runs, CPU seconds)")
    print(f"North Somerset 2021-01 (12 rules, 3 phrases): check {base_check[1] * 1000:.0f} ms, classify start-up "
          f"{base_start[1] * 1000:.0f} ms, {base_per_record * 1e6:.2f} µs CPU per record")
    for rules, phrases in [(10, 10_000), (1_000, 10), (1_000, 10_000)]:
        folder = os.path.join(work, f"library-{rules}-{phrases}")
        subprocess.run([sys.executable, os.path.join(root, "scripts", "generate_policy.py"), "--rules", str(rules), "--phrases", str(phrases), folder],
                       check=True, stdout=subprocess.DEVNULL)
        policy = os.path.join(folder, "councils", "generated", "2021-01.yaml")
        with open(policy) as file:
            text = file.read()
        their = os.path.join(work, f"complaints-{rules}-{phrases}.jsonl")
        mixed(text, complaints, their)
        check = measure([redress, "check", "--library", folder, policy])
        start = measure([redress, "classify", "--library", folder, "--policy", policy, one])
        run = measure([redress, "classify", "--library", folder, "--policy", policy, their])
        per_record = (run[0] - start[0]) / arguments.records
        print(f"{rules:,} rules × {phrases:,} phrases: check {check[1] * 1000:.0f} ms, classify start-up {start[1] * 1000:.0f} ms "
              f"({start[2] / 1024:.0f} MB), {per_record * 1e6:.2f} µs CPU per record, ratio to North Somerset {per_record / base_per_record:.2f}")
