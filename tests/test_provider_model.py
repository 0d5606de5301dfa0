"""The Provider model: what pages and exports show for one published listing.

Built straight from a listing written from data (listing_data.py), without
building the site, so each field is checked on its own and quickly.
"""

from datetime import date

import pytest
from listing_data import DELETE, write

from care_directory.listings.loader import load_listings
from care_directory.model.provider import details_record, provider_from_listing, search_record
from conftest import BUILD_DATE, site_with_root

REGISTERED = {"regulation": {"cqc": "registered", "cqc_location_id": "1-1234567890"}}


@pytest.fixture
def provider(site, tmp_path):
    """The Provider for the fixture listing with changes, as published on the build date."""

    def make(*changes, today=BUILD_DATE):
        write(tmp_path, "tidy-homes", *changes)
        (listing,), problems = load_listings(site_with_root(site, tmp_path), use_cache=False)
        assert problems == []
        return provider_from_listing(site, listing, today)

    return make


FULL = [
    {
        "business_type": "partnership",
        "workers": 2,
        "services": ["gardening", "washing-and-bathing", "cleaning"],
        "areas": {"districts": ["east-cambridgeshire", "cambridge"], "postcodes": ["CB7", "CB1"]},
        "contact": {
            "phone": "+44 1632 960555",
            "email": "hello@tidy.example.org",
            "website": "https://tidy.example.org",
            "contact_name": "Sam Jones",
        },
        "availability": {
            "accepting_new_clients": True,
            "days": ["fri", "mon", "tue", "wed"],
            "times": ["mornings", "afternoons"],
            "notes": "Not on bank holidays.",
        },
        "pricing": [
            {"service_or_label": "cleaning", "amount": 18, "unit": "hour"},
            {"service_or_label": "Deep clean", "amount": 15.5, "unit": "visit", "notes": "minimum two hours"},
            {"service_or_label": "gardening", "amount": 30, "unit": "session"},
        ],
        "payment": {"direct_payments": False, "self_funders": True},
        **REGISTERED,
        "languages": ["Polish", "Welsh"],
        "checks": DELETE,
        "insurance": DELETE,
        "training": DELETE,
    },
    # Written out of the vocabulary's order, to check that pages show them in its order.
    {
        "checks": {"enhanced_dbs": "2025-11-03", "right_to_work": "2025-11-04", "identity": "2025-11-05"},
        "insurance": {
            "employers_liability": {"expires": "2027-11-03", "cover_gbp": 10000000},
            "public_liability": {"expires": "2027-11-02", "cover_gbp": 5000000.5},
        },
        "training": {
            "lone_worker": "2025-10-21",
            "safeguarding": "2025-10-20",
            "gdpr": "2025-10-22",
            "first_aid": "2025-10-23",
            "health_and_safety": "2025-10-24",
        },
    },
]


def test_every_field_of_a_full_listing(provider):
    p = provider(*FULL)
    facts = {
        "slug": p.slug,
        "name": p.name,
        "summary": p.summary,
        "description_html": p.description_html.strip(),
        "business_type_id": p.business_type_id,
        "business_type": p.business_type,
        "workers": p.workers,
        "service_ids": p.service_ids,
        "service_groups": [(g.group.id, [s.id for s in g.services]) for g in p.service_groups],
        "district_ids": p.district_ids,
        "districts": p.districts,
        "postcodes": p.postcodes,
        "town": p.town,
        "base_postcode_district": p.base_postcode_district,
        "status": p.status,
        "accepting_new_clients": p.accepting_new_clients,
        "day_ids": p.day_ids,
        "days": p.days,
        "times": p.times,
        "availability_notes": p.availability_notes,
        "when_they_work": p.when_they_work,
        "prices": [(x.label, x.amount, x.unit, x.price, x.notes) for x in p.prices],
        "price_from": p.price_from,
        "price_rows": p.price_rows,
        "direct_payments": p.direct_payments,
        "self_funders": p.self_funders,
        "regulation": p.regulation,
        "regulation_text": p.regulation_text,
        "cqc_location_id": p.cqc_location_id,
        "cqc_url": p.cqc_url,
        "checks": [(c.id, c.label, c.date) for c in p.checks],
        "insurance": [(i.id, i.label, i.expires, i.cover_gbp, i.cover) for i in p.insurance],
        "training": [(t.id, t.label, t.date) for t in p.training],
        "languages": p.languages,
        "phone": p.phone,
        "phone_href": p.phone_href,
        "email": p.email,
        "website": p.website,
        "contact_name": p.contact_name,
        "listed_since": p.listed_since,
        "last_reviewed": p.last_reviewed,
        "path": p.path,
    }
    assert facts == {
        "slug": "tidy-homes",
        "name": "Tidy Homes",
        "summary": "Weekly cleaning for older people in Ely.",
        "description_html": "<p>A small cleaning business run by one person.</p>",
        "business_type_id": "partnership",
        "business_type": "Partnership",
        "workers": 2,
        "service_ids": ("gardening", "washing-and-bathing", "cleaning"),
        "service_groups": [("personal-care", ["washing-and-bathing"]), ("home-care", ["cleaning", "gardening"])],
        "district_ids": ("east-cambridgeshire", "cambridge"),
        "districts": ("East Cambridgeshire", "Cambridge"),
        "postcodes": ("CB7", "CB1"),
        "town": "Ely",
        "base_postcode_district": "CB7",
        "status": "active",
        "accepting_new_clients": True,
        "day_ids": ("fri", "mon", "tue", "wed"),
        "days": "Monday to Wednesday and Friday",
        "times": "Mornings and afternoons",
        "availability_notes": "Not on bank holidays.",
        "when_they_work": "Monday to Wednesday and Friday. Mornings and afternoons",
        "prices": [
            ("Cleaning", 18, "hour", "£18 an hour", ""),
            ("Deep clean", 15.5, "visit", "£15.50 a visit", "minimum two hours"),
            ("Gardening", 30, "session", "£30 a session", ""),
        ],
        "price_from": "From £15.50 a visit",
        "price_rows": [["Cleaning", "£18 an hour"], ["Deep clean", "£15.50 a visit"], ["Gardening", "£30 a session"]],
        "direct_payments": False,
        "self_funders": True,
        "regulation": "registered",
        "regulation_text": "Registered with the Care Quality Commission (CQC), the regulator for care in England.",
        "cqc_location_id": "1-1234567890",
        "cqc_url": "https://www.cqc.org.uk/location/1-1234567890",
        "checks": [
            ("identity", "Identity check", date(2025, 11, 5)),
            ("right_to_work", "Right to work in the UK", date(2025, 11, 4)),
            ("enhanced_dbs", "Enhanced DBS check", date(2025, 11, 3)),
        ],
        "insurance": [
            ("public_liability", "Public liability insurance", date(2027, 11, 2), 5000000.5, "£5,000,000.50"),
            ("employers_liability", "Employers' liability insurance", date(2027, 11, 3), 10000000, "£10,000,000"),
        ],
        "training": [
            ("safeguarding", "Safeguarding adults", date(2025, 10, 20)),
            ("first_aid", "Basic first aid", date(2025, 10, 23)),
            ("health_and_safety", "Health and safety", date(2025, 10, 24)),
            ("gdpr", "Data protection (GDPR)", date(2025, 10, 22)),
            ("lone_worker", "Lone working", date(2025, 10, 21)),
        ],
        "languages": ("Polish", "Welsh"),
        "phone": "01632 960555",
        "phone_href": "tel:+441632960555",
        "email": "hello@tidy.example.org",
        "website": "https://tidy.example.org",
        "contact_name": "Sam Jones",
        "listed_since": date(2024, 1, 10),
        "last_reviewed": date(2026, 10, 1),
        "path": "providers/tidy-homes/",
    }


def test_optional_fields_left_out_are_empty(provider):
    p = provider({"contact": {"phone": DELETE, "email": "hello@tidy.example.org"}})
    assert (p.phone, p.phone_href, p.website, p.contact_name) == ("", "", "", "")
    assert (p.day_ids, p.days, p.times, p.availability_notes, p.when_they_work) == ((), "", "", "", "")
    assert (p.languages, p.postcodes, p.cqc_location_id, p.cqc_url) == ((), (), "", "")
    assert (
        p.regulation_text
        == "Does not offer personal care, so does not need to register with the Care Quality Commission (CQC)."
    )


@pytest.mark.parametrize(
    "status, accepting, shown",
    [("active", True, True), ("active", False, False), ("paused", True, False), ("paused", False, False)],
)
def test_a_paused_listing_is_never_shown_as_taking_new_clients(provider, status, accepting, shown):
    p = provider({"status": status, "availability": {"accepting_new_clients": accepting}})
    assert p.accepting_new_clients is shown
    assert search_record(p)["a"] == int(shown)


@pytest.mark.parametrize(
    "expires, shown",
    [("2026-11-30", False), ("2026-12-01", True), ("2027-06-01", True)],
    ids=["ended yesterday", "last day of cover is today", "in date"],
)
def test_insurance_the_policy_does_not_require_is_shown_only_while_in_force(provider, expires, shown):
    # One worker: the Cambridgeshire policy does not require employers' liability insurance.
    p = provider({"insurance": {"employers_liability": {"expires": expires, "cover_gbp": 5000000}}})
    assert [i.id for i in p.insurance] == (
        ["public_liability", "employers_liability"] if shown else ["public_liability"]
    )


def test_the_price_shown_first_is_the_cheapest_whatever_its_position(provider):
    prices = [{"service_or_label": "cleaning", "amount": amount, "unit": "hour"} for amount in (25, 19.99, 20, 30)]
    assert provider({"pricing": prices}).price_from == "From £19.99 an hour"
    assert provider({"pricing": prices[:1]}).price_from == "From £25 an hour"


@pytest.mark.parametrize(
    "availability, words",
    [
        ({"days": ["mon", "tue"]}, "Monday and Tuesday"),
        ({"times": ["evenings"]}, "Evenings"),
        ({"times": ["mornings", "evenings", "weekends"]}, "Mornings, evenings and weekends"),
        ({"days": ["sat", "sun"], "times": ["nights"]}, "Saturday and Sunday. Nights"),
        ({}, ""),
    ],
)
def test_when_they_work_puts_days_and_times_in_words(provider, availability, words):
    assert provider({"availability": availability}).when_they_work == words


def test_search_records_write_true_and_false_as_numbers_and_tuples_as_lists(provider):
    p = provider(*FULL)
    record = search_record(p)
    assert (record["k"], record["n"], record["u"], record["v"]) == (
        "tidy-homes",
        "Tidy Homes",
        "providers/tidy-homes/",
        ["gardening", "washing-and-bathing", "cleaning"],
    )
    assert (record["dp"], record["sf"]) == (0, 1) and type(record["sf"]) is int
    assert all(not isinstance(value, (tuple, bool)) for value in record.values())
    assert all(not isinstance(value, (tuple, bool)) for value in details_record(p).values())


def test_a_listing_without_email_has_an_empty_email_in_the_shortlist_details(provider):
    p = provider()  # the fixture listing gives a phone number only
    assert p.email == ""
    assert details_record(p) == {
        "pr": [["Cleaning", "£18 an hour"]],
        "w": "",
        "c": [
            "Identity check",
            "Right to work in the UK",
            "Enhanced DBS check",
            "Public liability insurance",
            "5 training courses",
        ],
        "ph": "01632 960555",
        "pt": "tel:+441632960555",
        "e": "",
        "m": "",
        "rt": "Does not offer personal care, so does not need to register with the Care Quality Commission (CQC).",
    }


def test_an_email_address_is_linked_with_its_parts_encoded(provider):
    p = provider({"contact": {"email": "a?bcc=everyone@example.org"}})
    assert p.email_href == "mailto:a%3Fbcc%3Deveryone@example.org"
    assert details_record(p)["m"] == p.email_href
