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
    html = description_html('<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) <b onclick="x()">b</b>')
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "img", "b"])
    assert all(not name.startswith("on") for tag in soup.find_all(True) for name in tag.attrs)
    assert all(link.get("href", "https:").startswith("https:") for link in soup.find_all("a"))
