"""Guides: every one built and linked, and the parts generated from policy, vocabulary and config."""

import dataclasses
import shutil

import pytest
from bs4 import BeautifulSoup
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG

from care_directory.pipeline import publish
from care_directory.policy.requirements import load_policy
from conftest import BUILD_DATE, SAMPLE_SITE

GUIDES = sorted((SAMPLE_SITE / "content" / "guides").glob("*.md"))


def items(soup, selector):
    return [" ".join(li.get_text(" ", strip=True).split()) for li in soup.select(f"{selector} li")]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.stem)
def test_every_guide_has_its_front_matter_and_is_built_and_listed(guide, page):
    _, metadata = MarkdownReader(DEFAULT_CONFIG).read(str(guide))
    assert {"title", "summary", "order", "modified"} <= set(metadata)
    built = page(f"guides/{guide.stem}/")
    assert built.h1.get_text(strip=True) == metadata["title"]
    assert built.select_one(".app-updated").get_text(strip=True).startswith("Last updated ")
    assert "[[" not in built.get_text()
    assert f"/guides/{guide.stem}/" in {a["href"] for a in page("guides/").select("main a")}
    assert f"/guides/{guide.stem}/" in {a["href"] for a in page("").select("main a")}


def test_the_guides_are_in_the_main_navigation_on_every_page(sample_output):
    for file in sample_output.rglob("*.html"):
        nav = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select_one("nav[aria-label=Menu]")
        assert "/guides/" in {a["href"] for a in nav.find_all("a")}, file


def test_the_standards_page_lists_the_default_policy(page):
    soup = page("guides/standards-and-checks/")
    assert items(soup, "#policy-checks") == [
        "Identity check",
        "Right to work in the UK",
        "Enhanced DBS check, renewed every 2 years",
        "Public liability insurance, in date",
        "Employers' liability insurance for providers with more than 1 worker, in date",
    ]
    assert items(soup, "#policy-training") == [
        "Safeguarding adults",
        "Basic first aid",
        "Health and safety",
        "Data protection (GDPR)",
        "Lone working",
        "Food hygiene for providers that offer cooking and meal preparation",
        "Care Certificate for providers working under the sole-trader exemption",
    ]


def test_changing_the_policy_changes_the_standards_and_starting_pages(site, tmp_path):
    leeds, _ = load_policy(site.root, "config/policies/leeds.yaml", site.vocabulary)
    worcestershire, _ = load_policy(site.root, "config/policies/worcestershire.yaml", site.vocabulary)
    empty_content = tmp_path / "site"
    (empty_content / "content").mkdir(parents=True)
    shutil.copytree(SAMPLE_SITE / "content" / "guides", empty_content / "content" / "guides")
    for policy, expected_check, expected_course in [
        (
            leeds,
            "County court judgments (CCJ) check. A check for county court judgments against the business or its owner.",
            "Lone working",
        ),
        (
            worcestershire,
            "Enhanced DBS check, renewed every 2 years",
            "Moving and handling for providers that offer personal care, refreshed every 3 years",
        ),
    ]:
        output = tmp_path / policy.name.split()[0] / "output"
        publish(dataclasses.replace(site, root=empty_content, policy=policy), output, BUILD_DATE)
        for guide in ("standards-and-checks", "starting-a-care-micro-enterprise"):
            soup = BeautifulSoup((output / "guides" / guide / "index.html").read_text(), "html.parser")
            assert expected_check in items(soup, "#policy-checks"), guide
            assert expected_course in items(soup, "#policy-training"), guide
    leeds_insurance = items(
        BeautifulSoup(
            (tmp_path / "Leeds" / "output" / "guides" / "standards-and-checks" / "index.html").read_text(),
            "html.parser",
        ),
        "#policy-checks",
    )
    assert "Public liability insurance, with cover of at least £5,000,000, in date" in leeds_insurance


def test_the_types_of_help_page_links_every_service_and_explains_personal_care(page, site):
    soup = page("services/")
    hrefs = {a["href"] for a in soup.select("main a")}
    assert {f"/services/{service_id}/" for service_id in site.vocabulary.services} <= hrefs
    assert "must be registered with the Care Quality Commission" in soup.select_one("main").get_text()
    # One page for the types of help: the guides point to it rather than repeat it.
    assert "/services/" in {a["href"] for a in page("guides/").select("main a")}


def test_contact_numbers_in_guides_come_from_the_site_config(page):
    soup = page("guides/concerns-and-complaints/")
    tel = {a.get_text(strip=True): a["href"] for a in soup.select("main a[href^='tel:']")}
    assert tel == {
        "01632 960999": "tel:+441632960999",
        "01632 960998": "tel:+441632960998",
        "01632 960000": "tel:+441632960000",
    }
    assert "call 999" in soup.select_one(".govuk-warning-text").get_text()


def test_the_questions_to_ask_appear_wherever_residents_choose(page, site):
    first_question = site.questions[0]["questions"][0]
    for path in ["guides/choosing-a-provider/", "shortlist/", "areas/fenland/print/"]:
        assert first_question in page(path).get_text(), path


def test_an_unknown_block_marker_fails_the_build(site, tmp_path):
    guides = tmp_path / "content" / "guides"
    guides.mkdir(parents=True)
    (guides / "broken.md").write_text(
        "Title: Broken\nSummary: x\nOrder: 1\nModified: 2026-11-23\n\n[[no-such-block]]\n\nSee [[link:age-uk]].\n"
    )
    with pytest.raises(Exception, match="no-such-block"):
        publish(dataclasses.replace(site, root=tmp_path), tmp_path / "output", BUILD_DATE)
    assert not (tmp_path / "output").exists()
