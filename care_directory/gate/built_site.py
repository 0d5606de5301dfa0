"""Facts about a built site folder."""

from __future__ import annotations

from pathlib import Path


def page_paths(root: Path) -> list[str]:
    """Every HTML page of a built site, as a path below its base path ('' for the home page)."""
    return [file.relative_to(root).as_posix().removesuffix("index.html") for file in sorted(root.rglob("*.html"))]
