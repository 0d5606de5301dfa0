"""The built site: pages, browse lists, counts, base path and safe publishing."""

import dataclasses
import gc
import os
import re
import shutil
import weakref
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_listings import EXPECTED_PROBLEMS

from care_directory import pipeline
from care_directory.cli import main
from care_directory.listings.loader import each_listing, load_listings
from care_directory.listings.validation import BuildError, InputError
from care_directory.pipeline import check_all, publish
from conftest import BUILD_DATE, FIXTURES, TWO_CORES, site_with_root, write_listing


def text_of(soup, selector):
    return " ".join(soup.select_one(selector).get_text(" ", strip=True).split())


def built_html_files(root: Path):
    return sorted(root.rglob("*.html"))


def test_every_published_listing_has_its_own_page(sample_output, site):
    listings, _ = load_listings(site)
    published = {listing.slug for listing in listings if listing.data["status"] in ("active", "paused")}
    built = {p.parent.name for p in (sample_output / "providers").glob("*/index.html")}
    assert built == published
    assert len(built) == 40


def test_a_provider_page_shows_the_listing_facts(page):
    soup = page("providers/bright-days-home-support/")
    assert soup.h1.get_text(strip=True) == "Bright Days Home Support"
    assert (
        soup.title.get_text()
        == "Bright Days Home Support - Find care and support near you - Cambridgeshire County Council"
    )
    assert "Taking new clients" in soup.get_text()
    assert [a["href"] for a in soup.select("a[href^='tel:']")][0] == "tel:+447700900101"
    assert soup.select_one("a[href^='mailto:maria@']")["href"] == "mailto:maria@brightdays.example.org"
    rows = [" ".join(r.get_text(" ", strip=True).split()) for r in soup.select("#prices ~ table tbody tr")]
    assert rows == [
        "Washing and bathing £22.50 an hour",
        "Cooking and meal preparation £20 an hour Ingredients are paid for by you.",
    ]
    assert "Works alone under the sole-trader exemption" in text_of(soup, "#regulation + p")
    checks = [
        " ".join(r.get_text(" ", strip=True).split()) for r in soup.select("#checks ~ dl .govuk-summary-list__row")
    ]
    assert "Enhanced DBS check Verified 3 November 2025" in checks
    assert "Public liability insurance £5,000,000 cover, valid until 2 November 2027" in checks
    assert "Food hygiene training Completed 30 September 2025" in checks
    assert "last reviewed by the council on 2 November 2026" in soup.get_text()
    assert [li.get_text(strip=True) for li in soup.select("#services ~ ul li")][:2] == [
        "Washing and bathing",
        "Getting dressed",
    ]


def test_a_registered_provider_links_to_its_cqc_page(page):
    soup = page("providers/st-neots-care-partners/")
    link = soup.find("a", string=re.compile("Read the CQC"))
    assert link["href"] == "https://www.cqc.org.uk/location/1-2000031776"


def test_a_paused_listing_is_shown_as_not_taking_new_clients(page):
    soup = page("providers/chesterton-carers/")  # paused, though its availability says accepting
    assert soup.select_one("main .govuk-tag").get_text(strip=True) == "Not taking new clients"


def test_the_report_link_is_prefilled_with_the_provider_and_page(page):
    href = page("providers/ely-garden-helpers/").find("a", string=re.compile("Report a change"))["href"]
    assert href.startswith(
        "mailto:care-directory@example.org?subject=Change%20or%20concern%20about%20Ely%20Garden%20Helpers&body="
    )
    assert "https%3A%2F%2Fcare-directory.example.org%2Fproviders%2Fely-garden-helpers%2F" in href


def test_the_a_to_z_lists_every_provider_in_name_order(page):
    soup = page("providers/")
    names = [a.get_text(strip=True) for a in soup.select(".app-result__title a")]
    assert len(names) == 40
    assert names == sorted(names, key=str.casefold)
    assert text_of(soup, ".app-count") == "40 providers, A to Z"


def test_each_service_page_lists_exactly_the_providers_offering_it(page, sample_build, site):
    _, directory = sample_build
    for service_id, service in site.vocabulary.services.items():
        soup = page(f"services/{service_id}/")
        expected = sorted(p.name for p in directory.providers if service_id in p.service_ids)
        assert sorted(a.get_text(strip=True) for a in soup.select(".app-result__title a")) == expected
        assert text_of(soup, ".app-count") == f"{len(expected)} provider{'s' if len(expected) != 1 else ''}"
        assert soup.h1.get_text(strip=True) == service.label


def test_each_area_page_lists_exactly_the_providers_working_there(page, sample_build, site):
    _, directory = sample_build
    for district_id, name in site.districts.items():
        soup = page(f"areas/{district_id}/")
        expected = sorted(p.name for p in directory.providers if district_id in p.district_ids)
        assert expected, f"no sample providers in {name}"
        assert sorted(a.get_text(strip=True) for a in soup.select(".app-result__title a")) == expected
        assert f"{name} ({len(expected)} providers)" in page("areas/").get_text(" ", strip=True)


def test_the_sample_covers_every_kind_of_listing(sample_build, site):
    _, directory = sample_build
    providers = directory.providers
    groups_offered = {site.vocabulary.group_of(s).id for p in providers for s in p.service_ids}
    assert groups_offered == {g.id for g in site.vocabulary.groups}
    assert {p.regulation for p in providers} == {"registered", "exempt_sole_trader", "not_applicable"}
    assert len({p.business_type for p in providers}) == 4
    assert sum(not p.accepting_new_clients for p in providers) >= 3


def test_the_home_page_links_to_browsing_searching_and_guides(page):
    soup = page("")
    hrefs = {a["href"] for a in soup.find_all("a", href=True)}
    assert {"/search/", "/services/", "/areas/", "/providers/", "/guides/", "/areas/fenland/"} <= hrefs
    assert soup.select_one("form[role=search]")["action"] == "/search/"
    assert soup.select_one("a.govuk-skip-link")["href"] == "#main-content"
    assert soup.select_one("main")["id"] == "main-content"


def test_guides_are_built_and_listed_in_the_guides_section(page, sample_output, site):
    guides = sorted(p.stem for p in (site.root / "content" / "guides").glob("*.md"))
    assert guides
    listed = [a["href"] for a in page("guides/").select(".app-result__title a")]
    assert sorted(listed) == sorted(f"/guides/{g}/" for g in guides)
    for guide in guides:
        assert page(f"guides/{guide}/").select_one("main h1")


def test_the_demonstration_notice_is_on_every_page(sample_output):
    for file in built_html_files(sample_output):
        assert "The providers listed here are fictional" in file.read_text(encoding="utf-8"), file


def test_the_404_page_uses_links_that_work_from_any_address(page):
    soup = page("404.html")
    assert soup.h1.get_text(strip=True) == "Page not found"
    assert all(a["href"].startswith(("/", "#", "mailto:", "tel:")) for a in soup.find_all("a", href=True))


def test_the_stylesheet_carries_the_council_colour_and_no_gov_uk_font(sample_output):
    css = (sample_output / "assets" / "site.css").read_text()
    assert css.endswith(":root{--govuk-brand-colour:#0b5563}\n")
    assert "GDS Transport" not in css
    assert "govuk-generic-header" in css


def test_a_failed_build_leaves_the_previous_output_untouched(site, tmp_path):
    output = tmp_path / "output"
    publish(site, output, BUILD_DATE)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    with pytest.raises(InputError):
        publish(site_with_root(site, FIXTURES / "broken"), output, BUILD_DATE)
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.lock", "output"]  # no half-built folders left behind


def test_suspended_and_removed_listings_appear_nowhere(site, tmp_path):
    valid = (FIXTURES / "valid-listing.yaml").read_text()
    write_listing(tmp_path, "published-one", valid)
    write_listing(
        tmp_path,
        "suspended-one",
        valid.replace("status: active", "status: suspended").replace("Tidy Homes", "Tidy Homes Two"),
    )
    write_listing(
        tmp_path,
        "removed-one",
        valid.replace("status: active", "status: removed").replace("Tidy Homes", "Tidy Homes Three"),
    )
    output = tmp_path / "output"
    directory = publish(site_with_root(site, tmp_path), output, BUILD_DATE)
    assert [p.slug for p in directory.providers] == ["published-one"]
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in output.rglob("*") if p.is_file())
    assert "published-one" in everything
    assert "suspended-one" not in everything and "removed-one" not in everything


def test_the_command_line_names_every_problem_and_fails(tmp_path, capsys):
    status = main(
        [
            "--root",
            str(FIXTURES / "broken"),
            "--config",
            "../../sample-site/config/site.yaml",
            "--output",
            str(tmp_path / "out"),
            "--today",
            "2026-12-01",
        ]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "content/providers/wrong-types.yaml:16: availability.accepting_new_clients: must be true or false" in err
    assert err.rstrip().endswith(f"Build failed: {len(EXPECTED_PROBLEMS)} problems. Nothing was published.")
    assert not (tmp_path / "out").exists()


def test_the_report_link_names_the_page_under_the_base_path_the_site_was_built_for(site, tmp_path):
    output = tmp_path / "directory"
    publish(site, output, BUILD_DATE, base_path="/directory/")
    soup = BeautifulSoup((output / "providers" / "ely-garden-helpers" / "index.html").read_text(), "html.parser")
    href = soup.find("a", string=re.compile("Report a change"))["href"]
    assert "https%3A%2F%2Fcare-directory.example.org%2Fdirectory%2Fproviders%2Fely-garden-helpers%2F" in href


def test_the_new_site_replaces_the_old_in_one_step_and_leftovers_of_killed_builds_go(site, tmp_path):
    output = tmp_path / "output"
    publish(site, output, BUILD_DATE)
    first = output.stat().st_ino
    killed = [tmp_path / ".output-new-abc123", tmp_path / ".output-old-def456"]
    for leftover in killed:
        (leftover / "assets").mkdir(parents=True)
    publish(site, output, BUILD_DATE)
    assert output.stat().st_ino != first and (output / "index.html").is_file()
    # The leftovers are removed in the background, so the build does not wait for them; the site replaced is
    # kept as the spare, where the next build assembles its site.
    pipeline.finish_removals()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output-")] == [".output-spare"]
    assert (tmp_path / ".output-spare" / "index.html").is_file()


def test_a_second_build_into_the_same_folder_waits_its_turn_with_a_message(site, tmp_path):
    import fcntl

    output = tmp_path / "output"
    with (tmp_path / ".output.lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(BuildError, match="another build is writing .*output right now"):
            publish(site, output, BUILD_DATE)
    assert not output.exists()


def test_every_sample_provider_has_its_own_phone_number(sample_build):
    phones = [p.phone for p in sample_build[1].providers if p.phone]
    assert len(phones) == len(set(phones))


@pytest.mark.parametrize("inside", ["", "content", "config/policies"])
def test_a_build_never_replaces_the_directorys_own_files(site, tmp_path, inside):
    root = tmp_path / "site"
    shutil.copytree(site.root, root)
    with pytest.raises(BuildError, match="would replace the directory's own files"):
        publish(dataclasses.replace(site, root=root), root / inside if inside else root, BUILD_DATE)
    assert (root / "content" / "providers").is_dir() and (root / "config" / "site.yaml").is_file()


def test_a_build_never_replaces_a_folder_of_other_files(site, tmp_path):
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "minutes.docx").write_text("not a web site")
    with pytest.raises(BuildError, match="holds other files and is not a site this build made"):
        publish(site, documents, BUILD_DATE)
    assert (documents / "minutes.docx").is_file()


def test_the_checked_directory_keeps_no_listing_so_memory_grows_with_the_providers_alone(site, monkeypatch):
    loaded = []

    def remembering(*args, **kwargs):
        for listing in each_listing(*args, **kwargs):
            loaded.append(weakref.ref(listing))
            yield listing

    monkeypatch.setattr(pipeline, "each_listing", remembering)
    directory = check_all(site, BUILD_DATE)
    gc.collect()
    assert len(loaded) == len(directory.outcomes) >= len(directory.providers) > 0
    assert [ref().slug for ref in loaded if ref() is not None] == []


def test_the_checked_directory_holds_no_reference_cycles_so_a_build_that_freezes_it_keeps_nothing_once_let_go(site):
    # publish() freezes the directory out of the garbage collector's passes for good (gc.freeze): only
    # reference counting can then free it, which it does only if nothing in it refers back round.
    directory = check_all(site, BUILD_DATE)
    gc.collect()
    del directory
    assert gc.collect() == 0


@pytest.mark.parametrize("limit, written_here", [(40, False), (39, True)], ids=["forked", "over the limit"])
def test_the_search_files_are_written_alongside_the_pages_up_to_a_size(
    site, tmp_path, monkeypatch, forking, limit, written_here
):
    if not TWO_CORES:
        pytest.skip("a build forks only with two cores")  # CI has two
    assert len(load_listings(site)[0]) == 40
    monkeypatch.setattr(pipeline, "SEARCH_FILES_ALONGSIDE_UP_TO", limit)
    writers = []  # a forked process's appends never reach this one's list
    real = pipeline.write_search_files
    monkeypatch.setattr(pipeline, "write_search_files", lambda *args: writers.append(os.getpid()) or real(*args))
    publish(site, tmp_path / "output", BUILD_DATE)
    assert writers == ([os.getpid()] if written_here else [])
    assert (tmp_path / "output" / "search" / "manifest.json").is_file()


def test_a_build_freezes_no_garbage_out_of_the_collectors_reach(site, tmp_path, monkeypatch):
    # Checking listings afresh leaves garbage in reference cycles (Markdown makes a few per description);
    # publish() pauses the collector while checking and freezes what is alive afterwards, for good.
    found_at_freeze = []
    freeze = gc.freeze

    def freeze_noting_garbage():
        found_at_freeze.append(gc.collect())
        freeze()

    monkeypatch.setattr(gc, "freeze", freeze_noting_garbage)
    publish(site, tmp_path / "output", BUILD_DATE, use_cache=False)
    assert found_at_freeze == [0]
