"""What residents print: the area booklets and provider pages, printed to A4 PDFs by Chromium.

Chromium prints the page as a resident's "Print" would (page.pdf with the
print stylesheet and the page's own @page rules); pypdf reads the result
back a page at a time. Text is compared after NFKC normalisation (the
margin font prints "fi" as a ligature) and with all white space removed
(lines wrap differently from the HTML).
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

# How many A4 pages each fixture booklet may take. Measured on 2026-12-01
# with Debian's Chromium: before the compact entries every booklet took 6 to
# 8 pages (one or two providers to a sheet); now each page holds four or five
# entries after a one-page introduction and contents list, and the questions
# to ask fill the end of the last page.
BOOKLET_PAGES = {
    "cambridge": (8, 3),  # 8 providers fit on at most 3 pages (6 before)
    "east-cambridgeshire": (9, 3),  # 9 providers on at most 3 pages (6 before)
    "fenland": (9, 3),  # 9 providers on at most 3 pages (6 before)
    "huntingdonshire": (12, 4),  # 12 providers on at most 4 pages (8 before)
    "south-cambridgeshire": (11, 4),  # 11 providers on at most 4 pages (7 before)
}
NOTICE = "This is a demonstration. The providers listed here are fictional: do not contact them."


def squeezed(text: str) -> str:
    """Text as comparable: ligatures undone, no white space at all."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def printed(browser, served_sample):
    """Print a site path to A4 with Chromium; returns the text of each page (cached per path)."""
    pdfs: dict[str, list[str]] = {}

    def print_path(path: str) -> list[str]:
        if path not in pdfs:
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{served_sample}/{path}")
            page.wait_for_load_state("load")
            reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
            pdfs[path] = [p.extract_text() for p in reader.pages]
            context.close()
        return pdfs[path]

    return print_path


@pytest.mark.parametrize("district_id", BOOKLET_PAGES)
def test_a_printed_booklet_fits_its_providers_on_few_pages(printed, sample_build, district_id):
    _, directory = sample_build
    providers, most = BOOKLET_PAGES[district_id]
    assert len(directory.by_district[district_id]) == providers, "the fixture changed: measure again"
    pages = printed(f"areas/{district_id}/print/")
    assert len(pages) <= most, f"{district_id}'s {providers} providers should fit on at most {most} A4 pages"
    # No blank sheets: every page carries entries or the questions to ask.
    for number, text in enumerate(pages, start=1):
        assert "Checked by the council" in text or "Questions to ask" in text, f"page {number} has no content"


@pytest.mark.parametrize("district_id", BOOKLET_PAGES)
def test_every_printed_booklet_page_has_the_running_header_number_and_notice(printed, site, district_id):
    pages = printed(f"areas/{district_id}/print/")
    council, area = site.settings["council_name"], site.districts[district_id]
    header = f"{council} · Care and support in {area} · Printed from the directory of 1 December 2026"
    for number, text in enumerate(pages, start=1):
        assert squeezed(header) in squeezed(text), f"page {number}"
        assert squeezed(f"Page {number} of {len(pages)}") in squeezed(text), f"page {number}"
        assert squeezed(NOTICE) in squeezed(text), f"page {number} lacks the demonstration notice"


def test_each_printed_entry_is_whole_on_one_page_with_what_residents_need(printed, sample_build):
    _, directory = sample_build
    pages = [squeezed(text) for text in printed("areas/fenland/print/")]
    for provider in directory.by_district["fenland"]:
        # The last page naming the provider holds its entry (the contents list comes first).
        on = max(n for n, text in enumerate(pages) if squeezed(provider.name) in text)
        facts = [
            f"Basedin{provider.town}",
            provider.phone or "No phone",
            provider.email or "No email",
            provider.days or "Ask the provider",
            provider.times or "Ask the provider",
            ", ".join(("English", *provider.languages)),
            provider.price_from,
            "Checked by the council:",
        ]
        for fact in facts:
            assert squeezed(fact) in pages[on], f"{provider.name}: {fact!r} is not on page {on + 1} with its name"


def test_the_printed_booklet_starts_with_providers_by_type_of_help(printed):
    first = squeezed(printed("areas/fenland/print/")[0])
    assert squeezed("Providers by type of help") in first
    assert squeezed("Help with paperwork, letters and bills: Chatteris Paperwork Pal") in first


def test_without_the_notice_attribute_no_notice_prints_in_the_margins(new_page, served_sample):
    """The margins follow data-print-notice, which base.html sets only when demonstration_notice.show is on."""
    page = new_page()
    page.goto(f"{served_sample}/areas/fenland/print/")
    page.evaluate(
        "() => { document.documentElement.removeAttribute('data-print-notice');"
        " document.querySelector('.govuk-phase-banner').remove(); }"
    )
    text = squeezed(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages[0].extract_text())
    assert squeezed("Page 1 of") in text
    assert squeezed("The providers listed here are fictional") not in text


def test_a_printed_provider_page_gives_contact_details_before_the_description(printed):
    pages = printed("providers/bright-days-home-support/")
    first = squeezed(pages[0])
    order = [
        "Bright Days Home Support",
        "Friendly help with washing, dressing and meals",
        "Contact Bright Days Home Support",
        "Phone: 07700 900101",
        "Email: maria@brightdays.example.org",
        "About Bright Days Home Support",
        "Bright Days is run by Maria",
    ]
    positions = [first.find(squeezed(text)) for text in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions), "page 1 should read name, summary, contact details, then the description"
    # The side column's copy does not print: the contact box appears once.
    assert sum(squeezed("Contact Bright Days Home Support") in squeezed(text) for text in pages) == 1
    assert squeezed(NOTICE) in first and squeezed("Page 1 of") in first


def test_a_printed_provider_page_has_no_site_addresses_and_no_report_link(printed):
    for path in ["providers/bright-days-home-support/", "providers/burwell-bathing-service/"]:
        text = squeezed("".join(printed(path)))
        assert squeezed("care-directory.example.org") not in text, path  # no address after services, areas
        assert squeezed("Report a change or concern") not in text, path
        assert squeezed("Something wrong?") not in text, path


def test_a_printed_provider_page_shows_where_its_website_is(printed, sample_build):
    _, directory = sample_build
    provider = next(p for p in directory.providers if p.slug == "burwell-bathing-service")
    assert provider.website
    text = squeezed("".join(printed(f"{provider.path}")))
    assert squeezed(f"Website ({provider.website})") in text


def test_on_screen_the_provider_page_shows_its_contact_box_once(new_page, served_sample):
    page = new_page()
    page.goto(f"{served_sample}/providers/bright-days-home-support/")
    assert page.get_by_role("heading", name="Contact Bright Days Home Support").count() == 1
    assert page.locator("aside.app-contact").is_visible()
    assert page.locator("#printed-contact").is_hidden()
    assert page.get_by_role("link", name="Report a change or concern about this listing").is_visible()
    page.emulate_media(media="print")
    assert page.locator("aside.app-contact").is_hidden()
    assert page.locator("#printed-contact").is_visible()
    for selector in [".govuk-service-navigation", ".govuk-generic-header", ".govuk-footer", ".govuk-breadcrumbs"]:
        assert page.locator(selector).first.is_hidden(), selector
