"""Run one build (ours through build.py's main, or plain Pelican) and print its time and peak memory as JSON.

Used by scale_bench.py so that every build is measured in a fresh process.

Peak memory counts the processes a build starts as well as its own: the
workers that check listings on several cores, and the fork that writes the
search files while the pages are written (care_directory.alongside). A
fork shares most of its memory with the build, so adding the two processes'
peaks would count that memory twice; instead a watcher process adds up
their proportional set sizes (Linux's Pss: each shared page divided among
the processes sharing it) ten times a second. `peak_mb` is the larger of
that sum's peak and the build process's own peak resident size.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Run as its own process (a thread would keep the build from forking): the largest total Pss, in kB, of the
# process given and its descendants, written to a file each time it grows.
WATCHER = r"""
import os, sys, time
root, out = int(sys.argv[1]), sys.argv[2]

def parents():
    found = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as stat:
                    found[int(name)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    return found

def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0

peak = 0
while os.path.exists(f"/proc/{root}"):
    parent_of = parents()
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parent_of.items() if parent in tree and pid != os.getpid()} - tree
        tree |= more
        grew = bool(more)
    total = sum(pss_kb(pid) for pid in tree)
    if total > peak:
        peak = total
        with open(out + ".new", "w") as file:
            file.write(str(peak))
        os.replace(out + ".new", out)  # whole, even if the watcher is stopped while writing
    time.sleep(0.1)
"""


def peak_mb(watched: Path) -> float:
    """The larger of the build process's own peak resident size and the watcher's peak total, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    total = int(watched.read_text()) if watched.exists() else 0
    return round(max(own, total) / 1024, 1)


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    with tempfile.TemporaryDirectory() as folder:
        watched = Path(folder) / "peak"
        watcher = subprocess.Popen([sys.executable, "-c", WATCHER, str(os.getpid()), str(watched)])
        started = time.perf_counter()
        if kind == "directory":
            from care_directory.cli import main

            status = main(args)
        else:
            from pelican import main as pelican_main

            status = pelican_main(args) or 0
        seconds = round(time.perf_counter() - started, 1)
        watcher.kill()
        watcher.wait()
        print(json.dumps({"seconds": seconds, "peak_mb": peak_mb(watched), "status": status}))
