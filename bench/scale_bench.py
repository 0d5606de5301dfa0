"""Scale benchmark: the directory build against plain Pelican, from 100 to 50,000 listings.

    .venv/bin/python bench/scale_bench.py 100 1000 10000 50000

For each N it writes N synthetic listings (bench/synthetic.py) and N plain
Markdown pages of similar length, then reports for both builds: seconds,
peak memory and output size; for ours also the rebuild after one listing
changes, the search index (raw and gzip) and the heaviest page. Each build
runs in its own process (bench/measure_build.py). Prints one JSON line per N.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path.insert(0, str(PROJECT))

from bench.synthetic import BUILD_DATE, write_listings  # noqa: E402


def run(*args: str, cache: Path | None = None) -> dict:
    env = {**os.environ, "CARE_DIRECTORY_CACHE": str(cache)} if cache else None
    result = subprocess.run(
        [sys.executable, str(BENCH / "measure_build.py"), *args], capture_output=True, text=True, cwd=PROJECT, env=env
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def folder_kb(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) // 1024


def plain_pelican(root: Path, count: int) -> dict:
    """Plain Pelican with its default theme building `count` simple Markdown pages."""
    content = root / "plain" / "content"
    content.mkdir(parents=True)
    body = "\n\n".join(["A short paragraph about a local care business and what it offers to people in the area."] * 4)
    for n in range(count):
        (content / f"page-{n:05d}.md").write_text(f"Title: Provider {n}\nDate: 2026-01-01\n\n{body}\n")
    settings = root / "plain" / "pelicanconf.py"
    settings.write_text(
        "SITENAME = 'Plain'\nTIMEZONE = 'Europe/London'\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n"
    )
    output = root / "plain" / "output"
    measured = run("pelican", str(content), "-o", str(output), "-s", str(settings), "-q")
    return {**measured, "output_kb": folder_kb(output)}


def ours(root: Path, count: int) -> dict:
    write_listings(root, count)
    shutil.copytree(PROJECT / "content" / "guides", root / "content" / "guides")
    shutil.copytree(PROJECT / "config", root / "config")
    output = root / "out" / "output"
    build = ["directory", "--root", str(root), "--output", str(output), "--today", BUILD_DATE.isoformat()]
    cache = root / "cache"  # empty: the first build is a clean one and fills it
    first = run(*build, cache=cache)
    changed = root / "content" / "providers" / "provider-00000.yaml"
    changed.write_text(changed.read_text().replace("summary: ", "summary: Changed. ", 1))
    rebuild = run(*build, cache=cache)
    index = (output / "search" / "index.json").read_bytes()
    heaviest = max(output.rglob("*.html"), key=lambda p: p.stat().st_size)
    return {
        **first,
        "rebuild_seconds": rebuild["seconds"],
        "output_kb": folder_kb(output),
        "index_kb": len(index) // 1024,
        "index_gzip_kb": len(gzip.compress(index)) // 1024,
        "heaviest_page": f"{heaviest.relative_to(output)} ({heaviest.stat().st_size // 1024} KB)",
    }


if __name__ == "__main__":
    for count in [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]:
        with tempfile.TemporaryDirectory() as tmp:
            mine, plain = ours(Path(tmp), count), plain_pelican(Path(tmp), count)
        ratios = {
            "time_ratio": round(mine["seconds"] / max(plain["seconds"], 0.1), 2),
            "memory_ratio": round(mine["peak_mb"] / plain["peak_mb"], 2),
            "output_ratio": round(mine["output_kb"] / max(plain["output_kb"], 1), 2),
        }
        print(json.dumps({"listings": count, "directory": mine, "plain_pelican": plain, **ratios}), flush=True)
