"""The shortlist comparison on phones, its extra facts, shared links and the count in the navigation."""

import json
from urllib.parse import urlsplit

import pytest

from care_directory.outputs.keyword_index import shard_of
from conftest import search_records

THREE = ["chatteris-paperwork-pal", "fen-edge-home-care", "wisbech-walk-and-talk"]
FIVE = [*THREE, "ely-evening-care", "bright-days-home-support"]
ROWS = [
    "Services",
    "Based in",
    "Areas",
    "Languages",
    "Availability",
    "Days and times",
    "Prices",
    "Payment",
    "Checks seen by the council",
    "Regulation",
    "Residents' rating",
    "Contact",
]


def save_shortlist(page, address, slugs):
    """Put slugs on the shortlist as shortlist-store.js keeps it, then open the shortlist page."""
    page.goto(f"{address}/shortlist/")
    page.evaluate(f"localStorage.setItem('care-directory-shortlist:/', {json.dumps(json.dumps(slugs))})")
    page.reload()
    page.wait_for_selector("#shortlist-app:not([data-loading])")


def loaded(page):
    page.wait_for_selector("#shortlist-app:not([data-loading])")
    return page


def table_names(page):
    return page.locator("table.app-compare thead th a").all_inner_texts()


def card_names(page):
    return page.locator(".app-compare-card h3 a").all_inner_texts()


def row(page, heading):
    cells = page.locator(f"table.app-compare tbody tr:has(th:text-is('{heading}')) td").all_inner_texts()
    return [" ".join(cell.split()) for cell in cells]


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_the_checks_summary_names_checks_and_insurance_and_counts_training(sample_build):
    _, directory = sample_build
    pal = next(p for p in directory.providers if p.slug == "chatteris-paperwork-pal")
    assert pal.checks_summary == (
        "Identity check",
        "Right to work in the UK",
        "Enhanced DBS check",
        "Customer references seen",
        "Public liability insurance",
        "5 training courses",
    )
    [card] = json.loads((sample_build[0] / "search" / "cards" / "0.json").read_text(encoding="utf-8"))["cards"][:1]
    assert "c" in search_records(sample_build[0])[0] and "c" not in card


def test_on_a_phone_each_provider_is_a_card_with_the_same_facts(new_page, served_sample):
    page = new_page(viewport={"width": 375, "height": 800})
    save_shortlist(page, served_sample, THREE)
    assert not page.locator("table.app-compare").is_visible()
    assert card_names(page) == ["Chatteris Paperwork Pal", "Fen Edge Home Care", "Wisbech Walk and Talk"]
    first = page.locator(".app-compare-card").first
    assert [t.strip() for t in first.locator("dt").all_inner_texts()] == ROWS
    facts = dict(
        zip(
            [t.strip() for t in first.locator("dt").all_inner_texts()],
            [" ".join(t.split()) for t in first.locator("dd").all_inner_texts()],
            strict=True,
        )
    )
    assert facts["Based in"] == "Chatteris (PE16)"
    assert facts["Checks seen by the council"].endswith("Public liability insurance 5 training courses")
    assert no_sideways_scroll(page)

    page.get_by_role("button", name="Remove Fen Edge Home Care from shortlist").click()
    assert card_names(page) == ["Chatteris Paperwork Pal", "Wisbech Walk and Talk"]
    assert page.locator("#shortlist-status").inner_text() == "Fen Edge Home Care removed from your shortlist."


def test_five_providers_need_no_sideways_scrolling_at_320_pixels(new_page, served_sample):
    page = new_page(viewport={"width": 320, "height": 640})
    save_shortlist(page, served_sample, FIVE)
    assert len(card_names(page)) == 5
    assert no_sideways_scroll(page)
    # Nothing inside a card is wider than the card.
    assert page.evaluate(
        "[...document.querySelectorAll('.app-compare-card')].every((c) => c.scrollWidth <= c.clientWidth)"
    )


def test_on_a_wide_screen_the_table_has_the_new_rows(new_page, served_sample):
    page = new_page(viewport={"width": 1280, "height": 900})
    save_shortlist(page, served_sample, THREE)
    assert not page.locator(".app-compare-cards").is_visible()
    assert table_names(page) == ["Chatteris Paperwork Pal", "Fen Edge Home Care", "Wisbech Walk and Talk"]
    assert [th.strip() for th in page.locator("table.app-compare tbody th").all_inner_texts()] == ROWS
    assert row(page, "Based in") == ["Chatteris (PE16)", "March (PE15)", "Wisbech (PE13)"]
    assert row(page, "Languages") == ["English", "English", "English Lithuanian Russian"]
    assert row(page, "Days and times")[0] == "Monday to Thursday. Mornings and afternoons"
    assert row(page, "Checks seen by the council")[1] == (
        "Identity check Right to work in the UK Enhanced DBS check Public liability insurance "
        "Employers' liability insurance 7 training courses"
    )
    assert no_sideways_scroll(page)


def test_printing_shows_the_table_even_on_a_narrow_screen(new_page, served_sample):
    page = new_page(viewport={"width": 375, "height": 800})
    save_shortlist(page, served_sample, THREE)
    page.emulate_media(media="print")
    assert page.locator("table.app-compare").is_visible()
    assert not page.locator(".app-compare-cards").is_visible()


def share_link(page):
    return page.get_by_role("region", name="Share this shortlist").get_by_role("link").get_attribute("href")


def test_a_shared_link_opens_the_same_comparison_elsewhere_and_can_be_saved(new_page, served_sample):
    mine = new_page()
    save_shortlist(mine, served_sample, THREE)
    link = mine.locator("#shortlist-share-link")
    href = link.get_attribute("href")
    assert href == f"{served_sample}/shortlist/?p={','.join(THREE)}"
    assert link.inner_text() == href  # the address itself, to copy by hand

    # Someone helping, with an empty shortlist of their own.
    theirs = new_page(viewport={"width": 375, "height": 800})
    theirs.goto(href)
    loaded(theirs)
    assert card_names(theirs) == ["Chatteris Paperwork Pal", "Fen Edge Home Care", "Wisbech Walk and Talk"]
    assert theirs.get_by_role("heading", level=1).inner_text() == "A shared shortlist"
    assert theirs.get_by_role("button", name="Remove Fen Edge Home Care from shortlist").count() == 0
    assert theirs.evaluate("localStorage.length") == 0  # nothing saved until they choose
    theirs.get_by_role("button", name="Save as your shortlist").click()
    assert (
        theirs.locator("#shortlist-status").inner_text() == "These 3 providers are now your shortlist in this browser."
    )
    assert theirs.evaluate("location.search") == ""
    assert theirs.get_by_role("heading", level=1).inner_text() == "Your shortlist"
    assert theirs.get_by_role("link", name="Shortlist, 3 providers", exact=True).is_visible()
    theirs.reload()
    loaded(theirs)
    assert card_names(theirs) == ["Chatteris Paperwork Pal", "Fen Edge Home Care", "Wisbech Walk and Talk"]


def test_a_shared_link_never_silently_replaces_a_different_shortlist(new_page, served_sample):
    page = new_page()
    save_shortlist(page, served_sample, ["ely-evening-care"])
    page.goto(f"{served_sample}/shortlist/?p={THREE[0]},no-such-provider,{THREE[2]}")
    loaded(page)
    assert table_names(page) == ["Chatteris Paperwork Pal", "Wisbech Walk and Talk"]
    assert page.locator("#shortlist-status").inner_text() == "1 provider in this link is no longer listed."
    assert (
        "You already have 1 provider on your shortlist in this browser"
        in page.locator("#shortlist-shared").inner_text()
    )
    # Looking at the link changed nothing saved.
    assert page.get_by_role("link", name="Shortlist, 1 provider", exact=True).is_visible()
    page.get_by_role("button", name="Replace your shortlist with these 2 providers").click()
    assert page.get_by_role("link", name="Shortlist, 2 providers", exact=True).is_visible()
    page.goto(f"{served_sample}/shortlist/")
    assert table_names(loaded(page)) == ["Chatteris Paperwork Pal", "Wisbech Walk and Talk"]


def test_a_link_to_the_saved_shortlist_offers_nothing_to_save(new_page, served_sample):
    page = new_page()
    save_shortlist(page, served_sample, THREE)
    page.goto(share_link(page))
    loaded(page)
    assert "This is the same as the shortlist saved in this browser." in page.locator("#shortlist-shared").inner_text()
    assert not page.locator("#shortlist-save").is_visible()


@pytest.mark.parametrize(
    "query, message",
    [
        (
            "?p=gone-away",
            "1 provider in this link is no longer listed. There are no providers in this link to compare.",
        ),
        (
            "?p=gone-a,<script>,",
            "2 providers in this link are no longer listed. There are no providers in this link to compare.",
        ),
        ("?p=", "There are no providers in this link to compare."),
    ],
)
def test_a_link_with_no_listed_providers_says_so_and_the_page_still_works(new_page, served_sample, query, message):
    page = new_page()
    page.goto(f"{served_sample}/shortlist/{query}")
    loaded(page)
    assert page.locator("#shortlist-status").inner_text() == message
    assert page.locator("table.app-compare").count() == 0
    assert not page.locator("#shortlist-save").is_visible()
    assert not page.locator("#shortlist-share").is_visible()
    assert page.get_by_role("link", name="See the shortlist saved in this browser").is_visible()


def test_the_copy_button_copies_the_link_and_says_so(browser, served_sample):
    context = browser.new_context()
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_sample)
        # Chromium on Linux has no Web Share; the clipboard is the path here.
        context.add_init_script("delete Navigator.prototype.share")
        page = context.new_page()
        save_shortlist(page, served_sample, THREE)
        page.get_by_role("button", name="Copy link").click()
        status = page.locator("#shortlist-share-status")
        assert status.get_attribute("role") == "status"
        page.get_by_text("Link copied. You can paste it into an email or a message.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == share_link(page)
    finally:
        context.close()


def test_the_navigation_counts_the_shortlist_on_every_page_and_as_it_changes(new_page, served_sample):
    page = new_page()
    page.goto(f"{served_sample}/search/?district=fenland")
    page.wait_for_selector("#search-app:not([data-loading])")
    nav = page.locator("[data-shortlist-nav]")
    assert nav.inner_text().strip() == "Shortlist"
    page.get_by_role("button", name="Add Chatteris Paperwork Pal to shortlist").click()
    assert page.get_by_role("link", name="Shortlist, 1 provider", exact=True).is_visible()
    assert nav.inner_text().strip() == "Shortlist (1)"
    page.get_by_role("button", name="Add Fen Edge Home Care to shortlist").click()
    assert page.get_by_role("link", name="Shortlist, 2 providers", exact=True).is_visible()

    for path in ["/guides/", "/providers/wisbech-walk-and-talk/"]:
        page.goto(f"{served_sample}{path}")
        assert page.get_by_role("link", name="Shortlist, 2 providers", exact=True).is_visible(), path
    page.get_by_role("button", name="Add Wisbech Walk and Talk to shortlist").click()
    assert nav.inner_text().strip() == "Shortlist (3)"

    page.goto(f"{served_sample}/shortlist/")
    loaded(page)
    page.get_by_role("button", name="Remove Fen Edge Home Care from shortlist").click()
    assert page.get_by_role("link", name="Shortlist, 2 providers", exact=True).is_visible()
    page.get_by_role("button", name="Clear your shortlist").click()
    assert nav.inner_text().strip() == "Shortlist"


def test_without_javascript_the_navigation_says_shortlist(new_page, served_sample):
    page = new_page(java_script_enabled=False)
    page.goto(f"{served_sample}/shortlist/?p={','.join(THREE)}")
    assert page.locator("[data-shortlist-nav]").inner_text().strip() == "Shortlist"
    assert "needs JavaScript" in page.locator("#shortlist-fallback").inner_text()


def test_an_empty_shortlist_offers_nothing_to_clear_or_share(new_page, served_sample):
    page = new_page()
    page.goto(f"{served_sample}/shortlist/")
    assert loaded(page).locator("#shortlist-status").inner_text().startswith("Your shortlist is empty.")
    assert not page.get_by_role("button", name="Clear your shortlist").is_visible()
    assert not page.get_by_role("heading", name="Share this shortlist").is_visible()


def test_the_page_fetches_only_the_shards_holding_the_listed_providers(new_page, served_sample, sample_output):
    page = new_page()
    save_shortlist(page, served_sample, [])
    fetched = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    page.evaluate(f"localStorage.setItem('care-directory-shortlist:/', {json.dumps(json.dumps(THREE))})")
    page.reload()
    page.wait_for_selector("#shortlist-app:not([data-loading])")
    shards = json.loads((sample_output / "search" / "shortlist.json").read_text())["shards"]
    expected = {f"/search/shortlist/{shard_of(slug, shards)}.json" for slug in THREE}
    assert {path for path in fetched if path.startswith("/search/")} == {"/search/shortlist.json", *expected}
    assert len(expected) < shards
