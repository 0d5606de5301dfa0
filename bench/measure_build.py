"""Run one build (ours through build.py's main, or plain Pelican) and print its time and peak memory as JSON.

Used by scale_bench.py so that every build is measured in a fresh process.
"""

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_mb() -> float:
    # Linux reports kilobytes; worker processes (parallel loading) count too.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, workers) / 1024, 1)


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    started = time.perf_counter()
    if kind == "directory":
        from care_directory.cli import main

        status = main(args)
    else:
        from pelican import main as pelican_main

        status = pelican_main(args) or 0
    print(json.dumps({"seconds": round(time.perf_counter() - started, 1), "peak_mb": peak_mb(), "status": status}))
