"""Where the build keeps its caches: outside the checkout, never trusted from git.

A cache is only an optimisation. It lives in the user's cache folder
(`$XDG_CACHE_HOME/care-directory`, usually `~/.cache/care-directory`) or
wherever `CARE_DIRECTORY_CACHE` points, so a pull request cannot plant
cache files that a build would read. Writing to it may fail (a full or
read-only disk): the build then warns once and carries on without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_warned = False


def cache_root() -> Path:
    """The folder all caches go under (read from the environment on every call)."""
    if configured := os.environ.get("CARE_DIRECTORY_CACHE"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "care-directory"


def write_atomically(path: Path, data: bytes) -> None:
    """Write a cache file so readers never see half of it; on failure, warn once and go on."""
    global _warned
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as error:
        if partial.parent.exists():
            partial.unlink(missing_ok=True)
        if not _warned:
            _warned = True
            print(
                f"Warning: cannot write the build cache in {cache_root()} ({error.strerror}); building without it.",
                file=sys.stderr,
            )


def tracked_cache_files(root: Path) -> list[str]:
    """Files under a `.cache` folder that git tracks in the checkout at `root` (none where git is absent)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", ":(glob)**/.cache/**"], capture_output=True
        )
    except FileNotFoundError:
        return []
    return (
        [name for name in result.stdout.decode("utf-8", "replace").split("\0") if name]
        if result.returncode == 0
        else []
    )
