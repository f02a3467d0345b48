"""Times fastfeedparser (PyPI, lxml-based) in-process over the benchmark corpus feedwatch-bench
wrote, for scripts/bench-parse.sh. Prints MB/s and items/s, best of ROUNDS."""
import os
import sys
import time

import fastfeedparser

folder = sys.argv[1]
rounds = int(os.environ.get("ROUNDS", "3"))
documents = []
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), "rb") as handle:
        documents.append(handle.read())
megabytes = sum(len(d) for d in documents) / 1048576
best = float("inf")
items = 0
for _ in range(rounds):
    start = time.perf_counter()
    count = 0
    for document in documents:
        try:
            count += len(fastfeedparser.parse(document).entries)
        except Exception:
            pass
    best = min(best, time.perf_counter() - start)
    items = count
print(f"PEER {megabytes:.3f} {best:.6f} {items}")
