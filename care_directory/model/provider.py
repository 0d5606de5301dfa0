"""The provider model: one published provider, built once from a checked listing.

Templates, search files, open data, exports and reports all read a
`Provider`, never the raw listing, so a field is named in one place. Values
that residents read are already in words (prices, days, CQC position);
dates stay dates so each output can format them its own way.

The short keys of the search files are declared in `search_record.json`
beside this module; `search_record` and `details_record` write them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from sys import intern

from care_directory.config import ServiceGroup, Site
from care_directory.listings.loader import Listing
from care_directory.model.reviews import Reviews
from care_directory.model.wording import days_in_words, join_words, mailto, money, phone_display, phone_href

SEARCH_RECORD_FILE = Path(__file__).with_name("search_record.json")
SEARCH_RECORD = json.loads(SEARCH_RECORD_FILE.read_text(encoding="utf-8"))
# Provider field -> its short key in the search files' provider records.
SEARCH_KEYS = {spec["field"]: key for key, spec in SEARCH_RECORD["provider"].items()}
CQC_LOCATION_URL = "https://www.cqc.org.uk/location/{}"


@dataclass(frozen=True, slots=True)
class Price:
    """One line of the price list."""

    label: str  # the service's label, or the listing's own words
    amount: float
    unit: str  # the schema's unit id
    price: str  # amount and unit in words: "£18 an hour"
    notes: str


@dataclass(frozen=True, slots=True)
class Verified:
    """A check or course the council saw evidence of, on a date."""

    id: str
    label: str
    date: date


@dataclass(frozen=True, slots=True)
class Insurance:
    """An insurance policy in force on the build date."""

    id: str
    label: str
    expires: date
    cover_gbp: float

    @property
    def cover(self) -> str:
        return money(self.cover_gbp)


@dataclass(frozen=True, slots=True)
class ServicesInGroup:
    """The provider's services within one group of the vocabulary."""

    group: ServiceGroup
    services: tuple


@dataclass(frozen=True, slots=True)
class Provider:
    """Everything any output needs to show one published provider."""

    slug: str
    name: str
    summary: str
    description_html: str
    business_type_id: str
    business_type: str  # in words
    workers: float
    service_ids: tuple[str, ...]
    service_groups: tuple[ServicesInGroup, ...]
    district_ids: tuple[str, ...]
    districts: tuple[str, ...]  # district names, in the listing's order
    postcodes: tuple[str, ...]
    town: str
    base_postcode_district: str
    status: str
    accepting_new_clients: bool
    day_ids: tuple[str, ...]
    days: str  # in words: "Monday to Friday"
    times: str  # in words: "Mornings and afternoons"
    availability_notes: str
    prices: tuple[Price, ...]
    direct_payments: bool
    self_funders: bool
    regulation: str  # CQC status id
    regulation_text: str
    cqc_location_id: str
    checks: tuple[Verified, ...]
    insurance: tuple[Insurance, ...]
    training: tuple[Verified, ...]
    languages: tuple[str, ...]
    phone: str  # as displayed, or ''
    phone_href: str
    email: str
    website: str
    contact_name: str
    council_reference: str  # for staff and exports; not shown on the page
    listed_since: date
    last_reviewed: date
    reviews: Reviews = Reviews()  # residents' reviews shown on the build date

    @property
    def path(self) -> str:
        """The page's path below the site's base path."""
        return f"providers/{self.slug}/"

    @property
    def cheapest(self) -> Price:
        return min(self.prices, key=lambda p: p.amount)

    @property
    def price_from(self) -> str:
        return f"From {self.cheapest.price}"

    @property
    def cqc_url(self) -> str:
        return CQC_LOCATION_URL.format(self.cqc_location_id) if self.regulation == "registered" else ""

    @property
    def price_rows(self) -> list[list[str]]:
        return [[p.label, p.price] for p in self.prices]

    @property
    def rating(self) -> float:
        """The average rating, or 0 when too few residents have reviewed the provider for one to be shown."""
        return self.reviews.average or 0

    @property
    def rating_words(self) -> str:
        """'4.5 out of 5, from 12 reviews', or '' when no average is shown."""
        return self.reviews.average_words

    @property
    def email_href(self) -> str:
        """mailto: link with the address encoded, or ''."""
        return mailto(self.email) if self.email else ""

    @property
    def when_they_work(self) -> str:
        return ". ".join(part for part in (self.days, self.times) if part)

    @property
    def checks_summary(self) -> tuple[str, ...]:
        """What the council verified, short enough to compare side by side.

        Each check and insurance policy by name, then the training as a count,
        since the course names are on the provider's page:
        ("Identity check", "Enhanced DBS check", "Public liability insurance", "5 training courses").
        """
        courses = len(self.training)
        training = (f"{courses} training {'course' if courses == 1 else 'courses'}",) if courses else ()
        return tuple(c.label for c in self.checks) + tuple(i.label for i in self.insurance) + training


def provider_from_listing(site: Site, listing: Listing, today: date, reviews: Reviews | None = None) -> Provider:
    """The provider model of a checked listing, as published on `today`, with its residents' reviews."""
    data, vocabulary = listing.data, site.vocabulary
    labels = vocabulary.labels
    availability, contact, regulation = data["availability"], data["contact"], data["regulation"]
    services = vocabulary.services
    groups = (ServicesInGroup(g, tuple(s for s in g.services if s.id in data["services"])) for g in vocabulary.groups)
    return Provider(
        slug=listing.slug,
        name=data["name"],
        summary=data["summary"],
        description_html=listing.description_html,
        business_type_id=intern(data["business_type"]),
        business_type=labels["business_type"][data["business_type"]],
        workers=data["workers"],
        service_ids=_shared(data["services"]),
        service_groups=tuple(g for g in groups if g.services),
        district_ids=_shared(data["areas"]["districts"]),
        districts=tuple(site.districts[d] for d in data["areas"]["districts"]),
        postcodes=_shared(data["areas"].get("postcodes", [])),
        town=intern(data["base"]["town"]),
        base_postcode_district=intern(data["base"]["postcode_district"]),
        status=intern(data["status"]),
        # A paused listing is shown as not taking new clients whatever its availability says.
        accepting_new_clients=availability["accepting_new_clients"] and data["status"] == "active",
        day_ids=_shared(availability.get("days", [])),
        days=intern(days_in_words(availability.get("days", []), labels["days"])),
        times=intern(join_words([labels["times"][t] for t in availability.get("times", [])]).capitalize()),
        availability_notes=availability.get("notes", ""),
        prices=tuple(
            Price(
                label=services[p["service_or_label"]].label
                if p["service_or_label"] in services
                else p["service_or_label"],
                amount=p["amount"],
                unit=p["unit"],
                price=f"{money(p['amount'])} {labels['unit'][p['unit']]}",
                notes=p.get("notes", ""),
            )
            for p in data["pricing"]
        ),
        direct_payments=data["payment"]["direct_payments"],
        self_funders=data["payment"]["self_funders"],
        regulation=intern(regulation["cqc"]),
        regulation_text=labels["regulation"][regulation["cqc"]]["text"],
        cqc_location_id=regulation.get("cqc_location_id", ""),
        checks=_verified(data.get("checks", {}), vocabulary.checks),
        insurance=tuple(
            Insurance(intern(k), vocabulary.insurance[k], v["expires"], v["cover_gbp"])
            for k, v in _in_vocabulary_order(data.get("insurance", {}), vocabulary.insurance)
            if v["expires"] >= today  # insurance the policy does not require may have ended: say nothing of it
        ),
        training=_verified(data.get("training", {}), vocabulary.training),
        languages=_shared(data.get("languages", [])),
        phone=phone_display(contact["phone"]) if "phone" in contact else "",
        phone_href=phone_href(contact["phone"]) if "phone" in contact else "",
        email=contact.get("email", ""),
        website=contact.get("website", ""),
        contact_name=contact.get("contact_name", ""),
        council_reference=data.get("council_reference", ""),
        listed_since=data["listed_since"],
        last_reviewed=data["last_reviewed"],
        reviews=reviews or Reviews(min_count=site.policy.reviews.min_count),
    )


def _in_vocabulary_order(items: dict, known: dict[str, str]) -> list[tuple]:
    """The items whose ids the vocabulary knows (a checked listing has no others), in the vocabulary's order."""
    return [(key, items[key]) for key in known if key in items]


def _verified(items: dict[str, date], known: dict[str, str]) -> tuple[Verified, ...]:
    return tuple(Verified(intern(k), known[k], when) for k, when in _in_vocabulary_order(items, known))


def _shared(values: list[str]) -> tuple[str, ...]:
    """Ids and short words repeat across thousands of providers: one copy of each is kept (sys.intern)."""
    return tuple(intern(value) for value in values)


def _encoded(value):
    """Search files write true/false as 1/0 and tuples as lists."""
    if isinstance(value, bool):
        return int(value)
    return list(value) if isinstance(value, tuple) else value


def search_record(provider: Provider) -> dict:
    """The provider's facts for the search files (filter table, cards, shortlist), under the contract's short keys."""
    return {key: _encoded(getattr(provider, spec["field"])) for key, spec in SEARCH_RECORD["provider"].items()}


def details_record(provider: Provider) -> dict:
    """What only the shortlist comparison needs, under the contract's details keys (search/shortlist/*.json)."""
    return {key: _encoded(getattr(provider, spec["field"])) for key, spec in SEARCH_RECORD["details"].items()}
