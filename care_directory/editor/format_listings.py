"""`build.py format`: rewrite listing files the way `build.py new` writes them.

The browser editor writes the same fields, in the same order, with the same
values, but without `new`'s comments and with lists one item a line. This
puts the comments back, so every listing reads the same whoever wrote it.
Only the layout changes: the values are read back and compared before a
file is replaced. A file with problems is left alone (run `check`).
"""

from __future__ import annotations

from pathlib import Path

from care_directory.config import Site
from care_directory.editor.new_listing import SCHEMA_LINE, listing_text
from care_directory.listings.loader import draft_files, listing_files, load_listings
from care_directory.listings.strict_yaml import parse_yaml


def format_listings(site: Site, named: list[Path], check_only: bool) -> int:
    """Format the named files (all listings and drafts when none are named); 1 if any could not be, or with
    `check_only`, if any is not formatted yet."""
    paths = named or listing_files(site) + draft_files(site)
    listings, problems = load_listings(site, paths)
    for problem in problems:
        print(problem)
    unformatted = []
    for listing in listings:
        path = site.root / listing.file if not Path(listing.file).is_absolute() else Path(listing.file)
        text = path.read_text(encoding="utf-8")
        formatted = listing_text(site, listing.data, _own_comments(site, text))
        if formatted == text:
            continue
        if parse_yaml(formatted).value != listing.parsed.value:  # never change what a listing says
            print(f"{listing.file}: (file): cannot be formatted without changing a value: left as it is")
            problems.append(listing.file)
            continue
        unformatted.append(listing.file)
        if not check_only:
            path.write_text(formatted, encoding="utf-8")
    verb = "need formatting" if check_only else "formatted"
    print(f"{len(unformatted)} of {len(paths)} listing file(s) {verb}" + "".join(f"\n  {f}" for f in unformatted))
    return 1 if problems or (check_only and unformatted) else 0


def _own_comments(site: Site, text: str) -> list[str]:
    """The comment lines at the top of a file (an import's note), without the schema line and field comments."""
    first_field_comment = listing_text(site, {}).splitlines()[1]
    header = []
    for line in text.splitlines():
        if not line.startswith("#") or line == first_field_comment:
            break
        if line != SCHEMA_LINE:
            header.append(line.removeprefix("#").removeprefix(" "))
    return header
