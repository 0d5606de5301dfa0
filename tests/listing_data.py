"""Build listing files from data: the valid fixture as a dict, with changes applied as data.

    listing_text({"checks": {"enhanced_dbs": "2024-12-01"}})       # nested update
    listing_text({"checks": {"right_to_work": DELETE}})             # remove a key
    listing_text(LEEDS_CHECKS, {"workers": 2})                      # several changes, in order

Mappings are merged into the listing key by key; any other value (a list, a
date, a number) replaces the old one whole. Strings written as ISO dates
("2024-12-01") become YAML dates, as a listing author would write them.

Tests compare a problem's field and message, never a hard-coded line:
`line_of(text, field)` finds the line a field is on in the written file.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path

import yaml

from conftest import FIXTURES, write_listing

VALID_DATA = yaml.safe_load((FIXTURES / "valid-listing.yaml").read_text(encoding="utf-8"))
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE = _Delete()  # as a change's value: remove that key from the listing


def _value(value):
    if isinstance(value, str) and ISO_DATE.match(value):
        return date.fromisoformat(value)
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items() if v is not DELETE}
    if isinstance(value, list):
        return [_value(v) for v in value]
    return value


def changed(base: dict, *changes: dict) -> dict:
    """A copy of `base` with each mapping of changes merged into it, in order."""
    result = copy.deepcopy(base)
    for change in changes:
        _merge(result, change)
    return result


def _merge(target: dict, change: dict) -> None:
    for key, value in change.items():
        if value is DELETE:
            assert key in target, f"cannot delete {key!r}: the listing does not have it"
            del target[key]
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = _value(value)


class _ListingDumper(yaml.SafeDumper):
    """Block style, and multi-line text as `|` blocks, like a hand-written listing."""


def _text(dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_ListingDumper.add_representer(str, _text)


def listing_text(*changes: dict, base: dict = VALID_DATA) -> str:
    """The valid fixture listing (or `base`) with the changes applied, as YAML text."""
    return yaml.dump(
        changed(base, *changes), Dumper=_ListingDumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )


def write(folder: Path, slug: str, *changes: dict) -> Path:
    """Write the fixture listing with changes to folder/content/providers/<slug>.yaml.

    It is named after its slug ('lapsed-one' is 'Lapsed One'; 'tidy-homes' keeps 'Tidy Homes'), because
    two listings may not share a name.
    """
    return write_listing(folder, slug, listing_text({"name": slug.replace("-", " ").title()}, *changes))


def line_of(text: str, field: str) -> int:
    """The 1-based line of a dotted field in YAML text, or of its nearest ancestor that is there.

    A problem about a missing key points at the mapping it belongs in
    (checks.ccj missing -> the `checks:` line), so that is what this returns;
    with no ancestor there either, the problem points at line 1.
    Worked out from the text alone, independently of the loader's own line map.
    """
    lines = text.splitlines()
    start, end, indent, found = 0, len(lines), 0, 1
    for part in field.split("."):
        pattern = re.compile(rf"^ {{{indent}}}{re.escape(part)}:(\s|$)")
        match = next((i for i in range(start, end) if pattern.match(lines[i])), None)
        if match is None:
            break
        found = match + 1
        start, end = match + 1, match + 1
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
            end += 1
        children = [lines[i] for i in range(start, end) if lines[i].strip()]
        indent = len(children[0]) - len(children[0].lstrip()) if children else indent + 2
    return found
