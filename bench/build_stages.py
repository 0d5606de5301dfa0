"""One build in this process, with the time and memory of each stage: where a large build's peak comes from.

    .venv/bin/python bench/build_stages.py --root SITE --output OUT --today 2026-12-01

Takes build.py's arguments. After each stage it prints the seconds the stage
took, the process's resident memory then, and its peak so far (Linux's
VmRSS and VmHWM): checking the listings (with the provider models), the
pages, the search files, the open data and the linking of unchanged files.
Worker processes that check listings on several cores are not counted here;
bench/measure_build.py reports them. Up to 20,000 providers the search files
are written in a forked process while the pages and open data are written
(care_directory.alongside): their line comes from that process, and their
time overlaps the others'.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from care_directory import pipeline
from care_directory.cli import main
from care_directory.outputs.build_manifest import BuildManifest
from care_directory.outputs.open_data import Publisher
from care_directory.pelican_site import render


def memory_mb() -> dict[str, int]:
    """Resident memory now and at its peak, in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return {"now": int(fields["VmRSS"].split()[0]) // 1024, "peak": int(fields["VmHWM"].split()[0]) // 1024}


def measured(name: str, function):
    """`function`, printing its time and the memory after it on each call."""

    def stage(*args, **kwargs):
        started = time.perf_counter()
        result = function(*args, **kwargs)
        seconds, memory = time.perf_counter() - started, memory_mb()
        print(f"{name:<22} {seconds:7.1f} s   now {memory['now']:5} MB   peak {memory['peak']:5} MB", file=sys.stderr)
        return result

    return stage


if __name__ == "__main__":
    pipeline.check_all = measured("listings and providers", pipeline.check_all)
    render.render_pages = measured("pages (Pelican)", render.render_pages)  # generate() imports it when called
    pipeline.write_search_files = measured("search files", pipeline.write_search_files)
    Publisher.write = measured("open data", Publisher.write)
    BuildManifest.assemble = measured("assembling the site", BuildManifest.assemble)
    sys.exit(main(sys.argv[1:]))
