from datetime import date

import pytest
from bs4 import BeautifulSoup

from care_directory.listings.description import description_html
from care_directory.model.wording import days_in_words, long_date, money, phone_display, phone_href


@pytest.mark.parametrize("amount, text", [(20, "£20"), (21.5, "£21.50"), (0.45, "£0.45"), (1250, "£1,250")])
def test_money_is_written_the_gov_uk_way(amount, text):
    assert money(amount) == text


def test_dates_are_written_in_full():
    assert long_date(date(2025, 3, 1)) == "1 March 2025"


@pytest.mark.parametrize(
    "number, shown, href",
    [
        ("01632 960123", "01632 960123", "tel:+441632960123"),
        ("01632960123", "01632 960123", "tel:+441632960123"),
        ("+44 7700 900123", "07700 900123", "tel:+447700900123"),
        ("020 7946 0000", "020 7946 0000", "tel:+442079460000"),
        ("0300 123 4567", "0300 123 4567", "tel:+443001234567"),
    ],
)
def test_phone_numbers_are_normalised_for_display_and_links(number, shown, href):
    assert phone_display(number) == shown
    assert phone_href(number) == href


@pytest.mark.parametrize(
    "days, words",
    [
        (["mon", "tue", "wed", "thu", "fri"], "Monday to Friday"),
        (["sat", "sun"], "Saturday and Sunday"),
        (["mon", "wed", "fri"], "Monday, Wednesday and Friday"),
        (["mon", "tue", "wed", "sat"], "Monday to Wednesday and Saturday"),
        ([], ""),
    ],
)
def test_working_days_are_written_as_words(site, days, words):
    assert days_in_words(days, site.vocabulary.labels["days"]) == words


def test_description_keeps_paragraphs_lists_emphasis_and_https_links():
    html = description_html("Hello *there*.\n\n- one\n- two\n\n[Our site](https://example.org)")
    soup = BeautifulSoup(html, "html.parser")
    assert [t.name for t in soup.find_all(True)] == ["p", "em", "ul", "li", "li", "p", "a"]
    assert soup.a["href"] == "https://example.org"
    assert soup.a["rel"] == ["nofollow", "noopener"]


def test_description_drops_html_scripts_and_unsafe_links():
    html = description_html(
        '<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) <b onclick="x()">b</b>'
    )
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "img", "b"])
    assert all(not name.startswith("on") for tag in soup.find_all(True) for name in tag.attrs)
    assert all(link.get("href", "https:").startswith("https:") for link in soup.find_all("a"))


from care_directory.model.wording import join_words, period_words, plural  # noqa: E402


@pytest.mark.parametrize(
    "number, shown",
    [("0800 123 4567", "0800 123 4567"), ("09011234567", "0901 123 4567"), ("07700900123", "07700 900123")],
)
def test_freephone_and_premium_numbers_are_spaced_like_0300_numbers(number, shown):
    assert phone_display(number) == shown


def test_a_plus_44_number_written_with_its_trunk_zero_is_shown_once():
    assert (phone_display("+44 01632 960123"), phone_href("+44 01632 960123")) == ("01632 960123", "tel:+441632960123")


@pytest.mark.parametrize(
    "months, words",
    [
        (12, "every year"),
        (24, "every 2 years"),
        (36, "every 3 years"),
        (18, "every 18 months"),
        (6, "every 6 months"),
        (13, "every 13 months"),
    ],
)
def test_refresh_periods_are_written_in_years_when_whole(months, words):
    assert period_words(months) == words


@pytest.mark.parametrize(
    "items, words", [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")]
)
def test_lists_are_joined_with_commas_and_a_final_and(items, words):
    assert join_words(items) == words
    assert join_words(items, "or") == words.replace(" and ", " or ")


def test_counts_are_written_with_the_right_plural():
    assert [plural(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert plural(2, "child", "children") == "2 children" and plural(1, "child", "children") == "1 child"


@pytest.mark.parametrize(
    "amount, text", [(1000000, "£1,000,000"), (5000000.5, "£5,000,000.50"), (18.0, "£18"), (0, "£0")]
)
def test_large_and_whole_float_amounts(amount, text):
    assert money(amount) == text


def test_dates_have_no_leading_zero():
    assert long_date(date(2026, 12, 1)) == "1 December 2026" and long_date(date(2025, 1, 31)) == "31 January 2025"


@pytest.mark.parametrize(
    "days, words",
    [
        (["sun", "mon"], "Monday and Sunday"),
        (["tue", "wed", "thu"], "Tuesday to Thursday"),
        (["mon", "tue", "thu", "fri", "sat"], "Monday and Tuesday and Thursday to Saturday"),
        (["wed"], "Wednesday"),
        (["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "Monday to Sunday"),
    ],
)
def test_more_working_days_in_words(site, days, words):
    assert days_in_words(days, site.vocabulary.labels["days"]) == words
