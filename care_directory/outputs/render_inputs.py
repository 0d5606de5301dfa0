"""What each output file is rendered from, as digests, so the build manifest can tell which files must be made again.

Every file depends on the site as a whole: this code and the libraries
that load listings and write pages, the templates and theme, the data
files, the council's config, vocabularies and policy as loaded, its guides
and other content, the build date, the base path and whether page histories
could be read. A provider's page and open-data file depend, besides, on that
provider alone: its listing file, its reviews and its page history (a
provider is made from these and the site, so its digest is taken from them,
not from the provider); a browse page on the providers it lists and its
place in the list. Files that read the whole directory (the home page,
counts, the sitemap) are keyed by every provider.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from care_directory.listings.cache import LOADING_LIBRARIES
from care_directory.model.directory import Directory
from care_directory.model.provider import Provider
from care_directory.outputs.theme_assets import THEME_DIR
from care_directory.paths import PROJECT_ROOT, SCHEMA_DIR

# The libraries whose behaviour decides what a page looks like.
RENDERING_LIBRARIES = ("pelican", "jinja2", "markdown", "nh3")


@dataclass(frozen=True)
class RenderInputs:
    """Digests of what this build's pages are made from."""

    site: str  # everything every page may read
    providers: dict[str, str]  # slug -> digest of what that provider's pages are made from besides the site

    @property
    def whole_directory(self) -> str:
        """For files that show every provider (lists, counts, the spreadsheet, the sitemap)."""
        return _digest(self.site, *self.providers.values())

    def of_provider(self, provider: Provider) -> str:
        """For a file about one provider only (its open-data file)."""
        return self.of_providers([provider.slug])

    def of_providers(self, slugs: Iterable[str], *more: str) -> str:
        """For a file about these providers only (by slug), and `more` (what else it holds, such as a kind of
        file or its numbering)."""
        return _digest(self.site, *more, *(self.providers[slug] for slug in slugs))

    def of_site(self, *more: str) -> str:
        """For a file made from the site and `more` alone."""
        return _digest(self.site, *more)

    def of_page(self, name: str, template: str, context: dict) -> str | None:
        """For a page written from `template` with `context`; None for a page that reads the whole directory.

        Only pages given a provider or a list of providers (provider and
        browse pages) read nothing else of the directory; the few others
        (home, services, areas, search...) show counts and are always rendered.
        """
        if "provider" not in context and "providers" not in context:
            return None
        return _digest(self.site, name, template, self._described(context))

    def _described(self, value) -> str:
        """A stable text for a template's context, naming each provider by its digest."""
        if isinstance(value, Provider):
            return f"provider:{self.providers[value.slug]}"
        if isinstance(value, list | tuple):
            return "[" + ",".join(self._described(item) for item in value) + "]"
        if isinstance(value, dict):
            return "{" + ",".join(f"{key!r}:{self._described(item)}" for key, item in value.items()) + "}"
        return repr(value)


def render_inputs(directory: Directory, base_path: str, histories: dict | None) -> RenderInputs:
    """The digests of everything this build renders from."""
    site = directory.site
    whole = _digest(
        sys.version,
        *(version(name) for name in sorted({*LOADING_LIBRARIES, *RENDERING_LIBRARIES})),
        _files_digest(_project_files()),
        _files_digest(_content_files(site)),
        repr(site),
        directory.today.isoformat(),
        base_path,
        "histories" if histories is not None else "no histories",
    )
    histories = histories or {}
    return RenderInputs(
        whole,
        {slug: _digest(source, repr(histories.get(slug))) for slug, source in directory.sources.items()},
    )


def _project_files() -> list[Path]:
    """The project's own files that pages are made from: code, templates and theme, schemas, data."""
    folders = (PROJECT_ROOT / "care_directory", THEME_DIR, SCHEMA_DIR, PROJECT_ROOT / "data")
    return [
        path
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    ]


def _content_files(site) -> list[Path]:
    """The council's content other than listings: guides, questions and the like."""
    content = site.root / "content"
    if not content.is_dir():
        return []
    tops = [p for p in sorted(content.iterdir()) if p not in (site.providers_dir, site.drafts_dir)]
    return [path for top in tops for path in ([top] if top.is_file() else sorted(top.rglob("*"))) if path.is_file()]


def _files_digest(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
