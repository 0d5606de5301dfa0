"""Search benchmark: build N synthetic listings and measure the search files.

    .venv/bin/python bench/search_bench.py 100 1000 10000

Reports, for each N: build seconds, index bytes (raw and gzip) in total and
per listing, the provider list's bytes, what a location-only search for a
full postcode fetches (page, stylesheet, scripts, provider facts, location
table, the one postcode district's file; gzip, each and in all), what a
place-name search adds (the place list) and a keyword search adds (lunr.js
and the index), query time in Node for 20 typical queries (median and
95th percentile of each query's median), and the elements the search page
draws in Chromium for a search every provider matches (the result list and
the whole page).
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


def location_search_bytes(output: Path, postcode_district: str = "CB4") -> dict[str, int]:
    """Gzip bytes a search for a full postcode in postcode_district fetches, by part, and what other searches add."""
    page = output / "search" / "index.html"
    html = page.read_text(encoding="utf-8")
    styles = [output / "assets" / "site.css"]
    parts = {
        "page": gzip_size(page) + sum(gzip_size(css) for css in styles),
        "scripts": sum(gzip_size(script) for script in page_scripts(output, html)),
        "provider_facts": gzip_size(output / "search" / "providers.json"),
        "location_table": gzip_size(output / "search" / "location.json"),
        "postcode_file": gzip_size(output / "search" / "postcodes" / f"{postcode_district}.json"),
    }
    parts["location_search"] = sum(parts.values())
    parts["place_list_added"] = gzip_size(output / "search" / "places.json")
    parts["keywords_added"] = gzip_size(output / "search" / "index.json") + gzip_size(output / "assets" / "lunr.min.js")
    return parts


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
        index = (search / "index.json").read_bytes()
        fetched = location_search_bytes(root / "output")
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
        "index_kb": round(len(index) / 1024, 1),
        "index_gzip_kb": round(len(gzip.compress(index)) / 1024, 1),
        "index_gzip_per_listing_kb": round(len(gzip.compress(index)) / 1024 / count, 2),
        **{f"{name}_gzip_kb": round(size / 1024, 1) for name, size in fetched.items()},
        "index_load_ms": round(timing["loadMs"], 1),
        "query_median_ms": round(timing["medianMs"], 2),
        "query_p95_ms": round(timing["p95Ms"], 2),
        **drawn,
    }


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]:
        print(json.dumps(measure(n)), flush=True)
