"""Shortlist, comparison, printing, area booklets, related guides: the resident's journey."""

import pytest
from test_shortlist import ROWS


def compared_names(page):
    page.wait_for_selector("#shortlist-app:not([data-loading])")
    return page.locator("table.app-compare thead th a").all_inner_texts()


def row(page, heading):
    return [
        " ".join(cell.split())
        for cell in page.locator(f"table.app-compare tbody tr:has(th:text-is('{heading}')) td").all_inner_texts()
    ]


def test_shortlist_three_providers_compare_reload_and_remove_one(new_page, served_sample):
    page = new_page()
    page.goto(f"{served_sample}/search/?district=fenland")
    page.get_by_role("button", name="Add Chatteris Paperwork Pal to shortlist").click()
    page.get_by_role("button", name="Add Fen Edge Home Care to shortlist").click()
    assert page.get_by_text("Fen Edge Home Care added. 2 of 5 on your shortlist.").is_visible()
    page.goto(f"{served_sample}/providers/wisbech-walk-and-talk/")
    page.get_by_role("button", name="Add Wisbech Walk and Talk to shortlist").click()
    page.get_by_role("link", name="Compare your shortlist").click()

    assert compared_names(page) == ["Chatteris Paperwork Pal", "Fen Edge Home Care", "Wisbech Walk and Talk"]
    assert [th.strip() for th in page.locator("table.app-compare tbody th").all_inner_texts()] == ROWS
    assert row(page, "Areas")[0] == "Fenland Postcodes: PE16, PE15"
    assert row(page, "Prices")[0] == "Help with paperwork, letters and bills: £21 an hour"
    assert row(page, "Payment")[1] == "Accepts Direct Payments Accepts people paying for themselves"
    assert row(page, "Regulation")[1].startswith("Registered with the Care Quality Commission")
    assert page.locator("table.app-compare a[href^='tel:']").count() == 3

    page.reload()
    assert compared_names(page) == ["Chatteris Paperwork Pal", "Fen Edge Home Care", "Wisbech Walk and Talk"]
    page.get_by_role("button", name="Remove Fen Edge Home Care from shortlist").click()
    assert compared_names(page) == ["Chatteris Paperwork Pal", "Wisbech Walk and Talk"]
    assert page.locator("#shortlist-status").inner_text() == "Fen Edge Home Care removed from your shortlist."
    page.reload()
    assert compared_names(page) == ["Chatteris Paperwork Pal", "Wisbech Walk and Talk"]


def test_the_shortlist_holds_five_at_most(new_page, served_sample):
    page = new_page()
    page.goto(f"{served_sample}/search/")
    page.wait_for_selector("#search-app:not([data-loading])")
    buttons = page.locator("#results button")
    for i in range(5):
        buttons.nth(i).click()
    buttons.nth(5).click()
    assert (
        "Your shortlist is full. You can compare up to 5 providers"
        in page.locator("#results [role=status]").nth(5).inner_text()
    )
    page.goto(f"{served_sample}/shortlist/")
    assert len(compared_names(page)) == 5


def test_without_javascript_there_are_no_shortlist_buttons_and_the_page_explains(new_page, served_sample):
    page = new_page(java_script_enabled=False)
    page.goto(f"{served_sample}/providers/bright-days-home-support/")
    assert page.get_by_role("button").count() == 0
    page.goto(f"{served_sample}/shortlist/")
    assert "needs JavaScript" in page.locator("#shortlist-fallback").inner_text()


# Provider pages and booklets print no address after the site's own links (tests/test_print.py).
@pytest.mark.parametrize("path", ["/guides/choosing-a-provider/", "/shortlist/"])
def test_printing_hides_the_navigation_and_shows_where_links_go(new_page, served_sample, path):
    page = new_page()
    page.goto(f"{served_sample}{path}")
    page.emulate_media(media="print")
    for selector in [
        ".govuk-service-navigation",
        ".govuk-generic-header",
        ".govuk-footer",
        ".govuk-breadcrumbs",
        ".govuk-skip-link",
    ]:
        assert page.evaluate("(s) => getComputedStyle(document.querySelector(s)).display", selector) == "none", selector
    printed = page.evaluate(
        '() => getComputedStyle(document.querySelector(\'#main-content a[href^="/"], .govuk-footer a[href^="/"]\'), '
        "'::after').content"
    )
    assert printed.startswith('" (https://care-directory.example.org/')
    page.emulate_media(media="screen")
    assert (
        page.evaluate("() => getComputedStyle(document.querySelector('.govuk-service-navigation')).display") != "none"
    )


def test_contact_details_stand_out_on_a_printed_provider_page(new_page, served_sample):
    page = new_page()
    page.goto(f"{served_sample}/providers/bright-days-home-support/")
    page.emulate_media(media="print")
    border = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('.app-contact')); return [s.borderTopStyle, "
        "s.borderTopWidth]; }"
    )
    assert border == ["solid", "2px"]


def test_each_area_has_a_printable_booklet_of_its_providers(page, sample_build, site):
    _, directory = sample_build
    for district_id, name in site.districts.items():
        area = page(f"areas/{district_id}/")
        assert area.find("a", string="Print the list for this area")["href"] == f"/areas/{district_id}/print/"
        booklet = page(f"areas/{district_id}/print/")
        assert booklet.h1.get_text(strip=True) == f"Care and support in {name}"
        entries = booklet.select(".app-booklet-entry")
        assert [e.h3.get_text(strip=True) for e in entries] == [p.name for p in directory.by_district[district_id]]
        for entry, provider in zip(entries, directory.by_district[district_id], strict=True):
            text = " ".join(entry.get_text(" ", strip=True).split())
            assert provider.phone in text and provider.price_from in text
            assert f"Based in {provider.town}" in text
            assert (provider.email or "No email") in text
            assert (provider.days or "Ask the provider") in text and (provider.times or "Ask the provider") in text
            assert ", ".join(("English", *provider.languages)) in text
            assert "Checked by the council: identity check" in text
        assert booklet.select_one("#questions")


def test_a_booklet_starts_with_its_providers_by_type_of_help(page, sample_build, site):
    _, directory = sample_build
    booklet = page("areas/fenland/print/")
    contents = {
        li.select_one(".app-booklet-contents__service").get_text(strip=True).rstrip(":"): [
            a.get_text(strip=True) for a in li.select("a")
        ]
        for li in booklet.select(".app-booklet-contents__list > li")
    }
    fenland = directory.by_district["fenland"]
    for service in site.vocabulary.services.values():
        offering = [p.name for p in fenland if service.id in p.service_ids]
        assert contents.get(service.label, []) == offering, service.label
    # Each name goes to its entry further down the page.
    for link in booklet.select(".app-booklet-contents a"):
        assert booklet.select_one(link["href"]).name == "h3"


def test_provider_pages_link_the_guides_that_fit_them(page):
    direct_payments = page("providers/bright-days-home-support/")
    private_only = page("providers/march-mobile-hair-and-nails/")  # self-funders only

    def related(soup):
        return [a["href"] for a in soup.select(".app-related a")]

    assert "/guides/paying-with-a-direct-payment/" in related(direct_payments)
    assert "/guides/paying-with-a-direct-payment/" not in related(private_only)
    assert "/guides/paying-for-your-own-care/" in related(private_only)
    assert "/guides/choosing-a-provider/" in related(private_only)
