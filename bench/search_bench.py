"""Search benchmark: build N synthetic listings and measure the search files.

    .venv/bin/python bench/search_bench.py 100 1000 10000

Reports, for each N: build seconds, the keyword index's bytes (raw and
gzip, all shards) and number of shards, the gzip bytes of each file the
search page may fetch (page and styles, scripts, lunr.js, the manifest, the
median and largest shard, the median card file, the filter table, the
location table, one postcode district's file, the place list, the word
counts), query time in Node for 20 typical queries (median and 95th
percentile of each query's median), and the elements the search page draws
in Chromium for a search every provider matches (the result list and the
whole page). What one search fetches before its first result is measured
in Chromium by bench/browser_bench.py.
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
from care_directory.gate.built_site import page_scripts
from care_directory.gate.quality_gate import CHROMIUM, CHROMIUM_ARGS
from care_directory.gate.static_server import serving
from care_directory.pipeline import publish

BENCH = Path(__file__).resolve().parent


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def keyword_index_size(output: Path) -> tuple[int, int]:
    """Bytes of the whole keyword index (manifest and shards): raw, and gzip file by file as a host serves them."""
    files = [output / "search" / "manifest.json", *(output / "search" / "keywords").glob("*.json")]
    return sum(p.stat().st_size for p in files), sum(gzip_size(p) for p in files)


def search_file_sizes(output: Path, postcode_district: str = "CB4") -> dict[str, int]:
    """Gzip bytes of what the search page may fetch, file by file (what one search fetches is measured in
    Chromium by bench/browser_bench.py)."""
    page = output / "search" / "index.html"
    search = output / "search"
    shards = sorted(gzip_size(p) for p in (search / "keywords").glob("*.json"))
    cards = sorted(gzip_size(p) for p in (search / "cards").glob("*.json"))
    return {
        "page_and_styles": gzip_size(page) + gzip_size(output / "assets" / "site.css"),
        "scripts": sum(gzip_size(script) for script in page_scripts(output, page.read_text(encoding="utf-8"))),
        "lunr_js": gzip_size(output / "assets" / "lunr.min.js"),
        "manifest": gzip_size(search / "manifest.json"),
        "shard_median": shards[len(shards) // 2],
        "shard_largest": shards[-1],
        "card_file_median": cards[len(cards) // 2],
        "filter_table": gzip_size(search / "filters.json"),
        "location_table": gzip_size(search / "location.json"),
        "postcode_file": gzip_size(search / "postcodes" / f"{postcode_district}.json"),
        "place_list": gzip_size(search / "places.json"),
        "word_counts": gzip_size(search / "words.json"),
    }


def page_elements(output: Path) -> dict[str, int]:
    """Elements on the search page with no filters (every provider matches): in the result list and in all."""
    from playwright.sync_api import sync_playwright

    with serving(output) as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{address}/search/")
        page.wait_for_selector("#search-app:not([data-loading])", timeout=120_000)
        counts = page.evaluate(
            """() => ({
                result_items: document.querySelectorAll("#results > li").length,
                result_elements: document.querySelectorAll("#results *").length,
                page_elements: document.querySelectorAll("*").length,
            })"""
        )
        browser.close()
    return counts


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
        index_raw, index_gzip = keyword_index_size(root / "output")
        sizes = search_file_sizes(root / "output")
        shards = len(list((search / "keywords").glob("*.json")))
        drawn = page_elements(root / "output")
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
        "index_kb": round(index_raw / 1024, 1),
        "index_gzip_kb": round(index_gzip / 1024, 1),
        "shards": shards,
        **{f"{name}_gzip_kb": round(size / 1024, 1) for name, size in sizes.items()},
        "query_median_ms": round(timing["medianMs"], 2),
        "query_p95_ms": round(timing["p95Ms"], 2),
        **drawn,
    }


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]:
        print(json.dumps(measure(n)), flush=True)
