"""The search page in Chromium: the resident's journey, the URL, the back button, keyboard, no JavaScript."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect


@pytest.fixture
def page(browser, served_sample):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def result_names(page):
    return page.locator("#results .app-result__title a").all_inner_texts()


def words(text):
    return " ".join(text.split())


def query_of(page):
    return parse_qs(urlsplit(page.url).query)


def test_a_resident_searches_by_postcode_filters_shares_and_goes_back(page, served_sample):
    page.goto(f"{served_sample}/search/")
    page.get_by_label("Postcode").fill("cb4 1ab")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**postcode=cb4+1ab")
    near_cb4 = result_names(page)
    assert len(near_cb4) > 2

    page.locator("#search-form summary", has_text="Personal care").click()  # open the group
    page.get_by_label("Washing and bathing").check()
    page.get_by_label("With a Direct Payment").check()
    page.wait_for_url("**payment=direct-payments")
    assert query_of(page) == {
        "postcode": ["cb4 1ab"],
        "service": ["washing-and-bathing"],
        "payment": ["direct-payments"],
    }
    assert result_names(page) == ["Bright Days Home Support", "Histon Helping Hands"]
    assert page.locator("#result-count").inner_text() == "2 providers found covering CB4, nearest first"
    assert page.locator("#result-count").get_attribute("aria-live") == "polite"
    assert "less than a mile away" in page.locator("#results li").first.inner_text()

    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    other.wait_for_selector("#results li")
    assert result_names(other) == ["Bright Days Home Support", "Histon Helping Hands"]
    assert other.get_by_label("Washing and bathing").is_checked()

    page.go_back()
    page.wait_for_url("**service=washing-and-bathing")
    assert not page.get_by_label("With a Direct Payment").is_checked()
    page.go_back()
    page.wait_for_url("**postcode=cb4+1ab")
    assert result_names(page) == near_cb4


def test_keyword_search_from_the_home_page(page, served_sample):
    page.goto(f"{served_sample}/")
    page.get_by_label("Search for help").fill("groceries")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector("#results li")
    assert "St Neots Shopping Service" in result_names(page)
    assert page.get_by_label("Keywords").input_value() == "groceries"


def test_a_bad_postcode_gets_an_error_summary_not_an_empty_page(page, served_sample):
    page.goto(f"{served_sample}/search/?postcode=LS1+4AP")
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert summary.inner_text().splitlines()[-1] == "LS1 is outside Cambridgeshire. Enter a postcode in Cambridgeshire"
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert (
        words(page.locator("#postcode-error").text_content())
        == "Error: LS1 is outside Cambridgeshire. Enter a postcode in Cambridgeshire"
    )
    page.get_by_role("link", name="LS1 is outside Cambridgeshire").click()
    assert page.evaluate("document.activeElement.id") == "postcode"
    page.get_by_label("Postcode").fill("nonsense")
    page.keyboard.press("Enter")
    page.wait_for_url("**postcode=nonsense")
    assert words(page.locator("#postcode-error").text_content()) == "Error: Enter a real postcode, like CB4 1AB or CB4"


def test_no_results_says_what_to_try(page, served_sample):
    page.goto(f"{served_sample}/search/?language=Polish&district=cambridge")
    page.wait_for_selector("#search-status:not([hidden])")
    assert page.locator("#result-count").inner_text() == "No providers found"
    assert "Try removing a filter" in page.locator("#search-status").inner_text()


def wait_for_results(page, count_text):
    """Wait for what the page announces: loading over, and the result count (a live region) saying count_text."""
    page.wait_for_selector("#search-app:not([data-loading])")
    expect(page.locator("#result-count")).to_have_text(count_text)


def test_the_search_works_by_keyboard_alone(page, served_sample):
    page.goto(f"{served_sample}/search/")
    wait_for_results(page, re.compile(r"^\d+ providers found$"))
    page.locator("#q").focus()
    page.keyboard.type("bath")
    page.keyboard.press("Tab")  # leaving the field applies it
    page.wait_for_url("**q=bath")
    page.keyboard.type("pe13")
    page.keyboard.press("Enter")
    page.wait_for_url("**postcode=pe13")
    # The keyword index may still be loading: the page says "Searching…" until it has the results.
    wait_for_results(page, re.compile(r"^\d+ providers? found covering PE13, nearest first$"))
    names = result_names(page)
    assert names and all(name for name in names)
    for _ in range(60):  # Tab on to the Direct Payments box and tick it with Space
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "payment-direct-payments":
            break
    page.keyboard.press("Space")
    page.wait_for_url("**payment=direct-payments")
    wait_for_results(page, re.compile(r"^\d+ providers? found covering PE13, nearest first$"))
    page.locator("#results a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/providers/**")
    assert page.get_by_role("heading", level=1).inner_text() in names


def test_without_javascript_the_search_page_leads_to_the_browse_pages(browser, served_sample):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_sample}/search/?q=bath")
    assert page.locator("#search-app").is_hidden()
    page.get_by_role("link", name="Washing and bathing").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Washing and bathing"
    context.close()


def test_the_keyword_index_is_fetched_only_for_keyword_searches(page, served_sample):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url.split("/")[-1]))
    page.goto(f"{served_sample}/search/?postcode=cb4&service=cleaning")
    page.wait_for_selector("#search-app:not([data-loading])")
    assert "providers.json" in fetched and "index.json" not in fetched
    page.get_by_label("Keywords").focus()
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/search/index.json'))"
    )
    page.get_by_label("Keywords").fill("garden")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=garden**")
    page.wait_for_selector("#search-app:not([data-loading])")
    assert "index.json" in fetched
