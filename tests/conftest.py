"""Shared fixtures: the fixture site (tests/sample-site/) is built once per test session.

Product tests never read the council's own content/ or config/, and never
use today's date: the fixture site is frozen and built as of BUILD_DATE.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from care_directory import alongside
from care_directory.config import load_site
from care_directory.gate.static_server import serving
from care_directory.pipeline import publish

BUILD_DATE = date(2026, 12, 1)
FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_SITE = Path(__file__).parent / "sample-site"


def node_json(script: Path, *args: str, request) -> object:
    """Run a Node script with `request` as JSON on its input; what it prints, read as JSON."""
    completed = subprocess.run(
        ["node", str(script), *args], input=json.dumps(request), capture_output=True, text=True, check=True
    )
    return json.loads(completed.stdout)


def search_records(output: Path) -> list[dict]:
    """Every provider's whole search record with its details, in ref order, as the built search files hold them.

    The order is the result cards' (search/cards/*.json); the records are the
    shortlist's (search/shortlist/*.json).
    """
    search = output / "search"
    whole = {}
    for shard in (search / "shortlist").glob("*.json"):
        whole.update(json.loads(shard.read_text(encoding="utf-8")))
    cards = sorted((search / "cards").glob("*.json"), key=lambda path: int(path.stem))
    return [whole[card["k"]] for path in cards for card in json.loads(path.read_text(encoding="utf-8"))["cards"]]


def pytest_configure(config):
    # Builds in tests cache into a throwaway folder, never the user's own cache,
    # unless CARE_DIRECTORY_CACHE names one (as mutation testing does).
    if "CARE_DIRECTORY_CACHE" not in os.environ:
        config.throwaway_cache = tempfile.mkdtemp(prefix="care-directory-test-cache-")
        os.environ["CARE_DIRECTORY_CACHE"] = config.throwaway_cache


def pytest_unconfigure(config):
    # The throwaway cache goes with the run, or each run would leave one in the temporary folder.
    if getattr(config, "throwaway_cache", None):
        shutil.rmtree(config.throwaway_cache, ignore_errors=True)
        del os.environ["CARE_DIRECTORY_CACHE"]


def pytest_collection_modifyitems(items):
    """Mark every test that drives Chromium, so `pytest -m "not browser"` is the fast tier."""
    for item in items:
        if {"browser", "new_page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site():
    """The fixture site's config and vocabularies (tests/sample-site/)."""
    return load_site(SAMPLE_SITE)


@pytest.fixture(scope="session")
def sample_build(site, tmp_path_factory):
    """The sample directory, built once, with its Directory model."""
    output = tmp_path_factory.mktemp("sample") / "output"
    directory = publish(site, output, BUILD_DATE)
    return output, directory


@pytest.fixture(scope="session")
def sample_output(sample_build) -> Path:
    return sample_build[0]


TWO_CORES = alongside.usable_cores() >= 2


@pytest.fixture
def forking(monkeypatch):
    """Builds fork to write their search files, as a build command does on two cores (care_directory.alongside).
    This test process has threads of its own (the browser tests' web servers), which a build command never
    has and which would keep it from forking."""
    if TWO_CORES:
        monkeypatch.setattr(alongside, "_can_fork", lambda: True)


@pytest.fixture
def page(sample_output):
    """Parse a built page by its site path, e.g. page('providers/')."""

    def parse(path: str, root: Path = sample_output) -> BeautifulSoup:
        file = root / path / "index.html" if not path.endswith(".html") else root / path
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    return parse


def site_with_root(site, root: Path):
    """The project's config and vocabularies, reading listings from another folder."""
    return dataclasses.replace(site, root=root)


def write_listing(folder: Path, slug: str, text: str) -> Path:
    """Write a listing file into folder/content/providers/."""
    path = folder / "content" / "providers" / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def served_sample(sample_output):
    """The sample site over http on a free loopback port (fetch() fails from file://)."""
    with serving(sample_output) as address:
        yield address


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (scripts/test.sh installs it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser contexts with the given options (closed after the test)."""
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
