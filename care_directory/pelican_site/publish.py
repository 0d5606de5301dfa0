"""Build the whole site: check every input, generate with Pelican, then swap it in.

Nothing is published from a failed build: the site is generated into a
temporary folder beside the output and only replaces the previous output
when every stage has succeeded.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import uuid
from datetime import date
from pathlib import Path

from pelican import Pelican
from pelican.log import console as pelican_console
from pelican.settings import read_settings

from care_directory.config import Site
from care_directory.model.directory import Directory, build_directory
from care_directory.editor.git_history import HistoryUnavailable
from care_directory.listings.loader import load_listings
from care_directory.outputs.open_data import Publisher, json_ld
from care_directory.pelican_site.guide_blocks import expand_blocks
from care_directory.model.wording import long_date, money, period_words, phone_display, phone_href, report_href
from care_directory.editor.review import page_histories
from care_directory.policy.rules import describe_when, evaluate_all
from care_directory.outputs.search_files import write_search_files
from care_directory.outputs.security_headers import write_headers_file
from care_directory.outputs.theme_assets import THEME_DIR, copy_npm_files, stylesheet
from care_directory.listings.validation import BuildError, InputError


def publish(site: Site, output_dir: Path, today: date, base_path: str | None = None, use_cache: bool = True) -> Directory:
    """Check all listings, generate the site and replace `output_dir` with it.

    Raises InputError (every problem in every file) or BuildError; in both
    cases `output_dir` is left exactly as it was.
    """
    directory = check_all(site, today, use_cache)
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-new-", dir=output_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; web servers must be able to read the site
    try:
        generate(directory, staging, base_path or site.settings["base_path"])
        _swap(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return directory


def check_all(site: Site, today: date, use_cache: bool = True) -> Directory:
    """Load every listing and apply the policy; raise InputError naming every problem."""
    listings, problems = load_listings(site, use_cache=use_cache)
    evaluations = evaluate_all(site, listings, today)
    problems += [error for e in evaluations for error in e.errors]
    if problems:
        raise InputError(problems)
    return build_directory(site, evaluations, today)


def generate(directory: Directory, destination: Path, base_path: str) -> None:
    """Write every page and asset of the site into `destination`."""
    site = directory.site
    publisher = Publisher(directory, site.settings["site_url"] + base_path)
    settings = read_settings(override=pelican_settings(directory, destination, base_path, publisher))
    with _fatal_pelican_warnings():
        Pelican(settings).run()
    assets = destination / "assets"  # Pelican has copied theme/static/ here
    (assets / "site.css").write_text(stylesheet(site.settings["brand_colour"], site.settings["site_url"]), encoding="utf-8")
    copy_npm_files(assets)
    write_search_files(directory, destination)
    write_headers_file(destination)
    publisher.write(destination)  # last: the sitemap lists the pages written above


def pelican_settings(directory: Directory, destination: Path, base_path: str, publisher: Publisher) -> dict:
    """Pelican configured as a page writer for this directory, nothing more."""
    site = directory.site
    no_pages = {f"{kind}_SAVE_AS": "" for kind in ("ARCHIVES", "AUTHORS", "AUTHOR", "CATEGORIES", "CATEGORY", "TAGS", "TAG", "ARTICLE", "ARTICLE_LANG", "PAGE_LANG", "DRAFT", "DRAFT_LANG")}
    no_feeds = {f: None for f in ("FEED_ALL_ATOM", "FEED_ALL_RSS", "CATEGORY_FEED_ATOM", "TRANSLATION_FEED_ATOM", "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS")}
    return {
        **no_pages,
        **no_feeds,
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
        "MARKDOWN": {"extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.meta": {}}, "output_format": "html5"},
        "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True},
        "JINJA_GLOBALS": {
            "site": site.settings, "vocabulary": site.vocabulary, "districts": site.districts, "policy": site.policy,
            "questions": site.questions, "open_data": publisher, "base_url": publisher.base_url,
            "histories": _histories(site),
            # The page address depends on the base path of this build, so it is made here.
            "report_href": lambda provider: report_href(site, provider["name"], publisher.url(provider["path"])),
        },
        "JINJA_FILTERS": {
            "by_order": lambda pages: sorted(pages, key=lambda p: (int(getattr(p, "order", 99)), p.title)),
            "zip": lambda values, others: list(zip(values, others)),
            "phone_href": phone_href,
            "phone_display": phone_display,
            "money": money,
            "long_date": long_date,
            "period_words": period_words,
            "when_words": lambda when: describe_when(when, site.vocabulary, "providers"),
            "expand_blocks": expand_blocks,
            "json_ld": json_ld,
        },
        "PLUGINS": ["care_directory.pelican_site.generator"],
        "CARE_DIRECTORY": directory,
        "BROWSE_PAGE_SIZE": site.settings.get("browse_page_size", 50),
    }


def _histories(site: Site) -> dict | None:
    """Each listing's public history from git, or None where the folder has no full git history."""
    try:
        return page_histories(site)
    except HistoryUnavailable:
        return None


class _CollectWarnings(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class _fatal_pelican_warnings:
    """Pelican logs a broken page and carries on; here any warning fails the build."""

    def __enter__(self):
        self.handler = _CollectWarnings()
        self.logger = logging.getLogger("pelican")
        self.level = self.logger.level
        # Pelican's progress lines would drown the build report.
        self.logger.setLevel(logging.WARNING)
        pelican_console.quiet = True
        self.logger.addHandler(self.handler)

    def __exit__(self, *exc):
        self.logger.removeHandler(self.handler)
        self.logger.setLevel(self.level)
        pelican_console.quiet = False
        if self.handler.messages and exc[0] is None:
            raise BuildError("Pelican reported problems:\n" + "\n".join(self.handler.messages))


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old-{uuid.uuid4().hex[:8]}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
