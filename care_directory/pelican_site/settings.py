"""Pelican's settings for this site: Pelican is used as a page writer, nothing more."""

from __future__ import annotations

from pathlib import Path

from care_directory.model.directory import Directory
from care_directory.outputs.build_manifest import BuildManifest
from care_directory.outputs.open_data import Publisher
from care_directory.outputs.render_inputs import RenderInputs
from care_directory.outputs.theme_assets import THEME_DIR
from care_directory.pelican_site.filters import jinja_filters, jinja_globals

# Pelican's own page kinds and feeds, none of which this site has.
UNUSED_PAGES = (
    "ARCHIVES",
    "AUTHORS",
    "AUTHOR",
    "CATEGORIES",
    "CATEGORY",
    "TAGS",
    "TAG",
    "ARTICLE",
    "ARTICLE_LANG",
    "PAGE_LANG",
    "DRAFT",
    "DRAFT_LANG",
)
UNUSED_FEEDS = (
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "CATEGORY_FEED_ATOM",
    "TRANSLATION_FEED_ATOM",
    "AUTHOR_FEED_ATOM",
    "AUTHOR_FEED_RSS",
)


def pelican_settings(
    directory: Directory,
    destination: Path,
    base_path: str,
    publisher: Publisher,
    histories: dict | None,
    incremental: tuple[BuildManifest, RenderInputs],
) -> dict:
    """Settings that make Pelican write this directory's pages and guides into `destination`,
    rendering only pages whose inputs changed since the build in the manifest."""
    site = directory.site
    return {
        **{f"{kind}_SAVE_AS": "" for kind in UNUSED_PAGES},
        **dict.fromkeys(UNUSED_FEEDS),
        "PATH": str(site.root / "content"),
        "OUTPUT_PATH": str(destination),
        "THEME": str(THEME_DIR),
        "THEME_STATIC_PATHS": ["static"],
        "THEME_STATIC_DIR": "assets",
        # Root-relative links under the base path: they work on any static
        # host and from the 404 page, which hosts serve at any address.
        "SITEURL": base_path.rstrip("/"),
        "RELATIVE_URLS": False,
        "SITENAME": site.settings["service_name"],
        "TIMEZONE": "Europe/London",
        "DEFAULT_LANG": "en",
        "ARTICLE_PATHS": [],
        "PAGE_PATHS": ["guides"],
        "STATIC_PATHS": [],
        "SLUGIFY_SOURCE": "basename",
        "PAGE_URL": "guides/{slug}/",
        "PAGE_SAVE_AS": "guides/{slug}/index.html",
        "DIRECT_TEMPLATES": [],
        "DELETE_OUTPUT_DIRECTORY": False,
        "CACHE_CONTENT": False,
        "MARKDOWN": {
            "extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.meta": {}},
            "output_format": "html5",
        },
        # Templates cannot change during a build: without auto_reload Jinja stops checking each template's
        # file for changes every time a page extends or imports it (four times a page).
        "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "auto_reload": False},
        "JINJA_GLOBALS": jinja_globals(site, publisher, histories),
        "JINJA_FILTERS": jinja_filters(site),
        "PLUGINS": ["care_directory.pelican_site.generator"],
        "CARE_DIRECTORY": directory,
        "CARE_DIRECTORY_MANIFEST": incremental[0],
        "CARE_DIRECTORY_INPUTS": incremental[1],
        "BROWSE_PAGE_SIZE": site.settings.get("browse_page_size", 50),
    }
