"""Compile the theme's Sass and gather the front-end files a built site serves.

Front-end packages come from npm (node_modules, pinned by package-lock.json);
the compiled stylesheet is cached (outside the checkout) by the hash of its
sources so repeated builds (tests, previews) do not run Sass again.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from care_directory.cache_dir import cache_root, write_atomically
from care_directory.paths import PROJECT_ROOT

THEME_DIR = PROJECT_ROOT / "theme"
NODE_MODULES = PROJECT_ROOT / "node_modules"
# Files served from npm packages (the theme's own are in theme/static/):
# lunr.js is pinned to 2.3.9: the keyword index (outputs/keyword_index.py)
# ranks as 2.3.9 does, and the page uses its tokenizer and stemmer.
# GOV.UK Frontend's own script is not shipped: the components used need none
# (no conditional reveals), and the search page focuses its error summary's
# link targets itself, keeping a location search under its 80 KB budget.
NPM_FILES = {
    "lunr.min.js": NODE_MODULES / "lunr" / "lunr.min.js",
}
# The contract for the search files' short keys, which the page scripts import.
SEARCH_RECORD = PROJECT_ROOT / "care_directory" / "model" / "search_record.json"
# Static imports in the page scripts (ES modules): `import x from "./y.js"`, `import "./y.js"`, JSON imports.
STATIC_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^'"]*?(?:from\s*)?["'](\./[^"']+)["']""", re.MULTILINE)


class AssetError(Exception):
    """The theme could not be prepared (npm packages missing or Sass failed)."""


def stylesheet(brand_colour: str, site_url: str) -> str:
    """The site's CSS: compiled GOV.UK Frontend, the council's colour, and its address for printed links."""
    printed_links = (
        f'@media print{{a[href^="/"]::after,a[href^="/"].govuk-link::after{{content:" ({site_url}" attr(href) ")"}}}}'
    )
    return _compiled_css() + printed_links + f":root{{--govuk-brand-colour:{brand_colour}}}\n"


def _compiled_css() -> str:
    """GOV.UK Frontend and the theme's Sass compiled, reused while the sources and packages are unchanged."""
    sources = sorted((THEME_DIR / "sass").glob("*.scss")) + [PROJECT_ROOT / "package-lock.json"]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
    cached = cache_root() / f"theme-{digest}.css"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    sass = NODE_MODULES / ".bin" / "sass"
    if not sass.exists():
        raise AssetError("the front-end packages are not installed: run `npm ci` in the project folder")
    with tempfile.TemporaryDirectory() as work:
        compiled = Path(work) / "main.css"
        result = subprocess.run(
            [
                str(sass),
                "--no-source-map",
                "--style=compressed",
                "--quiet-deps",
                f"--load-path={NODE_MODULES}",
                str(THEME_DIR / "sass" / "main.scss"),
                str(compiled),
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise AssetError(f"Sass failed:\n{result.stderr}")
        css = compiled.read_text(encoding="utf-8")
    write_atomically(cached, css.encode("utf-8"))
    return css


def copy_front_end_files(assets: Path) -> None:
    """Copy the files the scripts use from npm packages, and the search contract, into the assets folder."""
    for name, source in NPM_FILES.items():
        if not source.exists():
            raise AssetError(f"{source.relative_to(PROJECT_ROOT)} is missing: run `npm ci` in the project folder")
        shutil.copyfile(source, assets / name)
    shutil.copyfile(SEARCH_RECORD, assets / "search-record.json")


def module_imports(script: Path) -> list[Path]:
    """Every module `script` imports statically, directly or through the others, each once, first found first."""
    found: list[Path] = []
    pending = [script]
    while pending:
        current = pending.pop(0)
        if current.suffix != ".js":
            continue
        for name in STATIC_IMPORT.findall(current.read_text(encoding="utf-8")):
            imported = (current.parent / name).resolve()
            if imported not in found and imported != script.resolve():
                found.append(imported)
                pending.append(imported)
    return found
