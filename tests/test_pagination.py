"""Browse lists come in pages, with accessible links between them."""

import dataclasses

import pytest
from bs4 import BeautifulSoup

from care_directory.gate.quality_gate import axe_violations, broken_links, html_errors
from care_directory.gate.static_server import serving
from care_directory.pelican_site.generator import page_links
from care_directory.pipeline import publish
from conftest import BUILD_DATE


@pytest.mark.parametrize(
    "current, total, links",
    [
        (1, 1, [1]),
        (1, 4, [1, 2, None, 4]),
        (3, 4, [1, 2, 3, 4]),
        (10, 200, [1, None, 9, 10, 11, None, 200]),
        (200, 200, [1, None, 199, 200]),
    ],
)
def test_page_links_show_the_ends_and_the_neighbours(current, total, links):
    assert page_links(current, total) == links


@pytest.fixture(scope="module")
def small_pages(site, tmp_path_factory):
    output = tmp_path_factory.mktemp("paged") / "output"
    publish(dataclasses.replace(site, settings={**site.settings, "browse_page_size": 10}), output, BUILD_DATE)
    return output


def soup_of(output, path):
    return BeautifulSoup((output / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_a_to_z_is_split_into_pages_that_together_list_everyone(small_pages, sample_build):
    _, directory = sample_build
    names = []
    for number, path in enumerate(["providers/", "providers/page/2/", "providers/page/3/", "providers/page/4/"], 1):
        soup = soup_of(small_pages, path)
        names += [a.get_text(strip=True) for a in soup.select(".app-result__title a")]
        assert soup.select_one(".app-count").get_text(strip=True) == f"40 providers, page {number} of 4, A to Z"
        assert soup.title.get_text().startswith("All providers" + ("" if number == 1 else f" (page {number} of 4)"))
    assert names == [p.name for p in directory.providers]
    assert not (small_pages / "providers" / "page" / "5").exists()


def test_pagination_links_say_where_they_go_and_mark_the_current_page(small_pages):
    nav = soup_of(small_pages, "providers/page/2/").select_one("nav.govuk-pagination")
    assert nav["aria-label"] == "Pages of providers"
    assert nav.select_one("[rel=prev]")["href"] == "/providers/"
    assert nav.select_one("[rel=next]")["href"] == "/providers/page/3/"
    assert [(a.get_text(strip=True), a["href"]) for a in nav.select(".govuk-pagination__list a")] == [
        ("1", "/providers/"),
        ("2", "/providers/page/2/"),
        ("3", "/providers/page/3/"),
        ("4", "/providers/page/4/"),
    ]
    assert nav.select_one("[aria-current=page]").get_text(strip=True) == "2"
    assert soup_of(small_pages, "providers/").select_one("nav.govuk-pagination [rel=prev]") is None


def test_short_lists_have_no_pagination(sample_output):
    assert "govuk-pagination" not in (sample_output / "providers" / "index.html").read_text()


def test_paginated_pages_are_valid_linked_and_accessible(small_pages, browser):
    assert broken_links(small_pages) == []
    assert [e for e in html_errors(small_pages) if "page/" in e] == []
    with serving(small_pages) as address:
        page = browser.new_page()
        page.goto(f"{address}/providers/page/2/")
        assert axe_violations(page) == []
        page.close()


def test_long_area_booklets_are_printed_in_parts(small_pages, sample_build):
    _, directory = sample_build
    # With 10 providers a page, booklets hold 40 a part: every sample area fits in one part.
    for district_id, _providers in directory.by_district.items():
        assert not (small_pages / "areas" / district_id / "print" / "page" / "2").exists()
    huntingdonshire = soup_of(small_pages, "areas/huntingdonshire/print/")
    assert len(huntingdonshire.select(".app-booklet-entry")) == len(directory.by_district["huntingdonshire"])


def test_a_booklet_longer_than_a_part_is_split_with_links_between_parts(site, tmp_path):
    output = tmp_path / "output"
    publish(dataclasses.replace(site, settings={**site.settings, "browse_page_size": 2}), output, BUILD_DATE)
    first, second = (
        soup_of(output, "areas/huntingdonshire/print/"),
        soup_of(output, "areas/huntingdonshire/print/page/2/"),
    )
    assert len(first.select(".app-booklet-entry")) == 8
    assert first.title.get_text().startswith("Printable list: Huntingdonshire (part 1 of 2)")
    assert second.select_one("nav.govuk-pagination [rel=prev]")["href"] == "/areas/huntingdonshire/print/"
    assert second.select_one("#questions")
