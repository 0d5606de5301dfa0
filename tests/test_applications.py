"""Applications to be listed and requests to change a listing: plain forms that staff import as drafts."""

from __future__ import annotations

import csv
import dataclasses
import shutil
from urllib.parse import parse_qs

import pytest
from bs4 import BeautifulSoup
from test_forms import mailto_parts

from care_directory.cli import main
from care_directory.editor.import_csv import EXTRA_COLUMNS
from care_directory.gate.static_server import serving
from care_directory.listings.strict_yaml import parse_yaml
from care_directory.outputs.open_data import CSV_COLUMNS
from care_directory.outputs.security_headers import headers_for, read_headers_file
from care_directory.pipeline import publish
from conftest import BUILD_DATE, FIXTURES, SAMPLE_SITE, write_listing

VALID = (FIXTURES / "valid-listing.yaml").read_text()
CHANGE_PAGE = "providers/tidy-homes/change/"
DELIVERIES = {"netlify": {"delivery": "netlify"}, "email": {"delivery": "email", "email": "apply@example.org"}}
# Fields a form sends that are not listing columns: the form's own, and what only staff read.
FORM_ONLY = {"form-name", "bot-field", "declaration", "requester", "change_details", "requester_contact"}


@pytest.fixture(scope="module")
def built(site, tmp_path_factory):
    """One small site per delivery, with one provider: delivery -> (site root, output folder)."""
    sites = {}
    for delivery, forms in DELIVERIES.items():
        root = tmp_path_factory.mktemp(delivery)
        shutil.copytree(SAMPLE_SITE / "config", root / "config")
        write_listing(root, "tidy-homes", VALID)
        configured = dataclasses.replace(site, root=root, settings={**site.settings, "forms": forms})
        publish(configured, root / "output", BUILD_DATE)
        sites[delivery] = root, root / "output"
    return sites


def html(output, path):
    return BeautifulSoup((output / path / "index.html").read_text(), "html.parser")


def field_names(form) -> set[str]:
    return {element["name"] for element in form.find_all(["input", "textarea"]) if element.get("name")}


def test_every_page_links_to_the_application_form_whose_fields_are_the_import_columns(built):
    _, output = built["netlify"]
    assert html(output, "").find("a", string="Apply to be listed")["href"] == "/apply/"
    form = html(output, "apply/").find("form")
    assert (form["name"], form["data-netlify"]) == ("apply", "true")
    assert field_names(form) - FORM_ONLY <= set(CSV_COLUMNS + EXTRA_COLUMNS)
    assert {"name", "services", "districts", "prices", "base_postcode_district"} <= field_names(form)


def test_each_provider_page_links_to_its_change_request_form_naming_the_listing(built):
    _, output = built["netlify"]
    link = html(output, "providers/tidy-homes/").find("a", string="Request a change to this listing")
    assert link["href"] == f"/{CHANGE_PAGE}"
    form = html(output, CHANGE_PAGE).find("form")
    assert form["name"] == "change"
    assert (
        form.find("input", attrs={"name": "page"})["value"]
        == "https://care-directory.example.org/providers/tidy-homes/"
    )
    assert field_names(form) - FORM_ONLY <= set(CSV_COLUMNS + EXTRA_COLUMNS)


def test_with_email_delivery_only_the_form_pages_may_send_to_mailto(built):
    _, output = built["email"]
    rules = read_headers_file(output / "_headers")
    assert "form-action 'self' mailto:;" in headers_for(rules, "/apply/")["Content-Security-Policy"]
    assert "form-action 'self' mailto:;" in headers_for(rules, f"/{CHANGE_PAGE}")["Content-Security-Policy"]
    assert "form-action 'self';" in headers_for(rules, "/providers/tidy-homes/")["Content-Security-Policy"]


def fill_application(page):
    page.get_by_label("Business name").fill("Sawston Sunday Lunches")
    page.get_by_label("Sole trader (one self-employed person)").check()
    page.get_by_label("How many people work in the business, including you?").fill("1")
    page.get_by_label("Phone number for residents").fill("01632 960555")
    page.get_by_label("Describe your business in one sentence").fill("Home-cooked Sunday lunches delivered in Sawston.")
    page.get_by_label("Tell residents more about your business").fill(
        "Jo cooks a roast every Sunday, brought round hot."
    )
    page.get_by_label("Cooking and meal preparation").check()
    page.get_by_label("Shopping", exact=False).first.check()
    page.get_by_label("South Cambridgeshire").check()
    page.get_by_label("Which town or village are you based in?").fill("Sawston")
    page.get_by_label("The first half of your postcode").fill("CB22")
    page.get_by_label("Sunday").check()
    page.get_by_role("group", name="Can you take on new clients now?").get_by_label("Yes").check()
    page.get_by_label("Your prices").fill("Cooking: £12.50 a visit\nMileage for trips out: £0.45 a mile")
    page.get_by_role("group", name="Can people pay you with a council Direct Payment?").get_by_label("Yes").check()
    page.get_by_role("group", name="Can people pay you with their own money?").get_by_label("Yes").check()
    page.get_by_label("Does not offer personal care", exact=False).check()
    page.get_by_label("What I have written is true", exact=False).check()


def as_netlify_export(posted: list[str], path) -> None:
    """The submissions CSV a council exports from Netlify: one column per field, ticked boxes joined."""
    rows = [parse_qs(body, keep_blank_values=True) for body in posted]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=columns)
        writer.writeheader()
        writer.writerows({key: ", ".join(values) for key, values in row.items()} for row in rows)


def send_with_netlify(output, new_page, path, fill, button):
    """Fill and send a form as Netlify would take it; returns the posted body."""
    posted = []

    def netlify(route):
        posted.append(route.request.post_data)
        route.fulfill(content_type="text/html", body=(output / "forms/sent/index.html").read_bytes())

    with serving(output, header_rules=read_headers_file(output / "_headers")) as address:
        page = new_page(java_script_enabled=False)  # the forms need no script
        page.route(f"{address}/forms/sent/", netlify)
        page.goto(f"{address}/{path}")
        fill(page)
        page.get_by_role("button", name=button).click()
        page.get_by_role("heading", name="Thank you").wait_for()
    return posted


@pytest.mark.browser
def test_an_application_sent_with_netlify_imports_as_a_draft_with_what_it_still_needs(
    built, new_page, tmp_path, capsys
):
    root, output = built["netlify"]
    posted = send_with_netlify(output, new_page, "apply/", fill_application, "Send your application")
    export = tmp_path / "submissions.csv"
    as_netlify_export(posted, export)
    status = main(["import", "--root", str(root), "--today", "2026-12-01", str(export)])
    report = capsys.readouterr().out
    draft = parse_yaml((root / "content" / "drafts" / "sawston-sunday-lunches.yaml").read_text()).value
    assert status == 0
    assert draft["services"] == ["cooking", "shopping"] and draft["areas"]["districts"] == ["south-cambridgeshire"]
    assert draft["pricing"][1] == {"service_or_label": "Mileage for trips out", "amount": 0.45, "unit": "per_mile"}
    assert draft["availability"] == {"accepting_new_clients": True, "days": ["sun"]}
    assert draft["regulation"] == {"cqc": "not_applicable"}
    assert "columns ignored: form-name, bot-field, declaration" in report
    assert "content/drafts/sawston-sunday-lunches.yaml" in report and "listed_since:" in report  # what it needs


@pytest.mark.browser
def test_a_change_request_sent_with_netlify_imports_as_an_update_draft_of_the_listing(
    built, new_page, tmp_path, capsys
):
    root, output = built["netlify"]

    def fill(page):
        page.get_by_label("I run Tidy Homes").check()
        page.get_by_label("Phone number for residents").fill("01632 960777")
        page.get_by_role("group", name="Can they take on new clients now?").get_by_label("No", exact=True).check()

    posted = send_with_netlify(output, new_page, CHANGE_PAGE, fill, "Send your request")
    export = tmp_path / "changes.csv"
    as_netlify_export(posted, export)
    assert main(["import", "--root", str(root), "--today", "2026-12-01", str(export)]) == 0
    update = parse_yaml((root / "content" / "drafts" / "tidy-homes.yaml").read_text()).value
    published = parse_yaml(VALID).value
    assert update["contact"]["phone"] == "01632 960777"
    assert update["availability"]["accepting_new_clients"] is False
    assert update["description"] == published["description"] and update["checks"] == published["checks"]


@pytest.mark.browser
@pytest.mark.parametrize("scripts", [True, False], ids=["with-javascript", "without-javascript"])
def test_an_application_sent_by_email_opens_a_message_to_the_council(built, new_page, scripts):
    _, output = built["email"]
    with serving(output, header_rules=read_headers_file(output / "_headers")) as address:
        page = new_page(java_script_enabled=scripts)
        page.goto(f"{address}/apply/")
        fill_application(page)
        with page.expect_request(lambda request: request.url.startswith("mailto:")) as opened:
            page.get_by_role("button", name="Send your application").click(no_wait_after=True)
    to, fields = mailto_parts(opened.value.url)
    assert to == "apply@example.org" and fields["subject"] == "Application to be listed"
    body = fields["body"]
    if scripts:  # form-mail.js writes each question with its answer
        assert "Business name [name]\r\nSawston Sunday Lunches\r\n" in body
        assert "[prices]\r\nCooking: £12.50 a visit\r\nMileage for trips out: £0.45 a mile" in body
    else:  # the browser writes name=value lines itself
        assert "name=Sawston Sunday Lunches\r\n" in body and "services=cooking\r\nservices=shopping\r\n" in body
