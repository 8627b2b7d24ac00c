#!/usr/bin/env python3
"""A large policy for the size benchmarks: North Somerset's 2021-01 policy with RULES generated
routing rules, PHRASES phrases among them in all, put before its catch-all rule.

Each generated rule tests a service (one of 50 generated services) and some of the phrases, and
one in four also a category or a channel; each excludes with a reason and a redirect, as councils'
exclusion rules do. Phrases are two or three made-up words, all different. The output is a policy
`redress check` accepts, written into a library folder beside a copy of the bundled library's
shared files (vocabulary, calendars, codes, statutory fragments).

    scripts/generate_policy.py --rules 1000 --phrases 10000 OUTPUT_LIBRARY_FOLDER
"""
import argparse
import os
import random
import shutil

parser = argparse.ArgumentParser()
parser.add_argument("--rules", type=int, required=True)
parser.add_argument("--phrases", type=int, required=True)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("library", help="a folder to write the library into (made if missing)")
arguments = parser.parse_args()

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "policies")
source = os.path.join(root, "councils", "north-somerset", "2021-01.yaml")
random.seed(arguments.seed)

syllables = ["ka", "lo", "mi", "ret", "sun", "tor", "vel", "win", "bar", "cus", "dem", "fo", "gal", "hin", "jup", "nex"]
def word():
    return "".join(random.choice(syllables) for _ in range(random.randint(2, 4)))

phrases, seen = [], set()
while len(phrases) < arguments.phrases:
    phrase = " ".join(word() for _ in range(random.randint(2, 3)))
    if phrase not in seen:
        seen.add(phrase)
        phrases.append(phrase)

lines = []
for index in range(arguments.rules):
    mine = phrases[index::arguments.rules] if arguments.rules else []
    when = [f"service: generated-service-{index % 50}"]
    if not mine:
        when.append(f"categories: [generated-only-{index}]")
    if mine:
        when.append("mentions: [" + ", ".join(mine) + "]")
    if index % 8 == 3:
        when.append("channel: phone")
    elif index % 8 == 7 and mine:
        when.append(f"categories: [generated-category-{index % 20}]")
    lines += [
        f"  - id: generated-{index}",
        "    when: { " + ", ".join(when) + " }",
        "    exclude:",
        f"      reason: generated rule {index} for the size benchmarks",
        f"      redirect: generated redirect {index}",
    ]

with open(source) as file:
    text = file.read()
anchor = "  - id: everything-else\n"
assert anchor in text, "North Somerset's catch-all rule moved"
text = text.replace(anchor, "\n".join(lines) + "\n" + anchor)
text = text.replace("council: { id: north-somerset, name: North Somerset Council,", "council: { id: generated, name: Generated Council,")
services = "services: [" + ", ".join(f"generated-service-{index}" for index in range(min(50, arguments.rules))) + "]\n"
text = text.replace("\nstatutory_routes:", "\n" + services + "statutory_routes:", 1)

councils = os.path.join(arguments.library, "councils", "generated")
os.makedirs(councils, exist_ok=True)
for shared in os.listdir(root):
    if shared in ("councils", "tests") or os.path.exists(os.path.join(arguments.library, shared)):
        continue
    if os.path.isdir(os.path.join(root, shared)):
        shutil.copytree(os.path.join(root, shared), os.path.join(arguments.library, shared))
    else:
        shutil.copy(os.path.join(root, shared), os.path.join(arguments.library, shared))
with open(os.path.join(councils, "2021-01.yaml"), "w") as file:
    file.write(text)
print(os.path.join(councils, "2021-01.yaml"))
