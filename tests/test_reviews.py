"""Residents' reviews: checked like listings, shown with an average only from the council's minimum,
gone when they expire or their listing is withdrawn."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from bs4 import BeautifulSoup

from care_directory.listings.reviews import load_reviews
from care_directory.listings.validation import InputError
from care_directory.model.reviews import Review, Reviews, stars
from care_directory.pipeline import publish
from conftest import BUILD_DATE, FIXTURES, search_records, write_listing

VALID = (FIXTURES / "valid-listing.yaml").read_text()
REVIEW = """\
rating: {rating}
service_date: {served}
review_date: {written}
help: Weekly cleaning
display_name: {name}
text: >-
  {text}
status: {status}
moderator: RV-2026-0001
"""
GOOD_TEXT = "Careful, friendly and always on time. The house has never looked better, and they are kind to my mother."


def write_review(root, slug: str, review_id: str, **fields):
    values = {
        "rating": 4,
        "served": "2023-09-01",
        "written": "2026-10-01",
        "name": "Sam",
        "text": GOOD_TEXT,
        "status": "published",
        **fields,
    }
    path = root / "content" / "reviews" / slug / f"{review_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(REVIEW.format(**values), encoding="utf-8")
    return path


def json_ld(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


def every_built_file(output) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in output.rglob("*") if p.is_file())


def build(site, root, today=BUILD_DATE):
    output = root / "output"
    publish(dataclasses.replace(site, root=root), output, today)
    return output


# The sample site: four current reviews of Bright Days (5, 4, 5, 4) and one from 2023 that has expired;
# three of Ely Evening Care; one of Histon Helping Hands (below the minimum of 3); a draft of Chesterton Carers.


def test_the_provider_page_gives_the_average_in_words_the_newest_reviews_and_the_replies(page):
    soup = page("providers/bright-days-home-support/")
    section = soup.find(id="reviews").find_next("ul", class_="app-reviews")
    assert "4.5 out of 5, from 4 reviews" in soup.get_text()
    assert soup.find(class_="app-rating").find(class_="app-stars")["aria-hidden"] == "true"
    items = section.find_all("li", class_="app-review")
    assert len(items) == 3  # the policy's recent_shown; the fourth is on the reviews page
    assert "5 out of 5" in items[0].get_text() and "Margaret" in items[0].get_text()
    assert "Reply from Bright Days Home Support, 10 November 2026" in items[0].get_text()
    assert soup.find("a", string="Read all 4 reviews of Bright Days Home Support")


def test_the_reviews_page_lists_every_shown_review_newest_first(page):
    soup = page("providers/bright-days-home-support/reviews/")
    names = [li.find(class_="app-review__meta").get_text().split(",")[0] for li in soup.select("li.app-review")]
    assert names == ["Margaret", "A resident", "Dev", "Helen"]


def test_the_json_ld_carries_the_aggregate_rating_and_each_review(page):
    data = json_ld(page("providers/bright-days-home-support/"))
    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 4.5,
        "reviewCount": 4,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert [r["author"]["name"] for r in data["review"]] == ["Margaret", "A resident", "Dev", "Helen"]
    assert data["review"][0]["reviewRating"]["ratingValue"] == 5


def test_below_the_minimum_count_no_average_or_count_is_shown_anywhere(page, sample_output):
    soup = page("providers/histon-helping-hands/")
    assert "out of 5, from" not in soup.get_text() and not soup.find(class_="app-rating")
    assert "No average rating is shown until 3 residents have reviewed" in soup.get_text()
    assert "aggregateRating" not in json_ld(soup) and "review" not in json_ld(soup)


def test_an_expired_review_and_a_draft_are_nowhere(sample_output):
    everything = every_built_file(sample_output)
    assert "Visits were often at different times" not in everything  # written 2023-05-10, shown for 36 months
    assert "A draft waiting for the council" not in everything


def test_a_provider_without_reviews_has_no_reviews_page_but_can_be_reviewed(page, sample_output):
    soup = page("providers/cottenham-cooks/")
    assert "No one has reviewed Cottenham Cooks yet." in soup.get_text()
    assert soup.find("a", string="Review Cottenham Cooks")["href"] == "/providers/cottenham-cooks/review/"
    assert not (sample_output / "providers/cottenham-cooks/reviews").exists()


def test_reviews_drop_off_on_the_build_date_their_time_is_up(site, tmp_path):
    write_listing(tmp_path, "tidy-homes", VALID)
    for n in range(3):
        write_review(tmp_path, "tidy-homes", f"2023-12-0{n + 1}-sam", written=f"2023-12-0{n + 1}")
    before = BeautifulSoup(
        (build(site, tmp_path, date(2026, 11, 30)) / "providers/tidy-homes/index.html").read_text(), "html.parser"
    )
    assert "4 out of 5, from 3 reviews" in before.get_text()
    on_the_day = BeautifulSoup(
        (build(site, tmp_path, date(2026, 12, 2)) / "providers/tidy-homes/index.html").read_text(), "html.parser"
    )
    # Shown for 36 months: the reviews of 1 and 2 December 2023 are gone on 2 December 2026, leaving one.
    assert [
        li.find(class_="app-review__meta").get_text().split(". ")[0] for li in on_the_day.select("li.app-review")
    ] == ["Sam, 3 December 2023"]
    assert "out of 5, from" not in on_the_day.get_text()


@pytest.mark.parametrize(
    "change",
    [("status: active", "status: removed"), ("status: active", "status: suspended"), ("2026-10-01", "2024-10-01")],
    ids=["removed", "suspended", "withheld-review-lapsed"],
)
def test_the_reviews_of_a_withdrawn_listing_are_nowhere_in_the_output(site, tmp_path, change):
    write_listing(tmp_path, "tidy-homes", VALID.replace(*change))
    for n in range(3):
        write_review(tmp_path, "tidy-homes", f"2026-10-0{n + 1}-sam", text=GOOD_TEXT + " Withdrawn-marker.")
    output = build(site, tmp_path)
    assert "Withdrawn-marker" not in every_built_file(output)
    assert "tidy-homes" not in every_built_file(output)  # not in pages, search files, open data or the sitemap


def test_a_hostile_review_is_published_as_inert_text(site, tmp_path):
    write_listing(tmp_path, "tidy-homes", VALID)
    hostile = (
        '"<script>window.__xss=1</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) '
        '[y](https://evil.example) fine"'
    )
    for n in range(3):
        write_review(tmp_path, "tidy-homes", f"2026-10-0{n + 1}-x", text=hostile, name='"<b>Sam</b>"')
    output = build(site, tmp_path)
    for path in ("providers/tidy-homes/", "providers/tidy-homes/reviews/"):
        soup = BeautifulSoup((output / path / "index.html").read_text(), "html.parser")
        reviews = soup.select("li.app-review")
        assert reviews and not [t for r in reviews for t in r.find_all(["script", "img", "b"])]
        assert not [a for r in reviews for a in r.find_all("a")]  # a review's words, never its links
        assert "<b>Sam</b>" in reviews[0].find(class_="app-review__meta").get_text()
    page = (output / "providers/tidy-homes/index.html").read_text()
    assert "</script> <img" not in page.split('type="application/ld+json">')[1].split("</script>")[0]


def test_every_problem_in_every_review_file_is_reported_in_one_run(site, tmp_path):
    write_listing(tmp_path, "tidy-homes", VALID)
    write_review(tmp_path, "tidy-homes", "short", text="Too short.")
    write_review(tmp_path, "tidy-homes", "contact", text=GOOD_TEXT + " Ring me on 01632 960123 or sam@example.org.")
    write_review(tmp_path, "tidy-homes", "home", text=GOOD_TEXT + " She lives at 14 Mill Road.")
    write_review(tmp_path, "tidy-homes", "future", written="2027-01-01")
    write_review(tmp_path, "tidy-homes", "hidden", name="Sa\u200bm")
    write_review(tmp_path, "tidy-homes", "stars", rating=6)
    write_review(tmp_path, "nobody-listed", "orphan")
    with pytest.raises(InputError) as error:
        build(site, tmp_path)
    found = {(p.file.split("/")[-1], p.field) for p in error.value.problems}
    assert {
        ("short.yaml", "text"),
        ("contact.yaml", "text"),
        ("home.yaml", "text"),
        ("future.yaml", "review_date"),
        ("hidden.yaml", "display_name"),
        ("stars.yaml", "rating"),
        ("nobody-listed", ""),
    } <= found
    messages = " ".join(p.message for p in error.value.problems)
    assert "'01632 960123' is contact information" in messages or "'sam@example.org' is contact" in messages
    assert not (tmp_path / "output").exists()


def test_a_review_file_may_not_hold_fields_for_contact_details(site, tmp_path):
    write_listing(tmp_path, "tidy-homes", VALID)
    path = write_review(tmp_path, "tidy-homes", "with-contact")
    path.write_text(path.read_text() + "contact: sam@example.org\n")
    reviews, problems = load_reviews(dataclasses.replace(site, root=tmp_path), BUILD_DATE)
    assert reviews == [] and [p.field for p in problems] == ["contact"]


def review(rating: int) -> Review:
    return Review("r", rating, "help", "text", "<p>text</p>", "Sam", BUILD_DATE, BUILD_DATE, "", None)


@pytest.mark.parametrize(
    ("ratings", "words"),
    [([5, 4, 5, 4], "4.5 out of 5, from 4 reviews"), ([4, 4, 4], "4 out of 5, from 3 reviews"), ([5, 5], "")],
)
def test_the_average_is_in_words_to_one_decimal_place_from_the_minimum_count(ratings, words):
    assert Reviews(tuple(review(r) for r in ratings), min_count=3).average_words == words


def test_stars_show_the_rating_to_the_nearest_whole_star():
    assert (stars(4.4), stars(4.5), stars(1)) == ("★★★★☆", "★★★★★", "★☆☆☆☆")


def test_the_search_files_carry_the_rating_only_from_the_minimum_count(sample_output):
    records = search_records(sample_output)
    rated = {r["k"]: (r["st"], r["sw"]) for r in records if r["st"] or r["sw"]}
    assert rated == {
        "bright-days-home-support": (4.5, "4.5 out of 5, from 4 reviews"),
        "ely-evening-care": (4.3, "4.3 out of 5, from 3 reviews"),
    }


def test_browse_lists_give_the_rating_of_rated_providers_only(page):
    items = {li.find("a").get_text(): li.get_text() for li in page("providers/").select("li.app-result")}
    assert "Residents rate it 4.5 out of 5, from 4 reviews" in " ".join(items["Bright Days Home Support"].split())
    assert "Residents rate it" not in items["Histon Helping Hands"]


def test_search_results_and_the_comparison_show_the_rating_and_sort_by_it(new_page, served_sample):
    browser_page = new_page()
    browser_page.goto(f"{served_sample}/search/?sort=rating")
    browser_page.wait_for_selector("#results li")
    titles = browser_page.locator("#results .app-result__title a").all_inner_texts()
    assert titles[:2] == ["Bright Days Home Support", "Ely Evening Care"]
    first = " ".join(browser_page.locator("#results li.app-result").first.inner_text().split())
    assert "Residents rate it 4.5 out of 5, from 4 reviews" in first
    histon = browser_page.locator("#results li.app-result", has_text="Histon Helping Hands")
    assert "Residents rate it" not in histon.inner_text()
    assert browser_page.get_by_label("Order").input_value() == "rating"
    browser_page.goto(f"{served_sample}/search/?location=cb4&sort=rating")
    browser_page.wait_for_selector("#results li")
    assert browser_page.locator("#result-count").inner_text().endswith("near CB4, highest rated first")
    browser_page.goto(f"{served_sample}/providers/bright-days-home-support/")
    browser_page.get_by_role("button", name="Add Bright Days Home Support to shortlist").click()
    browser_page.goto(f"{served_sample}/providers/histon-helping-hands/")
    browser_page.get_by_role("button", name="Add Histon Helping Hands to shortlist").click()
    browser_page.goto(f"{served_sample}/shortlist/")
    row = browser_page.locator("table.app-compare tr", has_text="Residents' rating")
    assert " ".join(row.inner_text().split()).endswith("4.5 out of 5, from 4 reviews Too few reviews for a rating")
