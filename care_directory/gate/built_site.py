"""Facts about a built site folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

from care_directory.outputs.theme_assets import module_imports

SCRIPT_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')


def page_paths(root: Path) -> list[str]:
    """Every HTML page of a built site, as a path below its base path ('' for the home page), folder by folder."""
    files = []
    # Strings rather than Paths: a national directory has tens of thousands of pages.
    for folder, _, names in os.walk(root):
        below = Path(folder).relative_to(root).as_posix()
        prefix = "" if below == "." else f"{below}/"
        files += [f"{prefix}{name}" for name in names]
    return site_pages(files)


def site_pages(files) -> list[str]:
    """The HTML pages among a site's files (paths below the site), as page_paths() gives them."""
    pages = [name for name in files if name.endswith(".html")]
    return [page.removesuffix("index.html") for page in sorted(pages, key=lambda page: page.split("/"))]


def page_scripts(root: Path, html: str, base_path: str = "/") -> set[Path]:
    """Every script file a page loads before it runs: its script tags and all their static imports."""
    tags = [(root / src.removeprefix(base_path)).resolve() for src in SCRIPT_SRC.findall(html)]
    return {*tags, *(module for script in tags for module in module_imports(script))}
