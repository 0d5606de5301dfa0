"""Remember loaded listings between builds, so a one-listing change rebuilds quickly.

An entry is keyed by the listing file's name and content, in a folder named
for everything else that decides how a file loads: this package's code, the
schemas and vocabularies, the district ids, the list of real postcodes,
and the versions of Python and the libraries that parse, validate, sanitise
and detect lookalike letters. Change any of those and
every listing is loaded afresh.

Entries are JSON (data only: nothing in a cache can run code) and live
outside the checkout (see care_directory.cache_dir).
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from importlib.metadata import version
from pathlib import Path

from care_directory.cache_dir import cache_root, write_atomically
from care_directory.listings.strict_yaml import ParsedYaml
from care_directory.listings.text_checks import GB_POSTCODES
from care_directory.listings.validation import Problem
from care_directory.paths import PROJECT_ROOT, SCHEMA_DIR

# The libraries whose behaviour decides what a listing loads as.
LOADING_LIBRARIES = ("pyyaml", "jsonschema", "jsonschema-rs", "markdown", "nh3", "confusable-homoglyphs")


@cache
def _code_schema_and_library_digest() -> str:
    sources = sorted((PROJECT_ROOT / "care_directory").rglob("*.py")) + sorted(SCHEMA_DIR.glob("*"))
    sources.append(GB_POSTCODES)  # the home-address check looks postcodes up in it
    versions = ",".join([sys.version, *(version(name) for name in LOADING_LIBRARIES)]).encode()
    return hashlib.sha256(versions + b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]


def cache_folder(site) -> Path:
    """The cache folder for this code, these libraries, and the ids listings are checked against."""
    vocabulary = site.vocabulary
    ids = (tuple(vocabulary.services), tuple(vocabulary.checks), tuple(vocabulary.training), tuple(site.districts))
    return cache_root() / "listings" / f"{_code_schema_and_library_digest()}-{_ids_digest(ids)}"


@cache
def _ids_digest(ids: tuple[tuple[str, ...], ...]) -> str:
    # Worked out once per build, not once per listing.
    return hashlib.sha256(json.dumps([list(group) for group in ids]).encode()).hexdigest()[:16]


def source_digest(display_name: str, data: bytes) -> str:
    """A digest of a listing file's name and bytes: all that a listing is made from besides the site.

    It names the file's cache entry, and the build manifest knows a provider by it.
    """
    return hashlib.sha256(display_name.encode() + b"\0" + data).hexdigest()


def cache_entry(site, display_name: str, data: bytes) -> Path:
    """Where the result for the file `display_name` holding exactly `data` is remembered."""
    key = source_digest(display_name, data)
    return cache_folder(site) / key[:2] / f"{key}.json"


def remembered(site, display_name: str, data: bytes):
    """The remembered (listing, problems) for the file `display_name` holding exactly `data`, or None."""
    return recalled(cache_entry(site, display_name, data))


def recalled(entry: Path):
    """The (listing, problems) remembered in the cache entry `entry`, or None."""
    try:
        return _decode(json.loads(entry.read_bytes()), source=entry.stem)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, damaged or from an older format: load again


def remember(site, display_name: str, data: bytes, result) -> None:
    """Keep the (listing, problems) that the file `display_name` holding exactly `data` loaded as."""
    write_atomically(cache_entry(site, display_name, data), json.dumps(_encode(result), ensure_ascii=False).encode())


def cached(site, display_name: str, data: bytes, load):
    """load(), or its remembered result for the file `display_name` holding exactly `data`."""
    result = remembered(site, display_name, data)
    if result is None:
        result = load()
        remember(site, display_name, data, result)
    return result


def _encode(result) -> dict:
    listing, problems = result
    entry = {"problems": [[p.file, p.line, p.field, p.message] for p in problems]}
    if listing:
        entry["listing"] = {
            "slug": listing.slug,
            "file": listing.file,
            "value": listing.parsed.value,
            "lines": listing.parsed.packed_lines(),
            "description_html": listing.description_html,
        }
    return entry


def _decode(entry: dict, source: str):
    from care_directory.listings.loader import Listing, with_dates  # the loader imports this module

    problems = [Problem(*p) for p in entry["problems"]]
    if "listing" not in entry:
        return None, problems
    saved = entry["listing"]
    if not isinstance(saved["lines"], str):
        raise TypeError("an entry from an older format")
    parsed = ParsedYaml.from_packed(saved["value"], saved["lines"])
    listing = Listing(saved["slug"], saved["file"], with_dates(parsed.value), parsed, saved["description_html"], source)
    return listing, problems
