"""The search page in Chromium: locations, keywords, the phone layout, the address, history, focus, no JavaScript."""

import json
import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from listing_data import write
from playwright.sync_api import expect

from care_directory.config import load_site
from care_directory.outputs.keyword_index import shard_of
from care_directory.pipeline import publish
from conftest import BUILD_DATE, SAMPLE_SITE, search_records

PHONE = {"width": 375, "height": 667}
LIGHTHOUSE_PHONE = {"width": 412, "height": 823}  # the phone Lighthouse's mobile audit emulates
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def open_page(browser):
    """Pages in fresh contexts of a given size; fails the test on any script error."""
    contexts, errors = [], []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()
    assert errors == []


@pytest.fixture
def page(open_page):
    return open_page()


def result_names(page):
    return page.locator("#results .app-result__title a").all_inner_texts()


def words(text):
    return " ".join(text.split())


def query_of(page):
    return parse_qs(urlsplit(page.url).query)


def hold_requests(page, pattern):
    """Hold the page's requests for pattern until the returned release() is called; later ones go straight through."""
    held, holding = [], [True]

    def handle(route):
        if holding[0]:
            held.append(route)
        else:
            route.continue_()

    def release():
        holding[0] = False
        for route in held:
            route.continue_()

    page.route(pattern, handle)
    return release


def shown_at(page, address):
    """Wait until the page has finished showing the search whose address matches the pattern `address`."""
    page.wait_for_url(re.compile(address))
    page.wait_for_selector("#search-app:not([data-loading])")


def search_for(page, served_sample, query):
    page.goto(f"{served_sample}/search/?{query}")
    page.wait_for_selector("#search-app:not([data-loading])")


def distances(page):
    """Each result's distance in miles as the page words it: "in your area" is 0, "about 4 miles away" is 4."""
    miles = []
    for text in page.locator("#results li.app-result").all_inner_texts():
        if "in your area" in text:
            miles.append(0)
        else:
            miles.append(int(re.search(r"about (\d+) miles? away", text).group(1)))
    return miles


@pytest.mark.parametrize("location", ["CB4 1AA", "CB6 1AA", "PE15", "cb23"])
def test_full_and_district_postcodes_list_covering_providers_nearest_first(page, served_sample, location):
    search_for(page, served_sample, f"location={location}")
    heading = page.locator("#result-count").inner_text()
    assert re.fullmatch(rf"\d+ providers? near {location.upper()}", heading)
    miles = distances(page)
    assert miles and miles == sorted(miles)
    assert page.locator("#distance-note").is_visible()
    assert "centre of the postcode district" in page.locator("#distance-note").inner_text()


def test_a_place_name_is_a_location(page, served_sample):
    search_for(page, served_sample, "location=Bar+Hill")
    assert re.fullmatch(r"\d+ providers? near Bar Hill", page.locator("#result-count").inner_text())
    miles = distances(page)
    assert miles and miles == sorted(miles)


def test_an_ambiguous_place_asks_which_and_the_answer_searches(page, served_sample):
    search_for(page, served_sample, "location=St+Ives")
    expect(page.locator("#result-count")).to_have_text("More than one place is called St Ives")
    options = page.locator("#place-options label").all_inner_texts()
    assert options[0] == "St Ives (Cambridgeshire), Huntingdonshire" and len(options) > 1
    assert page.get_by_label("St Ives (Cambridgeshire), Huntingdonshire").is_checked()
    page.get_by_role("button", name="Show providers near this place").click()
    page.wait_for_url(re.compile(r"location=St\+Ives\+%28Cambridgeshire%29"))
    expect(page.locator("#result-count")).to_have_text(re.compile(r"^\d+ providers? near St Ives \(Cambridgeshire\)$"))
    assert "St Neots" not in " ".join(page.locator("#results").all_inner_texts())
    assert distances(page) == sorted(distances(page))


@pytest.mark.parametrize(
    "location, council, first_link",
    [
        ("PE1 1AB", "Peterborough", "Peterborough's directory of care and support"),
        ("CB9", "West Suffolk", "Suffolk's directory of care and support"),
    ],
)
def test_a_location_in_another_council_is_named_with_its_directory(page, served_sample, location, council, first_link):
    search_for(page, served_sample, f"location={location}")
    assert page.locator("#out-of-area-text").inner_text() == (
        f"{location} is in {council}. This directory lists care micro-enterprises working in Cambridgeshire."
    )
    links = page.locator("#neighbour-links a")
    assert links.first.inner_text() == first_link
    assert links.first.get_attribute("href").startswith("https://")
    assert "Try removing a filter" not in page.locator("#search-notes").inner_text()


def test_every_keyword_must_match(page, served_sample):
    search_for(page, served_sample, "q=bath")
    bath = result_names(page)
    search_for(page, served_sample, "q=help+with+bath")
    every = result_names(page)
    assert every and set(every) <= set(bath)
    search_for(page, served_sample, "q=bath+gardening")
    assert result_names(page) == []


def test_a_place_among_the_keywords_becomes_the_location(page, served_sample):
    search_for(page, served_sample, "q=washing+Ely")
    assert re.fullmatch(r"\d+ providers? near Ely", page.locator("#result-count").inner_text())
    assert "Showing providers near Ely" in page.locator("#search-status").inner_text()


def test_a_typo_is_forgiven_once_and_the_page_says_so(page, served_sample):
    search_for(page, served_sample, "q=cleening")
    assert "Showing results for cleaning" in page.locator("#search-status").inner_text()
    corrected = result_names(page)
    search_for(page, served_sample, "q=cleaning")
    assert corrected == result_names(page) and corrected


def test_the_title_and_address_keep_the_search(page, served_sample):
    page.goto(f"{served_sample}/search/")
    page.get_by_label("Postcode or town").fill("Ely")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**location=Ely")
    expect(page.locator("#result-count")).to_have_text(re.compile(r"^\d+ providers? near Ely$"))
    count = page.locator("#result-count").inner_text()
    assert page.title() == f"{count} - Find a provider - Find care and support near you - Cambridgeshire County Council"
    shared = page.context.new_page()
    shared.goto(page.url)
    shared.wait_for_selector("#search-app:not([data-loading])")
    assert result_names(shared) == result_names(page)
    assert shared.get_by_label("Postcode or town").input_value() == "Ely"


def test_a_search_made_between_two_changes_keeps_the_first_change_in_history(page, served_sample):
    search_for(page, served_sample, "location=CB4")
    before = page.evaluate("history.length")
    page.get_by_label("With my own money").check()
    shown_at(page, r"payment=self-funding")
    release = hold_requests(page, "**/search/keywords/**")
    page.get_by_label("Keywords").fill("garden")
    page.get_by_label("Keywords").press("Enter")
    page.get_by_label("Only providers taking new clients").check()
    release()
    shown_at(page, r"accepting=yes")
    assert page.evaluate("history.length") == before + 2
    page.go_back()
    page.wait_for_url(re.compile(r"location=CB4&payment=self-funding$"))


def test_a_run_of_select_changes_is_one_history_entry_and_back_undoes_it(page, served_sample):
    search_for(page, served_sample, "location=CB4")
    before = page.evaluate("history.length")
    page.locator("#district").focus()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.wait_for_url(re.compile(r"district="))
    assert page.evaluate("history.length") == before + 1
    page.go_back()
    page.wait_for_url(re.compile(r"location=CB4$"))
    assert page.locator("#district").input_value() == ""


LAYOUT_SHIFT = """new Promise((resolve) => {
  let total = 0;
  const observer = new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) {
      total += entry.hadRecentInput ? 0 : entry.value;
    }
  });
  observer.observe({ type: "layout-shift", buffered: true });
  for (const entry of observer.takeRecords()) {
    total += entry.hadRecentInput ? 0 : entry.value;
  }
  requestAnimationFrame(() => setTimeout(() => resolve(total)));
})"""


def test_results_coming_on_load_move_little_of_the_page_on_a_phone(open_page, served_sample):
    page = open_page(LIGHTHOUSE_PHONE)
    release = hold_requests(page, "**/search/keywords/**")
    page.goto(f"{served_sample}/search/?q=cleaning")
    page.evaluate("new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
    release()
    page.wait_for_selector("#search-app:not([data-loading])")
    # Google's threshold for a good Cumulative Layout Shift.
    assert page.evaluate(LAYOUT_SHIFT) < 0.1


def test_a_search_replaced_before_it_is_shown_leaves_no_history_entry(page, served_sample):
    search_for(page, served_sample, "location=CB4")
    before = page.evaluate("history.length")
    release = hold_requests(page, "**/search/keywords/**")
    keywords = page.get_by_label("Keywords")
    for word in ("garden", "cleaning"):
        keywords.fill(word)
        keywords.press("Enter")
    release()
    shown_at(page, r"q=cleaning")
    assert page.evaluate("history.length") == before + 1
    page.go_back()
    page.wait_for_url(re.compile(r"location=CB4$"))


def test_a_search_made_before_the_page_is_ready_is_the_one_it_shows(open_page, served_sample):
    page = open_page()
    release = hold_requests(page, "**/search/manifest.json")
    page.goto(f"{served_sample}/search/")
    keywords = page.get_by_label("Keywords")
    keywords.fill("garden")
    keywords.press("Enter")
    release()
    page.wait_for_selector("#search-app:not([data-loading])")
    assert query_of(page) == {"q": ["garden"]}
    direct = open_page()
    search_for(direct, served_sample, "q=garden")
    assert result_names(page) and result_names(page) == result_names(direct)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])
def test_focus_moves_to_the_result_heading_after_a_search_at_every_width(open_page, served_sample, viewport):
    page = open_page(viewport)
    search_for(page, served_sample, "")
    if viewport is PHONE:
        page.get_by_role("button", name="Filter results").click()
    page.get_by_label("Keywords").fill("garden")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=garden")
    page.wait_for_selector("#search-app:not([data-loading])")
    assert page.evaluate("document.activeElement.id") == "result-count"


def test_the_search_button_stays_put_when_the_location_box_is_left(page, served_sample):
    search_for(page, served_sample, "")
    page.get_by_label("Postcode or town").fill("Nowhereville")
    button = page.get_by_role("button", name="Search")
    before = button.bounding_box()
    page.keyboard.press("Tab")
    assert button.bounding_box() == before
    button.click()
    expect(page.locator("#location-error")).to_contain_text("We could not find Nowhereville")
    page.wait_for_selector("#search-app:not([data-loading])")
    assert page.evaluate("document.activeElement.id") == "error-summary"


def test_on_a_phone_results_come_first_with_a_filter_button(open_page, served_sample):
    page = open_page(PHONE)
    search_for(page, served_sample, "location=CB4&service=cleaning")
    toggle = page.get_by_role("button", name="Filter results")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.locator("#filter-panel").is_hidden()
    first_result = page.locator("#results li.app-result").first.bounding_box()
    # Below the site's header, navigation and demonstration notice, but above every filter.
    assert first_result["y"] < 1.5 * PHONE["height"]
    assert page.locator("#result-count").bounding_box()["y"] < first_result["y"]
    assert page.locator("#filter-tags").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#filter-panel").is_visible()
    assert page.evaluate("document.activeElement.id") == "q"


def test_on_a_wide_screen_the_filters_sit_beside_the_results(page, served_sample):
    search_for(page, served_sample, "location=CB4")
    assert page.get_by_role("button", name="Filter results").is_hidden()
    assert page.locator("#filter-panel").is_visible()


def test_each_applied_filter_is_a_tag_that_removes_it(page, served_sample):
    search_for(page, served_sample, "location=CB4&service=cleaning&accepting=yes")
    tags = [words(t) for t in page.locator("#filter-tags a").all_inner_texts()]
    assert tags == [
        "Remove this filter: Near CB4",
        "Remove this filter: Cleaning",
        "Remove this filter: Taking new clients",
    ]
    page.get_by_role("link", name="Remove this filter: Taking new clients").click()
    page.wait_for_url(re.compile(r"location=CB4&service=cleaning$"))
    page.wait_for_selector("#search-app:not([data-loading])")
    assert not page.get_by_label("Only providers taking new clients").is_checked()
    assert page.locator("#filter-tags a").count() == 2


def test_a_tag_removed_while_a_search_loads_keeps_that_search(page, served_sample):
    search_for(page, served_sample, "location=CB4&service=cleaning")
    release = hold_requests(page, "**/search/keywords/**")
    page.get_by_label("Keywords").fill("garden")
    page.get_by_label("Keywords").press("Enter")
    page.get_by_role("link", name="Remove this filter: Near CB4").click()
    release()
    shown_at(page, r"^(?!.*location=)(?=.*service=cleaning)(?=.*q=garden)")
    assert page.get_by_label("Keywords").input_value() == "garden"


def test_one_type_of_help_control_says_how_ticks_combine(page, served_sample):
    search_for(page, served_sample, "")
    assert page.locator("#group").count() == 0
    assert "all of them" in page.locator("#service-hint").inner_text()


def test_a_search_fetches_only_the_search_files_it_needs(page, served_sample, sample_output):
    fetched = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    search_for(page, served_sample, "location=cb4+1aa&service=cleaning")
    assert {"/search/filters.json", "/search/location.json", "/search/postcodes/CB4.json"} <= set(fetched)
    assert not [p for p in fetched if p.startswith("/search/keywords/")]
    assert not {"/search/places.json", "/search/shortlist.json"} & set(fetched)
    assert [p for p in fetched if p.startswith("/search/postcodes/")] == ["/search/postcodes/CB4.json"]
    page.get_by_label("Keywords").fill("garden")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=garden**")
    page.wait_for_selector("#search-app:not([data-loading])")
    shards = json.loads((sample_output / "search" / "manifest.json").read_text())["shards"]
    assert [p for p in fetched if p.startswith("/search/keywords/")] == [
        f"/search/keywords/{shard_of('garden', shards)}.json"
    ]


def test_a_keyword_search_fetches_its_words_shards_and_its_results_cards_only(page, served_sample, sample_output):
    fetched = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    search_for(page, served_sample, "q=cooking+meals")
    search = json.loads((sample_output / "search" / "manifest.json").read_text())
    assert sorted(p for p in fetched if p.startswith("/search/keywords/")) == sorted(
        {f"/search/keywords/{shard_of(term, search['shards'])}.json" for term in ("cook", "meal")}
    )
    assert "/search/place-names.json" in fetched
    assert not {"/search/filters.json", "/search/location.json", "/search/shortlist.json"} & set(fetched)
    assert not {"/search/places.json", "/search/words.json"} & set(fetched)
    slugs = [record["k"] for record in search_records(sample_output)]
    shown = [
        slugs.index(href.split("/")[-2])
        for href in page.locator("#results h3 a").evaluate_all("links => links.map(a => a.href)")
    ]
    carried = {
        int(ref)
        for term in ("cook", "meal")
        for ref in json.loads(
            (sample_output / "search" / "keywords" / f"{shard_of(term, search['shards'])}.json").read_text()
        )["cards"]
    }
    assert shown and sorted(p for p in fetched if p.startswith("/search/cards/")) == sorted(
        {f"/search/cards/{ref // search['cards_per_file']}.json" for ref in shown if ref not in carried}
    )


def test_a_one_word_search_draws_its_first_results_before_any_card_file_comes(page, served_sample):
    release = hold_requests(page, "**/search/cards/**")
    page.goto(f"{served_sample}/search/?q=care")
    expect(page.locator("#results > li")).to_have_count(5)
    assert page.locator("#search-app").get_attribute("data-loading") is not None
    release()
    page.wait_for_selector("#search-app:not([data-loading])")
    assert page.locator("#results > li").count() > 5


def test_keyword_search_from_the_home_page(page, served_sample):
    page.goto(f"{served_sample}/")
    page.get_by_label("What help do you need?").fill("groceries")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector("#results li")
    assert "St Neots Shopping Service" in result_names(page)
    assert page.get_by_label("Keywords").input_value() == "groceries"


def test_no_results_says_what_to_try(page, served_sample):
    search_for(page, served_sample, "language=Polish&district=cambridge")
    assert page.locator("#result-count").inner_text() == "No providers found"
    assert "Try removing a filter" in page.locator("#search-status").inner_text()


def test_without_javascript_residents_narrow_by_area_and_type_of_help(open_page, served_sample):
    page = open_page(java_script_enabled=False)
    page.goto(f"{served_sample}/search/?q=bath")
    assert page.locator("#search-app").is_hidden()
    assert "needs JavaScript" in page.locator("#search-fallback").inner_text()
    page.locator("#search-fallback").get_by_role("link", name="Cambridge", exact=True).click()
    page.get_by_role("link", name="Cleaning").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Cleaning in Cambridge"
    names = page.locator(".app-result__title a").all_inner_texts()
    assert "Mill Road Cleaning Co-op" in names
    for name in names:
        page.get_by_role("link", name=name, exact=True).first.click()
        assert page.locator('a[href$="/services/cleaning/"]').count() == 1
        assert page.locator('a[href$="/areas/cambridge/"]').count() >= 1
        page.go_back()


def test_a_provider_page_on_a_phone_shows_contact_details_after_the_summary(open_page, served_sample):
    page = open_page(PHONE)
    page.goto(f"{served_sample}/providers/bright-days-home-support/")
    contact = page.locator("#printed-contact")
    assert contact.is_visible()
    assert contact.bounding_box()["y"] < page.locator("#key-facts").bounding_box()["y"]
    assert contact.bounding_box()["y"] < 1.5 * PHONE["height"]  # below the site's header and notice
    assert page.locator(".app-contact-side").is_hidden()
    wide = open_page(DESKTOP)
    wide.goto(f"{served_sample}/providers/bright-days-home-support/")
    assert wide.locator("#printed-contact").is_hidden()
    assert wide.locator(".app-contact-side").is_visible()


def test_back_to_your_results_restores_the_search(page, served_sample):
    search_for(page, served_sample, "location=CB4+1AA&service=cleaning")
    names = result_names(page)
    page.locator("#results .app-result__title a").first.click()
    page.wait_for_url("**/providers/**")
    back = page.get_by_role("link", name="Back to your results")
    expect(back).to_be_visible()
    back.click()
    page.wait_for_url(re.compile(r"location=CB4\+1AA&service=cleaning$"))
    page.wait_for_selector("#search-app:not([data-loading])")
    assert result_names(page) == names
    page.goto(f"{served_sample}/providers/mill-road-cleaning-co-op/")
    if names[0] != "Mill Road Cleaning Co-op":
        assert page.get_by_role("link", name="Back to your results").is_hidden()


def test_back_to_your_results_lists_as_far_as_before_with_focus_on_the_provider_opened(page, served_sample):
    search_for(page, served_sample, "")
    page.locator("#show-more").click()
    expect(page.locator("#results > li")).to_have_count(40)
    opened = page.locator("#results > li").nth(35)
    name = opened.locator(".app-result__title a").inner_text()
    opened.locator(".app-result__title a").click()
    page.wait_for_url("**/providers/**")
    page.get_by_role("link", name="Back to your results").click()
    page.wait_for_selector("#search-app:not([data-loading])")
    expect(page.locator("#results > li")).to_have_count(40)
    assert page.evaluate("document.activeElement.textContent.trim()") == name
    expect(page.locator("#show-more")).to_be_hidden()


def test_results_come_twenty_at_a_time_and_focus_moves_to_the_first_one_added(page, served_sample):
    search_for(page, served_sample, "")
    items = page.locator("#results > li")
    more = page.locator("#show-more")
    assert page.locator("#result-count").inner_text() == "40 providers found"
    expect(items).to_have_count(20)
    expect(more).to_have_text("Show the last 20 results")
    more.click()
    expect(items).to_have_count(40)
    expect(items.nth(20).locator(".app-result__title a")).to_be_focused()
    expect(more).to_be_hidden()
    assert page.locator("#result-count").inner_text() == "40 providers found"
    assert len(set(result_names(page))) == 40


def test_a_new_search_starts_again_at_the_first_twenty(page, served_sample):
    search_for(page, served_sample, "")
    page.locator("#show-more").click()
    page.get_by_label("Order").select_option("rating")
    expect(page.locator("#result-count")).to_have_text("40 providers found, highest rated first")
    expect(page.locator("#results > li")).to_have_count(20)
    expect(page.locator("#show-more")).to_be_visible()


def test_no_show_more_button_when_every_result_is_listed(page, served_sample):
    search_for(page, served_sample, "location=CB4")
    assert 0 < page.locator("#results > li").count() <= 20
    expect(page.locator("#show-more")).to_be_hidden()


def test_when_the_keyword_index_cannot_be_fetched_the_page_says_so_and_tries_again_next_time(page, served_sample):
    page.route("**/search/keywords/**", lambda route: route.abort())
    search_for(page, served_sample, "q=garden")
    assert "Keyword search is not working at the moment" in page.locator("#search-status").inner_text()
    page.unroute("**/search/keywords/**")
    page.get_by_label("Keywords").fill("garden")
    page.keyboard.press("Enter")
    expect(page.locator("#search-status")).not_to_contain_text("not working")
    assert result_names(page) and len(result_names(page)) < 40


def test_when_result_cards_cannot_be_fetched_the_page_offers_the_browse_lists(page, served_sample):
    page.route("**/search/cards/**", lambda route: route.abort())
    search_for(page, served_sample, "")
    assert page.locator("#result-count").inner_text() == "Search is not working at the moment"
    assert page.locator("#search-fallback").is_visible()
    assert result_names(page) == []


@pytest.fixture(scope="module")
def rebuilt_output(tmp_path_factory):
    """The sample site built again with one more listing, first in A to Z order, so that every ref moves."""
    root = tmp_path_factory.mktemp("rebuilt") / "site"
    shutil.copytree(SAMPLE_SITE, root)
    write(root, "aardvark-home-help")
    output = root.parent / "output"
    publish(load_site(root), output, BUILD_DATE)
    return output


def serve_search_files_from(page, output):
    """From now on the page gets its search files from output, as after a deploy."""

    def fulfil(route):
        route.fulfill(path=output / urlsplit(route.request.url).path.lstrip("/"))

    page.route("**/search/**", fulfil)


def test_a_site_rebuilt_while_the_page_is_open_is_searched_again_not_mixed(page, served_sample, rebuilt_output):
    search_for(page, served_sample, "")
    assert page.locator("#result-count").inner_text() == "40 providers found"
    serve_search_files_from(page, rebuilt_output)
    page.locator("#show-more").click()
    expect(page.locator("#result-count")).to_have_text("41 providers found")
    page.wait_for_selector("#search-app:not([data-loading])")
    assert "The directory was updated while you were searching" in page.locator("#search-status").inner_text()
    assert result_names(page) == [record["n"] for record in search_records(rebuilt_output)[:20]]
    assert page.evaluate("document.activeElement.id") == "result-count"


def test_a_batch_that_cannot_be_fetched_is_announced_and_the_button_keeps_focus(page, served_sample):
    search_for(page, served_sample, "")
    page.route("**/search/cards/4.json", lambda route: route.abort())
    page.locator("#show-more").click()
    expect(page.locator("#more-status")).to_have_text("More results could not be fetched. Please try again.")
    assert page.evaluate("document.activeElement.id") == "show-more"
    page.unroute("**/search/cards/4.json")
    page.locator("#show-more").click()
    expect(page.locator("#results > li")).to_have_count(40)
    expect(page.locator("#more-status")).to_have_text("")


def test_without_the_word_counts_a_search_that_matches_nothing_still_says_so(page, served_sample):
    page.route("**/search/words.json", lambda route: route.abort())
    search_for(page, served_sample, "q=xqzxqz")
    assert page.locator("#result-count").inner_text() == "No providers found"
    assert "not working" not in page.locator("#search-status").inner_text()


def test_the_first_results_are_drawn_before_the_rest_of_the_batchs_cards_come(page, served_sample):
    release = hold_requests(page, re.compile(r".*/search/cards/[1-9][0-9]*\.json$"))
    page.goto(f"{served_sample}/search/")
    expect(page.locator("#results > li")).to_have_count(5)
    assert page.locator("#search-app").get_attribute("data-loading") is not None
    assert page.locator("#show-more").is_hidden()
    release()
    page.wait_for_selector("#search-app:not([data-loading])")
    expect(page.locator("#results > li")).to_have_count(20)
    expect(page.locator("#show-more")).to_have_text("Show the last 20 results")
