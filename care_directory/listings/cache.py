"""Remember loaded listings between builds, so a one-listing change rebuilds quickly.

An entry is keyed by the listing file's path and content, under a folder
named for everything else that decides how a file loads: this package's
code, the schemas and vocabularies, and the site config and policy. Change
any of those and every listing is loaded afresh.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path

from care_directory.paths import PROJECT_ROOT, SCHEMA_DIR

# CARE_DIRECTORY_CACHE moves the cache (for example to a folder a CI service keeps between runs).
CACHE_ROOT = Path(os.environ.get("CARE_DIRECTORY_CACHE", PROJECT_ROOT / ".cache")) / "listings"


@lru_cache(maxsize=None)
def _code_and_schema_digest() -> str:
    sources = sorted((PROJECT_ROOT / "care_directory").rglob("*.py")) + sorted(SCHEMA_DIR.glob("*"))
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]


def cache_folder(site) -> Path:
    """The cache folder for this site's config, policy and vocabularies, and this code."""
    context = repr((site.settings, site.vocabulary, site.policy)).encode()
    return CACHE_ROOT / f"{_code_and_schema_digest()}-{hashlib.sha256(context).hexdigest()[:16]}"


def cached(site, path: Path, display_name: str, load):
    """load(site, path), or its remembered result for this exact file content."""
    key = hashlib.sha256(display_name.encode() + b"\0" + path.read_bytes()).hexdigest()
    entry = cache_folder(site) / key[:2] / f"{key}.pickle"
    if entry.exists():
        try:
            return pickle.loads(entry.read_bytes())
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass  # a damaged or outdated entry: load again
    result = load(site, path)
    entry.parent.mkdir(parents=True, exist_ok=True)
    partial = entry.with_suffix(f".{id(result)}.tmp")
    partial.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(entry)  # atomic, so parallel workers never read half a file
    return result
