"""The site's forms: one mechanism, sent by Netlify Forms, by e-mail or to the council's form handler.

Each delivery is built into a small fixture site and checked where it
matters: the form element a host or browser acts on, the headers that let
only the form's page send it off the site, and (in Chromium) what a
resident's submission actually sends.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from care_directory.config import load_site
from care_directory.gate.quality_gate import axe_violations
from care_directory.gate.static_server import serving
from care_directory.listings.validation import InputError
from care_directory.outputs.security_headers import CONTENT_SECURITY_POLICY, headers_for, read_headers_file
from care_directory.pipeline import publish
from conftest import BUILD_DATE, FIXTURES, SAMPLE_SITE, write_listing

VALID = (FIXTURES / "valid-listing.yaml").read_text()
REVIEW_PAGE = "providers/tidy-homes/review/"
DELIVERIES = {
    "netlify": {"delivery": "netlify"},
    "email": {"delivery": "email", "email": "reviews@example.org"},
    "url": {"delivery": "url", "url": "https://forms.example.org/care-directory/submit"},
}


@pytest.fixture(scope="module")
def built(site, tmp_path_factory):
    """One small site per delivery: delivery -> its output folder."""
    outputs = {}
    for delivery, forms in DELIVERIES.items():
        root = tmp_path_factory.mktemp(delivery)
        write_listing(root, "tidy-homes", VALID)
        configured = dataclasses.replace(site, root=root, settings={**site.settings, "forms": forms})
        publish(configured, root / "output", BUILD_DATE)
        outputs[delivery] = root / "output"
    return outputs


def form_of(output, path=REVIEW_PAGE):
    return BeautifulSoup((output / path / "index.html").read_text(), "html.parser").find("form")


def csp_of(output, path: str) -> str:
    return headers_for(read_headers_file(output / "_headers"), path)["Content-Security-Policy"]


def test_a_netlify_form_is_one_netlify_detects_with_its_name_honeypot_and_a_page_to_post_to(built):
    form = form_of(built["netlify"])
    assert (form["name"], form["method"], form["data-netlify"]) == ("review", "post", "true")
    assert form["data-netlify-honeypot"] == "bot-field" and form.find(attrs={"name": "bot-field"})
    assert form.find("input", attrs={"name": "form-name"})["value"] == "review"
    assert form["action"] == "/forms/sent/" and (built["netlify"] / "forms/sent/index.html").is_file()
    assert csp_of(built["netlify"], f"/{REVIEW_PAGE}") == CONTENT_SECURITY_POLICY  # posts to the site itself


def test_an_email_form_goes_to_the_configured_address_and_only_its_page_may_send_to_mailto(built):
    form = form_of(built["email"])
    assert form["action"] == "mailto:reviews@example.org?subject=Review%20of%20Tidy%20Homes"
    assert (form["method"], form["enctype"]) == ("post", "text/plain")
    assert not form.has_attr("data-netlify")
    assert "form-action 'self' mailto:;" in csp_of(built["email"], f"/{REVIEW_PAGE}")
    assert csp_of(built["email"], "/providers/tidy-homes/") == CONTENT_SECURITY_POLICY
    assert csp_of(built["email"], "/search/") == CONTENT_SECURITY_POLICY


def test_a_url_form_posts_to_the_council_handler_which_only_its_page_may_post_to(built):
    form = form_of(built["url"])
    assert (form["action"], form["method"]) == ("https://forms.example.org/care-directory/submit", "post")
    assert form.find("input", attrs={"name": "form-name"})["value"] == "review"
    assert "form-action 'self' https://forms.example.org;" in csp_of(built["url"], f"/{REVIEW_PAGE}")
    assert csp_of(built["url"], "/") == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    ("forms", "field"),
    [
        ({"delivery": "email"}, "forms.email"),
        ({"delivery": "url"}, "forms.url"),
        ({"delivery": "url", "url": "http://forms.example.org/"}, "forms.url"),
        ({"delivery": "post"}, "forms.delivery"),
    ],
)
def test_the_site_config_names_a_delivery_with_its_address(tmp_path, forms, field):
    config = (SAMPLE_SITE / "config" / "site.yaml").read_text()
    start = config.index("forms:\n")
    end = config.index("\n\n", start)
    lines = "\n".join(f"  {key}: {value}" for key, value in forms.items())
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "site.yaml").write_text(config[:start] + f"forms:\n{lines}" + config[end:])
    with pytest.raises(InputError) as error:
        load_site(tmp_path)
    assert field in {p.field for p in error.value.problems}


def fill_review(page):
    page.get_by_label("4 stars").check()
    page.get_by_label("What did Tidy Homes help with?").fill("Cleaning every week")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Your review", exact=True).fill(
        "Always on time & careful with my mother's things.\nWould recommend."
    )
    page.get_by_label("Name to show with your review (optional)").fill("Sam")
    page.get_by_label("I used Tidy Homes").check()


def test_a_review_sent_with_netlify_posts_the_named_form_to_the_page_netlify_answers(built, new_page):
    output = built["netlify"]
    with serving(output, header_rules=read_headers_file(output / "_headers")) as address:
        page = new_page()
        posted = []

        def netlify(route):
            posted.append((route.request.method, route.request.headers["content-type"], route.request.post_data))
            route.fulfill(content_type="text/html", body=(output / "forms/sent/index.html").read_bytes())

        page.route(f"{address}/forms/sent/", netlify)
        page.goto(f"{address}/{REVIEW_PAGE}")
        fill_review(page)
        page.get_by_role("button", name="Send your review").click()
        page.get_by_role("heading", name="Thank you").wait_for()
    [(method, content_type, body)] = posted
    assert (method, content_type) == ("POST", "application/x-www-form-urlencoded")
    fields = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
    assert fields["form-name"] == "review" and fields["provider"] == "tidy-homes"
    assert (fields["rating"], fields["used_month"], fields["used_year"]) == ("4", "10", "2026")
    assert fields["review"].startswith("Always on time & careful") and fields["declaration"] == "yes"
    assert "bot-field" in fields and fields["bot-field"] == ""


def mailto_parts(url: str) -> tuple[str, dict]:
    parts = urlsplit(url)
    return unquote(parts.path), {k: v[0] for k, v in parse_qs(parts.query).items()}


def test_a_review_sent_by_email_opens_a_readable_message_to_the_council(built, new_page):
    output = built["email"]
    with serving(output, header_rules=read_headers_file(output / "_headers")) as address:
        page = new_page()
        page.goto(f"{address}/{REVIEW_PAGE}")
        fill_review(page)
        with page.expect_request(lambda request: request.url.startswith("mailto:")) as opened:
            page.get_by_role("button", name="Send your review").click(no_wait_after=True)
        to, fields = mailto_parts(opened.value.url)
        page.get_by_role("heading", name="Send the message in your e-mail program").wait_for()
        shown = page.locator("[data-mail-text]").inner_text()
    assert to == "reviews@example.org" and fields["subject"] == "Review of Tidy Homes"
    body = fields["body"]
    assert "How many stars would you give Tidy Homes? [rating]\r\n4\r\n" in body
    assert "Your review [review]\r\nAlways on time & careful with my mother's things.\r\nWould recommend." in body
    assert "provider [provider]\r\ntidy-homes" in body and "[declaration]\r\nYes" in body
    assert shown.replace("\r\n", "\n") == body.replace("\r\n", "\n")


def test_without_javascript_the_email_form_still_opens_a_message_the_page_may_send(built, new_page):
    output = built["email"]
    with serving(output, header_rules=read_headers_file(output / "_headers")) as address:
        page = new_page(java_script_enabled=False)
        refused = []
        page.on("console", lambda message: refused.append(message.text))
        page.goto(f"{address}/{REVIEW_PAGE}")
        fill_review(page)
        with page.expect_request(lambda request: request.url.startswith("mailto:")) as opened:
            page.get_by_role("button", name="Send your review").click(no_wait_after=True)
    to, fields = mailto_parts(opened.value.url)
    assert to == "reviews@example.org" and fields["subject"] == "Review of Tidy Homes"
    assert "rating=4\r\n" in fields["body"] and "provider=tidy-homes\r\n" in fields["body"]
    assert not [text for text in refused if "Content Security Policy" in text]


def test_missing_answers_are_shown_in_a_govuk_error_summary_and_nothing_is_sent(built, new_page):
    output = built["email"]
    with serving(output, header_rules=read_headers_file(output / "_headers")) as address:
        page = new_page()
        opened = []
        page.on("request", lambda request: opened.append(request.url) if request.url.startswith("mailto:") else None)
        page.goto(f"{address}/{REVIEW_PAGE}")
        page.get_by_label("What did Tidy Homes help with?").fill("Cleaning every week")
        page.get_by_role("button", name="Send your review").click()
        summary = page.locator("#form-error-summary")
        summary.wait_for()
        assert summary.evaluate("element => element === document.activeElement")
        assert page.title().startswith("Error: ")
        problems = summary.get_by_role("link").all_inner_texts()
        assert problems[0] == 'Choose an answer to "How many stars would you give Tidy Homes?"'
        assert not [text for text in problems if "help with" in text]  # the answered question has no problem
        assert any(text.startswith('Tick "I used Tidy Homes') for text in problems)
        # Each problem is also shown at its question, and read out with the answer.
        assert page.locator(".govuk-form-group--error").count() == len(problems)
        assert "govuk-textarea--error" in page.get_by_label("Your review", exact=True).get_attribute("class")
        described = page.locator("#rating-5").get_attribute("aria-describedby")
        assert "form-error-" in described
        summary.get_by_role("link").first.click()
        assert page.evaluate("document.activeElement.name") == "rating"
        assert opened == []
        fill_review(page)
        page.get_by_role("button", name="Send your review").click(no_wait_after=True)
        page.get_by_role("heading", name="Send the message in your e-mail program").wait_for()
        assert page.locator("#form-error-summary").count() == 0 and not page.title().startswith("Error")
    assert len(opened) == 1


def test_the_error_state_passes_axe_and_fits_a_narrow_screen(built, new_page):
    output = built["netlify"]
    with serving(output) as address:
        page = new_page(bypass_csp=True, viewport={"width": 320, "height": 700})  # axe is injected inline
        page.goto(f"{address}/{REVIEW_PAGE}")
        page.get_by_role("button", name="Send your review").click()
        page.locator("#form-error-summary").wait_for()
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_without_javascript_the_browser_refuses_a_form_with_missing_answers(built, new_page):
    output = built["email"]
    with serving(output, header_rules=read_headers_file(output / "_headers")) as address:
        page = new_page(java_script_enabled=False)
        opened = []
        page.on("request", lambda request: opened.append(request.url) if request.url.startswith("mailto:") else None)
        page.goto(f"{address}/{REVIEW_PAGE}")
        page.get_by_role("button", name="Send your review").click()
        assert page.evaluate("document.activeElement.matches(':invalid')")
    assert opened == []


def test_under_the_site_wide_policy_the_same_form_is_refused_so_the_page_rule_matters(built, new_page):
    output = built["email"]
    with serving(output, header_rules=read_headers_file(output / "_headers")[:1]) as address:
        page = new_page(java_script_enabled=False)
        refused = []
        page.on("console", lambda message: refused.append(message.text))
        page.goto(f"{address}/{REVIEW_PAGE}")
        fill_review(page)
        with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
            page.get_by_role("button", name="Send your review").click(no_wait_after=True)
