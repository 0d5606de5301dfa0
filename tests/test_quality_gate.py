"""The accessibility and quality gate: the sample site passes, and each check catches its problem."""

import subprocess
import sys

import pytest

from care_directory.gate.built_site import page_paths
from care_directory.gate.quality_gate import broken_links, browser_problems, html_errors, paths_to_check, search_states
from care_directory.paths import PROJECT_ROOT
from care_directory.pipeline import publish
from conftest import BUILD_DATE, FIXTURES


@pytest.fixture(scope="module")
def sample_browser_problems(sample_output, browser):
    """axe, reflow and keyboard findings for every page of the sample site (one crawl)."""
    return browser_problems(sample_output, browser=browser)


def of_kind(problems, check):
    return [p for p in problems if f": {check}" in p]


def test_the_crawl_covers_every_page_and_the_search_states(sample_output):
    paths = page_paths(sample_output)
    assert len(paths) == len(list(sample_output.rglob("*.html")))
    assert {"", "providers/", "providers/bright-days-home-support/", "search/", "404.html", "guides/"} <= set(paths)
    assert search_states(sample_output) == [
        "search/?accepting=yes",
        "search/?q=xqzxqzxqz",
        "search/?location=CB1",
        "search/?location=CB11",
        "search/?location=Ashfield+Green",
        "search/?location=not+a+place+anywhere",
    ]
    assert paths_to_check(sample_output) == paths + search_states(sample_output)


def test_no_page_has_an_axe_violation(sample_browser_problems):
    assert of_kind(sample_browser_problems, "axe") == []


def test_no_page_scrolls_sideways_at_320px_or_with_200_percent_text(sample_browser_problems):
    assert of_kind(sample_browser_problems, "reflow") == []


def test_every_kind_of_page_can_be_tabbed_through_with_visible_focus(sample_browser_problems):
    assert of_kind(sample_browser_problems, "keyboard") == []


def test_every_page_is_valid_html(sample_output):
    assert html_errors(sample_output) == []


def test_no_internal_link_image_stylesheet_or_script_is_broken(sample_output):
    assert broken_links(sample_output) == []


def test_nothing_is_broken_in_a_build_for_a_base_path(site, tmp_path):
    output = tmp_path / "directory"
    publish(site, output, BUILD_DATE, base_path="/directory/")
    assert broken_links(output, "/directory/") == []
    assert broken_links(output, "/") != []  # the same files are wrong for the root: the check can tell


def test_the_gate_command_catches_each_kind_of_problem():
    gate = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "gate", str(FIXTURES / "bad-site")],
        capture_output=True,
        text=True,
    )
    lines = gate.stdout.splitlines()
    assert gate.returncode == 1
    assert [line for line in lines if line.startswith("/:")] == [
        "/: link: /missing-page/ leads nowhere",
        "/: axe image-alt: Images must have alternative text (img)",
        "/: reflow: scrolls sideways by 1688px at 320px wide",
        "/: reflow: scrolls sideways by 728px with text at 200%",
        '/: keyboard: no visible focus on a "A link with no focus style"',
        '/: keyboard: focus is trapped on input#trap ""',
    ]
    assert "index.html:19: html: Stray end tag “div”." in lines
    assert lines[-1] == "Quality gate: 10 problems in 2 pages."
