"""Open data: Open Referral UK export, CSV, JSON-LD, sitemap, feed and page metadata."""

import copy
import csv
import dataclasses
import io
import json
import re
import uuid
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from bs4 import BeautifulSoup
from listing_data import write

from care_directory.gate.built_site import page_paths
from care_directory.listings.loader import load_listings
from care_directory.pipeline import publish
from conftest import BUILD_DATE, site_with_root

ORUK = Path(__file__).parent / "oruk"
SITE_URL = "https://care-directory.example.org/"


def strict(schema):
    """The schema with unknown fields rejected on every object that lists its properties."""
    schema = copy.deepcopy(schema)

    def close(node):
        if isinstance(node, dict):
            if "properties" in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def export(sample_output):
    folder = sample_output / "open-data"
    return {
        "list": json.loads((folder / "services.json").read_text()),
        "services": {p.stem: json.loads(p.read_text()) for p in (folder / "services").glob("*.json")},
        "taxonomy": json.loads((folder / "taxonomy.json").read_text()),
        "csv": list(csv.DictReader(io.StringIO((folder / "providers.csv").read_text(encoding="utf-8-sig")))),
    }


def errors(validator, document):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_every_service_validates_strictly_against_the_open_referral_uk_schema(export):
    validator = strict(json.loads((ORUK / "service.json").read_text()))
    assert len(export["services"]) == 40
    for service_id, service in export["services"].items():
        assert service["id"] == service_id
        assert errors(validator, service) == [], service["name"]


def test_the_service_list_validates_strictly_and_pages_correctly(export):
    validator = strict(json.loads((ORUK / "service_list.json").read_text()))
    page = export["list"]
    assert {k: page[k] for k in ("total_items", "total_pages", "page_number", "first_page", "last_page", "empty")} == {
        "total_items": 40,
        "total_pages": 1,
        "page_number": 1,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    for item in page["contents"]:
        assert errors(validator, item) == [], item["name"]
    assert sorted(item["id"] for item in page["contents"]) == sorted(export["services"])


def test_the_strict_check_rejects_unknown_fields(export):
    validator = strict(json.loads((ORUK / "service.json").read_text()))
    service = dict(next(iter(export["services"].values())), phones=[{"number": "01632 960000"}])
    assert errors(validator, service) == [": Additional properties are not allowed ('phones' was unexpected)"]


def test_every_published_listing_round_trips_into_the_export_csv_and_json_ld(export, sample_build, page, site):
    _, directory = sample_build
    services_by_name = {s["name"]: s for s in export["services"].values()}
    rows = {row["name"]: row for row in export["csv"]}
    assert sorted(rows) == sorted(services_by_name) == sorted(p.name for p in directory.providers)
    for provider in directory.providers:
        labels = [site.vocabulary.services[s].label for s in provider.service_ids]
        service = services_by_name[provider.name]
        assert [
            a["taxonomy_term"]["name"]
            for a in service["attributes"]
            if a["taxonomy_term"]["taxonomy"] == "Care micro-enterprise services"
        ] == labels
        assert service.get("email", "") == provider.email
        assert service["contacts"][0]["name"] == (provider.contact_name or provider.name)
        row = rows[provider.name]
        assert row["services"] == "; ".join(labels)
        assert (row["phone"], row["email"]) == (provider.phone, provider.email)
        ld = json.loads(page(provider.path).find("script", type="application/ld+json").get_text())
        assert ld["name"] == provider.name
        assert [o["itemOffered"]["name"] for o in ld["hasOfferCatalog"]["itemListElement"]] == labels
        assert ld.get("telephone", "") == provider.phone_href.removeprefix("tel:")
        assert ld.get("email", "") == provider.email


def test_assured_dates_come_from_the_last_review(export, sample_build, site):
    _, directory = sample_build
    listings = {listing.slug: listing.data for listing in load_listings(site)[0]}
    reviewed = {listings[p.slug]["name"]: listings[p.slug]["last_reviewed"].isoformat() for p in directory.providers}
    assert {s["name"]: s["assured_date"] for s in export["services"].values()} == reviewed


def test_no_street_address_is_ever_exported(export, sample_output):
    for service in export["services"].values():
        for place in service["service_at_locations"]:
            assert set(place["location"]) == {"id", "location_type", "name", "description", "latitude", "longitude"}
    everything = "".join(p.read_text(encoding="utf-8-sig") for p in (sample_output / "open-data").rglob("*.*"))
    assert '"addresses"' not in everything


def test_ids_are_uuids_that_stay_the_same_between_builds(site, sample_output, tmp_path):
    again = tmp_path / "again"
    publish(site, again, BUILD_DATE)
    first = sorted(p.name for p in (sample_output / "open-data" / "services").iterdir())
    assert first == sorted(p.name for p in (again / "open-data" / "services").iterdir())
    assert all(uuid.UUID(name.removesuffix(".json")) for name in first)


def test_the_taxonomy_has_a_term_for_every_group_and_service(export, site):
    terms = {t["term"]: t for t in export["taxonomy"]["taxonomy_terms"]}
    assert set(terms) == {g.id for g in site.vocabulary.groups} | set(site.vocabulary.services)
    assert terms["cooking"]["parent_id"] == terms["home-care"]["id"]


def test_the_home_page_describes_the_site_and_its_search_to_machines(page):
    ld = json.loads(page("").find("script", type="application/ld+json").get_text())
    assert ld["@type"] == "WebSite" and ld["url"] == SITE_URL
    assert ld["potentialAction"]["target"]["urlTemplate"] == SITE_URL + "search/?q={search_term_string}"
    assert ld["potentialAction"]["query-input"] == "required name=search_term_string"


def test_the_sitemap_lists_exactly_the_published_pages(sample_output):
    tree = ElementTree.parse(sample_output / "sitemap.xml")
    locations = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    # All but the 404 page and the page a form shows once it is sent.
    assert sorted(locations) == sorted(
        SITE_URL + p for p in page_paths(sample_output) if p not in ("404.html", "forms/sent/")
    )
    assert (sample_output / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}sitemap.xml\n"


def test_every_page_has_a_title_description_canonical_link_and_open_graph_tags(sample_output):
    titles = {}
    for path in page_paths(sample_output):
        file = sample_output / path / "index.html" if not path.endswith(".html") else sample_output / path
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        assert soup.find("meta", attrs={"name": "description"})["content"].strip(), path
        assert soup.find("link", rel="canonical")["href"] == SITE_URL + path
        og = {m["property"]: m["content"] for m in soup.find_all("meta", property=re.compile("^og:"))}
        assert set(og) == {"og:type", "og:site_name", "og:title", "og:description", "og:url"}, path
        titles[path] = soup.title.get_text()
    assert len(set(titles.values())) == len(titles), "page titles should tell pages apart"


def test_the_feed_lists_newly_listed_providers_newest_first(sample_output, sample_build):
    _, directory = sample_build
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ElementTree.parse(sample_output / "feed.xml").getroot().findall(f"{atom}entry")
    updated = [e.find(f"{atom}updated").text for e in entries]
    assert len(entries) == 40 and updated == sorted(updated, reverse=True)
    assert entries[0].find(f"{atom}link").get("href").startswith(SITE_URL + "providers/")


def test_a_withheld_listing_appears_in_no_export(site, tmp_path):
    write(tmp_path, "published-one")
    write(
        tmp_path, "lapsed-one", {"name": "Lapsed Homes", "insurance": {"public_liability": {"expires": "2026-11-01"}}}
    )
    output = tmp_path / "output"
    publish(dataclasses.replace(site, root=tmp_path), output, BUILD_DATE)
    everything = "".join(p.read_text(encoding="utf-8-sig", errors="replace") for p in output.rglob("*") if p.is_file())
    assert "Published One" in everything
    assert "Lapsed Homes" not in everything and "lapsed-one" not in everything


def test_exports_use_the_base_path_when_there_is_one(site, tmp_path):
    output = tmp_path / "directory"
    publish(site, output, BUILD_DATE, base_path="/directory/")
    assert "https://care-directory.example.org/directory/sitemap.xml" in (output / "robots.txt").read_text()
    services = json.loads((output / "open-data" / "services.json").read_text())["contents"]
    assert all(
        s["organization"]["uri"].startswith("https://care-directory.example.org/directory/providers/") for s in services
    )


# A small directory built from data, for what the sample does not vary: a paused
# listing, and insurance the policy does not require that has ended or is in force.
SMALL = {
    "active-homes": [{"name": "Active Homes"}],
    "paused-homes": [{"name": "Paused Homes", "status": "paused", "availability": {"accepting_new_clients": True}}],
    "ended-extra": [
        {"name": "Ended Extra", "insurance": {"employers_liability": {"expires": "2026-11-30", "cover_gbp": 10000000}}}
    ],
    "current-extra": [
        {
            "name": "Current Extra",
            "insurance": {"employers_liability": {"expires": "2026-12-01", "cover_gbp": 10000000}},
        }
    ],
}


@pytest.fixture(scope="module")
def small_build(site, tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    for slug, changes in SMALL.items():
        write(root, slug, *changes)
    output = root / "output"
    directory = publish(site_with_root(site, root), output, BUILD_DATE)
    rows = {
        row["name"]: row
        for row in csv.DictReader(io.StringIO((output / "open-data" / "providers.csv").read_text(encoding="utf-8-sig")))
    }
    return output, directory, rows


def test_the_csv_status_column_carries_each_listings_own_status(small_build):
    _, _, rows = small_build
    assert {name: row["status"] for name, row in rows.items()} == {
        "Active Homes": "active",
        "Paused Homes": "paused",
        "Ended Extra": "active",
        "Current Extra": "active",
    }


def test_a_paused_listing_is_exported_as_not_taking_new_clients(small_build, page):
    output, directory, rows = small_build
    assert {name: row["taking_new_clients"] for name, row in rows.items()} == {
        "Active Homes": "yes",
        "Paused Homes": "no",
        "Ended Extra": "yes",
        "Current Extra": "yes",
    }
    services = {s["name"]: s for s in json.loads((output / "open-data" / "services.json").read_text())["contents"]}
    assert services["Paused Homes"]["alert"] == "Not taking new clients at the moment."
    assert "alert" not in services["Active Homes"]
    assert "Not taking new clients at the moment" in page("providers/paused-homes/", output).get_text()


def test_ended_insurance_the_policy_does_not_require_is_not_shown(small_build, page):
    output, _, rows = small_build

    def insurance_rows(slug):
        soup = page(f"providers/{slug}/", output)
        return [
            " ".join(row.get_text(" ", strip=True).split())
            for row in soup.select(".govuk-summary-list__row")
            if "insurance" in row.find("dt").get_text()
        ]

    assert insurance_rows("ended-extra") == ["Public liability insurance £5,000,000 cover, valid until 2 November 2027"]
    assert insurance_rows("current-extra") == [
        "Public liability insurance £5,000,000 cover, valid until 2 November 2027",
        "Employers' liability insurance £10,000,000 cover, valid until 1 December 2026",
    ]
    assert rows["Ended Extra"]["insurance"] == "Public liability insurance: £5,000,000 until 2 November 2027"
    assert rows["Current Extra"]["insurance"] == (
        "Public liability insurance: £5,000,000 until 2 November 2027; "
        "Employers' liability insurance: £10,000,000 until 1 December 2026"
    )


def test_the_csv_row_says_every_fact_in_words(small_build):
    _, _, rows = small_build
    row = rows["Active Homes"]
    assert {
        k: row[k]
        for k in (
            "business_type",
            "workers",
            "services",
            "districts",
            "base_town",
            "base_postcode_district",
            "phone",
            "prices",
            "direct_payments",
            "self_funders",
            "cqc",
            "checks",
            "training",
            "listed_since",
            "last_reviewed",
        )
    } == {
        "business_type": "Sole trader (one self-employed person)",
        "workers": "1",
        "services": "Cleaning",
        "districts": "East Cambridgeshire",
        "base_town": "Ely",
        "base_postcode_district": "CB7",
        "phone": "01632 960555",
        "prices": "Cleaning: £18 an hour",
        "direct_payments": "yes",
        "self_funders": "yes",
        "cqc": "not_applicable",
        "checks": "Identity check: 3 November 2025; Right to work in the UK: 3 November 2025; "
        "Enhanced DBS check: 3 November 2025",
        "training": "Safeguarding adults: 20 October 2025; Basic first aid: 20 October 2025; "
        "Health and safety: 20 October 2025; "
        "Data protection (GDPR): 20 October 2025; Lone working: 20 October 2025",
        "listed_since": "2024-01-10",
        "last_reviewed": "2026-10-01",
    }


def test_json_ld_offers_each_price_with_its_amount_currency_and_unit(small_build, page):
    output, _, _ = small_build
    ld = json.loads(page("providers/active-homes/", output).find("script", type="application/ld+json").get_text())
    assert ld["makesOffer"] == [
        {
            "@type": "Offer",
            "name": "Cleaning",
            "priceSpecification": {
                "@type": "UnitPriceSpecification",
                "price": 18,
                "priceCurrency": "GBP",
                "unitText": "hour",
            },
        }
    ]
    assert ld["paymentAccepted"] == "Direct Payments, Self-funding"
    assert ld["telephone"] == "+441632960555"
