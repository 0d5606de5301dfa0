"""Facts about a built site folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

SCRIPT_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')
# Static imports in the page scripts (ES modules): `import x from "./y.js"`, `import "./y.js"`, JSON imports.
STATIC_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^'"]*?(?:from\s*)?["'](\./[^"']+)["']""", re.MULTILINE)


def page_paths(root: Path) -> list[str]:
    """Every HTML page of a built site, as a path below its base path ('' for the home page), folder by folder."""
    pages = []
    # Strings rather than Paths: a national directory has tens of thousands of pages.
    for folder, _, names in os.walk(root):
        below = Path(folder).relative_to(root).as_posix()
        prefix = "" if below == "." else f"{below}/"
        pages += [f"{prefix}{name}" for name in names if name.endswith(".html")]
    return [page.removesuffix("index.html") for page in sorted(pages, key=lambda page: page.split("/"))]


def page_scripts(root: Path, html: str, base_path: str = "/") -> set[Path]:
    """Every script file a page loads before it runs: its script tags and all their static imports."""
    pending = [root / src.removeprefix(base_path) for src in SCRIPT_SRC.findall(html)]
    found: set[Path] = set()
    while pending:
        script = pending.pop()
        if script in found:
            continue
        found.add(script)
        if script.suffix == ".js":
            pending += [script.parent / name for name in STATIC_IMPORT.findall(script.read_text(encoding="utf-8"))]
    return found
