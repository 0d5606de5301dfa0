"""Search benchmark: build N synthetic listings and measure the search files.

    .venv/bin/python bench/search_bench.py 100 1000 10000

Reports, for each N: build seconds, index bytes (raw and gzip) in total and
per listing, the provider list's bytes, the search page's whole transfer
before the index (HTML, CSS, scripts, provider facts, postcodes; gzip), and
query time in Node for 20 typical queries (median and 95th percentile of
each query's median).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import BUILD_DATE, write_listings
from care_directory.config import load_site
from care_directory.pipeline import publish

BENCH = Path(__file__).resolve().parent


def measure(count: int) -> dict:
    site = load_site()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_listings(root, count)
        shutil.copytree(site.root / "content" / "guides", root / "content" / "guides")
        started = time.perf_counter()
        publish(dataclasses.replace(site, root=root), root / "output", BUILD_DATE)
        seconds = time.perf_counter() - started
        search = root / "output" / "search"
        index = (search / "index.json").read_bytes()
        providers = (search / "providers.json").read_bytes()
        page_files = [
            search / "index.html",
            search / "providers.json",
            search / "postcodes.json",
            root / "output" / "assets" / "site.css",
        ]
        page_files += [
            root / "output" / "assets" / name
            for name in ("lunr.min.js", "search-core.js", "shortlist.js", "search-page.js")
        ]
        page_gzip = sum(len(gzip.compress(f.read_bytes())) for f in page_files)
        timing = json.loads(
            subprocess.run(
                ["node", str(BENCH / "query_timing.js"), str(root / "output")],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
    return {
        "listings": count,
        "build_s": round(seconds, 1),
        "index_kb": round(len(index) / 1024, 1),
        "index_gzip_kb": round(len(gzip.compress(index)) / 1024, 1),
        "index_gzip_per_listing_kb": round(len(gzip.compress(index)) / 1024 / count, 2),
        "providers_gzip_kb": round(len(gzip.compress(providers)) / 1024, 1),
        "search_page_gzip_kb": round(page_gzip / 1024, 1),
        "index_load_ms": round(timing["loadMs"], 1),
        "query_median_ms": round(timing["medianMs"], 2),
        "query_p95_ms": round(timing["p95Ms"], 2),
    }


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]:
        print(json.dumps(measure(n)), flush=True)
