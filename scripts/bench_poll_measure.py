"""Runs one command and prints its wall time, CPU time and peak resident memory (of the command
and its children), for scripts/bench-poll.sh."""
import resource
import subprocess
import sys
import time

start = time.monotonic()
result = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stdout.write(result.stdout)
print(f"MEASURE {wall:.3f} {usage.ru_utime + usage.ru_stime:.3f} {usage.ru_maxrss / 1024:.1f} {result.returncode}")
