"""Checks on the guides (content/guides/*.md) that a build and `check` both run.

A guide is a public page: it must never show unfinished wording, every
link marker must name a known page, and every guide must send residents
somewhere next (a council page, a national service, or another page here).
"""

from __future__ import annotations

import re
from pathlib import Path

from care_directory.config import Site
from care_directory.listings.validation import Problem

LINK_MARKER = re.compile(r"\[\[link:([a-z0-9-]+)\]\]")
MARKDOWN_LINK = re.compile(r"\]\([^)\s]+\)")
# Wording that marks a draft, never fit for residents.
PLACEHOLDERS = re.compile(
    r"\b(?:TODO|TBC|TBD|FIXME|XXX)\b|lorem ipsum|\[insert\b|\bshould add\b|\bplaceholder\b", re.IGNORECASE
)


def guide_files(site: Site) -> list[Path]:
    """Every guide, in a stable order."""
    folder = site.root / "content" / "guides"
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def guide_problems(site: Site) -> list[Problem]:
    """Placeholder wording, unknown link markers and guides that lead nowhere, with file and line."""
    problems = []
    for path in guide_files(site):
        file = path.relative_to(site.root).as_posix()
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if found := PLACEHOLDERS.search(line):
                problems.append(
                    Problem(
                        file,
                        number,
                        "",
                        f"'{found.group()}' looks like unfinished wording: finish the sentence or remove it",
                    )
                )
            for link_id in LINK_MARKER.findall(line):
                if link_id not in site.links:
                    known = ", ".join(sorted(site.links))
                    problems.append(Problem(file, number, "", f"unknown link [[link:{link_id}]]: use one of: {known}"))
        if not LINK_MARKER.search(text) and not MARKDOWN_LINK.search(text):
            problems.append(
                Problem(
                    file,
                    0,
                    "",
                    "this guide links nowhere: add where residents can go next, for example [[link:needs-assessment]]",
                )
            )
    return problems
