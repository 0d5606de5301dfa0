"""Browser benchmark of the search page against Pagefind on the same built pages.

    .venv/bin/python bench/browser_bench.py 1000 10000 50000

For each N, builds N synthetic listings once, indexes the built provider
pages with Pagefind (a bench-only npm package, installed here with
`npm ci --prefix bench` when missing) beside a minimal page using
Pagefind's own default UI, then measures both in Chromium in the same run:

1. the bytes fetched before the first keyword result, cold cache: every
   response the page received until it showed a result, each body counted
   gzip-compressed at level 9 as a host would send it (files that are
   gzip already, as Pagefind's are, count as they are), split into
   page and CSS, scripts and search data;
2. a warm keyword search on a 4x-slowed CPU: after the page has loaded and
   shown one search, the time in the page from starting a second search to
   its first result;
3. Lighthouse's mobile performance score, Total Blocking Time and Largest
   Contentful Paint (default mobile settings, simulated throttling).

Prints a Markdown table for each N.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import BUILD_DATE, write_listings
from care_directory.config import load_site
from care_directory.gate.quality_gate import CHROMIUM, CHROMIUM_ARGS
from care_directory.gate.static_server import serving
from care_directory.pipeline import publish

BENCH = Path(__file__).resolve().parent
TOOLS = BENCH / "node_modules" / ".bin"
GZIP_LEVEL = 9
# A common service word (about one listing in six offers cleaning), a rare
# word (one in fifty speaks Lithuanian) and two words that must both match.
QUERIES = ("cleaning", "lithuanian", "shopping ely")
# The warm search: the page first shows FIRST_SEARCH, then SECOND_SEARCH is timed.
FIRST_SEARCH, SECOND_SEARCH = "cleaning", "gardening"
CPU_SLOWDOWN = 4
PAGEFIND_PAGE = "pagefind-search"
LIGHTHOUSE_FLAGS = "--headless=new --no-sandbox --disable-gpu"

# Our page says it has results when it is no longer loading, has said how
# many it found and lists a link to the first provider.
OURS_READY = """() => {
  const app = document.getElementById("search-app");
  const count = document.getElementById("result-count");
  return !app.hidden && !app.hasAttribute("data-loading") && count.textContent.trim() !== ""
    && document.querySelector("#results a") !== null;
}"""
# Pagefind's default UI shows a link once the first result's page fragment has arrived.
PAGEFIND_READY = """() => document.querySelector(".pagefind-ui__result-link") !== null"""

OURS_START = """
  document.getElementById("q").value = term;
  document.getElementById("search-form").requestSubmit();
"""
# The second search's first result is shown when the first result in the
# list is no longer the first search's: the page replaces the list in one
# step, the first few results at once, as Pagefind's UI shows its first
# results (its readiness below) before the rest. Captured when the timing
# starts, before the second search does.
OURS_SECOND_READY = """(() => {
  const before = document.querySelector("#results li");
  return () => {
    const first = document.querySelector("#results li");
    return first !== null && first !== before && first.querySelector("a") !== null;
  };
})()"""
PAGEFIND_START = "window.pagefindUI.triggerSearch(term);"
# Pagefind's message names the search term once its results replace the old ones.
PAGEFIND_SECOND_READY = """(term) => {
  const message = document.querySelector(".pagefind-ui__message");
  return message !== null && message.textContent.includes(term)
    && document.querySelector(".pagefind-ui__result-link") !== null;
}"""


@dataclasses.dataclass(frozen=True)
class SearchPage:
    """A search page to measure: its folder, and JavaScript that says when it shows a result (`ready`), starts
    a search for `term` in it (`start`) and says when that second search shows a result (`second_ready`)."""

    path: str
    ready: str
    start: str
    second_ready: str


OURS = SearchPage("search", OURS_READY, OURS_START, OURS_SECOND_READY)
PAGEFIND = SearchPage(PAGEFIND_PAGE, PAGEFIND_READY, PAGEFIND_START, PAGEFIND_SECOND_READY)


def timed_search(start: str, ready: str) -> str:
    """A function to run in the page: the milliseconds from running `start` (a search for `term`) until
    `ready(term)` holds, checked each time the page changes (no polling)."""
    return f"""async (term) => {{
  const ready = {ready};
  const started = performance.now();
  const shown = new Promise((resolve) => {{
    const observer = new MutationObserver(() => {{
      if (ready(term)) {{
        observer.disconnect();
        resolve(performance.now() - started);
      }}
    }});
    observer.observe(document.body, {{ attributes: true, childList: true, subtree: true, characterData: true }});
  }});
  {start}
  return shown;
}}"""


PAGEFIND_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Find a provider (Pagefind)</title>
<meta name="description" content="Pagefind's default search interface over the same provider pages, for comparison.">
<link href="../pagefind/pagefind-ui.css" rel="stylesheet">
</head>
<body>
<main>
<h1>Find a provider</h1>
<div id="search"></div>
</main>
<script src="../pagefind/pagefind-ui.js"></script>
<script>
  window.pagefindUI = new PagefindUI({ element: "#search", showSubResults: false, debounceTimeoutMs: 0 });
  const term = new URLSearchParams(window.location.search).get("q");
  if (term) {
    window.pagefindUI.triggerSearch(term);
  }
</script>
</body>
</html>
"""


@dataclasses.dataclass(frozen=True)
class Fetched:
    """One response a page received: its address, Chromium's resource type and its body as served."""

    url: str
    resource_type: str
    body: bytes


def transfer_size(body: bytes) -> int:
    """Bytes a host sends for this body: gzip-compressed, unless it is gzip already."""
    if body[:2] == b"\x1f\x8b":
        return len(body)
    return len(gzip.compress(body, compresslevel=GZIP_LEVEL))


def part_of(fetched: Fetched) -> str:
    """Which part of the transfer a response is: "scripts" (JavaScript and WebAssembly, whether loaded by a
    script tag, a worker or fetch), "data" (anything else fetch() or XMLHttpRequest asked for) or "page"
    (the document, stylesheets, fonts, icons and images)."""
    body = gzip.decompress(fetched.body) if fetched.body[:2] == b"\x1f\x8b" else fetched.body
    # Pagefind prefixes the files it decompresses itself, its WebAssembly included, with a signature.
    is_wasm = body.removeprefix(b"pagefind_dcd")[:4] == b"\0asm"
    if fetched.resource_type == "script" or is_wasm or urlsplit(fetched.url).path.endswith((".js", ".mjs")):
        return "scripts"
    if fetched.resource_type in ("fetch", "xhr"):
        return "data"
    return "page"


def byte_table(responses: list[Fetched]) -> dict[str, int]:
    """Gzip bytes of the responses by part (page, scripts, data), their total and how many files."""
    table = {"page": 0, "scripts": 0, "data": 0}
    for fetched in responses:
        table[part_of(fetched)] += transfer_size(fetched.body)
    return {**table, "total": sum(table.values()), "files": len(responses)}


def install_tools() -> None:
    """Install Pagefind and Lighthouse from bench/package-lock.json when they are missing."""
    if not (TOOLS / "pagefind").exists() or not (TOOLS / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--prefix", str(BENCH)], check=True)


def add_pagefind(output: Path) -> dict:
    """Index the built provider pages with Pagefind into output/pagefind/ and write its search page."""
    started = time.perf_counter()
    subprocess.run(
        [str(TOOLS / "pagefind"), "--site", str(output), "--glob", "providers/*/index.html"],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    page = output / PAGEFIND_PAGE / "index.html"
    page.parent.mkdir()
    page.write_text(PAGEFIND_HTML, encoding="utf-8")
    files = [path for path in (output / "pagefind").rglob("*") if path.is_file()]
    fragments = [path for path in files if path.parent.name == "fragment"]
    index = [path for path in files if path.suffix in (".pf_meta", ".pf_index", ".pf_filter")]
    return {"index_s": round(seconds, 1), "index_kb": gzip_kb(index), "fragments_kb": gzip_kb(fragments)}


def gzip_kb(files: list[Path]) -> float:
    """What the files weigh as a host sends them (see transfer_size), in KB."""
    return round(sum(transfer_size(path.read_bytes()) for path in files) / 1024, 1)


def our_search_files_kb(output: Path) -> float:
    """Gzip KB of every search file (the search folder but its page), whatever the search page fetches of them."""
    return gzip_kb([path for path in (output / "search").rglob("*") if path.is_file() and path.suffix != ".html"])


def served_file(folder: Path, url: str) -> Path:
    """The file the local static server sends for url: the folder's index.html for a folder's address."""
    path = unquote(urlsplit(url).path).lstrip("/")
    return folder / path / "index.html" if path == "" or path.endswith("/") else folder / path


def cold_fetches(browser, url: str, ready: str, folder: Path) -> list[Fetched]:
    """Every successful response a fresh browser context received from opening url until ready() held.

    Each body is read from the served folder: the local server sends files as they are, and Chromium's
    DevTools drops bodies over about 10 MB (as the keyword index at 50,000 listings is) before they can be read.
    """
    context = browser.new_context()
    page = context.new_page()
    responses = []
    # Context-wide, so the fetches of workers (Pagefind searches in one) count too.
    context.on("response", lambda response: responses.append(response))
    page.goto(url)
    page.wait_for_function(ready, timeout=300_000)
    fetched = [
        Fetched(response.url, response.request.resource_type, served_file(folder, response.url).read_bytes())
        for response in list(responses)
        if response.ok and response.request.redirected_to is None
    ]
    context.close()
    return fetched


def warm_search_ms(browser, url: str, search_page: SearchPage) -> float:
    """Milliseconds in the page, on a CPU slowed CPU_SLOWDOWN times, from starting SECOND_SEARCH to its first
    result, after url (searching FIRST_SEARCH) has shown its results."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(search_page.ready, timeout=300_000)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    took = page.evaluate(timed_search(search_page.start, search_page.second_ready), SECOND_SEARCH)
    context.close()
    return took


def lighthouse(url: str) -> dict:
    """Lighthouse's mobile performance score, Total Blocking Time and Largest Contentful Paint for url."""
    run = subprocess.run(
        [
            str(TOOLS / "lighthouse"),
            url,
            "--only-categories=performance",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--chrome-flags={LIGHTHOUSE_FLAGS}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    if run.returncode:
        return {"error": (run.stderr or run.stdout).strip()[-500:]}
    report = json.loads(run.stdout)
    if report.get("runtimeError"):
        return {"error": report["runtimeError"]["message"]}
    audits = report["audits"]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
    }


def median_lighthouse(url: str, runs: int) -> dict:
    """The run with the median score out of `runs` Lighthouse runs (scores vary from run to run)."""
    reports = [lighthouse(url) for _ in range(runs)]
    scored = sorted((report for report in reports if "score" in report), key=lambda report: report["score"])
    if not scored:
        return reports[-1]
    return {**scored[len(scored) // 2], "scores": [report["score"] for report in scored]}


def measure_search(output: Path, address: str, search_page: SearchPage, runs: int, audits: int) -> dict:
    """Cold bytes per query, the warm search times and Lighthouse for one search page."""
    from playwright.sync_api import sync_playwright

    def url(term: str) -> str:
        return f"{address}/{search_page.path}/?q={quote(term)}"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        cold = {term: byte_table(cold_fetches(browser, url(term), search_page.ready, output)) for term in QUERIES}
        warm = [round(warm_search_ms(browser, url(FIRST_SEARCH), search_page), 1) for _ in range(runs)]
        browser.close()
    return {
        "cold": cold,
        "warm_ms": warm,
        "warm_median_ms": round(statistics.median(warm), 1),
        "lighthouse": median_lighthouse(url(FIRST_SEARCH), audits) if audits else None,
    }


def measure(count: int, runs: int, audits: int) -> dict:
    """Build `count` synthetic listings, add Pagefind, and measure both search pages."""
    site = load_site()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_listings(root, count)
        shutil.copytree(site.root / "content" / "guides", root / "content" / "guides")
        output = root / "output"
        publish(dataclasses.replace(site, root=root), output, BUILD_DATE)
        pagefind_index = add_pagefind(output)
        with serving(output) as address:
            ours = measure_search(output, address, OURS, runs, audits)
            pagefind = measure_search(output, address, PAGEFIND, runs, audits)
        ours["search_files_kb"] = our_search_files_kb(output)
        pagefind.update(pagefind_index)
    return {"listings": count, "ours": ours, "pagefind": pagefind}


def kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def report(result: dict) -> str:
    """The Markdown tables for one N."""
    ours, pagefind = result["ours"], result["pagefind"]
    lines = [
        f"{result['listings']:,} listings: bytes before the first keyword result (gzip level {GZIP_LEVEL}, cold cache)",
        "",
        "| query | page + CSS | scripts | search data | total (files) | Pagefind page + CSS | Pagefind scripts "
        "| Pagefind search data | Pagefind total (files) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for term in QUERIES:
        row = [ours["cold"][term], pagefind["cold"][term]]
        cells = [
            cell
            for table in row
            for cell in (
                kb(table["page"]),
                kb(table["scripts"]),
                kb(table["data"]),
                f"{kb(table['total'])} ({table['files']})",
            )
        ]
        lines.append(f"| {term} | " + " | ".join(cells) + " |")
    medians = [statistics.median(side["cold"][term]["total"] for term in QUERIES) for side in (ours, pagefind)]
    lines.append(f"| **median** | | | | **{kb(medians[0])}** | | | | **{kb(medians[1])}** |")
    lines += [
        "",
        "| | this product | Pagefind |",
        "|---|---:|---:|",
        f"| search files on disk (gzip) | {ours['search_files_kb']:,} KB | {pagefind['index_kb']:,} KB index "
        f"+ {pagefind['fragments_kb']:,} KB fragments (indexed in {pagefind['index_s']} s) |",
        f"| warm search, {CPU_SLOWDOWN}x CPU, median (runs) | {ours['warm_median_ms']} ms ({ours['warm_ms']}) "
        f"| {pagefind['warm_median_ms']} ms ({pagefind['warm_ms']}) |",
    ]
    if ours["lighthouse"]:
        for name, key in (("Lighthouse mobile performance (scores)", "score"), ("TBT", "tbt_ms"), ("LCP", "lcp_s")):
            cells = []
            for side in (ours, pagefind):
                audit = side["lighthouse"]
                if "error" in audit:
                    cells.append(f"error: {audit['error']}")
                elif key == "score":
                    cells.append(f"{audit['score']} ({audit['scores']})")
                else:
                    cells.append(f"{audit[key]} {'ms' if key == 'tbt_ms' else 's'}")
            lines.append(f"| {name} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1000], help="numbers of listings (default 1000)")
    parser.add_argument("--runs", type=int, default=7, help="warm searches timed for each page (default 7)")
    parser.add_argument(
        "--lighthouse-runs", type=int, default=5, help="Lighthouse runs for each page (default 5), 0 for none"
    )
    arguments = parser.parse_args()
    install_tools()
    for count in arguments.counts:
        result = measure(count, arguments.runs, arguments.lighthouse_runs)
        print(json.dumps(result), flush=True)
        print(report(result), flush=True)


if __name__ == "__main__":
    main()
