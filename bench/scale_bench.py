"""Scale benchmark: the directory build against plain Pelican, from 100 to 50,000 listings.

    .venv/bin/python bench/scale_bench.py 100 1000 10000 50000

For each N it writes N synthetic listings (bench/synthetic.py) and N plain
Markdown pages of similar length, then reports for both builds: seconds,
peak memory and output size; for ours also the search index (raw and gzip),
the heaviest page, and rebuilds into the same output folder with the same
cache: with nothing changed (which leaves the replaced site as the spare that
later rebuilds assemble their site in, as a council's daily builds do), after
one listing's summary is edited, after a listing is added, and after one
config value (the capital limits, shown in one guide) changes.
For each rebuild it counts the files rewritten (a new file where the
previous build's was, or a new path) against the files needed (whose bytes
differ, or that are new). Then it makes the folder a git checkout (one
commit) and reports the build there (page histories read from git) and a
one-listing rebuild after a second commit. Each build runs in its own
process (bench/measure_build.py). Prints one JSON line per N.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path.insert(0, str(PROJECT))

from bench.search_bench import keyword_index_size  # noqa: E402
from bench.synthetic import BUILD_DATE, listing, write_listings  # noqa: E402


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
    index_raw, index_gzip = keyword_index_size(output)
    heaviest = max(output.rglob("*.html"), key=lambda p: p.stat().st_size)
    measured = {
        **first,
        "output_kb": folder_kb(output),
        "index_kb": index_raw // 1024,
        "index_gzip_kb": index_gzip // 1024,
        "heaviest_page": f"{heaviest.relative_to(output)} ({heaviest.stat().st_size // 1024} KB)",
    }
    providers = root / "content" / "providers"
    rebuild = lambda change: rebuilt(output, change, lambda: run(*build, cache=cache))  # noqa: E731
    measured["nothing_changed"] = rebuild(lambda: None)
    measured["one_listing"] = rebuild(
        lambda: edit(providers / "provider-00000.yaml", "summary: ", "summary: Changed. ")
    )
    measured["add_listing"] = rebuild(lambda: add_listing(providers, count))
    measured["config_value"] = rebuild(
        lambda: edit(root / "config" / "site.yaml", "upper_gbp: 23250", "upper_gbp: 23500")
    )
    git(root, "init", "-q")
    git(root, "add", "-A", ".")
    git(root, "commit", "-q", "-m", "listings")
    measured["git_build"] = rebuild(lambda: None)

    def edit_and_commit():
        edit(providers / "provider-00001.yaml", "summary: ", "summary: Changed. ")
        git(root, "commit", "-q", "-a", "-m", "one listing")

    measured["git_one_listing"] = rebuild(edit_and_commit)
    return measured


def rebuilt(output: Path, change, build) -> dict:
    """Build again after `change`: seconds, peak memory, and the files rewritten against those whose bytes changed."""
    before = files(output)
    change()
    measured = build()
    after = files(output)
    removed_in_background(output)
    rewritten = [name for name, (inode, _) in after.items() if name not in before or before[name][0] != inode]
    needed = [name for name, (_, digest) in after.items() if name not in before or before[name][1] != digest]
    return {**measured, "files": len(after), "rewritten": len(rewritten), "needed": len(needed)}


def removed_in_background(output: Path) -> None:
    """Wait until the build's remover has deleted the site it replaced, so the next build measured has the disk to
    itself (the build process has ended; its remover runs on)."""
    while list(output.parent.glob(f".{output.name}-old-*")):
        time.sleep(0.1)


def files(folder: Path) -> dict[str, tuple[int, str]]:
    """path -> (inode, digest of the bytes) for every file of a built site."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            found[path.relative_to(folder).as_posix()] = (
                path.stat().st_ino,
                hashlib.sha256(path.read_bytes()).digest(),
            )
    return found


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def add_listing(providers: Path, count: int) -> None:
    data = listing(count, random.Random(count))
    (providers / f"provider-{count:05d}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def git(root: Path, *args: str) -> None:
    who = ["-c", "user.name=Bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(root), *who, *args], check=True)


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
