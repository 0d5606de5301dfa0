"""Load every provider listing and check it against the schema and vocabularies.

Problems in all files are collected and reported together, so an editor
fixes everything in one go rather than one error per build.
"""

from __future__ import annotations

import gc
import os
import re
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from care_directory.config import Site
from care_directory.listings.cache import cache_entry, cached, recalled, remember, source_digest
from care_directory.listings.description import description_html
from care_directory.listings.strict_yaml import ParsedYaml
from care_directory.listings.text_checks import text_problems
from care_directory.listings.validation import (
    Problem,
    parse_yaml_bytes,
    problem_at,
    quick_schema_problems,
    read_limited,
)
from care_directory.paths import SCHEMA_DIR
from care_directory.progress import Stage

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 400
SLUG_SHAPE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
NOT_SLUG_CHARACTERS = re.compile(r"[^a-z0-9]+")
LINK_MESSAGE = (
    "is a link: the directory reads only ordinary files and folders in the repository (links are never followed)"
)
# Files that may sit in a listings folder without being listings (git needs one to keep an empty folder).
IGNORED_FILES = {".gitkeep"}
LISTING_SCHEMA = SCHEMA_DIR / "provider.schema.json"


@dataclass
class Listing:
    """One provider listing that passed schema and vocabulary checks.

    `data` holds the listing's fields with dates as `datetime.date`;
    `description_html` is the description rendered and sanitised;
    `source` is the digest of the file's name and bytes (cache.source_digest).
    """

    slug: str
    file: str
    data: dict
    parsed: ParsedYaml
    description_html: str
    source: str

    def problem(self, path: tuple, message: str) -> Problem:
        """A problem located at a field of this listing."""
        return problem_at(self.file, self.parsed, path, message)


def listing_files(site: Site) -> list[Path]:
    """Every listing file in content/providers/, in a stable order."""
    return _yaml_files(site.providers_dir)


def draft_files(site: Site) -> list[Path]:
    """Every draft listing in content/drafts/, in a stable order."""
    return _yaml_files(site.drafts_dir)


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".yaml" and p.is_file() and not p.is_symlink())


def folder_problems(site: Site, folder: Path) -> list[Problem]:
    """Everything in a listings folder that is not a listing file: each is an error, never silently skipped."""
    if not folder.is_dir():
        return []
    problems = []
    where = _display_name(site, folder)
    for entry in sorted(folder.iterdir()):
        name = f"{where}/{entry.name}"
        if entry.is_symlink():
            problems.append(
                Problem(
                    name,
                    0,
                    "",
                    "is a link: a listing must be an ordinary file in the folder (links are never followed)",
                )
            )
        elif entry.is_dir():
            problems.append(
                Problem(
                    name,
                    0,
                    "",
                    f"is a sub-folder: listings go directly in {where}/ and sub-folders are not read; move its files "
                    "up or delete it",
                )
            )
        elif entry.suffix != ".yaml" and entry.name not in IGNORED_FILES:
            fixed = NOT_SLUG_CHARACTERS.sub("-", entry.name.strip().lower().rsplit(".", 1)[0]).strip("-") + ".yaml"
            problems.append(
                Problem(
                    name,
                    0,
                    "",
                    "is not a listing file: listing file names end in .yaml, in lower case with no spaces (rename it "
                    f"to {fixed})",
                )
            )
    return problems


def link_problems(site: Site) -> list[Problem]:
    """Links anywhere in the council's content and config: a build reads only the repository's own files,
    so a link (to a file or folder outside it, or anywhere) is an error and is never followed."""
    problems = []
    for top in (site.root / "content", site.root / "config"):
        if top.is_symlink():
            problems.append(Problem(_display_name(site, top.parent) + f"/{top.name}", 0, "", LINK_MESSAGE))
            continue
        for folder, folders, files in os.walk(top):  # os.walk does not follow links into folders
            for name in sorted(folders + files):
                if (Path(folder) / name).is_symlink():
                    problems.append(
                        Problem((Path(folder) / name).relative_to(site.root).as_posix(), 0, "", LINK_MESSAGE)
                    )
    return problems


def load_listings(
    site: Site, files: list[Path] | None = None, use_cache: bool = True
) -> tuple[list[Listing], list[Problem]]:
    """Read and check listing files (all of them by default).

    Returns the listings that passed and every problem found in any file.
    With use_cache, files unchanged since an earlier build are not read again.
    """
    problems: list[Problem] = []
    listings = list(each_listing(site, problems, files, use_cache))
    return listings, problems


def each_listing(
    site: Site, problems: list[Problem], files: list[Path] | None = None, use_cache: bool = True
) -> Iterator[Listing]:
    """Each listing that passes its checks, as soon as it is checked (all files by default).

    Adds every problem found in any file to `problems`, complete once the
    last listing is taken; only the names are kept across listings (for
    the duplicate-name check), so a caller that keeps just what it needs of
    each listing never holds them all.
    """
    if files is None:
        files = listing_files(site)
        problems += folder_problems(site, site.providers_dir)
    named: dict[str, list[Path]] = {}  # name as compared -> the files of that name
    with Stage("Checking listings", len(files)) as progress:
        for path, (listing, found) in zip(files, _load_each(site, files, use_cache), strict=True):
            problems += found
            if listing:
                named.setdefault(_name_key(listing.data), []).append(path)
                yield listing
            progress.step()
    problems += _duplicate_names(site, named, use_cache)


def _load_each(site: Site, files: list[Path], use_cache: bool):
    """(listing, problems) for each file, in order, reading each file once.

    Files remembered in the cache are decoded one at a time as they are
    reached; the other files are checked, on several cores for a large
    directory.
    """
    plans = []  # for each file: its outcome, its cache entry, or None when it is checked below
    waiting = []  # (display name, file name, bytes) of the files to check
    for path in files:
        file, name, data, outcome = _read_listing(site, path)
        entry = cache_entry(site, file, data) if use_cache and outcome is None else None
        if outcome or (entry and entry.is_file()):
            plans.append(outcome or entry)
        else:
            waiting.append((file, name, data))
            plans.append(None)
    check = partial(_check_listing, site, use_cache)
    pool = None
    if len(waiting) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        checked = map(check, waiting)
    else:
        # The workers collect their own garbage, whatever the build does with its collector meanwhile.
        pool = ProcessPoolExecutor(initializer=gc.enable)
        checked = pool.map(check, waiting, chunksize=64)  # results arrive in file order
    del waiting  # on several cores, each file's bytes are then let go once it is checked
    try:
        for path, plan in zip(files, plans, strict=True):
            if plan is None:
                yield next(checked)
            elif isinstance(plan, Path):
                yield recalled(plan) or _check_again(site, use_cache, path)
            else:
                yield plan
    finally:
        if pool:
            pool.shutdown(wait=True, cancel_futures=True)  # its threads gone, the build may fork (alongside.py)


def _check_again(site: Site, use_cache: bool, path: Path) -> tuple[Listing | None, list[Problem]]:
    """Check a file whose cache entry could not be read (damaged, or from an older format)."""
    file, name, data, outcome = _read_listing(site, path)
    return outcome or _check_listing(site, use_cache, (file, name, data))


def load_listing(site: Site, path: Path, use_cache: bool = False) -> tuple[Listing | None, list[Problem]]:
    """Read and check one listing file, reading it once.

    With use_cache, a file whose exact content was checked by an earlier build is not checked again.
    """
    file, name, data, outcome = _read_listing(site, path)
    if outcome:
        return outcome
    check = partial(listing_from_bytes, site, file, name, data)
    return cached(site, file, data, check) if use_cache else check()


def _read_listing(site: Site, path: Path) -> tuple[str, str, bytes | None, tuple | None]:
    """(display name, file name, bytes, None), or the outcome (None, problems) for a file that cannot be read."""
    file = _display_name(site, path)
    if path.is_symlink():
        link = Problem(file, 0, "", "is a link: a listing must be an ordinary file (links are never followed)")
        return file, path.name, None, (None, [link])
    data, problems = read_limited(path, file)
    return file, path.name, data, (None, problems) if data is None else None


def _check_listing(site: Site, use_cache: bool, read: tuple[str, str, bytes]) -> tuple[Listing | None, list[Problem]]:
    """Check a listing's bytes and remember the result for the next build."""
    file, name, data = read
    result = listing_from_bytes(site, file, name, data)
    if use_cache:
        remember(site, file, data, result)
    return result


def listing_from_bytes(site: Site, file: str, name: str, data: bytes) -> tuple[Listing | None, list[Problem]]:
    """Parse and check the bytes of the listing file called `name` (shown in problems as `file`)."""
    parsed, problems = parse_slug_named(data, file, name, "bright-days-home-support.yaml")
    if parsed is None:
        return None, problems
    listing, more = check_parsed(site, parsed, file, Path(name).stem, source_digest(file, data))
    problems += more
    return (None if problems else listing), problems


def read_slug_named(path: Path, file: str, example: str) -> tuple[ParsedYaml | None, list[Problem]]:
    """Read a YAML file whose name is its id: the parsed file, and problems with its YAML or its name."""
    data, problems = read_limited(path, file)
    return (None, problems) if data is None else parse_slug_named(data, file, path.name, example)


def parse_slug_named(data: bytes, file: str, name: str, example: str) -> tuple[ParsedYaml | None, list[Problem]]:
    """Parse the bytes of a YAML file whose name is its id; a name of the wrong shape is a problem."""
    parsed, problems = parse_yaml_bytes(data, file)
    if parsed is not None and not SLUG_SHAPE.fullmatch(Path(name).stem):
        problems.append(
            Problem(
                file,
                0,
                "",
                f"the file name '{name}' must be lower-case letters, digits and hyphens, for example {example}",
            )
        )
    return parsed, problems


def check_parsed(
    site: Site, parsed: ParsedYaml, file: str, slug: str, source: str
) -> tuple[Listing | None, list[Problem]]:
    """Check a parsed listing against the schema, the vocabularies and the text rules (`source`: the
    digest of the file's name and bytes)."""
    if not isinstance(parsed.value, dict):
        return None, [
            Problem(file, 1, "", "a listing is a set of fields (name: ..., summary: ...), not a single value or list")
        ]
    problems = quick_schema_problems(LISTING_SCHEMA, parsed, file)
    problems += _vocabulary_problems(site, parsed, file)
    problems += [problem_at(file, parsed, path, message) for path, message in text_problems(parsed.value)]
    if problems:
        return None, problems
    try:
        html = description_html(parsed.value["description"])
    except RecursionError:
        return None, [
            problem_at(
                file, parsed, ("description",), "lists or quotes are nested too deeply: simplify the description"
            )
        ]
    parsed.pack()  # its lines are needed only if the policy finds a problem
    return Listing(slug, file, with_dates(parsed.value), parsed, html, source), []


def _display_name(site: Site, path: Path) -> str:
    """The path as problems name it: below the site's folder."""
    try:
        # Listing paths are made from site.root, so most need no resolving, which costs a national directory seconds.
        return str(path.relative_to(site.root))
    except ValueError:
        pass
    try:
        return str(path.resolve().relative_to(site.root.resolve()))
    except ValueError:
        return str(path)


def _vocabulary_problems(site: Site, parsed: ParsedYaml, file: str) -> list[Problem]:
    """Ids the schema cannot know: services, districts, checks and courses."""
    data, vocabulary = parsed.value, site.vocabulary
    # The schema may already have failed, so any value can be of any type here.
    areas = data.get("areas") if isinstance(data.get("areas"), dict) else {}
    lists = [
        (("services",), data.get("services"), vocabulary.services, "service"),
        (("areas", "districts"), areas.get("districts"), site.districts, "district"),
    ]
    maps = [
        (("checks",), data.get("checks"), vocabulary.checks, "check"),
        (("training",), data.get("training"), vocabulary.training, "course"),
    ]
    problems = []
    for path, values, known, kind in lists:
        for i, value in enumerate(values if isinstance(values, list) else []):
            if isinstance(value, str) and value not in known:
                problems.append(problem_at(file, parsed, path + (i,), _unknown(kind, value, known)))
    for path, values, known, kind in maps:
        for key in values if isinstance(values, dict) else {}:
            if key not in known:
                problems.append(problem_at(file, parsed, path + (key,), _unknown(kind, key, known)))
    return problems


def _unknown(kind: str, value: str, known) -> str:
    return f"unknown {kind} '{value}': use one of: {', '.join(known)}"


def _duplicate_names(site: Site, named: dict[str, list[Path]], use_cache: bool) -> list[Problem]:
    """Two listings with the same name (ignoring case and spacing) could pass for each other.

    Only the files that share a name are read again, for the line of each name.
    """
    sharing = [path for key, paths in named.items() if key and len(paths) > 1 for path in paths]
    listings = [listing for path in sharing if (listing := load_listing(site, path, use_cache)[0])]
    return same_value_problems(listings, ("name",), "the name of", _name_key)


def _name_key(data: dict) -> str:
    return " ".join(unicodedata.normalize("NFKC", data["name"]).casefold().split())


def same_value_problems(listings: list[Listing], path: tuple, what: str, key_of) -> list[Problem]:
    """A problem on each listing whose key_of(data) it shares with another listing ('' never counts)."""
    holders: dict[str, list[Listing]] = {}
    for listing in listings:
        if key := key_of(listing.data):
            holders.setdefault(key, []).append(listing)
    problems = []
    for same in (group for group in holders.values() if len(group) > 1):
        for listing in same:
            others = ", ".join(other.file for other in same if other is not listing)
            shown = listing.data
            for part in path:
                shown = shown[part]
            problems.append(listing.problem(path, f"'{shown}' is also {what} {others}: every provider needs its own"))
    return problems


def with_dates(data: dict) -> dict:
    """A copy of validated data with every date field as `datetime.date`."""
    data = dict(data)
    for key in ("listed_since", "last_reviewed"):
        data[key] = date.fromisoformat(data[key])
    for key in ("checks", "training"):
        data[key] = {k: date.fromisoformat(v) for k, v in data.get(key, {}).items()}
    data["insurance"] = {
        k: dict(v, expires=date.fromisoformat(v["expires"])) for k, v in data.get("insurance", {}).items()
    }
    return data
