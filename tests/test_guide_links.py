"""Guides lead somewhere: every onward step is a link, council pages and figures come from config, and no
guide or page shows unfinished wording."""

import shutil

import pytest
import yaml

from care_directory.cli import main
from care_directory.config import load_site
from care_directory.editor.guide_checks import guide_problems
from conftest import SAMPLE_SITE

GUIDES = sorted((SAMPLE_SITE / "content" / "guides").glob("*.md"))


@pytest.fixture
def council(tmp_path):
    """A copy of the fixture site that a test may change."""
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, root)
    return root


def configure(root, **changes):
    path = root / "config" / "site.yaml"
    settings = yaml.safe_load(path.read_text())
    settings.update(changes)
    path.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True))


def build(root, tmp_path, capsys):
    status = main(["--root", str(root), "--today", "2026-12-01", "--output", str(tmp_path / "out")])
    return status, capsys.readouterr()


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.stem)
def test_every_guide_sends_residents_somewhere_next(guide, page):
    prose = page(f"guides/{guide.stem}/").select_one(".app-prose")
    onward = [a["href"] for a in prose.select("a[href]") if not a["href"].startswith(("tel:", "mailto:"))]
    assert onward, f"{guide.name} links nowhere"


def test_no_guide_has_unfinished_wording_or_a_dead_end(site):
    assert guide_problems(site) == []


def test_the_guide_check_finds_unfinished_wording_unknown_links_and_dead_ends(council, tmp_path, capsys):
    guides = council / "content" / "guides"
    (guides / "draft.md").write_text(
        "Title: Draft\nSummary: x\nOrder: 5\nModified: 2026-11-24\n\nThe council should add a date here.\n"
    )
    (guides / "typo.md").write_text(
        "Title: Typo\nSummary: x\nOrder: 6\nModified: 2026-11-24\n\nSee [[link:needs-assesment]].\n"
    )
    status, captured = build(council, tmp_path, capsys)
    assert status == 1 and not (tmp_path / "out").exists()
    assert "content/guides/draft.md:6: (file): 'should add' looks like unfinished wording" in captured.err
    assert "content/guides/draft.md: (file): this guide links nowhere" in captured.err
    assert "content/guides/typo.md:6: (file): unknown link [[link:needs-assesment]]: use one of: age-uk" in captured.err
    assert main(["check", "--root", str(council), "--today", "2026-12-01"]) == 1
    assert "'should add' looks like unfinished wording" in capsys.readouterr().out


def test_onward_links_use_the_councils_pages_and_the_national_list(page, site):
    links = {a.get_text(strip=True): a["href"] for a in page("guides/paying-for-your-own-care/").select(".app-prose a")}
    needs = site.settings["council_links"]["needs-assessment"]
    assert links[needs["text"]] == needs["url"]
    assert links["Attendance Allowance on GOV.UK"] == "https://www.gov.uk/attendance-allowance"
    complaints = {a["href"] for a in page("guides/concerns-and-complaints/").select(".app-prose a")}
    assert {"https://www.lgo.org.uk/adult-social-care", "https://www.cqc.org.uk/give-feedback-on-care"} <= complaints
    assert site.settings["council_links"]["complaints"]["url"] in complaints
    assert "../../shortlist/" in {a["href"] for a in page("guides/choosing-a-provider/").select(".app-prose a")}


def test_a_council_can_replace_a_national_link(council, tmp_path, capsys):
    settings = yaml.safe_load((council / "config" / "site.yaml").read_text())
    own = {"text": "Our own Attendance Allowance advice", "url": "https://www.example.org/benefits"}
    configure(council, council_links={**settings["council_links"], "attendance-allowance": own})
    assert build(council, tmp_path, capsys)[0] == 0
    page = (tmp_path / "out" / "guides" / "paying-for-your-own-care" / "index.html").read_text()
    assert 'href="https://www.example.org/benefits">Our own Attendance Allowance advice</a>' in page
    assert "https://www.gov.uk/attendance-allowance" not in page


def test_the_capital_limits_and_their_year_come_from_the_config(council, tmp_path, capsys, page):
    text = page("guides/paying-for-your-own-care/").get_text(" ")
    assert "In 2025 to 2026" in text and "£23,250" in text and "£14,250" in text
    configure(council, capital_limits={"year": "2026 to 2027", "upper_gbp": 24000, "lower_gbp": 15000})
    assert build(council, tmp_path, capsys)[0] == 0
    changed = (tmp_path / "out" / "guides" / "paying-for-your-own-care" / "index.html").read_text()
    assert "In 2026 to 2027" in changed and "£24,000" in changed and "£15,000" in changed and "£23,250" not in changed


def test_every_council_link_the_guides_need_is_required_by_the_config(council):
    configure(
        council, council_links={"needs-assessment": {"text": "Ask for an assessment", "url": "https://x.example.org"}}
    )
    with pytest.raises(Exception, match="council_links"):
        load_site(council)


STATEMENT_SECTIONS = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "Content that's not within the scope of the accessibility regulations",
    "How we tested this website",
    "Preparation of this statement",
]


def test_the_accessibility_statement_has_every_section_of_the_public_sector_format(page):
    soup = page("guides/accessibility-statement/")
    headings = [h.get_text(strip=True) for h in soup.select(".app-prose h2, .app-prose h3")]
    assert headings == STATEMENT_SECTIONS
    text = " ".join(soup.select_one(".app-prose").get_text(" ").split())
    assert "This statement was prepared on 24 November 2026. It was last reviewed on 24 November 2026." in text
    assert "has not yet tested this website by hand" in text
    assert "We do not know of any content on this website that fails to meet WCAG 2.2" in text
    assert "https://www.equalityadvisoryservice.com/" in {a["href"] for a in soup.select(".app-prose a")}


def test_the_statement_follows_the_councils_own_testing_and_known_problems(council, tmp_path, capsys):
    configure(
        council,
        accessibility_statement={
            "prepared_on": "2026-11-24",
            "last_reviewed_on": "2027-01-10",
            "manual_test": {"on": "2027-01-05", "by": "the council's digital accessibility team"},
            "known_problems": [
                "The area booklets' tables are hard to follow with a screen reader (WCAG 1.3.1). Fix due March 2027."
            ],
        },
    )
    assert build(council, tmp_path, capsys)[0] == 0
    text = (tmp_path / "out" / "guides" / "accessibility-statement" / "index.html").read_text()
    assert "partially compliant" in text and "(WCAG 1.3.1)" in text
    assert "last tested by hand on 5 January 2027 by the council&#39;s digital accessibility team" in text
